"""A process pool for CPU-bound batches (article building, linker features and explanations)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


@contextmanager
def process_pool(workers: int) -> Iterator[Executor | None]:
    """A pool of ``workers`` processes, or ``None`` for one (work then runs in-process).

    forkserver: workers start clean, without the threads DuckDB and polars keep.
    """
    if workers <= 1:
        yield None
        return
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield pool


def chunked_map(
    pool: Executor | None, work: Callable[[list[T]], list[R]], items: Sequence[T], *, size: int
) -> list[R]:
    """``work`` over ``items`` in chunks of ``size``, in the pool when it is worth it."""
    chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
    if pool is None or len(chunks) < 2:
        return [r for chunk in chunks for r in work(chunk)]
    return [r for result in pool.map(work, chunks) for r in result]
