"""Several DNS questions at once: checks that ask many names wait for the slowest, not the sum."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import dns.resolver

from smtp_gui.core.deadline import Deadline
from smtp_gui.core.dns.lookup import Lookup, lookup

MAX_PARALLEL = 16


def lookup_all(
    resolver: dns.resolver.Resolver,
    questions: Sequence[tuple[str, str]],
    *,
    max_workers: int = MAX_PARALLEL,
    deadline: Deadline | None = None,
) -> tuple[Lookup, ...]:
    """``lookup()`` each ``(name, rdtype)``, in parallel, answers in the order asked.

    Every query ends by ``deadline`` (default: the one ``resolver`` carries), so the pool
    below is never left waiting on a server after the work is over or cancelled.
    """
    if not questions:
        return ()
    if len(questions) == 1:
        name, rdtype = questions[0]
        return (lookup(resolver, name, rdtype, deadline),)
    # The resolver is shared read-only across threads (STYLE: dnspython thread rules).
    with ThreadPoolExecutor(max_workers=min(max_workers, len(questions))) as pool:
        futures = [
            pool.submit(lookup, resolver, name, rdtype, deadline) for name, rdtype in questions
        ]
        return tuple(future.result() for future in futures)
