"""The result of diagnosing a paste: replies, the primary failure, who and what is named, and
the advice. Frozen values; prose is kept bilingual and rendered late (``to_dict(lang)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smtp_gui.core.codes.phases import Phase
from smtp_gui.core.diagnose.advice import Advice
from smtp_gui.core.diagnose.blocklists import Blocklist
from smtp_gui.core.diagnose.notice import Notice
from smtp_gui.core.diagnose.recipients import FailedRecipient
from smtp_gui.core.diagnose.replies import FoundReply
from smtp_gui.core.diagnose.systems import MailSystem
from smtp_gui.core.diagnose.wording import WordingCause
from smtp_gui.core.text.bilingual import EMPTY, Text
from smtp_gui.core.text.messages import message_text


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """Everything found in one paste. ``primary`` is the first permanent failure (of the
    first recipient that has one), else the first temporary one; ``recipients`` has one
    entry per failed or delayed recipient, each with its own reply."""

    replies: tuple[FoundReply, ...] = ()
    primary: FoundReply | None = None
    provider: str = ""  # lower-case id such as "gmail", or "" when not recognised
    provider_name: Text = EMPTY
    ips: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    blocklists: tuple[Blocklist, ...] = ()
    advice: tuple[Advice, ...] = ()
    findings: tuple[Text, ...] = ()
    tags: tuple[str, ...] = ()
    explain_code: str = ""  # the primary code as the catalogue should explain it
    sender_ip: str = ""
    sender_domain: str = ""
    recipient: str = ""
    recipient_domain: str = ""
    source: str = "text"  # text, html or message (a whole .eml)
    # Who wrote the bounce and who refused the mail (``provider`` is the refuser's).
    reported_by: MailSystem = MailSystem()
    rejected_by: MailSystem = MailSystem()
    cause: WordingCause | None = None  # no reply failed, but the wording names the cause
    notice: Notice = Notice()  # bounce, delay, not a bounce, delivered
    last_attempt: FoundReply | None = None  # the reply an expiry quotes from its last attempt
    recipients: tuple[FailedRecipient, ...] = ()

    @property
    def self_reported(self) -> bool:
        """The system that refused the mail also wrote the bounce (Gmail refusing mail to
        a Gmail user)."""
        return (
            self.reported_by.known
            and self.rejected_by.known
            and self.reported_by.same_as(self.rejected_by)
        )

    @property
    def found(self) -> bool:
        """True when the text held at least one SMTP reply or DSN status."""
        return bool(self.replies)

    @property
    def phase(self) -> Phase | None:
        return None if self.primary is None else self.primary.phase

    @property
    def class_mismatch(self) -> bool:
        return self.primary is not None and self.primary.class_mismatch

    def to_dict(self, lang: str) -> dict[str, Any]:
        """The CLI's ``--json`` object (DESIGN.md keys first, then extras)."""
        primary = self.primary
        first = None if primary is None else _primary_dict(primary, lang)
        if first is not None and self.last_attempt is not None:
            first["last_attempt"] = self.last_attempt.to_dict(lang)
        if first is None and self.cause is not None:
            first = self.cause.to_dict(lang)
        return {
            "primary": first,
            "recipients": [item.to_dict(lang) for item in self.recipients],
            "replies": [reply.to_dict(lang) for reply in self.replies],
            "ips": list(self.ips),
            "domains": list(self.domains),
            "emails": list(self.emails),
            "blocklists": [b.zone for b in self.blocklists],
            "provider": self.provider or None,
            "advice": [item.note.get(lang) for item in self.advice],
            # extras
            "found": self.found,
            "message": None if primary is not None else self.summary(lang),
            "provider_name": self.provider_name.get(lang) or None,
            "phase": None if self.phase is None else self.phase.value,
            "class_mismatch": self.class_mismatch,
            "explain_code": self.explain_code or None,
            "findings": [finding.get(lang) for finding in self.findings],
            "advice_items": [item.to_dict(lang) for item in self.advice],
            "blocklist_details": [b.to_dict() for b in self.blocklists],
            "urls": list(self.urls),
            "tags": list(self.tags),
            "sender_ip": self.sender_ip or None,
            "sender_domain": self.sender_domain or None,
            "recipient": self.recipient or None,
            "recipient_domain": self.recipient_domain or None,
            "source": self.source,
            "reported_by": self.reported_by.to_dict(lang),
            "rejected_by": self.rejected_by.to_dict(lang),
            "self_reported": self.self_reported,
            "kind": self.notice.to_dict(lang)["kind"],
            "notice": self.notice.to_dict(lang),
        }

    def summary(self, lang: str) -> str:
        """One line: the primary failure, or why there is none."""
        primary = self.primary
        if primary is None and self.cause is not None:
            cause = self.cause
            key = "diagnose.wording.summary" + ("_usually" if cause.usually else "")
            said = message_text(
                key, lang, reason=cause.title().get(lang), text=cause.text[:160], code=cause.usually
            )
            retry = self.notice.retry().get(lang)
            return f"{said} {retry}" if retry and lang == "en" else said + retry
        if primary is None and self.notice.summary():
            return self.notice.summary().get(lang)
        if primary is None:
            key = "diagnose.summary.only_success" if self.replies else "diagnose.summary.no_reply"
            return message_text(key, lang, count=len(self.replies))
        return message_text(
            "diagnose.summary.failure",
            lang,
            code=primary.code,
            text=primary.text[:160],
        )


def _primary_dict(primary: FoundReply, lang: str) -> dict[str, Any]:
    data = primary.to_dict(lang)
    data["class"] = primary.cls
    return data
