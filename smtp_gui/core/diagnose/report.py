"""A diagnosis as a ``Report``: what ``smtp-gui diagnose`` prints, what the Diagnose pane
shows and what its Copy button copies (one layout, rendered by ``core.report``).

Everything taken from the paste (reply texts, addresses, hosts, links) goes in as
``Outside``; the catalogue's titles, the phases, the findings and the advice are our prose.
"""

from __future__ import annotations

from collections.abc import Sequence

from smtp_gui.core.codes.catalogue import explain
from smtp_gui.core.diagnose.diagnosis import Diagnosis
from smtp_gui.core.diagnose.notice import NoticeKind
from smtp_gui.core.diagnose.recipients_report import recipients_section
from smtp_gui.core.diagnose.replies import FoundReply
from smtp_gui.core.diagnose.systems import MailSystem
from smtp_gui.core.diagnose.verdict import verdict as diagnosis_verdict
from smtp_gui.core.report import (
    Block,
    Bullets,
    Heading,
    Inline,
    Outside,
    Report,
    Rows,
    Severity,
    Span,
    Verdict,
)
from smtp_gui.core.report.labels import (
    brackets,
    dash,
    ellipsis,
    list_separator,
    parenthesized,
    tag,
)
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.errors import InputError
from smtp_gui.core.text.messages import message

MAX_REPLIES_SHOWN = 40
MAX_LIST_SHOWN = 30
MAX_REPLY_WIDTH = 160  # characters of a reply's text in the list of replies


def _label(key: str, **params: object) -> Text:
    return message(f"diagnose.label.{key}", **params)


def code_title(code: str, lang: str) -> str:
    """The catalogue's title for ``code`` ("" when the code cannot be parsed)."""
    if not code:
        return ""
    try:
        return explain(code).title.get(lang)
    except InputError:
        return ""


def shown_replies(replies: Sequence[FoundReply]) -> tuple[list[FoundReply], int]:
    """The replies worth listing: every failure first-to-last, cut to a readable number."""
    if len(replies) <= MAX_REPLIES_SHOWN:
        return list(replies), 0
    failures = [r for r in replies if r.cls in (4, 5)][-MAX_REPLIES_SHOWN:]
    return failures, len(replies) - len(failures)


def _reply_item(reply: FoundReply, lang: str) -> Inline:
    """``550 5.7.26 [RCPT TO] text…``: the code, the phase, the reply's text cut short."""
    text = reply.text.rstrip()
    if len(text) > MAX_REPLY_WIDTH:
        text = text[: MAX_REPLY_WIDTH - 1] + ellipsis(lang)
    spans: list[Span] = [reply.code]
    opening, closing = tag(lang)
    if reply.phase is not None:
        spans.extend((opening, reply.phase.title(), closing if text else closing.rstrip()))
    elif text:
        spans.append(" ")
    if text:
        spans.append(Outside(text))
    return tuple(spans)


def _listed(values: Sequence[Span], lang: str) -> Inline:
    """``a, b, … and 3 more``: at most ``MAX_LIST_SHOWN`` values, then how many are left."""
    separator = list_separator(lang)
    spans: list[Span] = []
    for value in values[:MAX_LIST_SHOWN]:
        if spans:
            spans.append(separator)
        spans.append(value)
    if len(values) > MAX_LIST_SHOWN:
        spans.extend((separator, _label("more", count=len(values) - MAX_LIST_SHOWN)))
    return tuple(spans)


def _head(diagnosis: Diagnosis, lang: str) -> tuple[Inline, list[Block]]:
    """The title, the verdict and the facts about the failure."""
    primary = diagnosis.primary
    if primary is None:
        return _head_without_reply(diagnosis, lang)
    title = code_title(diagnosis.explain_code, lang)
    heading: Inline = (primary.code, dash(lang), title) if title else primary.code
    verdict = diagnosis_verdict(diagnosis, title, lang)
    assert verdict is not None  # there is a primary failure
    phase = primary.phase.title() if primary.phase is not None else _label("unknown_phase")
    pairs: list[tuple[Inline, Inline]] = [
        (_label("phase"), phase),
        (_label("text"), Outside(primary.text)),
    ]
    pairs.extend(_systems(diagnosis, lang))
    remote = "" if diagnosis.rejected_by.host else primary.remote
    for key, value in (
        ("recipient", diagnosis.recipient),
        ("remote", remote),
        ("sender_ip", diagnosis.sender_ip),
        ("sender_domain", diagnosis.sender_domain),
    ):
        if value:
            pairs.append((_label(key), Outside(value)))
    blocks: list[Block] = [verdict, Rows.of(*pairs)]
    if diagnosis.findings:
        blocks.extend((Heading(_label("findings")), Bullets(diagnosis.findings)))
    return heading, blocks


