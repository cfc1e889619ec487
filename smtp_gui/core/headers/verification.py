"""Authentication re-checked here, on request, over DNS through the app's resolver: every DKIM
signature (``dkim_verify``), the ARC chain (RFC 8617 5.2, dkimpy's ARC), SPF for the entry
hop's IP and the Return-Path domain (the app's RFC 7208 evaluator) and DMARC alignment of the
header From against the domains that passed here (RFC 7489 3.1, the app's DMARC code).

Nothing else in this package touches the network; this module does only when called.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import dkim
import dns.resolver

from smtp_gui.core.deadline import DOMAIN_FACTOR, Deadline
from smtp_gui.core.dns.config import ResolverConfig
from smtp_gui.core.dns.deadline_resolver import with_deadline
from smtp_gui.core.dns.resolver import build_resolver
from smtp_gui.core.headers.analysis import HeaderAnalysis
from smtp_gui.core.headers.dkim_verify import (
    DKIMPY_LOG,
    DkimCheck,
    KeyFetcher,
    signature_tags,
    verify_signature,
)
from smtp_gui.core.records.dmarc import discover
from smtp_gui.core.records.dmarc_alignment import alignment
from smtp_gui.core.records.dmarc_record import parse_dmarc
from smtp_gui.core.records.org_domain import normalize
from smtp_gui.core.spf.evaluate import check_host
from smtp_gui.core.spf.lookups import is_checkable_domain
from smtp_gui.core.spf.trace import Evaluation

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ArcCheck:
    result: str  # pass, fail, none (RFC 8617 4.4: the chain validation status)
    reason: str  # dkimpy's words ("ARC-Seal[2] did not validate", "success" ...)
    instances: int
    receiver_result: str | None


@dataclass(frozen=True, slots=True)
class SpfCheck:
    result: str | None  # None: not evaluated (``skipped`` says why)
    ip: str | None
    domain: str | None
    sender: str | None
    helo: str | None
    skipped: str  # "" or a message key: no IP, no domain
    receiver_result: str | None
    evaluation: Evaluation | None


@dataclass(frozen=True, slots=True)
class AlignmentCheck:
    """RFC 7489 3.1 here: is the From domain aligned with a domain that passed here?"""

    from_domain: str
    policy_domain: str | None  # where the DMARC record was found
    policy: str | None  # p= (or sp= for a subdomain, RFC 7489 6.3)
    spf_domain: str | None  # the SPF domain, when SPF passed here
    spf_aligned: bool
    dkim_aligned: tuple[str, ...]  # d= domains that passed here and align
    result: str  # pass, fail, none (no From domain), temperror (the record could not be read)
    receiver_result: str | None


@dataclass(frozen=True, slots=True)
class Verification:
    dkim: tuple[DkimCheck, ...]
    arc: ArcCheck
    spf: SpfCheck
    alignment: AlignmentCheck
    resolver: str  # which resolver answered
    cancelled: bool


def _message_bytes(analysis: HeaderAnalysis) -> bytes:
    text = analysis.source.text
    if not text:  # an Outlook .msg keeps the headers only
        text = "\n".join(f"{f.name}: {f.value}" for f in analysis.block.fields) + "\n"
    return text.encode("utf-8", "replace")


def _receiver_dkim(analysis: HeaderAnalysis) -> Callable[[str, str], str | None]:
    judged = analysis.judged
    facts = judged.dkim if judged is not None else ()

    def said(domain: str, selector: str) -> str | None:
        for fact in facts:
            if fact.domain == domain and fact.selector in (None, selector):
                return fact.result
        return None

    return said


def _dkim(
    analysis: HeaderAnalysis, message: bytes, fetcher: KeyFetcher, step: Callable[[], bool]
) -> list[DkimCheck]:
    said = _receiver_dkim(analysis)
    checks: list[DkimCheck] = []
    for index, field in enumerate(analysis.block.all("DKIM-Signature")):
        if not step():
            break
        tags = signature_tags(field.value)
        checks.append(
            verify_signature(message, index, tags, fetcher, analysis.block.has_body, said)
        )
    return checks


def _arc(analysis: HeaderAnalysis, message: bytes, fetcher: KeyFetcher) -> ArcCheck:
    judged = analysis.judged
    said = judged.arc.result if judged is not None and judged.arc is not None else None
    seals = len(analysis.block.all("ARC-Seal"))
    if not seals:
        return ArcCheck("none", "", 0, said)
    try:
        cv, _results, reason = dkim.arc_verify(
            message, logger=DKIMPY_LOG, dnsfunc=fetcher, minkey=1024
        )
    except Exception as exc:  # noqa: BLE001 - dkimpy raises many kinds on a broken chain
        return ArcCheck("fail", str(exc)[:200], seals, said)
    # RFC 8617 5.2: a chain whose seal said cv=fail is terminated: it fails here too.
    result = cv.decode("ascii") if isinstance(cv, bytes) else "fail"
    return ArcCheck(result, str(reason)[:200], seals, said)


def _domain_of(address: str | None) -> str | None:
    if not address or "@" not in address:
        return None
    return normalize(address.rpartition("@")[2].strip("<> ")) or None


def _spf(analysis: HeaderAnalysis, resolver: dns.resolver.Resolver) -> SpfCheck:
    judged = analysis.judged
    said = judged.spf.result if judged is not None and judged.spf is not None else None
    entry = analysis.receiver.entry
    ip = analysis.receiver.connecting_ip or (entry.received.ip if entry else None)
    helo = entry.received.from_name if entry is not None else None
    return_path = analysis.identity.return_path
    domain = _domain_of(return_path)
    sender = return_path if domain else None
    if domain is None and helo:  # RFC 7208 2.4: a null reverse-path: the HELO identity
        domain, sender = normalize(helo), f"postmaster@{normalize(helo)}"
    if ip is None:
        return SpfCheck(None, None, domain, sender, helo, "headers.verify.spf_no_ip", said, None)
    if domain is None or sender is None or not is_checkable_domain(domain):
        return SpfCheck(None, ip, domain, sender, helo, "headers.verify.spf_no_domain", said, None)
    evaluation = check_host(resolver, ip, domain, sender, helo or domain)
    return SpfCheck(str(evaluation.result), ip, domain, sender, helo, "", said, evaluation)


def _alignment(
    analysis: HeaderAnalysis,
    resolver: dns.resolver.Resolver,
    spf: SpfCheck,
    checks: list[DkimCheck],
) -> AlignmentCheck:
    judged = analysis.judged
    said = judged.dmarc.result if judged is not None and judged.dmarc is not None else None
    from_domain = normalize(analysis.identity.from_domain)
    spf_domain = spf.domain if spf.result == "pass" else None
    passed = [c.domain for c in checks if c.result == "pass"]
    if not from_domain:
        return AlignmentCheck("", None, None, spf_domain, False, (), "none", said)
    found = discover(from_domain, resolver)
    record = parse_dmarc(found.records[0]) if found.records else None
    adkim = (record.value("adkim") if record else None) or "r"
    aspf = (record.value("aspf") if record else None) or "r"
    policy = None
    if record is not None:
        subdomain = found.found_at != from_domain
        policy = (record.value("sp") if subdomain else None) or record.policy
    aligned = alignment(from_domain, spf_domain, passed, adkim, aspf)
    if found.failure is not None and record is None:
        result = "temperror"
    else:
        result = "pass" if aligned.aligned else "fail"
    return AlignmentCheck(
        from_domain,
        found.found_at,
        policy,
        spf_domain,
        bool(aligned.spf_aligned),
        aligned.dkim_aligned,
        result,
        said,
    )


def verify(
    analysis: HeaderAnalysis,
    resolver: dns.resolver.Resolver,
    deadline: Deadline,
    resolver_name: str = "",
    progress: Progress | None = None,
) -> Verification:
    """Re-check the message's authentication over DNS. ``resolver`` should carry ``deadline``
    (``with_deadline``); its cancel event stops the work between steps."""
    signatures = len(analysis.block.all("DKIM-Signature"))
    total = signatures + 3
    done = 0

    def step() -> bool:
        nonlocal done
        if progress is not None:
            progress(done, total)
        done += 1
        return not deadline.cancelled

    message = _message_bytes(analysis)
    fetcher = KeyFetcher(resolver, deadline)
    checks = _dkim(analysis, message, fetcher, step)
    arc = ArcCheck("none", "", 0, None)
    spf = SpfCheck(None, None, None, None, None, "headers.verify.cancelled", None, None)
    aligned = AlignmentCheck("", None, None, None, False, (), "none", None)
    if step():
        arc = _arc(analysis, message, fetcher)
    if step():
        spf = _spf(analysis, resolver)
    if step():
        aligned = _alignment(analysis, resolver, spf, checks)
    if progress is not None:
        progress(total, total)
    return Verification(tuple(checks), arc, spf, aligned, resolver_name, deadline.cancelled)


def verify_with(
    analysis: HeaderAnalysis,
    config: ResolverConfig,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> Verification:
    """``verify`` through a fresh resolver for ``config``, within ``DOMAIN_FACTOR`` x its
    timeout; ``cancel`` (the window's Cancel) ends it between steps and every wait at once."""
    deadline = Deadline.after(DOMAIN_FACTOR * config.timeout, cancel)
    resolver = with_deadline(build_resolver(config), deadline)
    return verify(analysis, resolver, deadline, config.describe(), progress)
