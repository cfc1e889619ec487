"""Blocklist checks: which queries one list needs, run one list at a time or all at once.

``ZoneCheck`` knows, for one list and one target, which question to ask next (the A
record, the TXT reason only when listed, the RFC 5782 section 5 test entries that vouch for
the answer) and turns the answers into a ``ZoneResult``; it does no I/O itself.
``check_zone()`` runs one list with plain sequential lookups (the GUI runs each list as its
own background task); ``run_check()`` runs every list at once on a thread pool sized for
waiting, so fifty lists take about one round trip. Every query of a row ends by one
``Deadline`` of ``--timeout`` seconds, so a row (A, then TXT) never takes longer than the
timeout, and neither does the whole check (README "Time limits").
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from typing import Any

import dns.resolver

from smtp_gui.core.deadline import Deadline
from smtp_gui.core.dns.io_pool import io_executor
from smtp_gui.core.dns.lookup import Lookup, Outcome, lookup
from smtp_gui.core.dns.resolver import ResolverConfig, build_resolver
from smtp_gui.core.dnsbl.answer import (
    Health,
    ListingStatus,
    interpret,
    interpret_probes,
    is_listing_answer,
    needs_txt,
    probe_says_listed,
)
from smtp_gui.core.dnsbl.query import Target, parse_target, probe_targets, query_name
from smtp_gui.core.dnsbl.summary import summarize
from smtp_gui.core.dnsbl.zones import Zone, ZoneKind, default_zones, zones_from_specs
from smtp_gui.core.text.bilingual import EMPTY, Text
from smtp_gui.core.text.errors import input_error
from smtp_gui.core.text.messages import message


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


@dataclass(frozen=True, slots=True)
class CheckResolver:
    """The resolver a check asks, with the key its probe answers are cached under and the
    label each row shows. Built once per check; shared read-only by every task."""

    resolver: dns.resolver.Resolver
    key: str
    label: str

    @classmethod
    def from_config(cls, config: ResolverConfig) -> CheckResolver:
        servers = config.effective_nameservers()
        return cls(
            build_resolver(config),
            key=",".join(str(ns) for ns in servers),
            label=config.describe(),
        )


def resolver_warnings(config: ResolverConfig) -> tuple[Text, ...]:
    """Said before a check: Spamhaus and others refuse queries from public resolvers."""
    public = config.public_resolvers()
    if not public:
        return ()
    return (message("resolver.public_warning", resolvers=", ".join(str(ns) for ns in public)),)


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
            ms=answer.ms + (txt.ms if txt is not None else 0.0),
            resolver=resolver_label,
        )


def check_zone(
    handle: CheckResolver,
    target: Target,
    zone: Zone,
    cache: ProbeCache | None = PROBE_CACHE,
    deadline: Deadline | None = None,
) -> ZoneResult:
    """One list, one query at a time: the unit of work of one GUI background task.

    Every query ends by ``deadline`` (default: the resolver's timeout from now), so the row
    takes at most that long; once its cancel event is set, the rest end at once.
    """
    if deadline is None:
        deadline = Deadline.after(float(handle.resolver.lifetime))
    check = ZoneCheck(target, zone, handle.key, cache)
    while steps := check.wanted():
        name, rdtype = check.question(steps[0])
        check.record(steps[0], lookup(handle.resolver, name, rdtype, deadline))
    return check.result(handle.label)


MAX_ZONES = 500  # lists one check may ask (--zones): each costs a query, or two, or four


@dataclass(frozen=True, slots=True)
class CheckPlan:
    """The target and the lists that can answer for it (the rest are skipped, with reason)."""

    target: Target
    zones: tuple[Zone, ...]
    skipped: tuple[Zone, ...] = ()


def plan_check(text: str, zone_specs: Sequence[str] | None = None) -> CheckPlan:
    """Parse the target and pick the lists: the shipped defaults, or ``zone_specs``."""
    target = parse_target(text)
    if zone_specs is None:
        zones = default_zones()
    else:
        zones = zones_from_specs(zone_specs, ZoneKind.IP if target.is_ip else ZoneKind.DOMAIN)
        if len(zones) > MAX_ZONES:
            raise input_error("dnsbl.too_many_zones", count=len(zones), limit=MAX_ZONES)
    usable = tuple(z for z in zones if target.applies_to(z))
    # Lists of the other kind (domain lists for an IP) are not "skipped" unless named.
    same_kind = ZoneKind.IP if target.is_ip else ZoneKind.DOMAIN
    skipped = tuple(
        z
        for z in zones
        if not target.applies_to(z) and (zone_specs is not None or z.kind is same_kind)
    )
    return CheckPlan(target, usable, skipped)


def _answer(check: ZoneCheck, step: QueryKind, future: Future[Lookup]) -> Lookup:
    """The lookup's answer; a bug in it is that list's error row, not the end of the check."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - one list's failure must not hide the others
        name, rdtype = check.question(step)
        return Lookup(name, rdtype, Outcome.ERROR, detail=f"{type(exc).__name__}: {exc}")


@dataclass(frozen=True, slots=True)
class CheckReport:
    plan: CheckPlan
    resolver: str
    results: tuple[ZoneResult, ...]
    warnings: tuple[Text, ...] = field(default=())

    @property
    def listed(self) -> int:
        return sum(r.status is ListingStatus.LISTED for r in self.results)

    @property
    def checked(self) -> int:
        """Lists that gave a usable answer (listed or not)."""
        return sum(not r.status.could_not_check for r in self.results)

    def summary(self) -> Text:
        return summarize(
            str(self.plan.target), self.results, self.resolver, skipped=len(self.plan.skipped)
        )

    def to_dict(self, lang: str) -> dict[str, Any]:
        target = self.plan.target
        return {
            "ip": target.value,
            "target": target.value,
            "kind": str(target.kind),
            "resolver": self.resolver,
            "results": [r.to_dict(lang) for r in self.results],
            "listed": self.listed,
            "checked": self.checked,
            "total": len(self.results),
            "listed_zones": [r.zone.zone for r in self.results if r.status is ListingStatus.LISTED],
            "skipped": [z.zone for z in self.plan.skipped],
            "warnings": [w.get(lang) for w in self.warnings],
            "summary": self.summary().get(lang),
        }


def run_check(
    config: ResolverConfig,
    plan: CheckPlan,
    on_result: Callable[[ZoneResult], None] | None = None,
    cache: ProbeCache | None = PROBE_CACHE,
    deadline: Deadline | None = None,
) -> CheckReport:
    """Every list at once (headless): A records and must-list test entries in flight together;
    TXT and the must-not-list entry afterwards only for the lists that answered with an
    address. Rows come back in the plan's order; ``on_result`` sees them as they arrive.

    One ``deadline`` (default: ``config.timeout`` from now) ends every query of every row."""
    if deadline is None:
        deadline = Deadline.after(config.timeout)
    handle = CheckResolver.from_config(config)
    checks = [ZoneCheck(plan.target, zone, handle.key, cache) for zone in plan.zones]
    results: dict[int, ZoneResult] = {}
    pool = io_executor()
    pending: dict[Future[Lookup], tuple[int, QueryKind]] = {}
    asked: set[tuple[int, QueryKind]] = set()

    def ask(index: int) -> None:
        check = checks[index]
        for step in check.wanted(eager=True):
            if (index, step) not in asked:
                asked.add((index, step))
                name, rdtype = check.question(step)
                future = pool.submit(lookup, handle.resolver, name, rdtype, deadline)
                pending[future] = (index, step)

    def finish(index: int) -> None:
        results[index] = checks[index].result(handle.label)
        if on_result is not None:
            on_result(results[index])

    try:
        for index in range(len(checks)):
            ask(index)
        while pending and len(results) < len(checks):
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                index, step = pending.pop(future)
                if index in results:
                    continue  # an eager test entry the list turned out not to need
                checks[index].record(step, _answer(checks[index], step, future))
                if checks[index].done:
                    finish(index)
                else:
                    ask(index)
    finally:
        for future in pending:
            future.cancel()  # not started yet: never will; running ones end by the deadline
    ordered = tuple(results[i] for i in sorted(results))
    return CheckReport(plan, handle.label, ordered, resolver_warnings(config))
