"""Shared fixtures: a temporary database, the seeds (skipped where ../shared is absent), a CLI runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EVAL = SHARED / "eval"
SAMPLES = ROOT / "data" / "samples"
ARABIC_SEED = "000_496859afa65523b2.txt"
PERSIAN_SEED = "003_0008ca096ddcc2a4.txt"


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
