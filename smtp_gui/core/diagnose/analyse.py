"""Pasted text or a dropped file -> a Diagnosis: replies, the failure, provider, advice.

Any input gives a diagnosis; text without a reply gives one that says so. Only absurd input
(more than 64 MB) is refused, with InputError. Every step is linear in the input: lines are
read once with bounded work each, and no pattern can backtrack.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import replace

from smtp_gui.core.diagnose import bounce_formats as formats
from smtp_gui.core.diagnose import systems
from smtp_gui.core.diagnose.advice import AdviceContext, build_advice
from smtp_gui.core.diagnose.blocklists import find_blocklists, known_zones
from smtp_gui.core.diagnose.bounce_lines import ScanResult
from smtp_gui.core.diagnose.diagnosis import Diagnosis
from smtp_gui.core.diagnose.diagnosis_findings import collect_findings
from smtp_gui.core.diagnose.dsn import (
    DsnRecipient,
    MessageParts,
    dsn_from_lines,
    looks_like_message,
    read_message,
)
from smtp_gui.core.diagnose.entities import Entities, extract
from smtp_gui.core.diagnose.merging import merge_replies
from smtp_gui.core.diagnose.notice import NoticeKind
from smtp_gui.core.diagnose.outcome import read_outcome
from smtp_gui.core.diagnose.parties import (
    Parties,
    find_recipient,
    find_sender_domain,
    find_sender_ip,
    remote_addresses,
)
from smtp_gui.core.diagnose.providers import (
    GENERIC,
    Provider,
    Rule,
    matching_rules,
    provider,
)
from smtp_gui.core.diagnose.recipients import find_recipients, first_failure, with_recipients
from smtp_gui.core.diagnose.replies import FoundReply
from smtp_gui.core.diagnose.reply_scan import scan_replies
from smtp_gui.core.diagnose.wording import WordingCause
from smtp_gui.core.diagnose.wrappers import unquoted
from smtp_gui.core.text.bilingual import EMPTY
from smtp_gui.core.text.collector import collector_paused
from smtp_gui.core.text.errors import input_error
from smtp_gui.core.text.html_text import html_to_text, looks_like_html

MAX_INPUT = 64 * 1024 * 1024
_DSN_FIELD = re.compile(
    r"^[ \t]{0,4}(?:status|diagnostic-code|final-recipient)[ \t]{0,4}:", re.I | re.M
)
_MAX_ATTACHED_DEPTH = 2
_HINT_TEXT = 16384  # of a text without any reply, read for wordings that name a cause


def diagnose(data: str | bytes) -> Diagnosis:
    """Diagnose a paste (``str``) or a file's bytes (``.eml`` or text)."""
    if len(data) > MAX_INPUT:
        raise input_error(
            "diagnose.too_large", size=len(data) // (1024 * 1024), limit=MAX_INPUT // (1024 * 1024)
        )
    with collector_paused():
        return _diagnose(data)


def _diagnose(data: str | bytes) -> Diagnosis:
    if isinstance(data, bytes):
        text = decode_bytes(data)
        raw = data
    else:
        text = data
        raw = b""
    start = text.lstrip("\r\n")
    if looks_like_message(start[:16384]):
        try:
            parts = read_message(raw or start.encode("utf-8", "surrogatepass"))
        except Exception:  # noqa: BLE001 - the email package fails in many ways on hostile input
            parts = None
        if parts is not None:
            result = _from_message(parts, 0)
            if result.replies or result.notice.kind is not None:
                return result
            # Nothing readable in the parts (a broken MIME structure): read it all as text.
    if looks_like_html(text):
        return _analyse(html_to_text(text).splitlines(), (), None, "html")
    return _analyse(text.splitlines(), (), None, "text")


