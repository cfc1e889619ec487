"""The outcome of a notice beside its replies: what kind of notice it is, the last attempt an
expiry quotes, and the cause its wording names when no reply failed. Glue between the reply
scan (``analyse.py``) and ``notice.py``, ``wording.py`` and ``wrappers.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from smtp_gui.core.diagnose.advice import Advice
from smtp_gui.core.diagnose.advice_kind import AdviceKind
from smtp_gui.core.diagnose.notice import Notice, NoticeKind, read_notice
from smtp_gui.core.diagnose.replies import FoundReply
from smtp_gui.core.diagnose.wording import WordingCause, find_cause, notice_lines
from smtp_gui.core.diagnose.wrappers import last_attempt, status_from_summary
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.messages import message


@dataclass(frozen=True, slots=True)
class NoticeOutcome:
    primary: FoundReply | None  # None when nothing failed (not a bounce, delivered)
    notice: Notice
    cause: WordingCause | None = None  # no failing reply, but the wording names the cause
    attempt: FoundReply | None = None  # the last attempt's reply an expiry quotes

    @property
    def silent(self) -> bool:
        """True when the notice reports no failure at all (auto-reply, delivered)."""
        return self.notice.kind in (NoticeKind.NOT_BOUNCE, NoticeKind.DELIVERED)

    def advice(self, advice: tuple[Advice, ...]) -> tuple[Advice, ...]:
        """The advice, with the catalogue page of the code that usually carries the cause."""
        cause = self.cause
        if cause is None or not cause.usually:
            return advice
        note = message("diagnose.wording.advice_usually", code=cause.usually)
        return (*advice, Advice(AdviceKind.EXPLAIN, cause.usually, note))

    def findings(self, findings: tuple[Text, ...]) -> tuple[Text, ...]:
        """The findings, with the last attempt named first and the delay's retry last."""
        if self.attempt is not None:
            said = message("diagnose.wording.last_attempt", code=self.attempt.code)
            findings = (said, *findings)
        if self.notice.retry():
            findings = (*findings, self.notice.retry())
        return findings


def read_outcome(
    primary: FoundReply | None,
    replies: list[FoundReply],
    lines: Sequence[str],
    subject: str,
    sender: str,
    actions: Sequence[str],
) -> NoticeOutcome:
    """Weigh the chosen failure against the notice; ``replies`` gains the last attempt an
    expiry quotes, right after the expiry."""
    attempt = None if primary is None else last_attempt(primary)
    if primary is not None:
        if attempt is not None:  # the expiry stays the outcome; its last attempt is the cause
            replies.insert(_position(primary, replies) + 1, attempt)
        primary = status_from_summary(primary, replies)
    head_raw = [subject, *lines]
    head = notice_lines(head_raw)
    failure_class = None if primary is None else primary.cls
    notice = read_notice(head, head_raw, sender.lower(), actions, failure_class)
    if notice.kind in (NoticeKind.NOT_BOUNCE, NoticeKind.DELIVERED):
        return NoticeOutcome(None, notice)  # nothing failed: the replies are listed, none failed
    if primary is not None:
        return NoticeOutcome(primary, notice, None, attempt)
    cause = find_cause(head, head_raw, notice.kind is not None)
    if cause is not None and notice.kind is None:
        notice = Notice(NoticeKind.BOUNCE)
    return NoticeOutcome(None, notice, cause)


def _position(reply: FoundReply, replies: Sequence[FoundReply]) -> int:
    """Where ``reply`` is listed: the same reply (the recipients list may hold a copy read
    from another line), else the last place."""
    same = (reply.basic, reply.enhanced, reply.text)
    found = (
        i for i, r in enumerate(replies) if r is reply or (r.basic, r.enhanced, r.text) == same
    )
    return next(found, len(replies) - 1)
