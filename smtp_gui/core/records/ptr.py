"""The ``ptr`` check: reverse DNS of a sending IP and whether it is forward-confirmed.

Forward-confirmed reverse DNS (the "iprev" method, RFC 8601 3): a PTR name of the IP must
resolve back to that same IP. Gmail and Yahoo require it of bulk senders, and many receivers
reject mail without it (Gmail: 550 5.7.25, RFC 7372 3.3).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import cache

import dns.resolver
import dns.reversename

from smtp_gui.core.checks.findings import could_not_check, failure_problem, problem, status_of
from smtp_gui.core.checks.status import CheckResult, Detail, Problem, Status
from smtp_gui.core.dns.lookup import Lookup, Outcome, lookup, name_text
from smtp_gui.core.dns.parallel import lookup_all
from smtp_gui.core.resources import load_json
from smtp_gui.core.text.errors import input_error
from smtp_gui.core.text.messages import Note

MAX_NAMES = 10  # as RFC 7208 5.5 limits PTR names, so a hostile zone cannot fan out
IPREV = "RFC 8601 3"
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class PtrName:
    name: str
    addresses: tuple[str, ...]
    confirms: bool  # resolves back to the IP
    failure: Lookup | None


def normalize_ip(text: str) -> str:
    """An IPv4 or IPv6 address in canonical form; InputError otherwise."""
    value = text.strip().strip("[]")
    if value.lower().startswith("ipv6:"):
        value = value[5:]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        raise input_error("ptr.bad_ip", value=text[:80]) from None


@cache
def _generic_words() -> tuple[str, ...]:
    return tuple(str(w) for w in load_json("ptr", "generic-names.json")["words"])


def looks_generic(name: str, ip: str) -> bool:
    """An ISP pool name: it spells out the address or carries a word like ``dynamic``."""
    lowered = name.lower()
    address = ipaddress.ip_address(ip)
    if address.version == 4:
        octets = str(address).split(".")
        for sep in "-._":
            if sep.join(octets) in lowered or sep.join(reversed(octets)) in lowered:
                return True
    labels = re.split(r"[.\-_]", lowered)
    return any(w in labels or (w.endswith("-") and w in lowered) for w in _generic_words())


def confirm_names(
    ip: str, names: tuple[str, ...], resolver: dns.resolver.Resolver
) -> tuple[PtrName, ...]:
    """Resolve each PTR name forward (A for IPv4, AAAA for IPv6) and compare with ``ip``."""
    address = ipaddress.ip_address(ip)
    rdtype = "A" if address.version == 4 else "AAAA"
    answers = lookup_all(resolver, [(n, rdtype) for n in names])
    confirmed = []
    for name, answer in zip(names, answers, strict=True):
        back = tuple(answer.records)
        matches = any(_same(address, r) for r in back)
        failure = answer if answer.could_not_check else None
        confirmed.append(PtrName(name, back, matches, failure))
    return tuple(confirmed)


def _same(address: IPAddress, text: str) -> bool:
    try:
        return ipaddress.ip_address(text) == address
    except ValueError:
        return False


def ptr_check(ip: str, resolver: dns.resolver.Resolver) -> CheckResult:
    """The ``ptr`` row: PTR names of ``ip`` and whether one resolves back to it."""
    ip = normalize_ip(ip)
    reverse = dns.reversename.from_address(ip).to_text(omit_final_dot=True)
    answer = lookup(resolver, reverse, "PTR")
    bulk = problem("ptr.bulk_rules", Status.INFO, IPREV)
    if answer.could_not_check:
        return could_not_check("ptr", answer, problems=(bulk,))
    # Presentation form, escapes kept: a name with "\\;" or "\\." is shown and asked whole.
    names = tuple(name_text(r).lower() for r in answer.records)[:MAX_NAMES]
    if answer.outcome is not Outcome.ANSWER or not names:
        note = Note("ptr.none", {"ip": ip, "name": reverse})
        return CheckResult(
            "ptr",
            Status.FAIL,
            note,
            problems=(Problem(note, Status.FAIL, "RFC 7372 3.3"), bulk),
            extra={"ip": ip, "ptr": [], "fcrdns": False},
        )
    confirmed = confirm_names(ip, names, resolver)
    problems: list[Problem] = []
    details: list[Detail] = []
    for item in confirmed:
        if item.failure is not None:
            problems.append(failure_problem(item.failure))
        key = "ptr.detail_confirms" if item.confirms else "ptr.detail_elsewhere"
        value = f"{item.name} -> {', '.join(item.addresses) or '-'}"
        details.append(Detail("PTR", value, Note(key, {"ip": ip})))
    good = [c for c in confirmed if c.confirms]
    if not good and not problems:
        problems.append(
            problem("ptr.not_confirmed", Status.FAIL, IPREV, ip=ip, names=", ".join(names))
        )
    if len(answer.records) > 1:
        problems.append(problem("ptr.several", Status.WARN, IPREV, count=len(answer.records)))
    for item in good:
        if looks_generic(item.name, ip):
            problems.append(problem("ptr.generic", Status.WARN, "RFC 7372 3.3", name=item.name))
    problems.append(bulk)
    summary = (
        Note("ptr.summary_ok", {"ip": ip, "name": good[0].name})
        if good
        else Note("ptr.summary_bad", {"ip": ip, "names": ", ".join(names)})
    )
    return CheckResult(
        "ptr",
        status_of(problems),
        summary,
        record="\n".join(answer.records),
        problems=tuple(problems),
        details=tuple(details),
        extra={"ip": ip, "ptr": [c.name for c in confirmed], "fcrdns": bool(good)},
    )
