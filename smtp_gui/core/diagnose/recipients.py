"""Who bounced: one entry per failed (or delayed) recipient, each with its own reply.

Sources, most trusted first:

1. a DSN's per-recipient blocks (RFC 3464 2.3): ``Final-Recipient`` when it is an Internet
   address, else ``Original-Recipient`` (an ``x400;`` Final-Recipient names no mailbox); when a
   DSN names failed recipients it is the list, and text replies are matched to its entries;
2. ``X-Failed-Recipients`` (Exim);
3. the bounce's own text: the address a reply starts with (``550 <a@b>: ...``, ``a@b...
   User unknown``), the recipient the scanner tied to a reply (Postfix ``<a@b>: host X said:``,
   ``RCPT TO:<a@b>`` before the reply, the address above an Exim or qmail reply), and the
   places ``mentions.py`` reads (lists, ``<a@b>:`` lines, labels, sentences).

A reply nobody names is given to the nearest recipient named a few lines above it. A
recipient named without any reply is still a failed recipient, with no code: a code is never
invented.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from smtp_gui.core.diagnose.addresses import clean_address
from smtp_gui.core.diagnose.dsn import DsnRecipient
from smtp_gui.core.diagnose.mentions import Mention, find_mentions
from smtp_gui.core.diagnose.replies import FoundReply

# RFC 3464 2.3.3: these actions are not a failure of the recipient.
NOT_FAILED = frozenset({"delivered", "relayed", "expanded"})
_NEAR = 8  # a reply nobody names belongs to a recipient named at most this many lines above
_MAX_RECIPIENTS = 500
# Lower-case wordings that make a notice a warning: its recipients are delayed, not failed.
_WARNING_WORDS = (
    "warning only",
    "warning message only",
    "will be retried",
    "will keep trying",
    "will retry",
    "still trying",
    "still undelivered",
    "not yet been delivered",
    "delivery incomplete",
    "has been delayed",
    "(delay)",
)


@dataclass(frozen=True, slots=True)
class FailedRecipient:
    """A recipient the bounce reports as failed or delayed, and the reply it got (if stated)."""

    address: str
    reply: FoundReply | None = None
    action: str = "failed"  # RFC 3464 2.3.3: failed or delayed

    def to_dict(self, lang: str) -> dict[str, Any]:
        reply = self.reply
        data: dict[str, Any] = {
            "address": self.address,
            "code": None if reply is None or reply.basic is None else str(reply.basic),
            "enhanced": None if reply is None else reply.enhanced,
            "text": None if reply is None else reply.text,
            "phase": None if reply is None or reply.phase is None else reply.phase.value,
            "action": self.action,
        }
        data["phase_name"] = (
            None if reply is None or reply.phase is None else reply.phase.title().get(lang)
        )
        data["remote"] = None if reply is None else reply.remote or None
        return data


def find_recipients(
    lines: Sequence[str],
    replies: Sequence[FoundReply],
    dsn: Sequence[DsnRecipient],
    failed_header: str = "",
) -> tuple[FailedRecipient, ...]:
    """Every failed or delayed recipient, in the order the bounce names them."""
    failures = [r for r in replies if r.cls in (4, 5)]
    order: dict[str, str] = {}  # key (lower case) -> address as first named
    actions: dict[str, str] = {}
    dsn_reply: dict[str, FoundReply] = {}
    from_dsn = False
    for item in dsn:
        address = item.address
        from_dsn = from_dsn or bool(address)
        if not address or item.action in NOT_FAILED:
            continue
        key = address.lower()
        order.setdefault(key, address)
        if item.action in ("failed", "delayed"):
            actions.setdefault(key, item.action)
        found = item.reply()
        if found is not None and found.cls in (4, 5) and key not in dsn_reply:
            dsn_reply[key] = found
    mentions = find_mentions(lines)
    if not from_dsn:
        for part in failed_header.split(",")[:_MAX_RECIPIENTS]:
            address = clean_address(part)
            if address is not None:
                order.setdefault(address.lower(), address)
        for mention in mentions:
            order.setdefault(mention.address.lower(), mention.address)
    assigned = _assign(failures, mentions, order, from_dsn)
    if not from_dsn:
        for key, reply_list in assigned.items():
            if key not in order and reply_list:
                order[key] = reply_list[0].recipient
    warning = _is_warning(lines)
    result: list[FailedRecipient] = []
    for key, address in list(order.items())[:_MAX_RECIPIENTS]:
        reply = _best(dsn_reply.get(key), assigned.get(key, []))
        if reply is not None:
            reply = replace(reply, recipient=address)
        action = actions.get(key) or _action(reply, warning)
        result.append(FailedRecipient(address, reply, action))
    return tuple(result)


def first_failure(recipients: Sequence[FailedRecipient], cls: int) -> FoundReply | None:
    """The reply of the first recipient whose reply is of class ``cls``."""
    for item in recipients:
        if item.reply is not None and item.reply.cls == cls:
            return item.reply
    return None


def with_recipients(
    emails: Sequence[str], recipients: Sequence[FailedRecipient]
) -> tuple[str, ...]:
    """The ``emails`` list with every recipient named in it (lower case, as the list is)."""
    extra = [item.address.lower() for item in recipients]
    return tuple(dict.fromkeys([*emails, *extra]))


def named_address(reply: FoundReply) -> str | None:
    """The address a reply's text starts with: ``<a@b>: Recipient address rejected``,
    ``a@b... User unknown`` (Sendmail), ``<a@b>... Addressee unknown``."""
    text = reply.text[:400].lstrip()
    if not text or text[0] in ".:(":
        return None
    head = text.split(None, 1)[0]
    if "@" not in head:
        return None
    if not (head.startswith("<") or head.endswith(("...", ":", ">"))):
        return None
    return clean_address(head.rstrip(".:").rstrip(">").lstrip("<"))


# -- internals ------------------------------------------------------------------------------
def _assign(
    failures: Sequence[FoundReply],
    mentions: Sequence[Mention],
    order: dict[str, str],
    from_dsn: bool,
) -> dict[str, list[FoundReply]]:
    """Each failing reply -> the recipient it is about (lower-case key)."""
    assigned: dict[str, list[FoundReply]] = {}
    only = next(iter(order)) if len(order) == 1 else None
    lines = [mention.line for mention in mentions]  # in order: find_mentions sorts them
    for reply in failures:
        address = named_address(reply)
        if address is None and reply.recipient:
            address = clean_address(reply.recipient)
        if address is None and reply.origin != "dsn":
            above = bisect_right(lines, reply.line)
            if above and reply.line - mentions[above - 1].line <= _NEAR:
                address = mentions[above - 1].address
        key = address.lower() if address is not None else None
        if from_dsn and key not in order:
            key = only  # a DSN naming one recipient: the text's reply is about it
        if key is None:
            key = only
        if key is None:
            continue
        if address is not None and key == address.lower():
            reply = replace(reply, recipient=address)
        elif key in order:
            reply = replace(reply, recipient=order[key])
        assigned.setdefault(key, []).append(reply)
    return assigned


def _best(dsn_reply: FoundReply | None, text: Sequence[FoundReply]) -> FoundReply | None:
    """The DSN's reply with a code, else the first remote reply with a code, else a status;
    its enhanced status filled from another sighting of the same class."""
    ranked: list[FoundReply] = []
    if dsn_reply is not None and dsn_reply.basic is not None:
        ranked.append(dsn_reply)
    ranked.extend(r for r in text if r.basic is not None and not r.summary)
    ranked.extend(r for r in text if r.basic is not None and r.summary)
    if dsn_reply is not None and dsn_reply.basic is None:
        ranked.append(dsn_reply)
    ranked.extend(r for r in text if r.basic is None)
    if not ranked:
        return None
    best = ranked[0]
    if best.enhanced is None:
        status = next((r.enhanced for r in ranked[1:] if r.enhanced and r.cls == best.cls), None)
        if status is not None:
            best = replace(best, enhanced=status)
    if best.phase is None:
        phase = next((r.phase for r in ranked[1:] if r.phase is not None), None)
        if phase is not None:
            best = replace(best, phase=phase)
    return best


def _action(reply: FoundReply | None, warning: bool) -> str:
    if reply is not None and reply.cls == 5:
        return "failed"
    return "delayed" if warning else "failed"


def _is_warning(lines: Sequence[str]) -> bool:
    size = 0
    for line in lines:
        lower = line[:4096].lower()
        if any(word in lower for word in _WARNING_WORDS):
            return True
        size += len(line)
        if size > 16384:
            break
    return False
