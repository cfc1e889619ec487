"""The ``tlsa`` check: DANE for SMTP, TLSA records at ``_25._tcp.<mx host>`` (RFC 7672).

TLSA fields per RFC 6698 2.1; SMTP uses only DANE-TA(2) and DANE-EE(3) (RFC 7672 3.1), and
only answers a validating resolver vouches for (the AD bit) count (RFC 7672 2.1.1). This
check reports whether each answer had the AD bit: without it the records may be right but
cannot be trusted by senders, or the resolver in use does not validate.
"""

from __future__ import annotations

from dataclasses import dataclass

import dns.resolver

from smtp_gui.core.checks.findings import (
    could_not_check,
    failure_problem,
    problem,
    status_of,
    within,
)
from smtp_gui.core.checks.status import CheckResult, Detail, Problem, Status
from smtp_gui.core.dns.lookup import Lookup, Outcome
from smtp_gui.core.dns.parallel import lookup_all
from smtp_gui.core.records.mx import mail_hosts
from smtp_gui.core.records.org_domain import normalize
from smtp_gui.core.text.digits import parse_digits
from smtp_gui.core.text.messages import Note

MAX_HOSTS = 10
_HASH_HEX = {1: 64, 2: 128}  # RFC 6698 2.1.3: SHA-256 and SHA-512 digest lengths in hex


@dataclass(frozen=True, slots=True)
class Tlsa:
    text: str
    usage: int | None
    selector: int | None
    mtype: int | None
    data: str
    problems: tuple[Problem, ...]

    @property
    def usable(self) -> bool:
        return not any(p.severity in (Status.FAIL, Status.WARN) for p in self.problems)


@dataclass(frozen=True, slots=True)
class HostTlsa:
    host: str
    lookup: Lookup
    records: tuple[Tlsa, ...]

    @property
    def validated(self) -> bool:
        return self.lookup.dnssec_validated


def parse_tlsa(text: str) -> Tlsa:
    """``3 1 1 <hex>`` (presentation format) -> fields and findings."""
    parts = text.split()
    found: list[Problem] = []
    numbers: list[int | None] = []
    for part in parts[:3]:
        numbers.append(parse_digits(part, max_digits=3))
    while len(numbers) < 3:
        numbers.append(None)
    usage, selector, mtype = numbers
    data = "".join(parts[3:]).lower()
    if None in numbers or not data:
        found.append(problem("tlsa.syntax", Status.FAIL, "RFC 6698 2.2", text=text[:60]))
        return Tlsa(text, usage, selector, mtype, data, tuple(found))
    if usage in (0, 1):
        found.append(problem("tlsa.pkix_usage", Status.WARN, "RFC 7672 3.1.3", usage=usage))
    elif usage not in (2, 3):
        found.append(problem("tlsa.bad_usage", Status.FAIL, "RFC 6698 2.1.1", usage=usage))
    if selector not in (0, 1):
        found.append(problem("tlsa.bad_selector", Status.FAIL, "RFC 6698 2.1.2", selector=selector))
    if mtype not in (0, 1, 2):
        found.append(problem("tlsa.bad_mtype", Status.FAIL, "RFC 6698 2.1.3", mtype=mtype))
    elif mtype in _HASH_HEX and len(data) != _HASH_HEX[mtype]:
        found.append(
            problem(
                "tlsa.bad_length",
                Status.FAIL,
                "RFC 6698 2.1.3",
                mtype=mtype,
                length=len(data) // 2,
                expected=_HASH_HEX[mtype] // 2,
            )
        )
    if usage == 3 and selector == 0 and mtype == 0:
        found.append(problem("tlsa.full_cert", Status.INFO, "RFC 7671 5.1"))
    return Tlsa(text, usage, selector, mtype, data, tuple(found))


def tlsa_name(host: str, port: int = 25) -> str:
    return f"_{port}._tcp.{host}"


