"""The one DNS engine: one process-wide pool of threads that wait on DNS servers.

Every DNS query the app makes in parallel runs here; nothing else in core starts a pool.
Starting fifty threads costs more than the round trip a blocklist check waits for, so the
threads are made once, on first use, and kept (DESIGN "Background work"). A check run on
the engine may itself ask several questions at once through ``run_together()``: the caller
takes back every call the engine has not started yet and runs it itself, so work on the
engine waiting on work on the engine can never deadlock, however full it is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TypeVar

T = TypeVar("T")

DNS_WORKERS = 128  # only waiting on sockets: 50 lists x 2 queries in flight, with room
THREAD_PREFIX = "smtp-gui-dns"

_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None


def dns_executor() -> ThreadPoolExecutor:
    """The engine's executor, created on first use and shared by every check after it."""
    global _executor
    with _lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(
                max_workers=DNS_WORKERS, thread_name_prefix=THREAD_PREFIX
            )
        return _executor


def run_together(calls: Sequence[Callable[[], T]]) -> list[T]:
    """Run ``calls`` at once, results in their order: the first in this thread, the others
    on the engine. A call the engine has not started by the time its result is wanted is
    run here instead (no deadlock when the engine is busy with the callers themselves)."""
    if not calls:
        return []
    if len(calls) == 1:
        return [calls[0]()]
    engine = dns_executor()
    futures = [engine.submit(call) for call in calls[1:]]
    results = [calls[0]()]
    for call, future in zip(calls[1:], futures, strict=True):
        results.append(call() if future.cancel() else future.result())
    return results


def as_finished(calls: Sequence[Callable[[], T]]) -> Iterator[tuple[int, T]]:
    """Run every call on the engine; yield ``(index, result)`` as each one ends. Calls not
    started when the caller stops iterating never start (running ones end by their own
    deadlines). A call that raised is re-raised here."""
    engine = dns_executor()
    pending: dict[Future[T], int] = {engine.submit(call): i for i, call in enumerate(calls)}
    try:
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield pending.pop(future), future.result()
    finally:
        for future in pending:
            future.cancel()
