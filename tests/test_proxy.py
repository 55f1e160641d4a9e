"""Reviewers behind a real login proxy: Debian's nginx with basic auth sets X-Forwarded-User in
front of `workbench serve`, and Debian chromium reviews through it. The identity comes from the
proxy, never from the page; a request around the proxy records nothing."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.review_fixtures import build_ui_db
from tests.test_browser import (
    CHROMIUM,
    FLAGS,
    PAIR,
    _browser,
    _exported_rows,
    _free_port,
    _start_server,
)

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
HEADER = "X-Forwarded-User"
USERS = {"ana@desk.example": "ana-secret", "bo@desk.example": "bo-secret"}


def _ssha(password: str) -> str:
    """An RFC 2307 salted SHA-1 entry, a scheme nginx's auth_basic_user_file reads."""
    salt = os.urandom(8)
    digest = hashlib.sha1(password.encode() + salt).digest()
    return "{SSHA}" + base64.b64encode(digest + salt).decode()


def _nginx_conf(root: Path, port: int, upstream: str) -> Path:
    (root / "htpasswd").write_text("".join(f"{u}:{_ssha(p)}\n" for u, p in USERS.items()))
    temp = " ".join(
        f"{k}_temp_path {root / k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = root / "nginx.conf"
    conf.write_text(
        f"""daemon off;
master_process off;
pid {root / "nginx.pid"};
error_log {root / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
  access_log {root / "access.log"};
  {temp}
  map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
  server {{
    listen 127.0.0.1:{port};
    auth_basic "desk";
    auth_basic_user_file {root / "htpasswd"};
    location / {{
      proxy_pass {upstream};
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header {HEADER} $remote_user;
      proxy_read_timeout 1h;
    }}
  }}
}}
"""
    )
    return conf


@pytest.fixture
def proxied(tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    """(proxy url, direct url, db): serve trusting the header, nginx with basic auth before it."""
    if NGINX is None:
        pytest.skip("Debian nginx not found (apt-get install nginx)")
    db = build_ui_db(tmp_path / "proxied.duckdb")
    direct, server = _start_server(db, {"WORKBENCH_IDENTITY_HEADER": HEADER})
    root = tmp_path / "nginx"
    root.mkdir()
    port = _free_port()
    conf = _nginx_conf(root, port, direct)
    nginx = subprocess.Popen(
        [NGINX, "-p", str(root), "-c", str(conf), "-e", str(root / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(url, timeout=2)
            except urllib.error.HTTPError as answered:  # 401: nginx is up
                assert answered.code == 401
                break
            except OSError:
                if nginx.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        f"nginx did not start: {nginx.stderr.read().decode() if nginx.stderr else ''}"
                    )
                time.sleep(0.2)
        yield url, direct, db
    finally:
        nginx.terminate()
        nginx.wait(timeout=20)
        server.terminate()
        server.wait(timeout=20)


def _page(
    browser: Any, url: str, user: str | None = None, headers: dict[str, str] | None = None
) -> Any:
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000},
        http_credentials={"username": user, "password": USERS[user]} if user else None,
        extra_http_headers=headers,
    )
    page = context.new_page()
    page.goto(f"{url}/review")
    return page


def _judge(page: Any, label: str) -> str:
    page.get_by_role("button", name=re.compile(f"^{label}")).wait_for(timeout=60_000)
    caption = page.get_by_text(PAIR).first
    caption.wait_for(timeout=30_000)
    found = PAIR.match(caption.inner_text())
    assert found is not None
    page.get_by_role("button", name=re.compile(f"^{label}")).click()
    page.get_by_text(re.compile(f"Recorded {label.lower()}")).wait_for(timeout=30_000)
    return found.group(1)


@pytest.mark.browser
def test_the_reviewer_is_who_the_proxy_says_and_nothing_goes_around_it(
    proxied: tuple[str, str, Path], tmp_path: Path
) -> None:
    url, direct, db = proxied
    with pytest.raises(urllib.error.HTTPError) as refused:  # no credentials: the proxy says no
        urllib.request.urlopen(f"{url}/review", timeout=10)
    assert refused.value.code == 401
    with _browser() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        ana = _page(browser, url, "ana@desk.example")
        field = ana.get_by_role("textbox", name="Reviewer")
        field.wait_for(timeout=60_000)
        assert field.is_disabled() and field.input_value() == "ana@desk.example"
        judged_by_ana = _judge(ana, "Corroborates")
        # bo claims to be ana in a header of his own: the proxy overwrites it
        bo = _page(browser, url, "bo@desk.example", {HEADER: "ana@desk.example"})
        judged_by_bo = _judge(bo, "Conflicts")
        # around the proxy, straight to the server: no identity, no buttons, nothing recorded
        around = _page(browser, direct)
        around.get_by_text("Nothing can be recorded").first.wait_for(timeout=60_000)
        assert around.get_by_role("button", name=re.compile("^Conflicts")).count() == 0
        assert around.get_by_role("textbox", name="Reviewer").is_disabled()
        around.screenshot(path=str(tmp_path / "around.png"))
        browser.close()
    rows = {
        (r["match_id"], r["verdict"], r["reviewer"]) for r in _exported_rows(db, tmp_path / "v.csv")
    }
    assert rows == {
        (judged_by_ana, "corroborates", "ana@desk.example"),
        (judged_by_bo, "conflicts", "bo@desk.example"),
    }
