"""Blocklist checks: one row task per list, run by the window and by the CLI on the DNS engine.

``zone_flight()`` is the one unit of work of a blocklist check, whoever runs it: one list for
one target, as a coroutine on the engine's loop. Every question the row may need leaves at
once (one flight): the A record, its TXT reason and the RFC 5782 section 5 test entries not
cached yet; the row is decided as soon as the answers it needs are in (a clean answer needs
the must-list entry, a listing its TXT and the must-not-list entry). So a cold check takes
one round trip, not three (test entries, then A, then TXT). The window submits each row as
``AsyncWork`` (ui/jobs.py); ``run_check()`` runs every row at once, so fifty lists take
about one round trip. Every query of a row ends by one ``Deadline`` of ``--timeout``
seconds, so neither a row nor the whole check takes longer (README "Time limits").
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError
from dataclasses import dataclass, field
from typing import Any

import dns.resolver

from smtp_gui.core.deadline import SLICE, Deadline, unbounded
from smtp_gui.core.dns.engine import AsyncWork, engine
from smtp_gui.core.dns.lookup import Lookup, Outcome, alookup
from smtp_gui.core.dns.resolver import ResolverConfig, build_resolver
from smtp_gui.core.dnsbl.answer import ListingStatus
from smtp_gui.core.dnsbl.query import Target, parse_target
from smtp_gui.core.dnsbl.summary import summarize
from smtp_gui.core.dnsbl.zone_check import (
    PROBE_CACHE,
    ProbeCache,
    QueryKind,
    ZoneCheck,
    ZoneResult,
)
from smtp_gui.core.dnsbl.zones import Zone, ZoneKind, default_zones, zones_from_specs
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.errors import input_error
from smtp_gui.core.text.messages import message

__all__ = [
    "PROBE_CACHE",
    "CheckPlan",
    "CheckReport",
    "CheckResolver",
    "ProbeCache",
    "QueryKind",
    "ZoneCheck",
    "ZoneResult",
    "ZoneRow",
    "check_zone",
    "plan_check",
    "resolver_warnings",
    "run_check",
    "zone_flight",
    "zone_rows",
    "zone_task",
    "zone_work",
]


@dataclass(frozen=True, slots=True)
class CheckResolver:
    """The resolver a check asks, with the key its probe answers are cached under and the
    label each row shows. Built once per check; shared read-only by every task."""

    resolver: dns.resolver.Resolver
    key: str
    label: str

    @property
    def timeout(self) -> float:
        """How long one row may take: the per-query timeout (the resolver's lifetime)."""
        return float(self.resolver.lifetime)

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


@dataclass(frozen=True, slots=True)
class ZoneRow:
    """What one row of a blocklist check needs: the resolver, the target, the list, and
    where the test-entry answers are kept."""

    handle: CheckResolver
    target: Target
    zone: Zone
    cache: ProbeCache | None = PROBE_CACHE


async def _ask(
    check: ZoneCheck, step: QueryKind, resolver: dns.resolver.Resolver, end: Deadline
) -> Lookup:
    """One question of a row; a bug in it is that list's error row, not the end of the check."""
    name, rdtype = check.question(step)
    try:
        return await alookup(resolver, name, rdtype, end)
    except Exception as exc:  # noqa: BLE001 - one list's failure must not hide the others
        return Lookup(name, rdtype, Outcome.ERROR, detail=f"{type(exc).__name__}: {exc}")


_PROBES = (QueryKind.MUST_LIST, QueryKind.MUST_NOT_LIST)


async def zone_flight(row: ZoneRow, deadline: Deadline) -> ZoneResult:
    """One list's row on the engine's loop: every question it may need in one flight, the
    row decided when the answers it needs are in, all within the timeout from now and never
    past ``deadline``. A test entry still in flight then is left to land in the cache (it is
    bounded by the same deadline); a TXT no longer needed is dropped."""
    end = deadline.within(row.handle.timeout)
    check = ZoneCheck(row.target, row.zone, row.handle.key, row.cache)
    resolver = row.handle.resolver
    flying: dict[asyncio.Task[Lookup], QueryKind] = {}

    def launch(step: QueryKind) -> None:
        flying[asyncio.ensure_future(_ask(check, step, resolver, end))] = step

    for step in check.flight():
        launch(step)
    try:
        while flying and not check.decided:
            done, _ = await asyncio.wait(flying, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                check.record(flying.pop(task), task.result())
            if QueryKind.A in check.lookups:  # round after round, should a step be missing
                for step in check.wanted():
                    if step not in flying.values():
                        launch(step)
    except BaseException:
        for task in flying:
            task.cancel()
        raise
    for task, step in flying.items():
        if step in _PROBES:
            task.add_done_callback(_cache_probe(check, step))
        else:
            task.cancel()
    return check.result(row.handle.label)


def _cache_probe(check: ZoneCheck, step: QueryKind) -> Callable[[asyncio.Task[Lookup]], None]:
    def landed(task: asyncio.Task[Lookup]) -> None:
        if not task.cancelled() and task.exception() is None:
            check.record(step, task.result())

    return landed


def zone_work(row: ZoneRow) -> AsyncWork[ZoneResult | None]:
    """The row as work for the engine's loop (the window's jobs bridge submits it): None
    once its cancel event is set (Cancel, a newer check, closing the window)."""

    async def run(cancel: threading.Event) -> ZoneResult | None:
        result = await zone_flight(row, unbounded_for(cancel))
        return None if cancel.is_set() else result

    return AsyncWork(run)


def unbounded_for(cancel: threading.Event) -> Deadline:
    """No deadline of the batch's: each row keeps to its own timeout (zone_flight caps it)."""
    return Deadline(unbounded().at, cancel)


def zone_task(
    row: ZoneRow, cancel: threading.Event | None, deadline: Deadline
) -> ZoneResult | None:
    """``zone_flight()`` from a thread that is not the engine's: None once ``cancel`` is set
    (the queries in flight end at once)."""
    stop = cancel if cancel is not None else deadline.cancel
    try:
        result = engine().call(zone_flight(row, Deadline(deadline.at, stop)), stop)
    except CancelledError:
        return None
    return None if stop is not None and stop.is_set() else result


def check_zone(
    handle: CheckResolver,
    target: Target,
    zone: Zone,
    cache: ProbeCache | None = PROBE_CACHE,
    deadline: Deadline | None = None,
) -> ZoneResult:
    """``zone_task()`` for one list, with no cancel: always a result."""
    end = deadline if deadline is not None else Deadline.after(handle.timeout)
    result = zone_task(ZoneRow(handle, target, zone, cache), None, Deadline(end.at))
    assert result is not None  # nothing can call it off
    return result


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


def zone_rows(plan: CheckPlan, handle: CheckResolver, cache: ProbeCache | None) -> list[ZoneRow]:
    """The rows of ``plan``, in its order."""
    return [ZoneRow(handle, plan.target, zone, cache) for zone in plan.zones]


def run_check(
    config: ResolverConfig,
    plan: CheckPlan,
    on_result: Callable[[ZoneResult], None] | None = None,
    cache: ProbeCache | None = PROBE_CACHE,
    deadline: Deadline | None = None,
) -> CheckReport:
    """Every row at once on the DNS engine (headless). Rows come back in the plan's order;
    ``on_result`` sees them as they arrive, in the calling thread.

    One ``deadline`` (default: ``config.timeout`` from now) ends every query of every row;
    its cancel event ends the check at once (rows not in are left out)."""
    if deadline is None:
        deadline = Deadline.after(config.timeout)
    handle = CheckResolver.from_config(config)
    rows = zone_rows(plan, handle, cache)
    arrived: queue.SimpleQueue[tuple[int, ZoneResult]] = queue.SimpleQueue()
    future = engine().submit(_all_rows(rows, deadline, arrived.put))
    results: dict[int, ZoneResult] = {}
    try:
        while len(results) < len(rows):
            try:
                index, result = arrived.get(timeout=SLICE)
            except queue.Empty:
                if deadline.cancelled:
                    break
                if future.done():
                    future.result()  # a bug in the runner itself: raise it here
                    if arrived.empty():  # every row put its result before the runner ended
                        break
                continue
            results[index] = result
            if on_result is not None:
                on_result(result)
    finally:
        future.cancel()
    ordered = tuple(results[i] for i in sorted(results))
    return CheckReport(plan, handle.label, ordered, resolver_warnings(config))


async def _all_rows(
    rows: Sequence[ZoneRow], deadline: Deadline, put: Callable[[tuple[int, ZoneResult]], None]
) -> None:
    async def one(index: int, row: ZoneRow) -> None:
        put((index, await zone_flight(row, deadline)))

    await asyncio.gather(*(one(i, row) for i, row in enumerate(rows)))