def _head_without_reply(diagnosis: Diagnosis, lang: str) -> tuple[Inline, list[Block]]:
    """No failing reply: a cause read from the wording, a notice that is no failure (an
    auto-reply, a delivery report), or nothing at all."""
    cause = diagnosis.cause
    verdict = diagnosis_verdict(diagnosis, "", lang)
    if cause is not None and verdict is not None:
        pairs: list[tuple[Inline, Inline]] = [(_label("text"), Outside(cause.text))]
        if cause.usually:
            pairs.append((_label("usually"), cause.usually))
        pairs.extend(_systems(diagnosis, lang))
        if diagnosis.recipient:
            pairs.append((_label("recipient"), Outside(diagnosis.recipient)))
        blocks: list[Block] = [verdict, Rows.of(*pairs)]
        if diagnosis.findings:
            blocks.extend((Heading(_label("findings")), Bullets(diagnosis.findings)))
        return _label("wording_title", reason=cause.title().get(lang)), blocks
    kind = diagnosis.notice.kind
    if kind is NoticeKind.NOT_BOUNCE:
        return _label("not_bounce"), [Verdict(diagnosis.summary(lang), Severity.INFO)]
    if kind is NoticeKind.DELIVERED:
        return _label("delivered"), [Verdict(diagnosis.summary(lang), Severity.OK)]
    severity = Severity.OK if diagnosis.replies else Severity.INFO
    return _label("no_failure"), [Verdict(diagnosis.summary(lang), severity)]


def _system(system: MailSystem, lang: str) -> Inline:
    """``Gmail / Google Workspace (googlemail.com)``, or the host alone."""
    name = system.name.get(lang)
    if name and system.host:
        opening, closing = brackets(lang, name)
        space = " " if opening == "(" else ""
        return (name, space + opening, Outside(system.host), closing)
    return name if name else Outside(system.host)


def _systems(diagnosis: Diagnosis, lang: str) -> list[tuple[Inline, Inline]]:
    """Who refused the mail and who wrote the bounce; one row when they are the same."""
    rejected, reported = diagnosis.rejected_by, diagnosis.reported_by
    if diagnosis.self_reported:
        return [(_label("rejected_and_reported"), _system(rejected, lang))]
    rows: list[tuple[Inline, Inline]] = []
    if rejected.known:
        rows.append((_label("rejected_by"), _system(rejected, lang)))
    if reported.known:
        rows.append((_label("reported_by"), _system(reported, lang)))
    return rows


def report(diagnosis: Diagnosis, lang: str) -> Report:
    """The whole diagnosis: the failure (or why there is none), what it means, the next
    steps, the replies found and what the paste names."""
    title, blocks = _head(diagnosis, lang)
    if diagnosis.advice:
        notes = tuple(item.note for item in diagnosis.advice)
        blocks.extend((Heading(_label("advice")), Bullets(notes, ordered=True)))
    blocks.extend(recipients_section(diagnosis, lang))
    if diagnosis.replies:
        shown, hidden = shown_replies(diagnosis.replies)
        items = [_reply_item(reply, lang) for reply in shown]
        if hidden:
            items.append(_label("more", count=hidden))
        blocks.extend(
            (Heading(_label("replies", count=len(diagnosis.replies))), Bullets(tuple(items)))
        )
    named: list[tuple[Inline, Inline]] = []
    if diagnosis.blocklists:
        # Names and zones are the project's data (resources/dnsbl), matched in the paste.
        lists = [parenthesized(b.zone, lang, beside=b.name) for b in diagnosis.blocklists]
        named.append((_label("blocklists"), _listed(lists, lang)))
    for key, values in (
        ("ips", diagnosis.ips),
        ("domains", diagnosis.domains),
        ("emails", diagnosis.emails),
        ("urls", diagnosis.urls),
    ):
        if values:
            named.append((_label(key), _listed([Outside(value) for value in values], lang)))
    if named:
        blocks.append(Rows.of(*named))
    return Report(title=title, blocks=tuple(blocks), lang=lang)
