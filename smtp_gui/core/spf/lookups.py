"""DNS for one SPF check: the RFC 7208 4.6.4 budgets, a per-check cache, and record fetching.

Every query an SPF evaluation makes goes through a ``SpfSession`` so that the limits hold
however hostile the published records are: at most 10 DNS-querying terms, at most 2 void
lookups, a wall-clock limit (RFC 7208's 20 seconds, or sooner: the ``Deadline`` the
resolver carries, from ``--timeout``), and each (name, type) asked at most once per check.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import dns.name
import dns.resolver

from smtp_gui.core.deadline import Deadline, unbounded
from smtp_gui.core.dns.deadline_resolver import deadline_of
from smtp_gui.core.dns.lookup import Lookup, Outcome, lookup
from smtp_gui.core.spf.record import SpfResult, decode_record, is_spf_record
from smtp_gui.core.text.messages import Note

MAX_DNS_TERMS = 10  # RFC 7208 4.6.4
MAX_VOID_LOOKUPS = 2  # RFC 7208 4.6.4 (SHOULD, default two)
MAX_NAMES = 10  # RFC 7208 4.6.4: MX names per "mx", PTR names per "ptr" / %{p}
TIME_LIMIT = 20.0  # RFC 7208 4.6.4: SHOULD allow at least 20 seconds, then temperror
MAX_ANSWERS_SHOWN = 20  # per query in the trace
MAX_ANSWER_CHARS = 1024  # per answer in the trace


class CheckHostError(Exception):
    """Ends check_host() with permerror or temperror; ``note`` says why."""

    def __init__(self, result: SpfResult, note: Note, position: int | None = None) -> None:
        super().__init__(note.key)
        self.result = result
        self.note = note
        self.position = position
        self.detail: Note | None = None  # a syntax error: what is wrong
        self.domain: str | None = None  # whose record the error is in


def permerror(key: str, position: int | None = None, **params: Any) -> CheckHostError:
    return CheckHostError(SpfResult.PERMERROR, Note(key, params), position)


def temperror(key: str, **params: Any) -> CheckHostError:
    return CheckHostError(SpfResult.TEMPERROR, Note(key, params))


@dataclass(frozen=True, slots=True)
class Query:
    """One DNS question asked for the check, as the trace shows it."""

    name: str
    rdtype: str
    outcome: str  # lookup.Outcome values
    answers: tuple[str, ...] = ()
    ms: float = 0.0
    cached: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.rdtype,
            "outcome": self.outcome,
            "answers": list(self.answers),
            "ms": round(self.ms, 1),
            "cached": self.cached,
        }


def query_of(found: Lookup, cached: bool = False) -> Query:
    answers = tuple(
        text if len(text) <= MAX_ANSWER_CHARS else text[:MAX_ANSWER_CHARS] + "…"
        for text in found.records[:MAX_ANSWERS_SHOWN]
    )
    if len(found.records) > MAX_ANSWERS_SHOWN:
        answers += (f"… +{len(found.records) - MAX_ANSWERS_SHOWN}",)
    return Query(found.name, found.rdtype, str(found.outcome), answers, found.ms, cached)


def dns_text(domain: str) -> str | None:
    """``domain`` as absolute presentation text for a query, or None if DNS cannot carry it.

    Labels are taken literally (a macro may put spaces or backslashes in them), so the
    name is built from labels rather than parsed from text. RFC 1035: labels 1..63
    octets, the whole name at most 255.
    """
    if not domain or domain == ".":
        return None
    text = domain[:-1] if domain.endswith(".") else domain
    try:
        labels = [label.encode("utf-8") for label in text.split(".")]
        return dns.name.Name([*labels, b""]).to_text()
    except (dns.name.EmptyLabel, dns.name.LabelTooLong, dns.name.NameTooLong, UnicodeError):
        return None


def is_checkable_domain(domain: str) -> bool:
    """RFC 7208 4.3: a well-formed multi-label name (else check_host() returns "none")."""
    if domain.startswith("[") or dns_text(domain) is None:
        return False
    text = domain[:-1] if domain.endswith(".") else domain
    return "." in text


@dataclass
class SpfSession:
    """Counters, cache and clock for one check_host() run (and everything it includes)."""

    resolver: dns.resolver.Resolver
    time_limit: float = TIME_LIMIT
    enforce: bool = True  # static analysis counts without stopping
    lookups: int = 0
    void_lookups: int = 0
    started: float = field(default_factory=time.monotonic)
    # Answers by (lower-case name, type). Shared by the evaluation and the analysis of one
    # spf row, so that a name that does not answer costs one timeout, not two.
    answers: dict[tuple[str, str], Lookup] = field(default_factory=dict)
    # Answers fetched ahead (spf/prefetch.py) and not asked for yet: the first ask of one is
    # shown as a query of its own, not as "cached".
    prefetched: set[tuple[str, str]] = field(default_factory=set)
    # When the check must be over: the time limit, or the resolver's deadline if sooner.
    deadline: Deadline = field(default_factory=unbounded)
    limit_seconds: float = 0.0  # the time the check was given, for the temperror's text

    def __post_init__(self) -> None:
        outer = deadline_of(self.resolver) or self.deadline
        self.deadline = outer.within(self.time_limit)
        self.limit_seconds = round(min(self.time_limit, self.deadline.remaining()), 1)

    def count_term(self, position: int | None = None) -> None:
        """RFC 7208 4.6.4: at most 10 DNS-querying terms, else permerror."""
        self.lookups += 1
        if self.enforce and self.lookups > MAX_DNS_TERMS:
            raise permerror("spf.why.lookup_limit", position, limit=MAX_DNS_TERMS)

    def count_void(self, position: int | None = None) -> None:
        """RFC 7208 4.6.4: at most 2 lookups answering NXDOMAIN or no records."""
        self.void_lookups += 1
        if self.enforce and self.void_lookups > MAX_VOID_LOOKUPS:
            raise permerror("spf.why.void_limit", position, limit=MAX_VOID_LOOKUPS)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def query(self, name: str, rdtype: str) -> tuple[Lookup, Query]:
        """Ask once per check; a repeat is answered from the cache (and marked so)."""
        key = (name.lower(), rdtype)
        found = self.answers.get(key)
        if found is not None:
            fresh = key in self.prefetched
            self.prefetched.discard(key)
            return found, query_of(found, cached=not fresh)
        if self.deadline.expired():
            # RFC 7208 4.6.4: past the time limit the result SHOULD be temperror
            raise temperror("spf.why.time_limit", seconds=self.limit_seconds)
        found = lookup(self.resolver, name, rdtype, self.deadline)
        self.answers[key] = found
        return found, query_of(found)


@dataclass(frozen=True, slots=True)
class RecordFetch:
    """The TXT answer for a domain reduced to its SPF record(s) (RFC 7208 4.4, 4.5)."""

    domain: str
    query: Query
    outcome: Outcome
    records: tuple[str, ...] = ()  # every "v=spf1" record found

    @property
    def record(self) -> str | None:
        return self.records[0] if len(self.records) == 1 else None

    @property
    def could_not_check(self) -> bool:
        return not self.outcome.is_answer


def fetch_record(session: SpfSession, domain: str) -> RecordFetch:
    """RFC 7208 4.4: TXT only (type SPF is gone); 4.5: keep the records starting "v=spf1".

    The character-strings of each TXT record are joined without spaces (RFC 7208 3.3).
    """
    text = dns_text(domain) or domain
    found, query = session.query(text, "TXT")
    joined = [b"".join(strings) for strings in found.raw_txt]
    spf = tuple(decode_record(data) for data in joined if is_spf_record(data))
    return RecordFetch(domain, query, found.outcome, spf)
