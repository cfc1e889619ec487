"""Several DNS questions at once: checks that ask many names wait for the slowest, not the sum."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import dns.resolver

from smtp_gui.core.deadline import Deadline
from smtp_gui.core.dns.engine import run_together
from smtp_gui.core.dns.lookup import Lookup, lookup


def lookup_all(
    resolver: dns.resolver.Resolver,
    questions: Sequence[tuple[str, str]],
    *,
    deadline: Deadline | None = None,
) -> tuple[Lookup, ...]:
    """``lookup()`` each ``(name, rdtype)``, in parallel on the DNS engine, answers in the
    order asked.

    Every query ends by ``deadline`` (default: the one ``resolver`` carries), so the engine
    is never left waiting on a server after the work is over or cancelled. The resolver is
    shared read-only across threads (STYLE: dnspython thread rules).
    """
    calls = [partial(lookup, resolver, name, rdtype, deadline) for name, rdtype in questions]
    return tuple(run_together(calls))
