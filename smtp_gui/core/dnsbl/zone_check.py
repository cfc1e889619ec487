"""One blocklist row without I/O: the questions one list needs for one target, what the
answers mean, and the test-entry answers kept while the app runs.

``ZoneCheck`` knows which question to ask next (the A record, the TXT reason only when
listed, the RFC 5782 section 5 test entries that vouch for the answer) and turns the
answers into a ``ZoneResult``; the row task in ``dnsbl/check.py`` asks them.
"""

from __future__ import annotations

import enum
import threading
from dataclasses import dataclass
from typing import Any

from smtp_gui.core.dns.lookup import Lookup, Outcome
from smtp_gui.core.dnsbl.answer import (
    Health,
    ListingStatus,
    interpret,
    interpret_probes,
    is_listing_answer,
    needs_txt,
    probe_says_listed,
)
from smtp_gui.core.dnsbl.query import Target, probe_targets, query_name
from smtp_gui.core.dnsbl.zones import Zone
from smtp_gui.core.text.bilingual import EMPTY, Text


class QueryKind(enum.StrEnum):
    A = "a"
    TXT = "txt"
    MUST_LIST = "must_list"  # 127.0.0.2 / TEST (RFC 5782 5)
    MUST_NOT_LIST = "must_not_list"  # 127.0.0.1 / INVALID (RFC 5782 5)


_PROBE_STEPS = (QueryKind.MUST_LIST, QueryKind.MUST_NOT_LIST)


@dataclass(frozen=True, slots=True)
class ZoneResult:
    """One row of a blocklist check."""

    zone: Zone
    status: ListingStatus
    answers: tuple[str, ...] = ()
    meaning: Text = EMPTY
    txt: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    health: Health = Health.UNKNOWN
    allowlisted: bool = False
    ms: float = 0.0
    resolver: str = ""

    @property
    def delist_url(self) -> str:
        return self.zone.delist_url

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "zone": self.zone.zone,
            "name": self.zone.name,
            "status": str(self.status),
            "answers": list(self.answers),
            "meaning": self.meaning.get(lang),
            "txt": list(self.txt),
            "delist_url": self.delist_url,
            "ms": round(self.ms, 1),
            "resolver": self.resolver,
            "importance": str(self.zone.importance),
            "labels": list(self.labels),
            "health": str(self.health),
            "allowlisted": self.allowlisted,
        }


class ProbeCache:
    """Test-entry answers per (resolver, zone), kept while the app runs; thread-safe.

    Only definite answers are kept: a timeout or a refusal is asked again next time.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._known: dict[tuple[str, str, QueryKind], bool] = {}

    def get(self, resolver_key: str, zone: str, step: QueryKind) -> bool | None:
        with self._lock:
            return self._known.get((resolver_key, zone, step))

    def put(self, resolver_key: str, zone: str, step: QueryKind, listed: bool) -> None:
        with self._lock:
            self._known[(resolver_key, zone, step)] = listed

    def clear(self) -> None:
        with self._lock:
            self._known.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._known)


PROBE_CACHE = ProbeCache()


class ZoneCheck:
    """The questions one list needs for one target, and what the answers mean (no I/O)."""

    def __init__(
        self, target: Target, zone: Zone, resolver_key: str = "", cache: ProbeCache | None = None
    ) -> None:
        self.target = target
        self.zone = zone
        self._key = resolver_key
        self._cache = cache
        self.lookups: dict[QueryKind, Lookup] = {}

    def question(self, step: QueryKind) -> tuple[str, str]:
        """The (name, type) asked for ``step``."""
        if step is QueryKind.A or step is QueryKind.TXT:
            return query_name(self.target, self.zone), "A" if step is QueryKind.A else "TXT"
        must_list, must_not_list = probe_targets(self.zone)
        probe = must_list if step is QueryKind.MUST_LIST else must_not_list
        return query_name(probe, self.zone), "A"

    def _probe(self, step: QueryKind) -> bool | None:
        if step in self.lookups:
            return probe_says_listed(self.zone, self.lookups[step])
        if self._cache is not None:
            return self._cache.get(self._key, self.zone.zone, step)
        return None

    def _probe_settled(self, step: QueryKind) -> bool:
        return step in self.lookups or self._probe(step) is not None

    def wanted(self, eager: bool = False) -> list[QueryKind]:
        """Steps still to ask. ``eager``: ask the must-list test entry alongside the A record,
        so a concurrent runner spends one round trip on a clean target instead of two (a
        listed one needs a second round trip for TXT anyway, and asks must-not-list then)."""
        answer = self.lookups.get(QueryKind.A)
        if answer is None:
            eager = eager and not self._probe_settled(QueryKind.MUST_LIST)
            return [QueryKind.A, QueryKind.MUST_LIST] if eager else [QueryKind.A]
        need: list[QueryKind] = []
        if answer.outcome in (Outcome.NXDOMAIN, Outcome.NODATA):
            need.append(QueryKind.MUST_LIST)  # "not listed" is worth only what the list is
        elif is_listing_answer(self.zone, answer):
            if needs_txt(self.zone, answer):
                need.append(QueryKind.TXT)
            need.append(QueryKind.MUST_NOT_LIST)  # a list that lists 127.0.0.1 lists everyone
        return [
            s
            for s in need
            if s not in self.lookups and (s is QueryKind.TXT or not self._probe_settled(s))
        ]

    def flight(self) -> list[QueryKind]:
        """Everything a cold row may need, asked together (one round trip): the A record, its
        TXT reason (RFC 5782 2.1: the reason of a listing), and each RFC 5782 section 5 test
        entry not known yet (must-list vouches for "not listed", must-not-list for "listed").
        Only A and TXT once both test entries are cached."""
        probes = [s for s in _PROBE_STEPS if not self._probe_settled(s)]
        return [QueryKind.A, QueryKind.TXT, *probes]

    @property
    def decided(self) -> bool:
        """The A answer is in and so is every answer it needs (its TXT, its test entry)."""
        return QueryKind.A in self.lookups and not self.wanted()

    @property
    def done(self) -> bool:
        return QueryKind.A in self.lookups and not self.wanted()

    def record(self, step: QueryKind, result: Lookup) -> None:
        self.lookups[step] = result
        if step in _PROBE_STEPS and self._cache is not None:
            listed = probe_says_listed(self.zone, result)
            if listed is not None:
                self._cache.put(self._key, self.zone.zone, step, listed)

    def health(self) -> Health:
        return interpret_probes(
            self.zone, self._probe(QueryKind.MUST_LIST), self._probe(QueryKind.MUST_NOT_LIST)
        )

    def result(self, resolver_label: str = "") -> ZoneResult:
        answer = self.lookups[QueryKind.A]
        txt = self.lookups.get(QueryKind.TXT)
        health = self.health()
        verdict = interpret(self.zone, answer, txt, health)
        return ZoneResult(
            zone=self.zone,
            status=verdict.status,
            answers=verdict.answers,
            meaning=verdict.meaning,
            txt=verdict.txt,
            labels=verdict.labels,
            health=health,
            allowlisted=verdict.allowlisted,
            ms=max(answer.ms, txt.ms if txt is not None else 0.0),  # asked together
            resolver=resolver_label,
        )
