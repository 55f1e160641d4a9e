"""A linked sample database shared by the review tests (built once, copied per test)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from workbench.ingest.pipeline import ingest
from workbench.jobs.link import link
from workbench.settings import Settings
from workbench.store import Store

T0 = dt.datetime(2026, 1, 5, 9, 0, 0)


def build_linked(path: Path) -> Path:
    """Ingest and link data/samples/articles into ``path``."""
    settings = Settings(db=path)
    ingest([SAMPLES / "articles"], Store(path), settings)
    link(Store(path), settings)
    return path


@pytest.fixture(scope="session")
def linked_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_linked(tmp_path_factory.mktemp("linked") / "template.duckdb")


@pytest.fixture
def linked(linked_template: Path, tmp_path: Path) -> Store:
    """A fresh copy of the linked sample database for one test."""
    path = tmp_path / "linked.duckdb"
    shutil.copy(linked_template, path)
    return Store(path)


class Clock:
    """A clock the test moves by hand (UTC, naive), a microsecond per reading."""

    def __init__(self, start: dt.datetime = T0) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(microseconds=1)
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


MakeClock = Callable[[], Clock]
