"""Who is reviewing: the pure rules (names from a header or a login, adjudication), the UI
with an identity source on (AppTest), and `serve` refusing an open address without one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.review_fixtures import T0, build_ui_db, independent_matches
from tests.test_ui import APP, VIEWS
from workbench.cli import _loopback
from workbench.models import Label, VerdictIn
from workbench.review import identity
from workbench.review.adjudication import NotAllowed, adjudicate
from workbench.review.identity import Source
from workbench.store import Store


def test_a_header_gives_the_name_whatever_its_case_tidied() -> None:
    who = identity.from_header(
        {"x-forwarded-user": " ana@desk.example\x1b[31m\u200b "}, "X-Forwarded-User"
    )
    assert (who.name, who.source, who.trusted) == ("ana@desk.example[31m", Source.HEADER, True)
    assert (
        identity.from_header({"X-Forwarded-User": "x" * 500}, "x-forwarded-user").name == "x" * 80
    )


@pytest.mark.parametrize("headers", [{}, {"X-Forwarded-User": ""}, {"X-Forwarded-User": " \t"}])
def test_no_header_is_no_name_and_says_why(headers: dict[str, str]) -> None:
    who = identity.from_header(headers, "X-Forwarded-User")
    assert who.name == "" and who.trusted
    assert "no X-Forwarded-User header" in who.missing and "proxy" in who.missing


def test_a_login_gives_the_email_and_no_login_says_log_in() -> None:
    assert identity.from_login(True, {"email": "bo@desk.example", "name": "Bo"}).name == (
        "bo@desk.example"
    )
    assert identity.from_login(True, {"name": "Bo"}).name == "Bo"
    out = identity.from_login(False, {"email": "bo@desk.example"})
    assert (out.name, out.source, out.missing) == ("", Source.LOGIN, "log in to record verdicts")
    assert identity.from_login(True, {}).missing.startswith("the identity provider gave no")


def test_a_typed_name_is_a_label() -> None:
    who = identity.typed("  Ana   María ")
    assert (who.name, who.trusted) == ("Ana María", False)
    assert identity.typed(None).name == ""


def test_login_is_configured_only_by_an_auth_table(tmp_path: Path) -> None:
    good, other, broken = tmp_path / "a.toml", tmp_path / "b.toml", tmp_path / "c.toml"
    good.write_text('[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\n')
    other.write_text('auth = "yes"\n[db]\nx = 1\n')
    broken.write_text("[auth\n")
    assert identity.login_configured([tmp_path / "missing.toml", good])
    assert not identity.login_configured([other, broken, tmp_path / "missing.toml"])


def test_adjudication_rules() -> None:
    desk = identity.names(" Editor , ,Chief ")
    assert desk == {"Editor", "Chief"}
    assert identity.adjudication_refused("Editor", ["ana", "bo"], desk) == ""
    assert identity.adjudication_refused("ana", ["ana", "bo"], ()) == (
        "ana judged this pair and cannot adjudicate it"
    )
    assert identity.adjudication_refused("ana", ["bo"], desk) == (
        "ana is not among the desk's adjudicators"
    )
    assert identity.adjudication_refused("ana", ["bo"], ()) == ""  # no list: anyone else


def test_header_names_are_checked() -> None:
    assert identity.valid_header_name("X-Forwarded-User")
    assert not identity.valid_header_name("X Forwarded: User")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_ui_db(tmp_path_factory.mktemp("identity") / "ui.duckdb")


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "ui.duckdb"
    shutil.copy(template, path)
    return path


def _split(store: Store) -> str:
    match_id = str(independent_matches(store)["match_id"][0])
    for name, label in (("ana", Label.CORROBORATES), ("bo", Label.CONFLICTS)):
        store.record_verdict(VerdictIn(match_id=match_id, verdict=label, reviewer=name), T0)
    return match_id


def test_nobody_adjudicates_a_pair_they_judged(db: Path) -> None:
    store = Store(db)
    match_id = _split(store)
    with pytest.raises(NotAllowed, match="ana judged this pair"):
        adjudicate(store, "ana", match_id, Label.CONFLICTS)
    with pytest.raises(NotAllowed, match="not among the desk's adjudicators"):
        adjudicate(store, "cy", match_id, Label.CONFLICTS, adjudicators={"Editor"})
    adjudicate(store, "Editor", match_id, Label.CONFLICTS, adjudicators={"Editor"})
    roles = store.current_verdicts(match_ids=[match_id]).select("reviewer", "role").rows()
    assert sorted(roles) == [("Editor", "adjudicator"), ("ana", "reviewer"), ("bo", "reviewer")]


def _app(db: Path, monkeypatch: pytest.MonkeyPatch, **env: str) -> AppTest:
    monkeypatch.setenv("WORKBENCH_DB", str(db))
    for name, value in env.items():
        monkeypatch.setenv(f"WORKBENCH_{name.upper()}", value)
    at = AppTest.from_file(APP, default_timeout=60)
    return at


def test_with_a_header_source_a_typed_name_records_nothing(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(db, monkeypatch, identity_header="X-Forwarded-User")
    at.session_state["reviewer"] = "mallory"  # what typing into the field would have set
    at.run()
    assert not at.exception
    shown = at.sidebar.text_input[0]
    assert shown.label == "Reviewer" and shown.disabled and shown.value == ""
    assert "no X-Forwarded-User header" in at.sidebar.warning[0].value.replace("\\", "")
    for view in ("review", "adjudicate"):
        at.switch_page(str(VIEWS / f"{view}.py")).run()
        assert not at.exception
        assert not [b for b in at.button if b.key and b.key.startswith(("verdict_", "adjudicate_"))]
    _split(Store(db))
    at.switch_page(str(VIEWS / "adjudicate.py")).run()
    assert "Nothing can be recorded" in at.warning[0].value
    assert Store(db).review_counts().by_reviewer.keys() == {"ana", "bo"}


def test_the_adjudicate_page_refuses_a_reviewer_of_the_pair(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _split(Store(db))
    at = _app(db, monkeypatch).run()
    at.text_input(key="reviewer").input("bo")
    at.switch_page(str(VIEWS / "adjudicate.py")).run()
    assert "bo judged this pair and cannot adjudicate it" in at.info[0].value.replace("\\", "")
    assert not [b for b in at.button if b.key and b.key.startswith("adjudicate_")]
    at = _app(db, monkeypatch, adjudicators="Chief").run()
    at.text_input(key="reviewer").input("Editor")
    at.switch_page(str(VIEWS / "adjudicate.py")).run()
    assert "not among the desk's adjudicators" in at.info[0].value.replace("\\", "")


def test_with_a_login_configured_the_page_offers_log_in_and_records_nothing(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(db, monkeypatch)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "a-test-secret",
        "client_id": "workbench",
        "client_secret": "unused",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
    at.session_state["reviewer"] = "mallory"
    at.run()
    assert not at.exception
    assert at.sidebar.text_input[0].disabled
    assert "log in to record verdicts" in at.sidebar.warning[0].value.replace("\\", "")
    assert at.button(key="login").label == "Log in"
    at.switch_page(str(VIEWS / "review.py")).run()
    assert not [b for b in at.button if b.key and b.key.startswith("verdict_")]


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.7", "desk.example"])
def test_serve_refuses_an_open_address_without_an_identity_source(
    host: str, tmp_path: Path
) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "--db",
            str(tmp_path / "x.duckdb"),
            "serve",
            "--host",
            host,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,  # no .streamlit/secrets.toml here
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        check=False,
    )
    assert run.returncode == 2, run.stderr
    assert "no identity source is set" in run.stderr and "--open" in run.stderr
    assert "Traceback" not in run.stderr


def test_loopback_addresses() -> None:
    assert all(_loopback(h) for h in ("127.0.0.1", "127.5.0.1", "::1", "[::1]", "localhost"))
    assert not any(_loopback(h) for h in ("0.0.0.0", "::", "10.0.0.1", "desk.example", ""))
