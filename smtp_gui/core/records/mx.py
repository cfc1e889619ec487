"""Where a domain's mail goes: MX records, their addresses, null MX and the implicit MX.

RFC 5321 5.1: no MX means the domain's own A/AAAA is an implicit MX of preference 0.
RFC 7505 3: a single ``MX 0 .`` says the domain accepts no mail (senders bounce with
556 5.1.10, RFC 7505 4.1). An MX target must be a host name with addresses, not an alias
(RFC 2181 10.3) and not an IP address written as a name (RFC 1035 3.3.9).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

import dns.resolver

from smtp_gui.core.checks.findings import could_not_check, failure_problem, problem, status_of
from smtp_gui.core.checks.status import CheckResult, Detail, Problem, Status
from smtp_gui.core.dns.lookup import Lookup, Outcome, lookup, name_text
from smtp_gui.core.dns.parallel import lookup_all
from smtp_gui.core.text.digits import parse_digits
from smtp_gui.core.text.messages import Note

MAX_HOSTS = 20  # more MX hosts than this are listed, not resolved


@dataclass(frozen=True, slots=True)
class MxRecord:
    preference: int
    exchange: str  # lower case, no trailing dot; "" for the root (null MX)

    @property
    def is_null(self) -> bool:
        return self.exchange == ""

    @property
    def is_ip_literal(self) -> bool:
        return _is_ip_literal(self.exchange)


@dataclass(frozen=True, slots=True)
class MxHost:
    record: MxRecord
    addresses: tuple[str, ...] = ()
    alias_target: str | None = None  # the CNAME target when the exchange is an alias
    failures: tuple[Lookup, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "preference": self.record.preference,
            "host": self.record.exchange,
            "addresses": list(self.addresses),
            "cname": self.alias_target,
        }


def parse_mx(records: tuple[str, ...]) -> tuple[MxRecord, ...]:
    """Presentation-format MX rdata (``10 mx.example.``) -> records sorted by preference."""
    found: list[MxRecord] = []
    for text in records:
        preference, _space, exchange = text.strip().partition(" ")
        value = _preference(preference)
        if value is None:
            continue
        host = name_text(exchange.strip()).lower()  # "" for the root (null MX)
        found.append(MxRecord(value, host))
    return tuple(sorted(found, key=lambda r: (r.preference, r.exchange)))


def _preference(text: str) -> int | None:
    """RFC 1035 3.3.9: a 16-bit unsigned integer."""
    value = parse_digits(text)
    return value if value is not None and value <= 65535 else None


def _preference_order(text: str) -> tuple[int, str]:
    preference, _space, rest = text.partition(" ")
    value = _preference(preference)
    return (65536 if value is None else value, rest)


def _is_ip_literal(name: str) -> bool:
    text = name.strip("[]")
    if text.lower().startswith("ipv6:"):
        text = text[5:]
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def mail_hosts(domain: str, resolver: dns.resolver.Resolver) -> tuple[Lookup, tuple[MxRecord, ...]]:
    """The MX lookup and its records: for DANE and MTA-STS, which need the host names."""
    answer = lookup(resolver, domain, "MX")
    return answer, parse_mx(answer.records) if answer.outcome is Outcome.ANSWER else ()


def resolve_hosts(
    records: tuple[MxRecord, ...], resolver: dns.resolver.Resolver
) -> tuple[MxHost, ...]:
    """CNAME, A and AAAA of each MX target (IP literals and the null MX are not looked up)."""
    targets = [r for r in records if not r.is_null and not r.is_ip_literal][:MAX_HOSTS]
    questions = [(r.exchange, kind) for r in targets for kind in ("CNAME", "A", "AAAA")]
    answers = iter(lookup_all(resolver, questions))
    resolved: dict[MxRecord, MxHost] = {}
    for record in targets:
        cname, a, aaaa = next(answers), next(answers), next(answers)
        failures = tuple(x for x in (cname, a, aaaa) if x.could_not_check)
        alias = name_text(cname.records[0]).lower() if cname.outcome is Outcome.ANSWER else None
        resolved[record] = MxHost(record, a.records + aaaa.records, alias, failures)
    return tuple(resolved.get(r, MxHost(r)) for r in records)


def mx_check(domain: str, resolver: dns.resolver.Resolver) -> CheckResult:
    """The ``mx`` row: where mail for ``domain`` is delivered, and what is wrong with it."""
    answer, records = mail_hosts(domain, resolver)
    if answer.could_not_check:
        return could_not_check("mx", answer)
    if answer.outcome is Outcome.NXDOMAIN:
        note = Note("mx.nxdomain", {"domain": domain})
        return CheckResult(
            "mx", Status.FAIL, note, problems=(Problem(note, Status.FAIL, "RFC 5321 5.1"),)
        )
    if not records:
        return _implicit_mx(domain, resolver)
    record_text = "\n".join(sorted(answer.records, key=_preference_order))
    if any(r.is_null for r in records):
        return _null_mx(domain, records, record_text)
    hosts = resolve_hosts(records, resolver)
    problems: list[Problem] = []
    details: list[Detail] = []
    for host in hosts:
        problems.extend(_host_problems(host))
        details.append(_host_detail(host))
    if len(records) > MAX_HOSTS:
        problems.append(problem("mx.too_many", Status.INFO, count=len(records), limit=MAX_HOSTS))
    status = status_of(problems)
    best = records[0]
    summary = Note(
        "mx.summary", {"count": len(records), "host": best.exchange, "pref": best.preference}
    )
    return CheckResult(
        "mx",
        status,
        summary,
        record=record_text,
        problems=tuple(problems),
        details=tuple(details),
        extra={"hosts": [h.to_dict() for h in hosts], "null_mx": False, "implicit": False},
    )


def _host_problems(host: MxHost) -> list[Problem]:
    name = host.record.exchange
    if host.record.is_ip_literal:
        return [problem("mx.ip_literal", Status.WARN, "RFC 1035 3.3.9", host=name)]
    found: list[Problem] = []
    if host.alias_target:
        found.append(
            problem("mx.cname", Status.WARN, "RFC 2181 10.3", host=name, target=host.alias_target)
        )
    found.extend(failure_problem(f) for f in host.failures)
    if not host.addresses and not host.failures:
        found.append(problem("mx.host_no_address", Status.FAIL, "RFC 5321 5.1", host=name))
    return found


def _host_detail(host: MxHost) -> Detail:
    name = host.record.exchange
    value = f"{name} -> {', '.join(host.addresses)}" if host.addresses else name
    meaning: Note | None = None
    if host.alias_target:
        meaning = Note("mx.detail_alias", {"target": host.alias_target})
    elif host.record.is_ip_literal:
        meaning = Note("mx.detail_literal", {})
    elif not host.addresses and not host.failures:
        meaning = Note("mx.detail_no_address", {})
    return Detail(f"MX {host.record.preference}", value, meaning)


def _null_mx(domain: str, records: tuple[MxRecord, ...], record_text: str) -> CheckResult:
    """RFC 7505 3: ``MX 0 .`` alone says "no mail here"; mixed with other MX it is an error."""
    if len(records) > 1:
        note = Note("mx.null_mixed", {"domain": domain})
        return CheckResult(
            "mx",
            Status.FAIL,
            note,
            record=record_text,
            problems=(Problem(note, Status.FAIL, "RFC 7505 3"),),
            extra={"hosts": [], "null_mx": True, "implicit": False},
        )
    problems = [
        problem("mx.null_recipient", Status.INFO, "RFC 7505 4.1", domain=domain),
        problem("mx.null_sender", Status.INFO, "RFC 7505 4.2", domain=domain),
    ]
    if records[0].preference != 0:
        problems.insert(
            0, problem("mx.null_preference", Status.WARN, "RFC 7505 3", pref=records[0].preference)
        )
    return CheckResult(
        "mx",
        Status.WARN if records[0].preference != 0 else Status.INFO,
        Note("mx.null", {"domain": domain}),
        record=record_text,
        problems=tuple(problems),
        details=(Detail("MX 0", ".", Note("mx.detail_null", {})),),
        extra={"hosts": [], "null_mx": True, "implicit": False},
    )


def _implicit_mx(domain: str, resolver: dns.resolver.Resolver) -> CheckResult:
    """RFC 5321 5.1: no MX records, so mail goes to the domain's own address records."""
    a, aaaa = lookup_all(resolver, [(domain, "A"), (domain, "AAAA")])
    addresses = a.records + aaaa.records
    failures = [x for x in (a, aaaa) if x.could_not_check]
    if failures and not addresses:
        return could_not_check("mx", failures[0])
    extra = {
        "hosts": [{"preference": 0, "host": domain, "addresses": list(addresses), "cname": None}],
        "null_mx": False,
        "implicit": True,
    }
    if not addresses:
        note = Note("mx.no_mx_no_address", {"domain": domain})
        return CheckResult(
            "mx",
            Status.FAIL,
            note,
            problems=(Problem(note, Status.FAIL, "RFC 5321 5.1"),),
            extra=extra,
        )
    problems = [problem("mx.implicit", Status.WARN, "RFC 5321 5.1", domain=domain)]
    problems.extend(failure_problem(f) for f in failures)
    return CheckResult(
        "mx",
        status_of(problems),
        Note("mx.implicit_summary", {"domain": domain}),
        problems=tuple(problems),
        details=(Detail("MX 0 (implicit)", f"{domain} -> {', '.join(addresses)}"),),
        extra=extra,
    )
