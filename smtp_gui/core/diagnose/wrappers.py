"""What a bounce wraps around the reply: a ``> `` quoted block (a bounce forwarded to the
helpdesk), the last attempt's reply an expiry quotes (``554 4.4.7 Message expired ... <451
4.7.500 Server busy ...>``) and the enhanced status a Sendmail summary line adds to the remote
reply it restates (``<<< 550 MAILBOX NOT FOUND`` then ``550 5.1.1 <x>... User unknown``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from smtp_gui.core.diagnose.replies import FoundReply, clean_text, reply_at

_MIN_QUOTED = 3  # quoted lines that make a forwarded block
_MAX_SCANNED = 4000  # characters of an expiry's text searched for the inner reply
# Lead-ins after which an expiry quotes the last attempt's reply (lower case).
_LAST_ATTEMPT_LEADS = ("<", "last error was:", "last error:", "last attempt:", "last reply:")
# RFC 3463 3.5: X.4.7 is "delivery time expired"; the words say it when no status does.
_EXPIRY_WORDS = (
    "expired",
    "retry timeout",
    "unable to deliver in",
    "could not be delivered within",
)


def unquoted(lines: Sequence[str]) -> list[str] | None:
    """The lines with one level of ``> `` quoting removed, or None when fewer than three lines
    are quoted. Sendmail's ``>>>`` transcript lines are not quoting and stay as they are."""
    out: list[str] = []
    quoted = 0
    for line in lines:
        if line.startswith("> ") or line.startswith(">\t"):
            out.append(line[2:])
            quoted += 1
        elif line.rstrip() == ">":
            out.append("")
            quoted += 1
        else:
            out.append(line)
    return out if quoted >= _MIN_QUOTED else None


def is_expiry(reply: FoundReply) -> bool:
    if reply.enhanced is not None and reply.enhanced[1:] == ".4.7":
        return True
    lower = reply.text[:_MAX_SCANNED].lower()
    return any(word in lower for word in _EXPIRY_WORDS)


def last_attempt(reply: FoundReply) -> FoundReply | None:
    """The reply of the last attempt that an expiry quotes inside its own text, if any."""
    if reply.cls not in (4, 5) or not is_expiry(reply):
        return None
    text = reply.text[:_MAX_SCANNED]
    lower = text.lower()
    for lead in _LAST_ATTEMPT_LEADS:
        start = 0
        while True:
            pos = lower.find(lead, start)
            if pos < 0:
                break
            start = pos + len(lead)
            cursor = start
            while cursor < len(text) and text[cursor] in " \t'\"":
                cursor += 1
            found = reply_at(text, cursor)
            if found is None or found[0] // 100 not in (4, 5):
                continue
            basic, enhanced, _separator, rest = found
            if lead == "<":
                close = rest.rfind(">")
                rest = rest[:close] if close >= 0 else rest
            return FoundReply(
                basic,
                enhanced,
                clean_text(rest, basic, enhanced),
                None,
                "bounce",
                reply.line,
                reply.recipient,
                reply.remote,
            )
    return None


def status_from_summary(primary: FoundReply, replies: Sequence[FoundReply]) -> FoundReply:
    """A remote reply without an enhanced status takes the one of the local summary line that
    restates it (same basic code, same class, after it)."""
    if primary.enhanced is not None or primary.basic is None:
        return primary
    for reply in replies:
        if (
            reply.summary
            and reply.line > primary.line
            and reply.basic == primary.basic
            and reply.enhanced is not None
            and reply.enhanced[0] == str(primary.basic)[0]
        ):
            return replace(primary, enhanced=reply.enhanced)
    return primary
