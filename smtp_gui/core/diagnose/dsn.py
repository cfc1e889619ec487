"""Delivery status notifications (RFC 3464) and whole bounce messages.

A ``.eml`` is read with Python's ``email`` package (``policy.default``), never by hand: its
human-readable parts become text to scan, its ``message/delivery-status`` part becomes one
``DsnRecipient`` per recipient, and the returned original (``message/rfc822``,
``text/rfc822-headers``) is set aside so that its headers are not mistaken for the bounce.
DSN fields pasted as plain text are read line by line with RFC 5322 2.2.3 unfolding.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage, Message

from smtp_gui.core.diagnose import bounce_formats as formats
from smtp_gui.core.diagnose.addresses import clean_address
from smtp_gui.core.diagnose.replies import (
    CODE_WITH_ENHANCED,
    MAX_LINE,
    FoundReply,
    clean_text,
    enhanced_at,
    reply_at,
)
from smtp_gui.core.text.html_text import html_to_text

_MAX_PARTS = 200
_MAX_DEPTH = 8
_MAX_FIELD = 4000
_KEPT_HEADERS = ("from", "to", "subject", "x-failed-recipients", "x-mailer", "reply-to")
_KNOWN_HEADERS = frozenset(
    {
        "received", "from", "to", "subject", "date", "message-id", "mime-version",
        "content-type", "return-path", "delivered-to", "x-failed-recipients",
        "auto-submitted", "reply-to", "cc", "sender", "x-mailer", "dkim-signature",
        "authentication-results", "arc-seal", "x-original-to", "thread-topic",
    }
)  # fmt: skip
_FIELDS = frozenset(formats.DSN_FIELDS)
_INTERNET_TYPES = frozenset({"", "rfc822", "utf-8"})  # RFC 3464 2.3.2, RFC 6533 3


@dataclass(frozen=True, slots=True)
class DsnRecipient:
    """One per-recipient block of a DSN (RFC 3464 2.3), with the per-message fields."""

    final_recipient: str = ""
    original_recipient: str = ""
    final_type: str = ""  # RFC 3464 2.3.2 address-type: rfc822, x400, utf-8, ...
    original_type: str = ""
    action: str = ""
    status: str = ""
    diagnostic_type: str = ""
    diagnostic: str = ""
    remote_mta: str = ""
    reporting_mta: str = ""
    sender: str = ""
    line: int = 0

    @property
    def recipient(self) -> str:
        return self.address or self.final_recipient or self.original_recipient

    @property
    def address(self) -> str:
        """RFC 3464 2.3.2: the Final-Recipient when it is an Internet address, else the
        Original-Recipient (2.3.1) when that is one (``x400; /S=...`` names no mailbox)."""
        for value, kind in (
            (self.final_recipient, self.final_type),
            (self.original_recipient, self.original_type),
        ):
            if value and kind in _INTERNET_TYPES:
                address = clean_address(value)
                if address is not None:
                    return address
        return ""

    def reply(self) -> FoundReply | None:
        """The reply this block reports: Diagnostic-Code with Status, or Status alone."""
        status = self.status
        diagnostic = self.diagnostic.strip()
        parsed = reply_at(diagnostic, 0) if diagnostic[:1].isdigit() else None
        if parsed is None and diagnostic.startswith("#"):
            parsed = reply_at(diagnostic, 1)
        if parsed is None:
            parsed = _ses_reply(diagnostic[:MAX_LINE])
        if parsed is not None:
            basic, enhanced, _separator, text = parsed
            if enhanced is None and status and int(status[0]) == basic // 100:
                enhanced = status
            lower = text.lower()
            phase = formats.phase_hint(lower)
            cut = lower.find(formats.POSTFIX_IN_REPLY)
            if cut >= 0:
                text = text[:cut]
            return FoundReply(
                basic,
                enhanced,
                clean_text(text, basic, enhanced),
                phase,
                "dsn",
                self.line,
                self.recipient,
                self.remote_mta,
            )
        if not status:
            return None
        text = clean_text(diagnostic or self.action, None, status)
        return FoundReply(
            None, status, text, None, "dsn", self.line, self.recipient, self.remote_mta
        )


def _ses_reply(diagnostic: str) -> tuple[int, str | None, str, str] | None:
    """Amazon SES: ``5.1.0 - Unknown address error 550-'5.7.1 <x>... Access denied'``."""
    inner = CODE_WITH_ENHANCED.search(diagnostic)
    if inner is not None:
        return reply_at(diagnostic, inner.start())
    leading = enhanced_at(diagnostic, 0)
    if leading is None or not diagnostic.startswith(" - ", leading[1]):
        return None
    quoted = diagnostic.find("-'", leading[1])
    if quoted < 3 or not diagnostic[quoted - 3 : quoted].isdigit():
        return None
    found = reply_at(diagnostic, quoted - 3)
    if found is None:
        return None
    basic, _enhanced, separator, text = found
    return basic, leading[0], separator, text.lstrip("'")


@dataclass(frozen=True, slots=True)
class MessageParts:
    """What a bounce message holds for the diagnosis."""

    texts: tuple[str, ...] = ()
    recipients: tuple[DsnRecipient, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    attached: tuple[bytes, ...] = ()  # returned or forwarded messages (message/rfc822)
    defects: int = 0

    def header(self, name: str) -> str:
        for key, value in self.headers:
            if key == name:
                return value
        return ""


@dataclass
class _Walk:
    texts: list[str] = field(default_factory=list)
    recipients: list[DsnRecipient] = field(default_factory=list)
    attached: list[bytes] = field(default_factory=list)
    parts: int = 0
    defects: int = 0


def looks_like_message(head: str) -> bool:
    """True when ``head`` (the start of a paste or file) is an RFC 5322 header block."""
    names = 0
    known = 0
    for index, line in enumerate(head[:16384].splitlines()):
        if index == 0 and line.startswith("From "):
            continue  # mbox separator
        if not line.strip():
            return known >= 2 or (known >= 1 and names >= 3)
        if line[:1] in " \t":
            continue
        name, colon, _value = line.partition(":")
        if not colon or not name or len(name) > 76 or not _is_field_name(name):
            return False
        names += 1
        if name.lower() in _KNOWN_HEADERS:
            known += 1
        if index > 400:
            break
    return False


def read_message(data: bytes) -> MessageParts:
    """Parse a whole message; the caller falls back to plain text if this raises."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    walk = _Walk()
    _walk(message, walk, 0)
    headers = []
    for name in _KEPT_HEADERS:
        value = _header(message, name)
        if value:
            headers.append((name, value))
    return MessageParts(
        tuple(walk.texts),
        tuple(walk.recipients),
        tuple(headers),
        tuple(walk.attached),
        walk.defects + len(message.defects),
    )


