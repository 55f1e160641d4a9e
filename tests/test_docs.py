"""Docs stay true to the code: every command and every setting is documented."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from workbench.cli import cli
from workbench.settings import describe

ROOT = Path(__file__).resolve().parents[1]


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    names = []
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        if isinstance(command, click.Group):
            names.extend(_commands(command, f"{full} "))
        else:
            names.append(full)
    return names


@pytest.mark.parametrize("command", _commands(cli))
def test_command_is_documented(command: str) -> None:
    assert f"workbench {command}" in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", [row[1] for row in describe()])
def test_setting_is_documented(setting: str) -> None:
    assert setting in (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    head = (ROOT / "README.md").read_text(encoding="utf-8")[:600]
    assert "make demo" in head and "make test" in head


def test_make_demo_ingests_a_folder_that_exists() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    paths = [
        line.split(" ingest ", 1)[1].split()[0]
        for line in makefile.splitlines()
        if " ingest " in line
    ]
    assert paths and all((ROOT / p).is_dir() for p in paths)
