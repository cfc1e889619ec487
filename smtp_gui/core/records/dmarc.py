"""The ``dmarc`` check: find the policy (RFC 7489 6.6.3), judge it, verify report destinations.

Discovery asks ``_dmarc.<domain>`` and, when that has no DMARC record, ``_dmarc.<org domain>``
(RFC 7489 3.2, Public Suffix List). A lookup that gets no answer stops discovery with
``error``: a timeout says nothing about whether a record exists. External report addresses
are verified at ``<domain>._report._dmarc.<destination>`` (RFC 7489 7.1).
"""

from __future__ import annotations

from dataclasses import dataclass

import dns.resolver

from smtp_gui.core.checks.findings import could_not_check, problem, status_of
from smtp_gui.core.checks.status import CheckResult, Detail, Problem, Status
from smtp_gui.core.dns.lookup import Lookup, Outcome
from smtp_gui.core.dns.parallel import lookup_all
from smtp_gui.core.records.dmarc_alignment import domains_align
from smtp_gui.core.records.dmarc_record import (
    DmarcRecord,
    ReportUri,
    is_dmarc_candidate,
    looks_like_dmarc,
    parse_dmarc,
)
from smtp_gui.core.records.mx import parse_mx
from smtp_gui.core.records.org_domain import normalize, organizational_domain
from smtp_gui.core.text.messages import Note


@dataclass(frozen=True, slots=True)
class Discovery:
    """Where the policy was looked for and what was found."""

    domain: str
    org_domain: str
    records: tuple[str, ...]  # the DMARC records at the name that had any
    found_at: str | None  # the domain whose _dmarc name held them
    failure: Lookup | None  # the lookup that got no answer, if discovery stopped there
    findings: tuple[Problem, ...]


def _dmarc_name(domain: str) -> str:
    return f"_dmarc.{domain}"


def sift(answer: Lookup) -> tuple[tuple[str, ...], tuple[Problem, ...]]:
    """RFC 7489 6.6.3: keep records starting with v=DMARC1; report near misses and the rest."""
    kept = tuple(r for r in answer.records if is_dmarc_candidate(r))
    near = [r for r in answer.records if not is_dmarc_candidate(r) and looks_like_dmarc(r)]
    other = len(answer.records) - len(kept) - len(near)
    found = [
        problem("dmarc.near_miss", Status.FAIL, "RFC 7489 6.6.3", name=answer.name, record=r[:80])
        for r in near
    ]
    if other and kept:
        found.append(
            problem(
                "dmarc.unrelated_txt", Status.INFO, "RFC 7489 6.6.3", name=answer.name, count=other
            )
        )
    return kept, tuple(found)


def discover(
    domain: str, resolver: dns.resolver.Resolver, first: Lookup | None = None
) -> Discovery:
    """Policy discovery for ``domain``; ``first`` is the ``_dmarc`` answer if already asked."""
    domain = normalize(domain)
    org = organizational_domain(domain)
    findings: list[Problem] = []
    names = [domain] if org == domain else [domain, org]
    for index, name in enumerate(names):
        answer = first if index == 0 and first is not None else None
        if answer is None:
            (answer,) = lookup_all(resolver, [(_dmarc_name(name), "TXT")])
        if answer.could_not_check:
            return Discovery(domain, org, (), None, answer, tuple(findings))
        kept, sifted = sift(answer)
        findings.extend(sifted)
        if kept:
            return Discovery(domain, org, kept, name, None, tuple(findings))
    return Discovery(domain, org, (), None, None, tuple(findings))


