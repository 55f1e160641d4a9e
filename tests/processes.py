"""The processes a run leaves behind, found by session: a run started with
``start_new_session=True`` leads a session of its own, and everything it starts (a fork server,
pool workers, a resource tracker) stays in that session unless it escapes on purpose."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

PROC = Path("/proc")


def _session_members(session: int) -> list[str]:
    found = []
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # ended while we looked
        # pid (comm) state ppid pgrp session ...: comm may hold spaces and parentheses.
        fields = text[text.rindex(")") + 2 :].split()
        if int(fields[3]) == session and fields[0] != "Z":  # zombies hold no memory
            cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            found.append(f"{stat.parent.name} {cmdline.strip()[:160]}")
    return found


def left_behind(session: int, wait: float = 10.0) -> list[str]:
    """Live processes of ``session`` (the leader's pid) still there after up to ``wait`` s."""
    if not PROC.is_dir():
        pytest.skip("no /proc here to find a run's processes by session")
    deadline = time.monotonic() + wait
    while True:
        left = _session_members(session)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


def pool_working(session: int) -> bool:
    """Whether the session's pool has workers: a fork server and at least one process forked
    from it (both show the fork server's command line)."""
    return sum("multiprocessing.forkserver" in p for p in _session_members(session)) >= 2
