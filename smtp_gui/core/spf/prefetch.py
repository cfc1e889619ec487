"""SPF records fetched as they arrive: every literal include and redirect target at once.

``check_host()`` and ``analyze()`` walk a record term by term (the order is the meaning:
RFC 7208 4.6.2), so on their own they would ask for the record of each include one after
another: ten includes that all time out would cost ten timeouts (until the 20-second cap of
RFC 7208 4.6.4, or the row's deadline, ended the walk). Before the walk, ``prefetch()``
follows the tree on the DNS engine instead: when a record arrives, the TXT queries of its
literal ``include:`` and ``redirect=`` targets leave at once, each branch on its own, so
the whole tree takes as long as its slowest chain of records. The walk then finds every
answer in the session's cache and keeps its order, its counting and its results exactly.

Targets with macros depend on the sender and the walk expands them; they are not
prefetched. At most ``MAX_DNS_TERMS`` records are fetched ahead (RFC 7208 4.6.4 allows no
more DNS-querying terms in one evaluation), all within the session's deadline.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import CancelledError

from smtp_gui.core.dns.engine import engine
from smtp_gui.core.dns.lookup import Lookup, alookup
from smtp_gui.core.spf.lookups import MAX_DNS_TERMS, SpfSession, dns_text, is_checkable_domain
from smtp_gui.core.spf.macros import to_domain
from smtp_gui.core.spf.record import decode_record, is_spf_record, parse_record
from smtp_gui.core.text.errors import InputError

__all__ = ["prefetch"]


def _key(domain: str) -> tuple[str, str] | None:
    """The session's cache key of ``domain``'s TXT question (as ``fetch_record`` asks it)."""
    if not is_checkable_domain(domain):
        return None
    text = dns_text(domain)
    return None if text is None else (text.lower(), "TXT")


def literal_targets(found: Lookup) -> list[str]:
    """The include and redirect targets, written without macros, of the one SPF record in
    ``found`` (none when there is no record, more than one, or it does not parse)."""
    records = [
        decode_record(data)
        for data in (b"".join(strings) for strings in found.raw_txt)
        if is_spf_record(data)
    ]
    if len(records) != 1:
        return []
    try:
        record = parse_record(records[0])
    except InputError:
        return []
    specs = [m.domain_spec for m in record.mechanisms if m.name == "include"]
    if record.redirect is not None:
        specs.append(record.redirect.value)
    return [
        to_domain("".join(part.text for part in spec.parts))
        for spec in specs
        if spec is not None and not spec.has_macros
    ]


class _Tree:
    """The records being fetched for one session: what is claimed, and the budget left."""

    def __init__(self, session: SpfSession) -> None:
        self.session = session
        self.claimed: set[tuple[str, str]] = set()
        self.left = MAX_DNS_TERMS + 1  # records: the domain's, then one per term

    def claim(self, domain: str) -> tuple[str, str] | None:
        key = _key(domain)
        if key is None or key in self.claimed or self.left <= 0:
            return None
        self.claimed.add(key)
        self.left -= 1
        return key

    async def follow(self, domain: str, key: tuple[str, str]) -> None:
        session = self.session
        found = session.answers.get(key)  # already asked (the evaluation before an analysis)
        if found is None:
            found = await alookup(session.resolver, key[0], "TXT", session.deadline)
            if found.could_not_check and session.deadline.expired():
                return  # cut short by the time limit: the walk says so (spf.why.time_limit)
            # The calling thread waits in prefetch() meanwhile: the session is this loop's.
            session.answers.setdefault(key, found)
            session.prefetched.add(key)
        children = [(t, k) for t in literal_targets(found) if (k := self.claim(t)) is not None]
        if children:
            await asyncio.gather(*(self.follow(t, k) for t, k in children))


def prefetch(session: SpfSession, domain: str) -> None:
    """Fetch ``domain``'s SPF record and, as each record arrives, the records of its literal
    include and redirect targets, into ``session``'s cache; returns when the tree is in or
    the session's deadline (or its cancel event) ends it. Nothing is counted here: the walk
    counts what it uses."""
    runner = engine()
    if runner.on_loop() or session.deadline.expired():  # the walk asks, or says why not
        return
    tree = _Tree(session)
    key = tree.claim(domain)
    if key is None:
        return
    try:
        runner.call(tree.follow(domain, key), session.deadline.cancel)
    except CancelledError:
        return
