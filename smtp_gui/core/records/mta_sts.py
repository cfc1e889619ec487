"""The ``mta-sts`` check: the ``_mta-sts`` TXT record, the policy over HTTPS, and the MX match.

RFC 8461 3.1-3.3: the TXT record announces a policy, which is fetched from
``https://mta-sts.<domain>/.well-known/mta-sts.txt`` with a valid certificate and no redirect.
The URL template (a port may be given in it), timeout and TLS context can be injected so
that tests fetch from 127.0.0.1 only. The fetch takes at most the resolver's timeout (the
user's ``--timeout``) and ends by the deadline the resolver carries. A policy that cannot
be fetched, or arrives cut short, is said in plain words, with the reason.
"""

from __future__ import annotations

import ssl

import dns.resolver

from smtp_gui.core.checks.findings import could_not_check, failure_problem, problem, status_of
from smtp_gui.core.checks.status import CheckResult, Detail, Problem, Status
from smtp_gui.core.dns.lookup import Lookup, Outcome
from smtp_gui.core.dns.parallel import lookup_all
from smtp_gui.core.records.https_fetch import Fetch, fetch
from smtp_gui.core.records.mta_sts_policy import (
    StsPolicy,
    is_sts_record,
    mx_matches,
    parse_sts_policy,
    parse_sts_record,
)
from smtp_gui.core.records.mx import parse_mx
from smtp_gui.core.records.org_domain import normalize
from smtp_gui.core.text.messages import Note

POLICY_URL = "https://mta-sts.{domain}/.well-known/mta-sts.txt"
FETCH_RFC = "RFC 8461 3.3"
# Fetch failures that prove the policy host is broken, versus ones that leave it unknown.
_BROKEN = frozenset({"no_host", "tls", "status", "redirect", "too_big", "bad_url"})


def mta_sts_check(
    domain: str,
    resolver: dns.resolver.Resolver,
    *,
    policy_url: str = POLICY_URL,
    timeout: float | None = None,
    context: ssl.SSLContext | None = None,
) -> CheckResult:
    """The ``mta-sts`` row for ``domain``; ``policy_url`` is a template with ``{domain}``.

    ``timeout`` bounds the whole fetch (default: the resolver's timeout).
    """
    domain = normalize(domain)
    txt, mx = lookup_all(resolver, [(f"_mta-sts.{domain}", "TXT"), (domain, "MX")])
    if txt.could_not_check:
        return could_not_check("mta-sts", txt)
    records = [r for r in txt.records if is_sts_record(r)]
    if not records:
        note = Note("mta_sts.none", {"domain": domain})
        return CheckResult("mta-sts", Status.INFO, note, extra={"mode": None})
    if len(records) > 1:
        note = Note("mta_sts.multiple", {"name": txt.name, "count": len(records)})
        return CheckResult(
            "mta-sts",
            Status.FAIL,
            note,
            record="\n".join(records),
            problems=(Problem(note, Status.FAIL, "RFC 8461 3.1"),),
            extra={"mode": None},
        )
    record = parse_sts_record(records[0])
    problems: list[Problem] = list(record.problems)
    details = [Detail("id", record.policy_id or "", Note("mta_sts.meaning.id", {}))]
    url = policy_url.format(domain=domain)
    seconds = float(resolver.lifetime) if timeout is None else timeout
    got = fetch(url, resolver, timeout=seconds, context=context)
    details.append(
        Detail("policy", url, Note("mta_sts.meaning.url", {"address": got.address or "-"}))
    )
    if not got.ok:
        return _unfetched(domain, record.text, got, problems, details)
    assert got.body is not None
    policy = parse_sts_policy(got.body)
    problems.extend(policy.problems)
    if got.content_type and not got.content_type.lower().startswith("text/plain"):
        problems.append(
            problem(
                "mta_sts.content_type", Status.WARN, "RFC 8461 3.2", value=got.content_type[:60]
            )
        )
    problems.extend(_mx_coverage(policy, mx))
    details.extend(_policy_details(policy))
    summary = (
        Note("mta_sts.summary", {"mode": policy.mode, "domain": domain})
        if policy.mode
        else Note("mta_sts.summary_invalid", {"domain": domain})
    )
    return CheckResult(
        "mta-sts",
        status_of(problems),
        summary,
        record=f"{record.text}\n\n{got.body.strip()}",
        problems=tuple(problems),
        details=tuple(details),
        extra={
            "mode": policy.mode,
            "id": record.policy_id,
            "max_age": policy.max_age,
            "mx": list(policy.mx),
            "policy_url": url,
        },
    )


def _unfetched(
    domain: str, record: str, got: Fetch, problems: list[Problem], details: list[Detail]
) -> CheckResult:
    """The TXT record promises a policy that could not be read: say why, in words."""
    if got.failure == "dns" and got.lookup is not None:
        reason: Problem = failure_problem(got.lookup)
    else:
        severity = Status.FAIL if got.failure in _BROKEN else Status.ERROR
        reason = problem(
            f"mta_sts.fetch_{got.failure}",
            severity,
            FETCH_RFC,
            url=got.url,
            detail=got.detail[:200],
            status=got.status or "",
        )
    problems.insert(0, reason)
    status = status_of(problems)
    return CheckResult(
        "mta-sts",
        status,
        Note("mta_sts.summary_unfetched", {"domain": domain, "url": got.url}),
        record=record,
        problems=tuple(problems),
        details=tuple(details),
        extra={"mode": None, "policy_url": got.url, "fetch_failure": got.failure},
    )


def _mx_coverage(policy: StsPolicy, mx: Lookup) -> list[Problem]:
    """RFC 8461 4.1: with mode enforce, mail to an MX the policy does not list fails."""
    if policy.mode not in ("enforce", "testing") or not policy.mx:
        return []
    if mx.could_not_check:
        return [problem("mta_sts.mx_unchecked", Status.WARN, "RFC 8461 4.1")]
    if mx.outcome is not Outcome.ANSWER:
        return []
    severity = Status.FAIL if policy.mode == "enforce" else Status.WARN
    found = []
    for record in parse_mx(mx.records):
        if record.is_null:
            continue
        if not any(mx_matches(p, record.exchange) for p in policy.mx):
            found.append(
                problem(
                    "mta_sts.mx_not_covered",
                    severity,
                    "RFC 8461 4.1",
                    host=record.exchange,
                    patterns=", ".join(policy.mx),
                )
            )
    return found


def _policy_details(policy: StsPolicy) -> list[Detail]:
    details = []
    if policy.mode:
        details.append(Detail("mode", policy.mode, Note(f"mta_sts.meaning.mode.{policy.mode}", {})))
    if policy.max_age is not None:
        days = round(policy.max_age / 86400, 1)
        details.append(
            Detail("max_age", str(policy.max_age), Note("mta_sts.meaning.max_age", {"days": days}))
        )
    details.extend(Detail("mx", m, Note("mta_sts.meaning.mx", {})) for m in policy.mx)
    return details
