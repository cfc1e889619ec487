"""The one bridge from background work to the GUI thread.

Panes never touch threads. They hand a ``JobController`` a batch of ``(key, callable)``
pairs; each callable runs in a ``QThreadPool`` worker (sized for waiting on the network, not
for the two CPU cores) and must not touch Qt widgets. Results come back as signals of the
controller, emitted in the GUI thread: ``task_finished(key, result)`` as each one ends,
``task_failed(key, message)`` when one raised, ``progress_changed(done, total)``, and
``batch_finished(cancelled)``. A newer batch or ``cancel()`` makes every answer of the older
batch be dropped; ``cancel()`` reports the keys that never finished in ``tasks_cancelled``.

A long task that reports as it goes is started with ``start_streaming``: its callable is
given a ``TaskContext`` whose ``report(payload)`` arrives as ``task_progressed(key, payload)``
in the GUI thread (in order, before ``task_finished``), and whose ``cancelled`` event is set
by ``cancel()`` so the task can stop early.

A task that is ``AsyncWork`` (core/dns/engine.py) runs on the one DNS engine's loop instead
of a worker: no thread per task, so a hundred blocklist rows are one thread waiting on a
hundred sockets. Their results are coalesced: the engine queues them and wakes the GUI
thread once per batch of arrivals (``_Relay.arrived``), which settles them all in one turn
of the event loop. ``cancel()`` cancels them on the loop at once.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from smtp_gui.core.dns.engine import AsyncWork

log = logging.getLogger(__name__)

# DNS work is I/O-bound: fifty blocklist queries must be in flight at once.
IO_THREADS = 64
# Tasks handed to the pool per turn of the event loop.
_START_CHUNK = 16
# Closing the window waits at most this long for workers, whatever a server does: network
# work notices its cancel event within a tenth of a second (core/deadline.py).
CLOSE_WAIT_MS = 1000


class _Relay(QObject):
    """Signals the workers emit; it lives in the GUI thread, so delivery is queued there."""

    finished = Signal(int, object, object)  # generation, key, result
    failed = Signal(int, object, str)  # generation, key, message
    progressed = Signal(int, object, object)  # generation, key, payload
    arrived = Signal()  # engine results are waiting in JobController._arrivals


class TaskContext:
    """Given to a streaming task: ``report()`` sends a payload to the GUI thread; ``cancelled``
    is set when the batch is cancelled (check it, or hand it to code that does)."""

    def __init__(
        self, relay: _Relay, generation: int, key: Hashable, cancelled: threading.Event
    ) -> None:
        self._relay = relay
        self._generation = generation
        self._key = key
        self.cancelled = cancelled

    def report(self, payload: object) -> None:
        if self.cancelled.is_set():
            return
        try:
            self._relay.progressed.emit(self._generation, self._key, payload)
        except RuntimeError:  # the controller is gone
            log.debug("task %r reported after its controller was deleted", self._key)


class _Task(QRunnable):
    """One callable run by the pool; the pool deletes it after run() (autoDelete)."""

    def __init__(
        self,
        relay: _Relay,
        generation: int,
        key: Hashable,
        work: Callable[..., Any],
        cancelled: threading.Event,
        streaming: bool = False,
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._relay = relay
        self._generation = generation
        self._key = key
        self._work = work
        self._cancelled = cancelled
        self._streaming = streaming

    def run(self) -> None:
        if self._cancelled.is_set():
            return
        try:
            if self._streaming:
                context = TaskContext(self._relay, self._generation, self._key, self._cancelled)
                result = self._work(context)
            else:
                result = self._work()
        except Exception as exc:  # noqa: BLE001 - a worker must never let an exception escape
            log.debug("task %r failed:\n%s", self._key, traceback.format_exc())
            message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            self._emit(self._relay.failed, message)
            return
        if not self._cancelled.is_set():
            self._emit(self._relay.finished, result)

    def _emit(self, signal: Any, payload: object) -> None:
        try:
            signal.emit(self._generation, self._key, payload)
        except RuntimeError:  # the controller is gone: the window closed without waiting
            log.debug("task %r finished after its controller was deleted", self._key)


class JobController(QObject):
    """Runs batches of background tasks and relays their outcomes in the GUI thread."""

    task_finished = Signal(object, object)  # key, result
    task_failed = Signal(object, str)  # key, message
    task_progressed = Signal(object, object)  # key, payload (start_streaming tasks only)
    tasks_cancelled = Signal(list)  # keys that will never report
    progress_changed = Signal(int, int)  # done, total
    batch_finished = Signal(bool)  # True when it was cancelled

    def __init__(self, parent: QObject | None = None, max_threads: int = IO_THREADS) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._pool.setExpiryTimeout(10_000)
        self._generation = 0
        self._cancelled = threading.Event()
        self._pending: dict[Hashable, None] = {}  # insertion-ordered
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_task_finished)
        self._relay.failed.connect(self._on_task_failed)
        self._relay.progressed.connect(self._on_task_progressed)
        self._relay.arrived.connect(self._on_relay_arrived)
        # AsyncWork results from the engine's thread: (generation, key, future), drained
        # together in the GUI thread (one wake-up for however many arrived meanwhile).
        self._arrivals: list[tuple[int, Hashable, Future[Any]]] = []
        self._arrivals_lock = threading.Lock()
        self._engine_futures: list[Future[Any]] = []
        self._total = 0
        self._done = 0
        # Tasks waiting for their turn to be handed to the pool (see _START_CHUNK).
        self._unstarted: list[_Task] = []
        self._feeder = QTimer(self, singleShot=True, interval=0)
        self._feeder.timeout.connect(self._on_feeder_timeout)
        # progress_changed is coalesced: at most once per turn of the event loop, so a
        # hundred answers arriving together do not repaint a progress bar a hundred times.
        self._progress_timer = QTimer(self, singleShot=True, interval=0)
        self._progress_timer.timeout.connect(self._on_progress_timer_timeout)

    @property
    def running(self) -> bool:
        return bool(self._pending)

    @property
    def thread_pool(self) -> QThreadPool:
        return self._pool

    def start(self, tasks: Iterable[tuple[Hashable, Callable[[], Any]]]) -> int:
        """Start a new batch; an unfinished older batch is cancelled first."""
        return self._start(tasks, streaming=False)

    def start_streaming(
        self, tasks: Iterable[tuple[Hashable, Callable[[TaskContext], Any] | AsyncWork[Any]]]
    ) -> int:
        """Like ``start``, for tasks that take a ``TaskContext`` and report as they go."""
        return self._start(tasks, streaming=True)

    def _start(self, tasks: Iterable[tuple[Hashable, Callable[..., Any]]], streaming: bool) -> int:
        if self._pending:
            self.cancel()
        self._generation += 1
        self._cancelled = threading.Event()
        self._done = 0
        batch = list(tasks)
        self._pending = dict.fromkeys(key for key, _work in batch)
        if len(self._pending) != len(batch):
            raise ValueError("task keys in one batch must be unique")
        self._total = len(batch)
        self.progress_changed.emit(0, self._total)
        self._unstarted = [
            _Task(self._relay, self._generation, key, work, self._cancelled, streaming)
            for key, work in batch
            if not isinstance(work, AsyncWork)
        ]
        self._engine_futures = [
            self._submit(key, work) for key, work in batch if isinstance(work, AsyncWork)
        ]
        self._feed()
        if not batch:
            self.batch_finished.emit(False)
        return self._generation

    def _submit(self, key: Hashable, work: AsyncWork[Any]) -> Future[Any]:
        from smtp_gui.core.dns.engine import engine

        generation, cancelled = self._generation, self._cancelled
        future = engine().submit(_started(work, cancelled))
        future.add_done_callback(lambda done: self._arrive(generation, key, done))
        return future

    def _arrive(self, generation: int, key: Hashable, future: Future[Any]) -> None:
        """Engine thread: queue the result; wake the GUI thread if it is not woken yet."""
        with self._arrivals_lock:
            first = not self._arrivals
            self._arrivals.append((generation, key, future))
        if first:
            try:
                self._relay.arrived.emit()
            except RuntimeError:  # the controller is gone
                log.debug("task %r finished after its controller was deleted", key)

    @Slot()
    def _on_relay_arrived(self) -> None:
        with self._arrivals_lock:
            arrivals, self._arrivals = self._arrivals, []
        for generation, key, future in arrivals:
            if future.cancelled():
                continue
            error = future.exception()
            if error is not None:
                name = type(error).__name__
                self._on_task_failed(generation, key, f"{name}: {error}" if str(error) else name)
            elif self._cancelled.is_set() and generation == self._generation:
                continue
            else:
                self._on_task_finished(generation, key, future.result())

    def _feed(self) -> None:
        """Hand the pool the next few tasks; the rest wait for the next turn of the loop.

        Starting a worker costs the GUI thread a moment (the new thread takes the Python
        lock), so a hundred at once would freeze the window for tens of milliseconds.
        """
        chunk, self._unstarted = self._unstarted[:_START_CHUNK], self._unstarted[_START_CHUNK:]
        for task in chunk:
            self._pool.start(task)
        if self._unstarted:
            self._feeder.start()

    @Slot()
    def _on_feeder_timeout(self) -> None:
        self._feed()

    def cancel(self) -> None:
        """Stop the batch at once: queued tasks never start, running ones are ignored."""
        if not self._pending:
            return
        self._cancelled.set()
        self._unstarted.clear()
        self._feeder.stop()
        self._progress_timer.stop()
        self._pool.clear()
        for future in self._engine_futures:
            future.cancel()
        self._engine_futures = []
        keys = list(self._pending)
        self._pending.clear()
        self._generation += 1
        self.tasks_cancelled.emit(keys)
        self.batch_finished.emit(True)

    def shutdown(self, wait_ms: int = CLOSE_WAIT_MS) -> bool:
        """Cancel and wait for the workers, at most ``wait_ms``; call when the owning window
        closes. True when every worker has ended."""
        self.cancel()
        self._cancelled.set()  # also for a batch that had already reported
        self._pool.clear()
        return bool(self._pool.waitForDone(max(0, wait_ms)))

    def _settle(self, generation: int, key: Hashable) -> bool:
        """True if this answer belongs to the current batch (and count it)."""
        if generation != self._generation or key not in self._pending:
            return False
        del self._pending[key]
        self._done += 1
        return True

    def _after(self) -> None:
        if self._pending:
            if not self._progress_timer.isActive():
                self._progress_timer.start()
            return
        self._progress_timer.stop()
        self.progress_changed.emit(self._done, self._total)
        self.batch_finished.emit(False)

    @Slot()
    def _on_progress_timer_timeout(self) -> None:
        if self._pending:
            self.progress_changed.emit(self._done, self._total)

    @Slot(int, object, object)
    def _on_task_finished(self, generation: int, key: Hashable, result: object) -> None:
        if self._settle(generation, key):
            self.task_finished.emit(key, result)
            self._after()

    @Slot(int, object, str)
    def _on_task_failed(self, generation: int, key: Hashable, message: str) -> None:
        if self._settle(generation, key):
            self.task_failed.emit(key, message)
            self._after()

    @Slot(int, object, object)
    def _on_task_progressed(self, generation: int, key: Hashable, payload: object) -> None:
        if generation == self._generation and key in self._pending:
            self.task_progressed.emit(key, payload)


async def _started(work: AsyncWork[Any], cancelled: threading.Event) -> Any:
    """The engine side of an ``AsyncWork`` task (never touches Qt)."""
    if cancelled.is_set():
        return None
    return await work.start(cancelled)