def dsn_from_lines(lines: Sequence[str]) -> list[DsnRecipient]:
    """DSN fields pasted as text: ``Status:``, ``Diagnostic-Code:`` ... with folded lines."""
    groups: list[list[tuple[str, str, int]]] = []
    message_fields: list[tuple[str, str, int]] = []
    current: list[tuple[str, str, int]] | None = None
    last: list[tuple[str, str, int]] | None = None
    for index, raw in enumerate(lines):
        line = raw[:MAX_LINE]
        if line[:1] in (" ", "\t") and last is not None and last:
            name, value, number = last[-1]
            if len(value) < _MAX_FIELD and line.strip():
                last[-1] = (name, value + " " + line.strip(), number)
            continue
        name, colon, value = line.partition(":")
        key = name.strip().lower() if colon and len(name) <= 24 else ""
        if key not in _FIELDS:
            last = None
            continue
        item = (key, value.strip(), index + 1)
        if key in ("reporting-mta", "x-postfix-sender", "received-from-mta", "arrival-date"):
            message_fields.append(item)
            last = message_fields
            continue
        if (
            current is None
            or _has(current, key)
            or (key == "final-recipient" and _has(current, "status", "diagnostic-code", "action"))
        ):
            current = []
            groups.append(current)
        current.append(item)
        last = current
    common = {key: value for key, value, _n in message_fields}
    return [_recipient({k: v for k, v, _n in group}, common, group[0][2]) for group in groups]


# -- internals ------------------------------------------------------------------------------
def _is_field_name(name: str) -> bool:
    # RFC 5322 3.6.8: printable US-ASCII except colon and space.
    return all(33 <= ord(char) <= 126 for char in name)


def _has(group: list[tuple[str, str, int]], *keys: str) -> bool:
    return any(existing in keys for existing, _value, _n in group)


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except Exception:  # noqa: BLE001 - the email package raises many kinds on broken headers
        return ""
    return "" if value is None else " ".join(str(value).split())[:1000]


