"""Replies quoted inside an MTA's bounce wording, and the state a scan shares.

Postfix (``host X said: ... (in reply to RCPT TO command)``, wrapped onto indented lines),
Exim (the host and ``after RCPT TO:`` on the lines above), qmail (``Remote host said:``,
``(#5.5.0)``), Exchange (``Remote Server returned '...'``), Gmail (``[host. ip: 550 ...]``)
and GMX (a bare ``5.2.2`` under ``host:``). ``BounceLines`` is mixed into the scanner in
``reply_scan.py``, which owns the transcript logic and the line dispatch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from smtp_gui.core.codes.phases import Phase
from smtp_gui.core.diagnose import bounce_formats as formats
from smtp_gui.core.diagnose.replies import (
    CODE_WITH_ENHANCED,
    MAX_LINE,
    MAX_REPLY_TEXT,
    FoundReply,
    enhanced_at,
    reply_at,
)

_MAX_JOINED_LINES = 40


@dataclass(slots=True)
class Draft:
    basic: int | None
    enhanced: str | None
    parts: list[str]
    phase: Phase | None
    origin: str
    line: int
    separator: str = " "
    remote: str = ""
    recipient: str = ""
    summary: bool = False
    maybe_greeting: bool = False
    wrap_indent: int = 0  # Postfix wraps "said:" replies: more text may follow at this indent


@dataclass
class ScanResult:
    """What one pass found: replies in order, plus hints for the advice."""

    replies: list[FoundReply] = field(default_factory=list)
    auth_exchange: str = ""  # the AUTH command and what followed, for the decoder
    senders: list[str] = field(default_factory=list)  # MAIL FROM addresses
    recipients: list[str] = field(default_factory=list)  # RCPT TO addresses
    remotes: list[str] = field(default_factory=list)  # text naming the answering host
    commands: int = 0


class BounceLines:
    """The scanner's methods for bounce wordings; the scanner provides this state."""

    lines: Sequence[str]
    drafts: list[Draft]
    result: ScanResult
    pending_phase: Phase | None
    pending_remote: str
    pending_recipient: str

    def late_hint(self, lower: str, hint: Phase) -> bool:
        """Postfix wraps ``(in reply to RCPT TO command)`` onto the line after the reply."""
        if not lower.startswith(("reply to ", "(in reply to ", "in reply to ")):
            return False
        if self.drafts and self.drafts[-1].phase is None:
            self.drafts[-1].phase = hint
        return True

    # -- transcripts ------------------------------------------------------------------------
    def embedded(
        self, index: int, raw: str, stripped: str, lower: str, hint: Phase | None
    ) -> int | None:
        """A reply quoted after a lead-in (``said:``) or a code + enhanced code mid-line."""
        start = -1
        lead = ""
        parsed = None
        for lead_in in formats.REPLY_LEAD_INS:
            pos = lower.find(lead_in)
            if pos < 0 or (start >= 0 and pos >= start):
                continue
            cursor = pos + len(lead_in)
            while cursor < len(stripped) and stripped[cursor] in " \t'\"#":
                cursor += 1
            if stripped.startswith("b'", cursor) or stripped.startswith('b"', cursor):
                cursor += 2
            found = reply_at(stripped, cursor)
            if found is not None:
                start, lead, parsed = pos, lead_in, found
        if parsed is None and stripped.startswith("["):
            # Gmail: "[mx.example.net. 198.51.100.41: 550 permanent failure ...]"
            colon = stripped.find(": ", 1, 300)
            if colon > 0:
                parsed = reply_at(stripped, colon + 2)
                if parsed is not None:
                    start, lead = colon, "[gmail]"
        if parsed is None:
            match = CODE_WITH_ENHANCED.search(stripped)
            if match is None:
                return None
            start = match.start()
            parsed = reply_at(stripped, start)
            if parsed is None:
                return None
        basic, enhanced, _separator, text = parsed
        if lead == "[gmail]" and text.endswith("]"):
            text = text[:-1]
        parts = [text]
        end = index + 1
        if lead.startswith("returned ") and lead[-1] in "'\"":
            end = self._join_quoted(end, parts, lead[-1])
        else:
            end = self._join_indented(end, parts, indent(raw))
        joined = " ".join(parts)
        lower_joined = joined.lower()
        phase = formats.phase_hint(lower_joined) if may_hint(lower_joined) else None
        cut = lower_joined.find(formats.POSTFIX_IN_REPLY)
        if cut >= 0:
            joined = joined[:cut]
        if phase is None:
            phase = hint or self.pending_phase
        self.pending_phase = None
        if enhanced is None:
            # Postfix wraps "530\n 5.7.0 Must issue a STARTTLS command first."
            wrapped = enhanced_at(joined.lstrip(), 0)
            if wrapped is not None:
                enhanced, joined = wrapped[0], joined.lstrip()[wrapped[1] :]
        remote = recipient = ""
        if lead in ("said:", "]:", ">:", "refused to talk to me:"):
            recipient, remote = split_remote(stripped[: start + (1 if lead in ("]:", ">:") else 0)])
        elif lead == "[gmail]":
            remote = stripped[1:start].strip()
        elif lead in ("returned '", 'returned "'):
            remote = exchange_remote(stripped[:start])
        if remote:
            self.result.remotes.append(remote)
        draft = Draft(basic, enhanced, [joined], phase, "bounce", index + 1)
        draft.remote = remote or self.pending_remote
        draft.recipient = recipient or self.pending_recipient
        self.pending_remote = self.pending_recipient = ""
        self.drafts.append(draft)
        return end

    def status_only(self, index: int, enhanced: str, text: str) -> None:
        """A bare enhanced status standing for the remote reply."""
        draft = Draft(None, enhanced, [text], self.pending_phase, "bounce", index + 1)
        draft.remote, draft.recipient = self.pending_remote, self.pending_recipient
        self.pending_phase = None
        self.pending_remote = self.pending_recipient = ""
        self.drafts.append(draft)

    def qmail_status(self, index: int, stripped: str) -> bool:
        """qmail ends a recipient's paragraph with its own status: ``... (#5.5.0)``."""
        pos = stripped.find("(#")
        found = enhanced_at(stripped, pos + 2)
        if found is None or stripped[found[1] : found[1] + 1] != ")":
            return False
        enhanced = found[0]
        last = self.drafts[-1] if self.drafts else None
        if last is not None and index + 1 - last.line <= 3:
            same_class = last.basic is not None and str(last.basic)[0] == enhanced[0]
            if last.enhanced is None and same_class:
                last.enhanced = enhanced
            return True
        text = (stripped[:pos] + stripped[found[1] + 1 :]).strip()
        draft = Draft(None, enhanced, [text], self.pending_phase, "bounce", index + 1)
        self.drafts.append(draft)
        return True

    def _join_indented(self, index: int, parts: list[str], base: int) -> int:
        """Postfix and folded fields wrap a long reply onto more-indented lines."""
        total = len(parts[0])
        taken = 0
        while index < len(self.lines) and taken < _MAX_JOINED_LINES:
            line = self.lines[index][:MAX_LINE]
            if not line.strip() or indent(line) <= base or total > MAX_REPLY_TEXT:
                break
            if formats.POSTFIX_IN_REPLY in parts[-1].lower() and ")" in parts[-1]:
                break
            parts.append(line.strip())
            total += len(line)
            taken += 1
            index += 1
        return index

    def _join_quoted(self, index: int, parts: list[str], quote: str) -> int:
        """``returned '550 ...'``: the reply ends at the closing quote."""
        first = parts[0]
        end = first.rfind(quote)
        if end >= 0:
            parts[0] = first[:end]
            return index
        taken = 0
        while index < len(self.lines) and taken < 10:
            line = self.lines[index][:MAX_LINE].strip()
            index += 1
            taken += 1
            end = line.rfind(quote)
            if end >= 0:
                parts.append(line[:end])
                break
            parts.append(line)
        return index