def decode_bytes(data: bytes) -> str:
    """UTF-8 (or UTF-16 with a BOM, as Windows editors save), else GB18030, else lossy UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


def _from_message(parts: MessageParts, depth: int) -> Diagnosis:
    lines: list[str] = []
    for text in parts.texts:
        lines.extend(text.splitlines())
        lines.append("")
    result = _analyse(lines, parts.recipients, parts, "message")
    if result.primary is None and depth < _MAX_ATTACHED_DEPTH:
        # A bounce forwarded as an attachment: diagnose the attached message instead.
        for attached in parts.attached:
            try:
                inner = read_message(attached)
            except Exception:  # noqa: BLE001 - see diagnose()
                continue
            found = _from_message(inner, depth + 1)
            if found.primary is not None:
                return found
    return result


def _cut_original(lines: Sequence[str]) -> Sequence[str]:
    """Drop the quoted original message that many bounces append."""
    for index, line in enumerate(lines):
        head = line[:64].strip()
        if head[:1] in ("-", "O", "o") and formats.starts_original_message(head.lower()):
            return lines[:index]
    return lines


def choose_primary(replies: Sequence[FoundReply]) -> FoundReply | None:
    """The first 5xx, else the first 4xx. A DSN's own record wins over quoted text, a reply
    with a basic code over a bare status, and a remote reply over a local restatement."""
    for cls in (5, 4):
        candidates = [r for r in replies if r.cls == cls]
        if not candidates:
            continue
        candidates = [r for r in candidates if not r.summary] or candidates
        dsn = [r for r in candidates if r.origin == "dsn" and r.basic is not None]
        if dsn:
            return dsn[0]
        with_basic = [r for r in candidates if r.basic is not None]
        return (with_basic or candidates)[0]
    return None


def _analyse(
    all_lines: Sequence[str],
    recipients: Sequence[DsnRecipient],
    message: MessageParts | None,
    source: str,
) -> Diagnosis:
    result = _analyse_lines(all_lines, recipients, message, source)
    inner = unquoted(all_lines) if result.primary is None else None  # a forwarded "> " block
    found = None if inner is None else _analyse_lines(inner, recipients, message, source)
    return found if found is not None and (found.primary or found.cause) else result


def _analyse_lines(
    all_lines: Sequence[str],
    recipients: Sequence[DsnRecipient],
    message: MessageParts | None,
    source: str,
) -> Diagnosis:
    lines = _cut_original(all_lines)
    scan = scan_replies(lines)
    body = "\n".join(lines)
    # DSN fields pasted as text, or a report whose parts were lost
    text_recipients = dsn_from_lines(lines) if _DSN_FIELD.search(body) else []
    dsn = [*recipients, *text_recipients]
    dsn_replies = [r for r in (item.reply() for item in dsn) if r is not None]
    replies = merge_replies([*scan.replies, *dsn_replies])
    failed_to = "" if message is None else message.header("x-failed-recipients")
    failed = find_recipients(lines, replies, dsn, failed_to)
    primary = first_failure(failed, 5) or choose_primary(replies)
    if primary is None or primary.cls != 5:
        primary = first_failure(failed, 4) or primary
    headers = ("", "") if message is None else (message.header("subject"), message.header("from"))
    outcome = read_outcome(primary, replies, lines, *headers, [d.action for d in dsn])
    primary, cause = outcome.primary, outcome.cause
    if outcome.notice.kind in (NoticeKind.NOT_BOUNCE, NoticeKind.DELIVERED):
        failed = ()  # an auto-reply or a delivery report: nobody bounced
    enriched = False
    if primary is not None and primary.enhanced is None:
        status = next((r.enhanced for r in reversed(dsn_replies) if r.cls == primary.cls), None)
        if status:
            primary = replace(primary, enhanced=status)
            enriched = True
    failures = [r for r in replies if r.cls in (4, 5) and r is not primary]
    if primary is not None:
        failures.insert(0, primary)

    remotes = [r.remote for r in replies if r.remote] + [d.remote_mta for d in dsn]
    # RFC 5321 4.2: a 220 greeting starts with the answering server's name (NetEase's and
    # Exmail's login refusals name no provider; their greeting does).
    greeted = [r.text.split(maxsplit=1)[0] for r in replies if r.basic == 220 and r.text.strip()]
    rejected_by = systems.rejecter(primary, failures, remotes + greeted)
    reported_by = systems.reporter(dsn, message, lines)
    # The provider's knowledge comes from the system that refused, never from the reporter.
    pid = rejected_by.provider
    found_provider = provider(pid) if pid else None
    headers = "" if message is None else "\n".join(v for _k, v in message.headers)
    entities = extract(
        body + "\n" + headers, found_provider.not_ip if found_provider is not None else ()
    )
    blocklists = find_blocklists(entities.domains, [r.text for r in failures[:50]])
    if primary is not None:
        rules: list[Rule] = matching_rules(primary, pid)
    elif cause is not None:
        rules = matching_rules(FoundReply(None, None, cause.text), GENERIC)
    elif not replies and not outcome.silent:
        # No code at all ("Host or domain name not found", "retry timeout exceeded"): the
        # generic wording rules still say what kind of failure the text describes.
        rules = matching_rules(FoundReply(None, None, body[:_HINT_TEXT]), GENERIC)
    else:
        rules = []
    tags = sorted({tag for rule in rules for tag in rule.tags} | set(cause.tags if cause else ()))
    explain_code = _explain_code(primary, rules)

    parties = _parties(
        primary, failures, entities, remotes, scan, dsn, message, found_provider, tags, cause
    )
    other = [
        r.code for r in failures[1:] if r.code and not r.summary and r.code != primary_code(primary)
    ]
    context = AdviceContext(
        primary=primary,
        explain_code=explain_code,
        tags=frozenset(tags),
        rules=tuple(rules),
        blocklists=blocklists,
        sender_ip=parties.sender_ip,
        sender_domain=parties.sender_domain,
        recipient_domain=parties.recipient_domain,
        recipient=parties.recipient,
        auth_exchange=scan.auth_exchange,
        other_failures=tuple(dict.fromkeys(other)),
    )
    findings = collect_findings(
        primary,
        replies,
        rules,
        tags,
        blocklists,
        found_provider,
        enriched,
        explain_code,
        (reported_by, rejected_by),
    )
    return Diagnosis(
        replies=tuple(replies),
        primary=primary,
        provider=pid,
        provider_name=found_provider.name if found_provider is not None else EMPTY,
        ips=entities.ips,
        domains=entities.domains,
        emails=with_recipients(entities.emails, failed),
        recipients=failed,
        urls=entities.urls,
        blocklists=blocklists,
        advice=outcome.advice(build_advice(context)),
        findings=outcome.findings(findings),
        tags=tuple(tags),
        explain_code=explain_code,
        sender_ip=parties.sender_ip,
        sender_domain=parties.sender_domain,
        recipient=parties.recipient,
        recipient_domain=parties.recipient_domain,
        source=source,
        reported_by=reported_by,
        rejected_by=rejected_by,
        cause=cause,
        notice=outcome.notice,
        last_attempt=outcome.attempt,
    )


def primary_code(primary: FoundReply | None) -> str:
    return "" if primary is None else primary.code


def _explain_code(primary: FoundReply | None, rules: Sequence[Rule]) -> str:
    if primary is None:
        return ""
    for rule in rules:
        if rule.treat_as:
            return " ".join(p for p in (str(primary.basic or ""), rule.treat_as) if p)
    return primary.code


def _parties(
    primary: FoundReply | None,
    failures: Sequence[FoundReply],
    entities: Entities,
    remotes: Sequence[str],
    scan: ScanResult,
    dsn: Sequence[DsnRecipient],
    message: MessageParts | None,
    found_provider: Provider | None,
    tags: Sequence[str],
    cause: WordingCause | None,
) -> Parties:
    """The sending IP and domain and the recipient, from the best source available."""
    remote = remote_addresses(remotes)
    sender_ip = find_sender_ip(failures, entities, remote)
    skip = set(known_zones())
    recipient_candidates = [d.recipient for d in dsn if d.recipient] + scan.recipients
    if message is not None:
        recipient_candidates.append(message.header("x-failed-recipients"))
    if cause is not None and cause.recipient:
        recipient_candidates.append(cause.recipient)
    if primary is None and tags:
        recipient_candidates.extend(entities.emails[:1])  # "<a@example.com>: Host not found"
    recipient = find_recipient(primary, recipient_candidates)
    recipient_domain = recipient.rpartition("@")[2] if "@" in recipient else ""
    if recipient_domain:
        skip.add(recipient_domain)
    sender_candidates = list(scan.senders) + [d.sender for d in dsn if d.sender]
    if message is not None:
        sender_candidates.append(message.header("to"))
    named = "auth" in tags or "ptr" in tags
    sender_domain = find_sender_domain(primary, sender_candidates, skip, found_provider, named)
    return Parties(sender_ip, sender_domain, recipient, recipient_domain)