def _walk(part: Message, walk: _Walk, depth: int) -> None:
    walk.parts += 1
    if walk.parts > _MAX_PARTS or depth > _MAX_DEPTH:
        return
    walk.defects += len(part.defects)
    ctype = part.get_content_type()
    # message/* parts hold their content as a list of messages too: test them first.
    if ctype in ("message/delivery-status", "message/global-delivery-status"):
        walk.recipients.extend(_delivery_status(part))
    elif ctype in ("message/rfc822", "message/global"):
        attached = _attached_bytes(part)
        if attached:
            walk.attached.append(attached)
    elif ctype in ("text/rfc822-headers", "text/rfc822-header"):
        return
    elif part.is_multipart():
        children = list(_children(part))
        if ctype == "multipart/alternative":
            plain = [c for c in children if c.get_content_type() == "text/plain"]
            children = plain[:1] or children[-1:]
        for child in children:
            _walk(child, walk, depth + 1)
    elif ctype.startswith(("text/", "multipart/")):  # multipart here: its boundary is broken
        text = _text_of(part)
        if ctype == "text/html":
            text = html_to_text(text)
        if text.strip():
            walk.texts.append(text)


def _children(part: Message) -> Iterable[Message]:
    payload = part.get_payload()
    if isinstance(payload, list):
        return [p for p in payload if isinstance(p, Message)]
    return []


def _text_of(part: Message) -> str:
    """The decoded text of a leaf part, tolerant of unknown charsets and broken encodings."""
    if isinstance(part, EmailMessage):
        try:
            content = part.get_content()
        except Exception:  # noqa: BLE001 - LookupError, UnicodeError, binascii errors, ...
            content = None
        if isinstance(content, str):
            return content
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raw = part.get_payload()
        return raw if isinstance(raw, str) else ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode("utf-8", errors="replace")


def _attached_bytes(part: Message) -> bytes:
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    if isinstance(inner, Message):
        try:
            return inner.as_bytes()
        except Exception:  # noqa: BLE001 - as_bytes can fail on undecodable headers
            return b""
    return b""


def _delivery_status(part: Message) -> list[DsnRecipient]:
    """RFC 3464 2.1: one per-message block, then one block per recipient."""
    payload = part.get_payload()
    if isinstance(payload, list):
        blocks = [p for p in payload if isinstance(p, Message)]
        lines: list[str] = []
        for block in blocks:
            for name, value in _items(block):
                lines.append(f"{name}: {' '.join(value.split())}")
            lines.append("")
        return dsn_from_lines(lines)
    text = _text_of(part)
    return dsn_from_lines(text.splitlines())


def _items(block: Message) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    for name in block:
        try:
            value = block.get(name)
        except Exception:  # noqa: BLE001 - broken header values
            continue
        items.append((name, "" if value is None else str(value)))
    return items


def _strip_type(value: str) -> tuple[str, str]:
    """``rfc822; user@example.com`` -> (``rfc822``, ``user@example.com``)."""
    kind, semicolon, rest = value.partition(";")
    if semicolon:
        return kind.strip().lower(), rest.strip()
    return "", value.strip()


def _action(value: str) -> str:
    """RFC 3464 2.3.3 action-value, without a comment: ``relayed (to non-DSN-aware mailer)``."""
    words = value.strip().lower()[:80].replace("(", " ").split()
    return words[0][:40] if words else ""


def _recipient(fields: dict[str, str], common: dict[str, str], line: int) -> DsnRecipient:
    status_field = fields.get("status", "").strip()
    found = enhanced_at(status_field, 0)
    status = found[0] if found is not None else ""
    diagnostic_type, diagnostic = _strip_type(fields.get("diagnostic-code", ""))
    final_type, final = _strip_type(fields.get("final-recipient", ""))
    original_type, original = _strip_type(fields.get("original-recipient", ""))
    return DsnRecipient(
        final_recipient=final[:320],
        original_recipient=original[:320],
        final_type=final_type[:40],
        original_type=original_type[:40],
        action=_action(fields.get("action", "")),
        status=status,
        diagnostic_type=diagnostic_type[:40],
        diagnostic=diagnostic[:_MAX_FIELD],
        remote_mta=_strip_type(fields.get("remote-mta", ""))[1][:320],
        reporting_mta=_strip_type(common.get("reporting-mta", ""))[1][:320],
        sender=_strip_type(common.get("x-postfix-sender", ""))[1][:320],
        line=line,
    )
