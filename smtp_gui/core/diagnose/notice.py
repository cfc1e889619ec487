"""What kind of notice a paste is: a bounce, a delay warning, not a bounce at all (an
auto-reply, challenge/response mail) or a report of delivery.

RFC 3464 2.3.3: a DSN's ``Action`` field says it for each recipient (``failed``, ``delayed``,
``delivered``, ``relayed``, ``expanded``); without one, the wording does (phrases in
``resources/diagnose/wording.json``). Challenge/response mail is not a bounce even when it
comes as a DSN or quotes a 5xx: nothing failed yet, the sender is asked to confirm.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from smtp_gui.core.diagnose.wording import MAX_LINE, has_phrase, joined_lines, rules
from smtp_gui.core.text.bilingual import EMPTY, Text
from smtp_gui.core.text.messages import message

_MAX_UNTIL = 80
_MAX_AUTO_LINES = 40  # an auto-reply says what it is near the top
_SENDERS = ("mailer-daemon", "postmaster", "mail delivery", "mailer daemon", "mail administrator")
_FAILURE_KEY = "undelivered"


class NoticeKind(Enum):
    BOUNCE = "bounce"  # a failure notice
    DELAY = "delay"  # a delay warning: transient, the sender keeps trying
    NOT_BOUNCE = "not_bounce"  # an auto-reply or challenge/response mail
    DELIVERED = "delivered"  # a DSN reporting delivery, relaying or expansion


@dataclass(frozen=True, slots=True)
class Notice:
    kind: NoticeKind | None = None  # None: no notice recognised (a transcript, a reply)
    what: str = ""  # auto_reply, challenge_response, delivered, relayed, expanded
    retry_until: str = ""  # when the last retry will be, as the notice words it (outside)

    def summary(self) -> Text:
        """What the notice is, when that is all there is to say (no failure)."""
        if self.kind is NoticeKind.NOT_BOUNCE:
            return message(f"diagnose.notice.not_bounce.{self.what or 'auto_reply'}")
        if self.kind is NoticeKind.DELIVERED:
            what = self.what if self.what in ("relayed", "expanded") else "delivered"
            return message(f"diagnose.notice.delivered.{what}")
        return EMPTY

    def retry(self) -> Text:
        """The delay's sentence: transient, and until when the sender retries."""
        if self.kind is not NoticeKind.DELAY:
            return EMPTY
        if self.retry_until:
            return message("diagnose.notice.delay_until", until=self.retry_until)
        return message("diagnose.notice.delay")

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "kind": None if self.kind is None else self.kind.value,
            "what": self.what or None,
            "retry_until": self.retry_until or None,
            "text": (self.summary() or self.retry()).get(lang) or None,
        }


def read_notice(
    lines: Sequence[str],
    original: Sequence[str],
    sender: str,
    actions: Sequence[str],
    failure_class: int | None,
) -> Notice:
    """The notice's kind from its lines (lower case; the subject first), the same lines as
    written, its sender, the DSN actions and the class of the failing reply (if any)."""
    if has_phrase(lines, "challenge_response") >= 0:
        return Notice(NoticeKind.NOT_BOUNCE, "challenge_response")
    words = [action.split()[0] for action in actions if action.split()]
    if "failed" in words:
        return Notice(NoticeKind.BOUNCE)
    if "delayed" in words:
        return Notice(NoticeKind.DELAY, "", _retry_until(lines, original))
    if words and all(word in ("delivered", "relayed", "expanded") for word in words):
        return Notice(NoticeKind.DELIVERED, words[0])
    if failure_class == 5:
        return Notice(NoticeKind.BOUNCE)
    if has_phrase(lines, "delay") >= 0:
        return Notice(NoticeKind.DELAY, "", _retry_until(lines, original))
    if failure_class == 4:
        return Notice(NoticeKind.BOUNCE)
    if has_phrase(lines, "delivered") >= 0:
        return Notice(NoticeKind.DELIVERED, "delivered")
    failing = has_failure_words(lines) or any(name in sender for name in _SENDERS)
    if not failing and has_phrase(lines[:_MAX_AUTO_LINES], "auto_reply") >= 0:
        return Notice(NoticeKind.NOT_BOUNCE, "auto_reply")
    if failing:
        return Notice(NoticeKind.BOUNCE)
    return Notice()


def has_failure_words(lines: Sequence[str]) -> bool:
    """True when the lines say that delivery failed (``undeliverable``, ``退信`` ...)."""
    for rule in rules().causes:
        if rule.reason == _FAILURE_KEY:
            joined = [joined_lines(a, b) for a, b in zip(lines, [*lines[1:], ""], strict=True)]
            return any(rule.first_phrase(line) >= 0 for line in joined)
    return False


def _retry_until(lines: Sequence[str], original: Sequence[str]) -> str:
    """The words after ``will be retried until`` (and the like) on the first line that has
    them, as written."""
    leads = rules().notices.get("retry_until", ())
    for index, line in enumerate(lines):
        for lead in leads:
            pos = line.find(lead)
            if pos < 0:
                continue
            source = original[index][:MAX_LINE] if index < len(original) else line
            # lower() keeps the length of these ASCII and CJK lines, so positions agree
            source = source.strip() if len(source.strip()) == len(line) else line
            rest = source[pos + len(lead) :].strip(" :：.。")
            rest = re.split(r"(?<=\w)[.。] ", rest, maxsplit=1)[0].rstrip(".。")  # its sentence
            if rest:
                return rest[:_MAX_UNTIL]
    return ""
