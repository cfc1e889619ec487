"""The cause a notice states in words when it states no reply code: ``Host not found``,
``User unknown``, ``邮箱已满``, ``retry timeout exceeded`` ... (data: ``diagnose/wording.json``).

A cause read from the wording is never a reply: it has no code of its own. It names a category
(``reason``), the line that says it, and the code that usually carries it (``usually``), which
the catalogue can explain. Lines are matched lower-cased with ``str`` methods over a bounded
head of the notice, so reading stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from smtp_gui.core.resources import load_json
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.messages import message

MAX_HEAD = 16384  # characters of a notice read for its wording
MAX_LINE = 400
_NEAR_ABOVE = 8  # lines above a cause searched for the address it is about
_NEAR_BELOW = 2
# Where the notice's own words end and the returned original begins (lower case, in a line).
_ORIGINAL_STARTS = (
    "original message",
    "copy of the message",
    "copy of your message",
    "message header follows",
    "message headers follow",
    "returned message",
    "undelivered message",
    "message body suppressed",
)
_HEADER_STARTS = ("received:", "return-path:", "message-id:", "in-reply-to:", "references:")
# An address right after these words is the sender's or the reporter's, not the recipient's.
_NOT_RECIPIENT = ("from", "sender", "by", "mail from", "to postmaster", "reply to", "contact")
_ADDRESS = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,8}"
)


@dataclass(frozen=True, slots=True)
class WordingRule:
    """One category of cause and the phrases that name it."""

    reason: str
    phrases: tuple[str, ...]
    tags: tuple[str, ...] = ()
    usually: str = ""  # the code that usually carries it ("550 5.1.1"), for the catalogue
    temporary: bool = False
    weak: bool = False  # counts only in a text that is a delivery notice

    def first_phrase(self, lower: str) -> int:
        """The position of the earliest phrase in ``lower``, or -1."""
        best = -1
        for phrase in self.phrases:
            pos = lower.find(phrase)
            if pos >= 0 and (best < 0 or pos < best):
                best = pos
        return best


@dataclass(frozen=True, slots=True)
class WordingCause:
    """A failure read from the notice's wording: no code, a category, the words that say it."""

    reason: str
    text: str  # the line of the notice that names the cause (from outside)
    usually: str = ""
    temporary: bool = False
    recipient: str = ""
    tags: tuple[str, ...] = ()

    def title(self) -> Text:
        return message(f"diagnose.wording.reason.{self.reason}")

    def to_dict(self, lang: str) -> dict[str, Any]:
        """The JSON ``primary`` of a code-less failure: ``code`` and ``enhanced`` stay null."""
        return {
            "code": None,
            "enhanced": None,
            "text": self.text,
            "phase": None,
            "phase_name": None,
            "recipient": self.recipient or None,
            "remote": None,
            "class": None,
            "reason": self.reason,
            "reason_name": self.title().get(lang),
            "read_from": "wording",
            "usually": self.usually or None,
            "temporary": self.temporary,
        }


@dataclass(frozen=True, slots=True)
class WordingRules:
    causes: tuple[WordingRule, ...]
    notices: dict[str, tuple[str, ...]]


@cache
def rules() -> WordingRules:
    data = load_json("diagnose", "wording.json")
    causes = tuple(
        WordingRule(
            reason=str(item["reason"]),
            phrases=tuple(str(p).lower() for p in item["phrases"]),
            tags=tuple(str(t) for t in item.get("tags", ())),
            usually=str(item.get("usually", "")),
            temporary=bool(item.get("temporary", False)),
            weak=bool(item.get("weak", False)),
        )
        for item in data["causes"]
    )
    notices = {
        str(key): tuple(str(p).lower() for p in value) for key, value in data["notices"].items()
    }
    return WordingRules(causes, notices)


def notice_lines(lines: Sequence[str]) -> list[str]:
    """The notice's own lines, lower-cased and cut: up to the returned original, at most
    ``MAX_HEAD`` characters."""
    kept: list[str] = []
    size = 0
    paragraph = False  # a blank line after text: a header block at the very top is over
    for raw in lines:
        line = raw[:MAX_LINE].strip().lower()
        if (paragraph and line.startswith(_HEADER_STARTS)) or (
            line[:1] in "-=*_:(" and any(start in line for start in _ORIGINAL_STARTS)
        ):
            break
        paragraph = paragraph or (not line and any(kept))
        if any(line.startswith(start) for start in _ORIGINAL_STARTS):
            break
        kept.append(line)
        size += len(line) + 1
        if size > MAX_HEAD:
            break
    return kept


def classify(text: str) -> WordingRule | None:
    """The most specific cause the words of ``text`` name (one reply or line), if any."""
    lower = text[:MAX_HEAD].lower()
    for rule in rules().causes:
        if rule.reason != "undelivered" and rule.first_phrase(lower) >= 0:
            return rule
    return None


def has_phrase(lines: Sequence[str], key: str) -> int:
    """The index of the first of ``lines`` (lower case) holding a phrase of notice ``key``."""
    phrases = rules().notices.get(key, ())
    for index, line in enumerate(lines):
        if index + 1 < len(lines):
            line = joined_lines(line, lines[index + 1])
        if any(phrase in line for phrase in phrases):
            return index
    return -1


def find_cause(lines: Sequence[str], original: Sequence[str], notice: bool) -> WordingCause | None:
    """The cause the notice's lines (lower case, from ``notice_lines``) name; ``original``
    holds the same lines as written, for the text shown. ``notice`` says whether the text is a
    delivery notice at all, which the weak causes (``blocked``, ``timed out``) need."""
    for rule in rules().causes:
        if rule.weak and not notice:
            continue
        for index, line in enumerate(lines):
            if rule.first_phrase(line) < 0 and (
                index + 1 >= len(lines)
                # a phrase wrapped across the break starts on this line
                or not 0 <= rule.first_phrase(joined_lines(line, lines[index + 1])) < len(line)
            ):
                continue
            if rule.reason == "undelivered" and not notice:
                return None
            shown = original[index].strip()[:MAX_LINE] if index < len(original) else line
            return WordingCause(
                reason=rule.reason,
                text=shown,
                usually=rule.usually,
                temporary=rule.temporary,
                recipient=_near_address(original, index),
                tags=rule.tags,
            )
    return None


def joined_lines(line: str, following: str) -> str:
    """A line and the start of the next: Postfix and Exim wrap a reason onto the next line."""
    return line + " " + following[:40]


def _near_address(lines: Sequence[str], index: int) -> str:
    """The address on the cause's line, else the nearest one above it, else just below."""
    order = [index]
    order.extend(range(index - 1, max(-1, index - 1 - _NEAR_ABOVE), -1))
    order.extend(range(index + 1, min(len(lines), index + 1 + _NEAR_BELOW)))
    for position in order:
        if 0 <= position < len(lines):
            line = lines[position][:MAX_LINE]
            for found in _ADDRESS.finditer(line):
                before = line[max(0, found.start() - 12) : found.start()].lower()
                if not before.rstrip(" <:").endswith(_NOT_RECIPIENT):
                    return found.group(0).rstrip(".")
    return ""
