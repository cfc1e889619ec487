"""Which pane a paste belongs to: a message's header block (the Headers pane) or a bounce
(the Diagnose pane). Each pane offers the other when the paste is the other's."""

from __future__ import annotations

from smtp_gui.core.diagnose.analyse import diagnose
from smtp_gui.core.diagnose.notice import NoticeKind
from smtp_gui.core.headers.fields import split_fields

# Fields that only a message that travelled carries (RFC 5322 3.6.7 trace fields, RFC 8601,
# RFC 6376, RFC 8617), and those that every message has.
_TRACE = frozenset(
    {"received", "authentication-results", "dkim-signature", "arc-seal", "return-path",
     "x-forefront-antispam-report", "received-spf"}
)  # fmt: skip
_MESSAGE = frozenset({"from", "to", "subject", "date", "message-id"})
_LOOKED_AT = 64 * 1024  # the start of a paste says what it is


def looks_like_headers(text: str) -> bool:
    """The paste starts with a header block that a received message has: a trace field and
    a message field among its first fields."""
    block = split_fields(text[:_LOOKED_AT].replace("\r\n", "\n"))
    keys = {f.key for f in block.fields[:200]}
    return bool(keys & _TRACE) and bool(keys & _MESSAGE)


def is_bounce(text: str) -> bool:
    """The paste is a failure or delay notice (what the Diagnose pane reads)."""
    found = diagnose(text[: 4 * _LOOKED_AT])
    return found.notice.kind in (NoticeKind.BOUNCE, NoticeKind.DELAY)
