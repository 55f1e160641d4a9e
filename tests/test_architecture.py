"""The layering holds: one ordered list of layers, each importing only from the ones below it.

A module may import its own package and any package of a lower layer, never a package of its
own layer or one above. Third-party parts have their one home: only ``store`` imports duckdb,
only ``ui`` streamlit, and the pages compute nothing (no rapidfuzz).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"

#: Lowest first. A package (or top-level module) of one layer imports only from earlier ones.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("models", "ids", "settings", "parallel"),  # records, identity, configuration, the pool
    ("text",),  # pure text processing
    ("linking", "ingest"),  # pure linking; reading files into records
    ("store",),  # the only importer of duckdb
    ("jobs", "review"),  # runs that tie the pure layers to the store; what reviewers see
    ("export",),  # writers, over the store and the review roll-ups
    ("cli", "ui"),  # thin shells
    ("__main__",),  # python -m workbench
)
LAYER_OF = {name: depth for depth, names in enumerate(LAYERS) for name in names}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            if node.module == "workbench":
                found.update(f"workbench.{alias.name}" for alias in node.names)
    return found


def _modules() -> list[Path]:
    return sorted(
        p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE
    )


def _package(path: Path, root: Path = PACKAGE) -> str:
    return path.relative_to(root).parts[0].removesuffix(".py")


def _upward(path: Path, root: Path = PACKAGE) -> list[str]:
    own = _package(path, root)
    wrong = []
    for name in _imports(path):
        parts = name.split(".")
        if parts[0] != "workbench" or len(parts) < 2 or parts[1] == own:
            continue
        if LAYER_OF[parts[1]] >= LAYER_OF[own]:
            wrong.append(name)
    return sorted(wrong)


def test_every_package_has_a_layer() -> None:
    assert {_package(p) for p in _modules()} - LAYER_OF.keys() == set()


def test_imports_only_reach_lower_layers() -> None:
    offenders = {p.relative_to(PACKAGE).as_posix(): _upward(p) for p in _modules()}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    bad = tmp_path / "text" / "bad.py"
    bad.write_text("from workbench.store import Store\nfrom workbench.text import sentence\n")
    assert _upward(bad, tmp_path) == ["workbench.store"]


@pytest.mark.parametrize(
    ("library", "home"), [("duckdb", "store"), ("streamlit", "ui")], ids=["duckdb", "streamlit"]
)
def test_a_third_party_part_has_one_home(library: str, home: str) -> None:
    offenders = [
        p.relative_to(PACKAGE).as_posix()
        for p in _modules()
        if any(i.split(".")[0] == library for i in _imports(p)) and _package(p) != home
    ]
    assert offenders == []


def test_the_pages_compute_nothing() -> None:
    pages = [p for p in _modules() if _package(p) == "ui"]
    assert pages and [p.name for p in pages if "rapidfuzz" in _imports(p)] == []
