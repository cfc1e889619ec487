"""Replies seen twice become one: the bounce text and its DSN often quote the same failure,
a transcript may repeat a RCPT failure, and a DSN's bare ``Status:`` reports again a reply
the text quoted in full. Replies naming different recipients stay apart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from smtp_gui.core.diagnose.replies import FoundReply, dedupe_key


def status_twin(reply: FoundReply, kept: Sequence[FoundReply]) -> int | None:
    """The reply already kept that a code-less DSN status (``Status: 5.7.26`` with no
    Diagnostic-Code) reports again: same enhanced status, same or unnamed recipient."""
    who = reply.recipient.lower()
    for slot, other in enumerate(kept):
        same_who = not who or not other.recipient or other.recipient.lower() == who
        if other.basic is not None and other.enhanced == reply.enhanced and same_who:
            return slot
    return None


def merge_replies(replies: Sequence[FoundReply]) -> list[FoundReply]:
    """One entry per failing reply and recipient: the bounce text and the DSN often quote the
    same one (replies naming different recipients stay apart)."""
    merged: list[FoundReply] = []
    index: dict[tuple[tuple[int | None, str], str], int] = {}  # (key, recipient) -> slot
    first: dict[tuple[int | None, str], int] = {}  # key -> the first slot
    exact: dict[tuple[int | None, str | None, str, str], int] = {}
    for reply in replies:
        if reply.cls not in (4, 5):
            merged.append(reply)
            continue
        who = reply.recipient.lower()
        twin = status_twin(reply, merged) if reply.basic is None else None
        if twin is not None:  # a DSN's bare Status for a reply the text quoted in full
            if who and not merged[twin].recipient:
                merged[twin] = replace(merged[twin], recipient=reply.recipient)
            continue
        seen = exact.get((reply.basic, reply.enhanced, reply.text, who))
        if (
            seen is not None
            and merged[seen].phase == reply.phase
            and merged[seen].origin == reply.origin
        ):
            continue  # the very same reply again (a transcript repeating a RCPT failure)
        key = dedupe_key(reply)
        slot = index.get((key, who), index.get((key, ""))) if who else first.get(key)
        if slot is None:
            first.setdefault(key, len(merged))
            index[(key, who)] = len(merged)
            exact[(reply.basic, reply.enhanced, reply.text, who)] = len(merged)
            merged.append(reply)
            continue
        kept = merged[slot]
        if not kept.recipient and who:
            index[(key, who)] = slot  # the slot now belongs to this recipient alone
            if index.get((key, "")) == slot:
                del index[(key, "")]
        merged[slot] = replace(
            kept,
            enhanced=kept.enhanced or reply.enhanced,
            phase=kept.phase or reply.phase,
            recipient=kept.recipient or reply.recipient,
            remote=kept.remote or reply.remote,
            origin="dsn" if "dsn" in (kept.origin, reply.origin) else kept.origin,
            summary=kept.summary and reply.summary,
        )
    return merged
