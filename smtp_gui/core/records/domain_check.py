"""The checks of a domain as independent rows, one row task, and a runner on the DNS engine.

``domain_checks(target)`` lists one ``DomainCheck`` per row (DESIGN.md's ``check domain``);
each takes the shared, read-only resolver and returns a CheckResult. ``domain_task()`` is the
one unit of work of a row, whoever runs it: the window runs each row as its own background
task (ui/jobs.py), ``run_checks`` runs them all at once on the DNS engine. The ``spf``
row is ``smtp_gui.core.records.spf_check.spf_check`` (RFC 7208, with its trace).

Time limits (README "Time limits"): each query waits at most the resolver's timeout; a row
ends within ``ROW_FACTOR`` x timeout and the whole run within ``DOMAIN_FACTOR`` x timeout.
One ``Deadline`` per row, inside the run's, reaches every query of the row on the resolver
the row is given (``with_deadline()``); its cancel event stops the row at once.
"""

from __future__ import annotations

import dataclasses
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial

import dns.resolver

from smtp_gui.core.checks.status import CheckResult, Problem, Status
from smtp_gui.core.deadline import DOMAIN_FACTOR, ROW_FACTOR, Deadline
from smtp_gui.core.dns.deadline_resolver import deadline_of, with_deadline
from smtp_gui.core.dns.engine import as_finished
from smtp_gui.core.dns.resolver import ResolverConfig, build_resolver
from smtp_gui.core.records.dane import tlsa_check
from smtp_gui.core.records.dkim import dkim_check, normalize_selector
from smtp_gui.core.records.dmarc import dmarc_check
from smtp_gui.core.records.mta_sts import mta_sts_check
from smtp_gui.core.records.mx import mx_check
from smtp_gui.core.records.policy_records import bimi_check, tls_rpt_check
from smtp_gui.core.records.ptr import normalize_ip, ptr_check
from smtp_gui.core.records.spf_check import spf_check
from smtp_gui.core.text.errors import input_error
from smtp_gui.core.text.messages import Note

CHECK_NAMES = ("mx", "spf", "dmarc", "dkim", "ptr", "mta-sts", "tls-rpt", "bimi", "tlsa")
_LABEL = re.compile(r"(?!-)[A-Za-z0-9_\-]{1,63}(?<!-)")

CheckFunction = Callable[[dns.resolver.Resolver], CheckResult]


@dataclass(frozen=True, slots=True)
class DomainTarget:
    """What to check: a domain and, optionally, the sending IP, sender, HELO and selectors."""

    domain: str
    ip: str | None = None
    sender: str | None = None
    helo: str | None = None
    selectors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DomainCheck:
    """One row: its name and the callable that produces its result."""

    name: str
    run: CheckFunction


def normalize_domain(text: str) -> str:
    """A domain as typed or pasted (``user@Example.COM.`` too) -> ``example.com``."""
    value = text.strip()
    if "@" in value:
        value = value.rpartition("@")[2]
    value = value.strip().rstrip(".").lower()
    try:
        value = value.encode("idna").decode("ascii") if not value.isascii() else value
    except UnicodeError:
        raise input_error("domain_check.bad_domain", value=text[:80]) from None
    labels = value.split(".")
    if not value or len(value) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        raise input_error("domain_check.bad_domain", value=text[:80])
    return value


def make_target(
    domain: str,
    *,
    ip: str | None = None,
    sender: str | None = None,
    helo: str | None = None,
    selectors: Iterable[str] = (),
) -> DomainTarget:
    """Validate the user's input; InputError names the first field that is wrong."""
    clean_sender = None
    if sender:
        local, at, sender_domain = sender.strip().rpartition("@")
        clean_sender = f"{local}{at}{normalize_domain(sender_domain)}"
    return DomainTarget(
        normalize_domain(domain),
        normalize_ip(ip) if ip else None,
        clean_sender,
        normalize_domain(helo) if helo else None,
        tuple(dict.fromkeys(normalize_selector(s) for s in selectors)),
    )


def _spf(target: DomainTarget, resolver: dns.resolver.Resolver) -> CheckResult:
    """The spf row: RFC 7208 evaluation for the IP, sender and HELO name, if given."""
    return spf_check(target.domain, resolver, ip=target.ip, sender=target.sender, helo=target.helo)


def _ptr(target: DomainTarget, resolver: dns.resolver.Resolver) -> CheckResult:
    if target.ip is None:
        return CheckResult("ptr", Status.INFO, Note("ptr.no_ip", {}))
    return ptr_check(target.ip, resolver)


