"""Several DNS questions at once: checks that ask many names wait for the slowest, not the sum."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from concurrent.futures import CancelledError

import dns.resolver

from smtp_gui.core.deadline import Deadline
from smtp_gui.core.dns.deadline_resolver import deadline_of
from smtp_gui.core.dns.engine import engine
from smtp_gui.core.dns.lookup import Lookup, Outcome, alookup


def lookup_all(
    resolver: dns.resolver.Resolver,
    questions: Sequence[tuple[str, str]],
    *,
    deadline: Deadline | None = None,
) -> tuple[Lookup, ...]:
    """``lookup()`` each ``(name, rdtype)``, all in flight together on the DNS engine,
    answers in the order asked.

    Every query ends by ``deadline`` (default: the one ``resolver`` carries), so the engine
    is never left waiting on a server after the work is over or cancelled (then every
    answer not in yet is a timeout). The resolver is shared read-only (STYLE).
    """
    if not questions:
        return ()
    end = deadline or deadline_of(resolver) or Deadline.after(float(resolver.lifetime))
    started = time.monotonic()
    try:
        return engine().call(alookup_all(resolver, questions, end), end.cancel)
    except CancelledError:
        ms = (time.monotonic() - started) * 1000
        return tuple(Lookup(name, rdtype, Outcome.TIMEOUT, ms=ms) for name, rdtype in questions)


async def alookup_all(
    resolver: dns.resolver.Resolver, questions: Sequence[tuple[str, str]], deadline: Deadline
) -> tuple[Lookup, ...]:
    """``lookup_all()`` as a coroutine on the engine's loop."""
    asked = [alookup(resolver, name, rdtype, deadline) for name, rdtype in questions]
    return tuple(await asyncio.gather(*asked))
