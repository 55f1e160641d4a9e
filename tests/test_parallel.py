"""The process pool stops cleanly at any moment: real processes, no mocks.

A pool whose workers pass large results is the shape that hung a stopped ``link`` (about one
stop in ten): a worker ended while sending a result left the executor's manager thread
reading half a message, and a worker ended with a call queued left the queue's feeder
blocked on a pipe nobody read; the interpreter joins both threads at exit. Stopped at
several moments, the program must exit promptly every time and leave no process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.processes import left_behind
from workbench.parallel import chunked_map, process_pool

ROOT = Path(__file__).resolve().parent.parent

STRESS = textwrap.dedent(
    """
    import os, signal, sys, threading
    from workbench.parallel import chunked_map, process_pool

    def work(chunk):
        return ["x" * 4_000_000 for _ in chunk]  # results far larger than a pipe holds

    if __name__ == "__main__":
        delay = float(sys.argv[1])
        threading.Timer(delay, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
        with process_pool(2) as pool:
            while True:
                chunked_map(pool, work, ["a" * 1_000_000] * 40, size=1)
    """
)


def _double(chunk: list[int]) -> list[int]:
    return [2 * n for n in chunk]


def test_chunked_map_keeps_order_in_a_pool_and_without_one() -> None:
    items = list(range(1000))
    with process_pool(2) as pool:
        assert chunked_map(pool, _double, items, size=7) == [2 * n for n in items]
    assert chunked_map(None, _double, items, size=7) == [2 * n for n in items]


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.6, 0.9, 1.2, 1.5, 1.8])
def test_a_pool_stopped_mid_transfer_exits_at_once_and_leaves_nothing(
    tmp_path: Path, delay: float
) -> None:
    script = tmp_path / "stress.py"
    script.write_text(STRESS)
    process = subprocess.Popen(
        [sys.executable, str(script), str(delay)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        start_new_session=True,
    )
    started = time.monotonic()
    try:
        _, stderr = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate(timeout=20)
        pytest.fail(f"still running {time.monotonic() - started:.0f} s after Ctrl-C at {delay} s")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=20)
    assert process.returncode == -signal.SIGINT, stderr.decode()[-2000:]  # died of the signal
    text = stderr.decode()
    assert "KeyboardInterrupt" in text
    assert "Exception in thread" not in text, text[-2000:]  # no pool thread failed on the way
    left = left_behind(process.pid)
    assert not left, f"the stopped pool left processes running: {left}"
