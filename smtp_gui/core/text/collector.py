"""Big pastes allocate hundreds of thousands of small objects, which make Python's cyclic
garbage collector run again and again, a full collection now and then holding the
interpreter lock for a tenth of a second or more (the window's thread waits). Nothing the
diagnosis or the decoder builds forms a cycle, so they pause the collector while they work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector (process-wide), and switch it back on only if it was on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
