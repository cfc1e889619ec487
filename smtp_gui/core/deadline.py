"""When a piece of work must be over, and whether it was called off: one ``Deadline`` object.

``--timeout`` is a promise: every step waits at most that long, and every command ends
within a stated multiple of it (the factors below, shown in ``--help`` and the README).
A check or a probe builds one ``Deadline`` at its start and passes it down; each network
wait asks ``capped(step_timeout)`` for how long it may block, so no wait outlives the
whole. The optional ``cancel`` event ends every wait early (Cancel, a newer check, closing
the window); blocking calls therefore wait in slices of at most ``SLICE`` seconds.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

SLICE = 0.1  # longest a wait blocks before it looks at the cancel event again

# The documented bounds, as multiples of --timeout (README "Time limits").
ROW_FACTOR = 2.0  # one row of ``check domain`` (a few queries, the MTA-STS fetch ...)
DOMAIN_FACTOR = 3.0  # the whole of ``check domain`` / ``check spf``
PROBE_FACTOR = 3.0  # the whole probe, however many steps and MX hosts
BLOCKLIST_SLACK = 1.1  # one blocklist row, and the whole ``check blacklist``: timeout + 10%


@dataclass(frozen=True, slots=True)
class Deadline:
    """A moment on the monotonic clock, and an optional event that calls the work off."""

    at: float
    cancel: threading.Event | None = None

    @classmethod
    def after(cls, seconds: float, cancel: threading.Event | None = None) -> Deadline:
        """The deadline ``seconds`` from now."""
        return cls(time.monotonic() + max(0.0, seconds), cancel)

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def remaining(self) -> float:
        """Seconds left (0 when past, or when cancelled)."""
        if self.cancelled:
            return 0.0
        return max(0.0, self.at - time.monotonic())

    def expired(self) -> bool:
        return self.remaining() <= 0.0

    def capped(self, seconds: float) -> float:
        """How long a step that may take ``seconds`` may wait now: never past the deadline."""
        return max(0.0, min(seconds, self.remaining()))

    def within(self, seconds: float) -> Deadline:
        """A sub-deadline: ``seconds`` from now, but never later than this one; same cancel."""
        return Deadline(min(self.at, time.monotonic() + max(0.0, seconds)), self.cancel)

    def slice(self) -> float:
        """How long one blocking wait may last before looking at ``cancel`` again."""
        return min(SLICE, self.remaining())

    def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` (capped), returning at once when cancelled."""
        wait = self.capped(seconds)
        if wait <= 0:
            return
        if self.cancel is not None:
            self.cancel.wait(wait)
        else:
            time.sleep(wait)


def unbounded() -> Deadline:
    """A deadline far away, for callers that give none (a step timeout still applies)."""
    return Deadline(time.monotonic() + 365 * 86400.0)