def dmarc_check(
    domain: str, resolver: dns.resolver.Resolver, sender: str | None = None
) -> CheckResult:
    """The ``dmarc`` row: the policy in effect for ``domain``, in words, with its problems."""
    domain = normalize(domain)
    first, mx = lookup_all(resolver, [(_dmarc_name(domain), "TXT"), (domain, "MX")])
    found = discover(domain, resolver, first)
    if found.failure is not None:
        return could_not_check("dmarc", found.failure, problems=found.findings)
    if not found.records:
        return _missing(domain, resolver, found)
    record_text = "\n".join(found.records)
    if len(found.records) > 1:
        note = Note(
            "dmarc.multiple",
            {"name": _dmarc_name(found.found_at or domain), "count": len(found.records)},
        )
        return CheckResult(
            "dmarc",
            Status.FAIL,
            note,
            record=record_text,
            problems=(Problem(note, Status.FAIL, "RFC 7489 6.6.3"), *found.findings),
        )
    # A null MX marks a parked domain, whose policy should be reject (RFC 7505 + RFC 7489).
    parked = mx.outcome is Outcome.ANSWER and any(r.is_null for r in parse_mx(mx.records))
    record = parse_dmarc(found.records[0], parked=parked)
    policy_domain = found.found_at or domain
    problems = [*found.findings, *record.problems]
    details = list(record.details())
    problems.extend(_destinations(policy_domain, record, resolver, details))
    if sender:
        details.append(_spf_alignment(domain, sender, record.value("aspf") or "r"))
    at_org = policy_domain != domain
    policy = record.value("sp" if at_org else "p")
    summary = _summary(domain, policy_domain, policy, record)
    return CheckResult(
        "dmarc",
        status_of(problems),
        summary,
        record=record_text,
        problems=tuple(problems),
        details=tuple(details),
        extra={
            "found_at": _dmarc_name(policy_domain),
            "org_domain": found.org_domain,
            "policy": policy,
            "tags": {
                k: {"value": v.value, "explicit": v.explicit} for k, v in record.effective.items()
            },
        },
    )


def _summary(domain: str, policy_domain: str, policy: str | None, record: DmarcRecord) -> Note:
    if policy is None:
        return Note("dmarc.summary_no_policy", {"domain": domain})
    if not record.valid:
        return Note("dmarc.summary_invalid", {"domain": domain})
    if policy_domain != domain:
        return Note("dmarc.summary_org", {"domain": domain, "org": policy_domain, "policy": policy})
    return Note("dmarc.summary", {"domain": domain, "policy": policy})


def _missing(domain: str, resolver: dns.resolver.Resolver, found: Discovery) -> CheckResult:
    """No policy: say so, and look for the common mistake of publishing it at the apex."""
    problems = list(found.findings)
    (apex,) = lookup_all(resolver, [(domain, "TXT")])
    if any(is_dmarc_candidate(r) for r in apex.records):
        problems.insert(0, problem("dmarc.at_apex", Status.FAIL, "RFC 7489 6.1", domain=domain))
    note = Note("dmarc.missing", {"domain": domain})
    return CheckResult(
        "dmarc",
        Status.FAIL,
        note,
        problems=(Problem(note, Status.FAIL, "RFC 7489 6.6.3"), *problems),
        extra={"found_at": None, "org_domain": found.org_domain, "policy": None, "tags": {}},
    )


def report_authorization_name(policy_domain: str, destination: str) -> str:
    """RFC 7489 7.1: ``<policy domain>._report._dmarc.<destination host>``."""
    return f"{policy_domain}._report._dmarc.{destination}"


def _destinations(
    policy_domain: str,
    record: DmarcRecord,
    resolver: dns.resolver.Resolver,
    details: list[Detail],
) -> list[Problem]:
    """RFC 7489 7.1: a report address outside the organization must be authorized by it."""
    external: dict[str, ReportUri] = {}
    for uri in (*record.rua, *record.ruf):
        if uri.host and not domains_align(policy_domain, uri.host, "r"):
            external.setdefault(uri.host, uri)
    hosts = list(external)
    answers = lookup_all(
        resolver, [(report_authorization_name(policy_domain, h), "TXT") for h in hosts]
    )
    found: list[Problem] = []
    for host, answer in zip(hosts, answers, strict=True):
        params = {
            "host": host,
            "domain": policy_domain,
            "name": answer.name,
            "uri": external[host].text,
        }
        if answer.could_not_check:
            found.append(problem("dmarc.dest_unchecked", Status.WARN, "RFC 7489 7.1", **params))
        elif any(is_dmarc_candidate(r) for r in answer.records):
            details.append(Detail("report auth", host, Note("dmarc.dest_authorized", params)))
        else:
            found.append(problem("dmarc.dest_unauthorized", Status.WARN, "RFC 7489 7.1", **params))
    return found


def _spf_alignment(domain: str, sender: str, aspf: str) -> Detail:
    """Would an SPF pass for ``sender`` count for DMARC on mail From ``domain``?"""
    sender_domain = normalize(sender.rpartition("@")[2])
    aligned = domains_align(domain, sender_domain, aspf)
    key = "dmarc.align_spf_yes" if aligned else "dmarc.align_spf_no"
    params = {"sender_domain": sender_domain, "domain": domain, "mode": aspf}
    return Detail("aspf", sender_domain, Note(key, params))
