"""The "spf" row of a domain check: static analysis, plus an evaluation when an IP is given.

Status: ``error`` only when the domain's own record could not be fetched (timeout,
SERVFAIL, REFUSED) or the evaluation ended in temperror; otherwise pass/warn/fail from the
evaluation's result and the analysis's problems.
"""

from __future__ import annotations

from typing import Any

import dns.resolver

from smtp_gui.core.checks.status import CheckResult, Detail, Problem, Status
from smtp_gui.core.dns.lookup import Lookup
from smtp_gui.core.spf.analysis import Analysis, analyze
from smtp_gui.core.spf.evaluate import check_host
from smtp_gui.core.spf.lookups import MAX_DNS_TERMS, MAX_VOID_LOOKUPS
from smtp_gui.core.spf.record import SpfResult
from smtp_gui.core.spf.trace import Evaluation
from smtp_gui.core.text.messages import Note

_RESULT_STATUS = {
    SpfResult.PASS: Status.PASS,
    SpfResult.FAIL: Status.FAIL,
    SpfResult.SOFTFAIL: Status.WARN,
    SpfResult.NEUTRAL: Status.WARN,
    SpfResult.NONE: Status.FAIL,
    SpfResult.PERMERROR: Status.FAIL,
    SpfResult.TEMPERROR: Status.ERROR,
}
_RESULT_RFC = {
    SpfResult.PASS: "RFC 7208 8.3",
    SpfResult.FAIL: "RFC 7208 8.4",
    SpfResult.SOFTFAIL: "RFC 7208 8.5",
    SpfResult.NEUTRAL: "RFC 7208 8.2",
    SpfResult.NONE: "RFC 7208 8.1",
    SpfResult.PERMERROR: "RFC 7208 8.7",
    SpfResult.TEMPERROR: "RFC 7208 8.6",
}


def describe_resolver(resolver: dns.resolver.Resolver) -> str:
    """``127.0.0.1:5353`` style text for the resolver's nameservers."""
    shown = []
    for ns in resolver.nameservers:
        address = getattr(ns, "address", ns)
        port = getattr(ns, "port", 53)
        host = f"[{address}]" if ":" in str(address) else str(address)
        shown.append(f"{host}:{port}" if port != 53 else str(address))
    return ", ".join(shown)


def spf_check(
    domain: str,
    resolver: dns.resolver.Resolver,
    ip: str | None = None,
    sender: str | None = None,
    helo: str | None = None,
) -> CheckResult:
    """Check the SPF record of ``domain``; with ``ip``, also evaluate it (RFC 7208 4).

    Raises InputError only for an ``ip`` that is not an IP address.
    """
    domain = domain.strip().rstrip(".")
    evaluation: Evaluation | None = None
    answers: dict[tuple[str, str], Lookup] = {}  # each question asked once for the row
    if ip:
        evaluation = check_host(
            resolver,
            ip,
            domain,
            sender or f"postmaster@{domain}",
            helo or domain,
            answers=answers,
        )
    analysis = analyze(domain, resolver, answers=answers)
    status, summary = _verdict(domain, analysis, evaluation)
    problems = list(analysis.problems)
    if evaluation is not None and evaluation.result is not SpfResult.PASS:
        problems.insert(0, _result_problem(evaluation))
    lookups = evaluation.lookups if evaluation else analysis.lookups
    voids = evaluation.void_lookups if evaluation else analysis.void_lookups
    details = [
        Detail("lookups", f"{analysis.lookups}/{MAX_DNS_TERMS}", Note("spf.detail.lookups")),
        Detail(
            "void_lookups",
            f"{analysis.void_lookups}/{MAX_VOID_LOOKUPS}",
            Note("spf.detail.void_lookups"),
        ),
    ]
    if evaluation is not None:
        details[:0] = [
            Detail("result", str(evaluation.result), Note(f"spf.result.{evaluation.result}")),
            Detail("ip", evaluation.ip),
            Detail("sender", evaluation.sender),
        ]
        if evaluation.explanation is not None:
            details.append(Detail("explanation", evaluation.explanation))
    extra: dict[str, Any] = {
        "result": str(evaluation.result) if evaluation else None,
        "lookups": lookups,
        "void_lookups": voids,
        "trace": [entry.to_dict(None) for entry in evaluation.trace] if evaluation else [],
        "analysis": analysis.to_dict(None),
    }
    record_query = analysis.record_query
    ms = (evaluation.ms if evaluation else 0.0) + (
        record_query.ms if record_query is not None and not record_query.cached else 0.0
    )
    return CheckResult(
        "spf",
        status,
        summary,
        analysis.record or _all_records(analysis),
        tuple(problems),
        tuple(details),
        describe_resolver(resolver),
        ms,
        extra,
        tuple(fact for fact in (evaluation, analysis) if fact is not None),
    )


def _all_records(analysis: Analysis) -> str | None:
    return "\n".join(analysis.records) if analysis.records else None


def _result_problem(evaluation: Evaluation) -> Problem:
    severity = _RESULT_STATUS[evaluation.result]
    note = Note(
        "spf.check.result_problem",
        {
            "result": str(evaluation.result),
            "ip": evaluation.ip,
            "reason": evaluation.reason_text("en"),
            "reason_zh": evaluation.reason_text("zh"),
        },
    )
    return Problem(note, severity, _RESULT_RFC[evaluation.result])


def _verdict(domain: str, analysis: Analysis, evaluation: Evaluation | None) -> tuple[Status, Note]:
    if analysis.outcome == "temperror" and (
        evaluation is None or evaluation.result is SpfResult.TEMPERROR
    ):
        return Status.ERROR, Note("spf.check.fetch_error", {"domain": domain})
    if evaluation is not None:
        status = _RESULT_STATUS[evaluation.result]
        if status is Status.PASS and analysis.worst() in (Status.WARN, Status.FAIL):
            status = Status.WARN  # passes for this IP, but the record has problems
        params = {"result": str(evaluation.result), "ip": evaluation.ip, "domain": domain}
        return status, Note("spf.check.evaluated", params)
    if analysis.outcome == "none":
        return Status.FAIL, Note("spf.check.none", {"domain": domain})
    if analysis.outcome == "permerror":
        return Status.FAIL, Note("spf.check.broken", {"domain": domain})
    worst = analysis.worst()
    if worst is Status.FAIL:
        return Status.FAIL, Note("spf.check.risky", {"domain": domain})
    key = "spf.check.warnings" if worst is Status.WARN else "spf.check.valid"
    return (Status.WARN if worst is Status.WARN else Status.PASS), Note(
        key, {"domain": domain, "lookups": analysis.lookups, "limit": MAX_DNS_TERMS}
    )
