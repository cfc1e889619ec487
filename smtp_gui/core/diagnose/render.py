"""Plain-text rendering of a Diagnosis (the CLI's output; the GUI's Copy button)."""

from __future__ import annotations

from collections.abc import Sequence

from smtp_gui.core.codes.catalogue import explain
from smtp_gui.core.diagnose.diagnosis import Diagnosis
from smtp_gui.core.diagnose.replies import FoundReply
from smtp_gui.core.text.errors import InputError
from smtp_gui.core.text.messages import message_text

MAX_REPLIES_SHOWN = 40
MAX_LIST_SHOWN = 30


def label(key: str, lang: str, **params: object) -> str:
    return message_text(f"diagnose.label.{key}", lang, **params)


def code_title(code: str, lang: str) -> str:
    """The catalogue's title for ``code`` ("" when the code cannot be parsed)."""
    if not code:
        return ""
    try:
        return explain(code).title.get(lang)
    except InputError:
        return ""


def reply_line(reply: FoundReply, lang: str, width: int = 160) -> str:
    """``550 5.7.26 [RCPT TO] text…`` on one line."""
    phase = f" [{reply.phase.title().get(lang)}]" if reply.phase is not None else ""
    text = reply.text if len(reply.text) <= width else reply.text[: width - 1] + "…"
    return f"{reply.code}{phase} {text}".rstrip()


def shown_replies(replies: Sequence[FoundReply]) -> tuple[list[FoundReply], int]:
    """The replies worth listing: every failure first-to-last, cut to a readable number."""
    if len(replies) <= MAX_REPLIES_SHOWN:
        return list(replies), 0
    failures = [r for r in replies if r.cls in (4, 5)][-MAX_REPLIES_SHOWN:]
    return failures, len(replies) - len(failures)


def diagnosis_text(diagnosis: Diagnosis, lang: str) -> str:
    """The whole diagnosis as plain text."""
    lines: list[str] = []
    primary = diagnosis.primary
    if primary is None:
        lines.append(label("no_failure", lang))
        lines.append(diagnosis.summary(lang))
    else:
        title = code_title(diagnosis.explain_code, lang)
        lines.append(f"{label('primary', lang)}: {primary.code}" + (f" — {title}" if title else ""))
        phase = primary.phase.title().get(lang) if primary.phase else label("unknown_phase", lang)
        lines.append(f"{label('phase', lang)}: {phase}")
        lines.append(f"{label('text', lang)}: {primary.text}")
        for key, value in (
            ("provider", diagnosis.provider_name.get(lang)),
            ("recipient", diagnosis.recipient),
            ("remote", primary.remote),
            ("sender_ip", diagnosis.sender_ip),
            ("sender_domain", diagnosis.sender_domain),
        ):
            if value:
                lines.append(f"{label(key, lang)}: {value}")
    if diagnosis.findings and primary is not None:
        lines.extend(("", f"{label('findings', lang)}:"))
        lines.extend(f"- {finding.get(lang)}" for finding in diagnosis.findings)
    if diagnosis.advice:
        lines.extend(("", f"{label('advice', lang)}:"))
        lines.extend(
            f"{number}. {item.note.get(lang)}" for number, item in enumerate(diagnosis.advice, 1)
        )
    if diagnosis.replies:
        shown, hidden = shown_replies(diagnosis.replies)
        lines.extend(("", f"{label('replies', lang, count=len(diagnosis.replies))}:"))
        lines.extend(f"  {reply_line(reply, lang)}" for reply in shown)
        if hidden:
            lines.append("  " + label("more", lang, count=hidden))
    for key, values in (
        ("blocklists", [f"{b.name} ({b.zone})" for b in diagnosis.blocklists]),
        ("ips", list(diagnosis.ips)),
        ("domains", list(diagnosis.domains)),
        ("emails", list(diagnosis.emails)),
        ("urls", list(diagnosis.urls)),
    ):
        if values:
            shown_values = values[:MAX_LIST_SHOWN]
            more = len(values) - len(shown_values)
            suffix = ", " + label("more", lang, count=more) if more else ""
            lines.append(f"{label(key, lang)}: {', '.join(shown_values)}{suffix}")
    return "\n".join(lines)
