"""A linked sample database shared by the review tests (built once, copied per test)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import SAMPLES
from workbench.jobs.ingest import ingest
from workbench.jobs.link import link
from workbench.review.claims import origins
from workbench.settings import Settings
from workbench.store import Store

T0 = dt.datetime(2026, 1, 5, 9, 0, 0)


def build_linked(path: Path) -> Path:
    """Ingest and link data/samples/articles into ``path``."""
    settings = Settings(db=path)
    ingest([SAMPLES / "articles"], Store(path), settings)
    link(Store(path), settings)
    return path


#: Two hostile outlets whose claims link to each other and to the samples: markup in text,
#: titles and outlet names must be shown as text, never run.
HOSTILE = (
    '{"id": "h1", "source": "<script>window.pwned=1</script>", "title": "<b>t</b>", '
    '"published": "2025-03-10", "text": "<img src=x onerror=\\"window.pwned=1\\"> '
    'General Karim Nassar led 120 engineers inspecting the Kharzan Dam on Monday."}\n'
    '{"id": "h2", "source": "Evil <i>Wire</i>", "published": "2025-03-10", '
    '"text": "=HYPERLINK(\\"http://x\\") Admiral Karim Nassar led 120 engineers inspecting '
    'the Kharzan Dam on Monday <svg onload=\\"window.pwned=1\\">."}\n'
)


def build_ui_db(path: Path) -> Path:
    """The linked samples plus two hostile outlets, linked."""
    build_linked(path)
    hostile = path.parent / "hostile.jsonl"
    hostile.write_text(HOSTILE, encoding="utf-8")
    settings = Settings(db=path)
    ingest([hostile], Store(path), settings)
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


def independent_matches(store: Store) -> pl.DataFrame:
    """Matches whose two articles are of different origins (not copies, not one wire), best
    first: verdicts on them change claim statuses."""
    groups = origins(store).select("article_id", "origin")
    frame = (
        store.matches()
        .join(groups.rename({"article_id": "article_a_id", "origin": "oa"}), on="article_a_id")
        .join(groups.rename({"article_id": "article_b_id", "origin": "ob"}), on="article_b_id")
    )
    return frame.filter(pl.col("oa") != pl.col("ob")).sort("score", "match_id", descending=True)


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
