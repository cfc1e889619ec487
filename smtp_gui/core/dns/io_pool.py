"""One process-wide pool of threads that wait on the network, for the headless runners.

Starting fifty threads costs more than the round trip a blocklist check waits for, so the
threads are made once and kept. Work submitted here must not itself wait on work submitted
here (no nesting), or a full pool would deadlock.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

IO_WORKERS = 128  # only waiting on sockets: 50 lists x 2 queries in flight, with room

_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None


def io_executor() -> ThreadPoolExecutor:
    """The shared executor, created on first use."""
    global _pool
    with _lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=IO_WORKERS, thread_name_prefix="smtp-gui-io")
        return _pool
