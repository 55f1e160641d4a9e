"""The CLI: help, status, export claims with spreadsheet-safe cells, settings."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, RunCli
from workbench.export.csv_safe import neutralise


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("=1+1", "'=1+1", id="equals"),
        pytest.param("+9715", "'+9715", id="plus"),
        pytest.param("-2+3", "'-2+3", id="minus"),
        pytest.param("@SUM(A1)", "'@SUM(A1)", id="at"),
        pytest.param("\tcmd", "'\tcmd", id="tab"),
        pytest.param("\rcmd", "'\rcmd", id="carriage return"),
        pytest.param("plain text", "plain text", id="plain"),
        pytest.param("متن = فارسی", "متن = فارسی", id="equals inside is fine"),
        pytest.param(-3, -3, id="a negative number stays a number"),
        pytest.param(None, None, id="empty"),
    ],
)
def test_neutralise(value: object, expected: object) -> None:
    assert neutralise(value) == expected


def test_help_lists_commands(run_cli: RunCli) -> None:
    result = run_cli("--help")
    for command in ("ingest", "status", "export", "serve", "settings"):
        assert command in result.output


def test_status_before_ingest_is_a_clear_error(run_cli: RunCli) -> None:
    result = run_cli("status")
    assert result.exit_code == 1
    assert "no database at" in result.output


def test_status_json(run_cli: RunCli) -> None:
    run_cli("ingest", "-q", SAMPLES / "articles")
    data = json.loads(run_cli("status", "--json").output)
    assert data["totals"]["articles"] == 8
    assert {row["language"] for row in data["by_source"]} >= {"ar", "fa", "en", "fr"}


def test_export_claims(run_cli: RunCli, tmp_path: Path) -> None:
    run_cli("ingest", "-q", SAMPLES / "articles")
    out = tmp_path / "claims.csv"
    result = run_cli("export", "claims", out)
    assert result.exit_code == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {
        "claim_id",
        "article_id",
        "article_ref",
        "source",
        "language",
        "published",
        "position",
        "text",
        "dates",
        "numbers",
        "names",
    } <= set(rows[0])
    assert any(r["language"] == "fa" and "2025-03-09" in (r["dates"] or "") for r in rows)


def test_export_neutralises_formulas(run_cli: RunCli, tmp_path: Path) -> None:
    page = tmp_path / "evil.txt"
    page.write_text(
        "Site icon =HYPERLINK(\"http://example.com\")\n\n=cmd|' /C calc'!A0 is what the page said today.\n"
    )
    run_cli("ingest", "-q", page)
    out = tmp_path / "claims.csv"
    run_cli("export", "claims", "--excel", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert all(not v.startswith(("=", "+", "-", "@")) for row in rows for v in row.values() if v)
    assert rows[0]["source"].startswith("'=HYPERLINK")


def test_settings_lists_every_setting(run_cli: RunCli) -> None:
    output = run_cli("settings").output.replace("\n", " ")
    for name in ("WORKBENCH_DB", "WORKBENCH_MAX_FILE_MB", "WORKBENCH_MAX_CLAIM_CHARS"):
        assert name in output


def test_db_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from workbench.cli import cli

    target = tmp_path / "env.duckdb"
    monkeypatch.setenv("WORKBENCH_DB", str(target))
    result = CliRunner().invoke(cli, ["ingest", "-q", str(SAMPLES / "articles")])
    assert result.exit_code == 0 and target.exists()


def test_status_shows_hostile_outlet_names_as_written_text(run_cli: RunCli, tmp_path: Path) -> None:
    """Outlet names are untrusted: never Rich markup, never escape codes or bidi overrides.
    (Ingest already drops control characters from every field; bidi marks are kept, as
    Arabic and Persian text needs them, and are written out here, not obeyed.)"""
    feed = tmp_path / "feed.jsonl"
    names = ["Wire [/x]", "[bold red]Loud[/]", "Evil\x1b[2J\x1b]0;owned\x07 News", "Rtl\u202eswen"]
    with feed.open("w", encoding="utf-8") as handle:
        for i, name in enumerate(names):
            text = f"The minister said on Monday that {i + 2} dams would open. Talks went on."
            handle.write(json.dumps({"id": f"h{i}", "source": name, "text": text}) + "\n")
    assert run_cli("ingest", "-q", feed).exit_code == 0
    result = run_cli("status")
    assert result.exit_code == 0, result.output
    assert "Wire [/x]" in result.output and "[bold red]Loud[/]" in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\u202e" not in result.output
    assert "Evil[2J]0;owned News" in result.output and "Rtl\\u202eswen" in result.output
