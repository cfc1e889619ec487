"""The one DNS engine: one thread running one asyncio loop that every DNS query of the app
goes through (DESIGN "Background work").

A query is a coroutine (``core/dns/aquery.py``) on this loop: it waits on a non-blocking
socket, so a hundred queries in flight cost one thread, not a hundred threads taking turns
at the interpreter lock (that contention was what froze the window's timer for up to 100 ms
while a blocklist check ran). The thread is made on first use and runs until ``stop()``
(closing the window) or the end of the process (it is a daemon).

Code that runs on the loop awaits coroutines. Code on any other thread (the CLI's main
thread, a row task in one of the window's workers) uses ``call()``: it submits a coroutine
and waits for it in slices of ``SLICE``, cancelling it at once when its ``cancel`` event is
set. ``AsyncWork`` marks a row task that runs on the loop itself (``ui/jobs.py`` submits it
here rather than to a worker thread).

This module imports neither dnspython nor, until the engine starts, asyncio: the window's
start-up path imports it to stop the engine and must not pay for either.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from smtp_gui.core.deadline import SLICE

if TYPE_CHECKING:
    import asyncio

T = TypeVar("T")

THREAD_NAME = "smtp-gui-dns"
THREAD_PREFIX = THREAD_NAME
ROW_PREFIX = "smtp-gui-row"  # blocking row tasks of the headless domain check (see as_finished)
ROW_WORKERS = 16  # the domain check's nine rows, with room; they only wait on the engine


class DnsEngine:
    """One thread, one asyncio loop. Thread-safe: any thread may submit."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        thread = self._thread
        return thread is not None and thread.is_alive()

    @property
    def thread(self) -> threading.Thread | None:
        return self._thread

    def on_loop(self) -> bool:
        """True when called from the engine's own thread."""
        return threading.current_thread() is self._thread

    def loop(self) -> asyncio.AbstractEventLoop:
        """The loop, its thread started on first use."""
        with self._lock:
            if self._loop is None or self._thread is None or not self._thread.is_alive():
                self._start()
            assert self._loop is not None
            return self._loop

    def _start(self) -> None:
        import asyncio

        loop = asyncio.new_event_loop()
        ready = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(loop)
            loop.call_soon(ready.set)
            try:
                loop.run_forever()
            finally:
                _cancel_all(loop)
                loop.close()

        thread = threading.Thread(target=run, name=THREAD_NAME, daemon=True)
        self._loop, self._thread = loop, thread
        thread.start()
        ready.wait()

    def submit(self, coroutine: Coroutine[Any, Any, T]) -> Future[T]:
        """Run ``coroutine`` on the loop; its future can be cancelled from any thread."""
        import asyncio

        return asyncio.run_coroutine_threadsafe(coroutine, self.loop())

    def call(self, coroutine: Coroutine[Any, Any, T], cancel: threading.Event | None = None) -> T:
        """Run ``coroutine`` on the loop and wait for its result here (not on the loop's own
        thread). When ``cancel`` is set, or the engine stops, the coroutine is cancelled and
        ``CancelledError`` raised at once."""
        if self.on_loop():
            coroutine.close()
            raise RuntimeError("call() on the engine's own thread would wait on itself")
        loop = self.loop()
        import asyncio

        future = asyncio.run_coroutine_threadsafe(coroutine, loop)
        return wait_future(future, cancel, loop)

    def stop(self, wait_s: float = 1.0) -> bool:
        """Cancel everything on the loop, stop it and wait for the thread (at most
        ``wait_s``). True when the thread has ended. The next ``submit`` starts a new one."""
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is None or thread is None:
            return True
        if loop.is_running():
            loop.call_soon_threadsafe(_stop_loop, loop)
        thread.join(max(0.0, wait_s))
        return not thread.is_alive()


def _cancel_all(loop: asyncio.AbstractEventLoop) -> None:
    import asyncio

    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))


def _stop_loop(loop: asyncio.AbstractEventLoop) -> None:
    import asyncio

    for task in asyncio.all_tasks(loop):
        task.cancel()
    loop.stop()


def wait_future(
    future: Future[T],
    cancel: threading.Event | None = None,
    loop: asyncio.AbstractEventLoop | None = None,
) -> T:
    """Wait for ``future`` in slices, cancelling it when ``cancel`` is set or ``loop`` (the
    one it runs on) has stopped (a stopped loop never finishes what it had not started)."""
    from concurrent.futures import CancelledError

    while True:
        if cancel is not None and cancel.is_set():
            future.cancel()
            raise CancelledError()
        try:
            return future.result(timeout=SLICE)
        except TimeoutError:
            if loop is not None and not loop.is_running():
                future.cancel()
                raise CancelledError() from None


_ENGINE = DnsEngine()


def engine() -> DnsEngine:
    """The process's one DNS engine."""
    return _ENGINE


def stop_engine(wait_s: float = 1.0) -> bool:
    """Stop the engine's thread (closing the window); True when it has ended."""
    return _ENGINE.stop(wait_s)


@dataclass(frozen=True, slots=True)
class AsyncWork(Generic[T]):
    """A task that runs on the engine's loop instead of a worker thread: ``start(cancel)``
    makes its coroutine (``cancel`` is set when the work is called off; the runner also
    cancels the coroutine itself)."""

    start: Callable[[threading.Event], Awaitable[T]]

    def __call__(self, cancel: threading.Event | None = None) -> T:
        """Run it to the end from another thread (tests, callers without a loop)."""
        event = cancel if cancel is not None else threading.Event()
        return engine().call(_awaited(self.start(event)), event)


async def _awaited(awaitable: Awaitable[T]) -> T:
    return await awaitable


# -- blocking row tasks (the headless domain check) --------------------------------------------
_rows_lock = threading.Lock()
_rows: ThreadPoolExecutor | None = None


def _row_executor() -> ThreadPoolExecutor:
    """Threads for blocking row tasks whose queries run on the engine (they only wait)."""
    global _rows
    with _rows_lock:
        if _rows is None:
            _rows = ThreadPoolExecutor(max_workers=ROW_WORKERS, thread_name_prefix=ROW_PREFIX)
        return _rows


def as_finished(calls: Sequence[Callable[[], T]]) -> Iterator[tuple[int, T]]:
    """Run every blocking call at once; yield ``(index, result)`` as each one ends. Their DNS
    queries run on the engine; the calls themselves only wait. Calls not started when the
    caller stops iterating never start. A call that raised is re-raised here."""
    rows = _row_executor()
    pending: dict[Future[T], int] = {rows.submit(call): i for i, call in enumerate(calls)}
    try:
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield pending.pop(future), future.result()
    finally:
        for future in pending:
            future.cancel()