def tlsa_check(domain: str, resolver: dns.resolver.Resolver) -> CheckResult:
    """The ``tlsa`` row: DANE records of each MX host and whether DNSSEC vouched for them."""
    domain = normalize(domain)
    answer, records = mail_hosts(domain, resolver)
    if answer.could_not_check:
        return could_not_check("tlsa", answer)
    if any(r.is_null for r in records):
        return CheckResult("tlsa", Status.INFO, Note("tlsa.null_mx", {"domain": domain}))
    if answer.outcome is Outcome.NXDOMAIN:
        return CheckResult("tlsa", Status.INFO, Note("tlsa.no_domain", {"domain": domain}))
    # RFC 7672 2.2.2: without MX records the domain itself is the host to look up.
    hosts = [r.exchange for r in records if not r.is_ip_literal][:MAX_HOSTS] or [domain]
    answers = lookup_all(resolver, [(tlsa_name(h), "TLSA") for h in hosts])
    results = [
        HostTlsa(h, a, tuple(parse_tlsa(r) for r in a.records))
        for h, a in zip(hosts, answers, strict=True)
    ]
    with_tlsa = [r for r in results if r.records]
    failures = [r for r in results if r.lookup.could_not_check]
    if not with_tlsa:
        if failures:
            return could_not_check(
                "tlsa",
                failures[0].lookup,
                problems=tuple(failure_problem(f.lookup) for f in failures[1:]),
            )
        return CheckResult(
            "tlsa",
            Status.INFO,
            Note("tlsa.none", {"domain": domain}),
            extra={"hosts": [_host_dict(r) for r in results]},
        )
    problems: list[Problem] = [failure_problem(f.lookup) for f in failures]
    details: list[Detail] = []
    for result in results:
        problems.extend(_host_problems(result, bool(with_tlsa)))
        details.extend(_host_details(result))
    validated = all(r.validated for r in with_tlsa)
    summary = Note(
        "tlsa.summary" if validated else "tlsa.summary_unvalidated",
        {"count": len(with_tlsa), "total": len(results)},
    )
    return CheckResult(
        "tlsa",
        status_of(problems),
        summary,
        record="\n".join(f"{tlsa_name(r.host)}: {t.text}" for r in with_tlsa for t in r.records),
        problems=tuple(problems),
        details=tuple(details),
        extra={"hosts": [_host_dict(r) for r in results], "dnssec_validated": validated},
    )


def _host_problems(result: HostTlsa, others_have_tlsa: bool) -> list[Problem]:
    if result.lookup.could_not_check:
        return []
    if not result.records:
        if others_have_tlsa:
            return [problem("tlsa.partial", Status.WARN, "RFC 7672 2.2", host=result.host)]
        return []
    found = []
    if not result.validated:
        found.append(problem("tlsa.not_validated", Status.WARN, "RFC 7672 2.1.1", host=result.host))
    for record in result.records:
        found.extend(within("tlsa.at_host", p, host=result.host) for p in record.problems)
    if not any(r.usable for r in result.records):
        found.append(problem("tlsa.none_usable", Status.FAIL, "RFC 7672 3.1", host=result.host))
    return found


def _host_details(result: HostTlsa) -> list[Detail]:
    if not result.records:
        return [Detail(result.host, "-", Note("tlsa.detail_none", {}))]
    key = "tlsa.detail_validated" if result.validated else "tlsa.detail_unvalidated"
    details = [Detail(result.host, tlsa_name(result.host), Note(key, {}))]
    for record in result.records:
        meaning = Note(f"tlsa.meaning.{record.usage}", {}) if record.usage in range(4) else None
        data = record.data
        short = data if len(data) <= 24 else f"{data[:16]}...{data[-6:]}"
        value = f"{record.usage} {record.selector} {record.mtype} {short}"
        details.append(Detail(result.host, value, meaning))
    return details


def _host_dict(result: HostTlsa) -> dict[str, object]:
    return {
        "host": result.host,
        "tlsa": [t.text for t in result.records],
        "dnssec_validated": result.validated,
        "lookup": str(result.lookup.outcome),
    }
