"""A process pool for CPU-bound batches (article building, linker features and explanations).

No run leaves a worker behind: a pool stopped by an exception (Ctrl-C, SIGTERM turned into
an exit by the CLI, an error) cancels what is queued and ends its workers before the
exception goes on; and each worker watches the process that started it, exiting within a
moment of its death, so even ``kill -9`` of a run leaves nothing running.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Seconds between looks at the parent where the kernel cannot tell (no pidfd).
POLL_SECONDS = 0.5
#: Seconds a worker is given to end after SIGTERM before it is killed.
STOP_SECONDS = 5.0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # PermissionError too means it exists
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def _wait_for_death(pid: int) -> None:
    """Return once process ``pid`` has ended (a pidfd turns readable: no polling, on Linux)."""
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        fd = None
    if fd is not None:
        select.select([fd], [], [])
        return
    while _alive(pid):
        time.sleep(POLL_SECONDS)


def watch_parent(pid: int) -> None:
    """Worker initializer: exit this process at once when process ``pid`` (the run) ends.

    Under forkserver a worker's parent is the fork server, not the run, so the run's pid is
    watched directly. The watching thread is a daemon and costs nothing while it waits.
    """

    def watch() -> None:
        _wait_for_death(pid)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel queued work and end the workers now (SIGTERM, then SIGKILL after a grace).

    Ending workers mid-task must not leave the executor's manager thread, or the call
    queue's feeder thread, waiting forever: the interpreter joins both at exit. A worker
    killed while sending a large result leaves half a message in the result pipe, and the
    feeder can be blocked on a call pipe no worker reads any more (CPython gh-94777). Once
    the workers are gone this process holds the only other ends of both pipes, so closing
    them turns each wait into end-of-file or a broken pipe.
    """
    # The executor keeps no public handle on these; the names are stable since 3.9.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    results = getattr(pool, "_result_queue", None)
    calls = getattr(pool, "_call_queue", None)
    pool.shutdown(wait=False, cancel_futures=True)
    # Let the manager drop the cancelled work first: a pool it finds broken while cancelled
    # futures are still pending makes it fail (InvalidStateError) before it cleans up.
    settle = time.monotonic() + 1.0
    while (
        getattr(pool, "_cancel_pending_futures", False)
        and manager is not None
        and manager.is_alive()
        and time.monotonic() < settle
    ):
        time.sleep(0.005)
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + STOP_SECONDS
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(1.0)
    if manager is not None and manager.is_alive():
        if results is not None:
            results._writer.close()  # a half-read result now ends in EOF: the pool is broken
        manager.join(STOP_SECONDS)
    if calls is not None and not (manager is not None and manager.is_alive()):
        calls._reader.close()  # a feeder blocked in send now fails (EPIPE, ignored) and ends
        calls.cancel_join_thread()  # and exit never waits on it


@contextmanager
def process_pool(workers: int) -> Iterator[Executor | None]:
    """A pool of ``workers`` processes, or ``None`` for one (work then runs in-process).

    forkserver: workers start clean, without the threads DuckDB and polars keep. Leaving the
    block normally waits for the work; leaving it by an exception stops the workers first.
    """
    if workers <= 1:
        yield None
        return
    context = multiprocessing.get_context("forkserver")
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=watch_parent, initargs=(os.getpid(),)
    )
    try:
        yield pool
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def chunked_map(
    pool: Executor | None, work: Callable[[list[T]], list[R]], items: Sequence[T], *, size: int
) -> list[R]:
    """``work`` over ``items`` in chunks of ``size``, in the pool when it is worth it."""
    chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
    if pool is None or len(chunks) < 2:
        return [r for chunk in chunks for r in work(chunk)]
    return [r for result in pool.map(work, chunks) for r in result]
