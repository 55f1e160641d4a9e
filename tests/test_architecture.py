"""The layering holds: only workbench/store imports duckdb; pure layers never reach the store or UI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _modules(sub: str = "") -> list[Path]:
    return sorted((PACKAGE / sub).rglob("*.py"))


def test_only_store_imports_duckdb() -> None:
    offenders = [
        p.relative_to(PACKAGE).as_posix()
        for p in _modules()
        if any(i.split(".")[0] == "duckdb" for i in _imports(p)) and "store" not in p.parts
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        (
            "text",
            (
                "workbench.store",
                "workbench.ingest",
                "workbench.ui",
                "workbench.cli",
                "duckdb",
                "streamlit",
            ),
        ),
        ("linking", ("workbench.store", "workbench.ui", "workbench.cli", "duckdb", "streamlit")),
        ("ingest", ("workbench.ui", "workbench.cli", "duckdb", "streamlit")),
        ("store", ("workbench.ui", "workbench.cli", "workbench.review", "streamlit")),
        ("review", ("workbench.ui", "workbench.cli", "duckdb", "streamlit")),
        ("export", ("workbench.ui", "workbench.cli", "duckdb", "streamlit")),
        ("ui", ("duckdb", "rapidfuzz", "workbench.cli")),
    ],
)
def test_imports_flow_one_way(layer: str, forbidden: tuple[str, ...]) -> None:
    offenders = {
        p.relative_to(PACKAGE).as_posix(): sorted(i for i in _imports(p) if i.startswith(forbidden))
        for p in _modules(layer)
    }
    assert {k: v for k, v in offenders.items() if v} == {}