def split_remote(text: str) -> tuple[str, str]:
    """``<bob@example.com>: host mx.example.com[192.0.2.1]`` -> (recipient, host part)."""
    text = text.strip()
    while text.startswith("> "):  # a bounce quoted in a reply or forward
        text = text[2:].lstrip()
    recipient = ""
    if text.startswith("<"):
        close = text.find(">", 0, 330)
        if close > 0 and "@" in text[1:close]:
            recipient = text[1:close]
            text = text[close + 1 :].lstrip(": ")
    if text.lower().startswith("host "):
        text = text[5:]
    return recipient, text.strip()[:200]


def exchange_remote(head: str) -> str:
    """Exchange and Microsoft 365: ``Remote server at mx1.example.com (198.51.100.20)
    returned '554 ...'`` (``head`` is the text before ``returned``) -> ``mx1.example.com
    (198.51.100.20)``; "" without a host."""
    at = head.lower().find("remote server at ")
    if at < 0:
        return ""
    return head[at + len("remote server at ") :].strip()[:200]


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def may_hint(lower: str) -> bool:
    """Cheap test before the phrase table: every phase hint has one of these words."""
    return (
        "reply to" in lower
        or "after " in lower
        or "like " in lower
        or "rejected" in lower
        or "failed" in lower
        or "refused" in lower
        or "progress" in lower
        or "_" in lower
    )
