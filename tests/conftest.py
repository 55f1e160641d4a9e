"""Shared fixtures: a temporary database, the seeds (skipped where ../shared is absent), a CLI runner."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EVAL = SHARED / "eval"
SAMPLES = ROOT / "data" / "samples"
ARABIC_SEED = "000_496859afa65523b2.txt"
PERSIAN_SEED = "003_0008ca096ddcc2a4.txt"


@pytest.fixture(autouse=True)
def _every_started_process_is_finished() -> Iterator[None]:
    """Every process a test starts (``subprocess.Popen``, and ``run`` through it) is finished
    when the test ends: killed if it still runs, always waited for and its pipes closed.

    A test that fails between starting a helper and waiting for it used to leave the process
    running; when the garbage collector later found its ``Popen``, the ``ResourceWarning``
    ("subprocess ... is still running") surfaced in whatever test ran then (seen as a red
    ``test_cli.py::test_status_json`` on a fresh clone), and warnings are errors here.
    Module-scoped servers are started before this function-scoped fixture and are not touched.
    """
    started: list[subprocess.Popen[Any]] = []
    original = subprocess.Popen.__init__

    def tracking(self: subprocess.Popen[Any], *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        started.append(self)

    subprocess.Popen.__init__ = tracking  # type: ignore[method-assign]
    try:
        yield
    finally:
        subprocess.Popen.__init__ = original  # type: ignore[method-assign]
        for process in started:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=60)
            for pipe in (process.stdin, process.stdout, process.stderr):
                if pipe is not None:
                    pipe.close()


@pytest.fixture
def seeds() -> Path:
    """The folder of real seed articles; the test is skipped where ../shared is absent."""
    if not (SEEDS / ARABIC_SEED).exists():
        pytest.skip(f"seed articles not found at {SEEDS}")
    return SEEDS


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A fresh database path (the file is created by the first write)."""
    return tmp_path / "test.duckdb"


RunCli = Callable[..., Result]


@pytest.fixture
def run_cli(db: Path) -> RunCli:
    """Run ``workbench --db <tmp db> ARGS...`` in-process and return click's result."""

    from workbench.cli import cli

    def run(*args: str | Path) -> Result:
        runner = CliRunner()
        return runner.invoke(cli, ["--db", str(db), *map(str, args)], catch_exceptions=False)

    return run


pytest_plugins = ["tests.review_fixtures"]
