"""The path the message took: every Received hop oldest first, the delay from the hop before,
clock skew, the total time, and the hop where the message entered the receiver."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from smtp_gui.core.headers.fields import HeaderField
from smtp_gui.core.headers.received import Received, parse_received

# RFC 5321 6.3: a loop is assumed after about 100 Received fields; twice that are read, no
# more (a 10 MB paste could hold 50,000): the path is the newest ones.
MAX_HOPS = 200


@dataclass(frozen=True, slots=True)
class Hop:
    index: int  # 1 = the oldest hop
    received: Received
    field_index: int  # the Received field's position in the header block (0 = top)
    delay_s: float | None  # seconds since the hop before; negative when clocks disagree
    skew: bool  # this hop's clock is behind the hop before: the delay is no delay
    # The delay is positive but swollen by a clock that disagrees: the hop before it runs
    # ahead (the next delay is negative), or this one makes up for a hop behind.
    inflated: bool = False

    @property
    def time(self) -> datetime | None:
        return self.received.time


@dataclass(frozen=True, slots=True)
class Path:
    hops: tuple[Hop, ...]
    total_s: float | None  # from the oldest to the newest hop with a time
    skewed: bool  # some delay is negative: clocks disagree somewhere
    dropped: int  # Received fields beyond MAX_HOPS, not read


def build_path(received: Sequence[HeaderField]) -> Path:
    """The hops of the Received fields (as found, newest first), oldest first."""
    kept = list(received[:MAX_HOPS])
    hops: list[Hop] = []
    previous: datetime | None = None
    for number, item in enumerate(reversed(kept), start=1):
        facts = parse_received(item.value)
        delay = None
        if facts.time is not None and previous is not None:
            delay = (facts.time - previous).total_seconds()
        hops.append(Hop(number, facts, item.index, delay, delay is not None and delay < 0))
        if facts.time is not None:
            previous = facts.time
    hops = _mark_inflated(hops)
    times = [h.time for h in hops if h.time is not None]
    total = (times[-1] - times[0]).total_seconds() if len(times) > 1 else None
    return Path(tuple(hops), total, any(h.skew for h in hops), len(received) - len(kept))


def _mark_inflated(hops: list[Hop]) -> list[Hop]:
    """A clock that runs ahead makes two wrong delays: a long one into its hop, then a
    negative one out of it (a clock behind: the reverse). When the hops on either side of
    the pair are in order, the long one is marked inflated: it is no more a delay than the
    negative one is."""
    timed = [(h, h.time) for h in hops if h.time is not None]
    marked: set[int] = set()
    for position, (hop, now) in enumerate(timed):
        if not hop.skew or position == 0:
            continue
        before, before_time = timed[position - 1]
        if position >= 2 and (before.delay_s or 0) > 0 and now >= timed[position - 2][1]:
            marked.add(before.index)  # the hop before ran ahead
        elif position + 1 < len(timed):
            after, after_time = timed[position + 1]
            if (after.delay_s or 0) > 0 and after_time >= before_time:
                marked.add(after.index)  # this hop ran behind; the next one makes up for it
    return [replace(h, inflated=True) if h.index in marked and not h.skew else h for h in hops]


def shown_times(moment: datetime | None) -> tuple[str, str]:
    """(the time in this computer's zone with its offset, the time in UTC), as shown."""
    if moment is None:
        return "", ""
    local = moment.astimezone()
    return local.strftime("%Y-%m-%d %H:%M:%S %z"), moment.astimezone(UTC).strftime(
        "%Y-%m-%d %H:%M:%S UTC"
    )