def _factories(target: DomainTarget) -> dict[str, CheckFunction]:
    d = target.domain
    return {
        "mx": partial(mx_check, d),
        "spf": partial(_spf, target),
        "dmarc": lambda resolver: dmarc_check(d, resolver, sender=target.sender),
        "dkim": lambda resolver: dkim_check(d, resolver, target.selectors),
        "ptr": partial(_ptr, target),
        "mta-sts": partial(mta_sts_check, d),
        "tls-rpt": partial(tls_rpt_check, d),
        "bimi": partial(bimi_check, d),
        "tlsa": partial(tlsa_check, d),
    }


def domain_checks(
    target: DomainTarget,
    names: Sequence[str] = CHECK_NAMES,
    *,
    overrides: dict[str, CheckFunction] | None = None,
) -> tuple[DomainCheck, ...]:
    """The rows for ``target`` in ``names`` order; ``overrides`` replaces a row's callable."""
    factories = {**_factories(target), **(overrides or {})}
    unknown = [n for n in names if n not in factories]
    if unknown:
        raise input_error(
            "domain_check.unknown_check", names=", ".join(unknown), known=", ".join(CHECK_NAMES)
        )
    return tuple(DomainCheck(n, factories[n]) for n in names)


def row_deadline(resolver: dns.resolver.Resolver, outer: Deadline | None = None) -> Deadline:
    """A row's deadline: ``ROW_FACTOR`` x the resolver's timeout, never past ``outer``."""
    whole = outer or deadline_of(resolver) or Deadline.after(DOMAIN_FACTOR * resolver.lifetime)
    return whole.within(ROW_FACTOR * float(resolver.lifetime))


def run_check(
    check: DomainCheck,
    resolver: dns.resolver.Resolver,
    described: str = "",
    deadline: Deadline | None = None,
) -> CheckResult:
    """Run one row, timed; a bug in a check becomes an ``error`` row instead of a crash.

    The row ends by ``row_deadline(resolver, deadline)``: every query it makes carries it.
    """
    started = time.monotonic()
    bounded = with_deadline(resolver, row_deadline(resolver, deadline))
    try:
        result = check.run(bounded)
    except Exception as exc:  # noqa: BLE001 - one broken check must not hide the others
        note = Note(
            "domain_check.crashed",
            {"name": check.name, "error": f"{type(exc).__name__}: {exc}"[:300]},
        )
        result = CheckResult(
            check.name,
            Status.ERROR,
            note,
            problems=(Problem(note, Status.ERROR),),
            extra={"failure": "internal"},
        )
    ms = (time.monotonic() - started) * 1000
    return dataclasses.replace(result, resolver=described or result.resolver, ms=ms)


@dataclass(frozen=True, slots=True)
class DomainRow:
    """What one row of a domain check needs: the check, the resolver it asks (shared
    read-only by every row) and how that resolver is described in the row."""

    check: DomainCheck
    resolver: dns.resolver.Resolver
    described: str = ""

    @property
    def name(self) -> str:
        return self.check.name


def domain_rows(checks: Sequence[DomainCheck], config: ResolverConfig) -> tuple[DomainRow, ...]:
    """The rows of ``checks``, all asking one resolver built from ``config``."""
    resolver = build_resolver(config)
    described = config.describe()
    return tuple(DomainRow(check, resolver, described) for check in checks)


def domain_task(
    row: DomainRow, cancel: threading.Event | None, deadline: Deadline
) -> CheckResult | None:
    """One row, within ``ROW_FACTOR`` x the timeout from now and never past ``deadline``;
    None once ``cancel`` is set (Cancel, closing the window: its queries and fetches end
    within a tenth of a second)."""
    stop = cancel if cancel is not None else deadline.cancel
    if stop is not None and stop.is_set():
        return None
    result = run_check(row.check, row.resolver, row.described, Deadline(deadline.at, stop))
    return None if stop is not None and stop.is_set() else result


def run_checks(
    checks: Sequence[DomainCheck],
    resolver: dns.resolver.Resolver,
    described: str = "",
    *,
    on_result: Callable[[int, CheckResult], None] | None = None,
    deadline: Deadline | None = None,
) -> list[CheckResult]:
    """Every row at once on the DNS engine (they wait on DNS); results in ``checks`` order.

    The run ends by ``deadline`` (default: ``DOMAIN_FACTOR`` x the resolver's timeout)."""
    whole = deadline or Deadline.after(DOMAIN_FACTOR * float(resolver.lifetime))
    rows = [DomainRow(check, resolver, described) for check in checks]
    results: dict[int, CheckResult] = {}
    for index, result in as_finished([partial(domain_task, r, None, whole) for r in rows]):
        if result is not None:
            results[index] = result
            if on_result is not None:
                on_result(index, result)
    return [results[i] for i in sorted(results)]
