"""The result of diagnosing a paste: replies, the primary failure, who and what is named, and
the advice. Frozen values; prose is kept bilingual and rendered late (``to_dict(lang)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smtp_gui.core.codes.phases import Phase
from smtp_gui.core.diagnose.advice import Advice
from smtp_gui.core.diagnose.blocklists import Blocklist
from smtp_gui.core.diagnose.recipients import FailedRecipient
from smtp_gui.core.diagnose.replies import FoundReply
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
    recipients: tuple[FailedRecipient, ...] = ()

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
        return {
            "primary": None if primary is None else _primary_dict(primary, lang),
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
        }

    def summary(self, lang: str) -> str:
        """One line: the primary failure, or why there is none."""
        primary = self.primary
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
