"""Who the message says it is from: From, Sender, Reply-To, Return-Path, the Message-ID's
domain, List-Unsubscribe and List-Unsubscribe-Post (RFC 8058), and the mismatches a reader
should see (a Reply-To on another domain, a display name holding another address)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from smtp_gui.core.headers.fields import HeaderBlock, Mailbox, decoded, mailbox
from smtp_gui.core.records.org_domain import organizational_domain

_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


@dataclass(frozen=True, slots=True)
class Identity:
    from_: Mailbox | None
    sender: Mailbox | None
    reply_to: Mailbox | None
    return_path: str | None
    message_id_domain: str | None
    list_unsubscribe: str | None
    one_click: bool  # List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058 3.1)
    subject: str | None
    date: str | None
    mismatches: tuple[tuple[str, dict[str, str]], ...]  # (message key, parameters)

    @property
    def from_domain(self) -> str:
        return self.from_.domain if self.from_ else ""


def _org(domain: str) -> str:
    return organizational_domain(domain) if domain else ""


def read_identity(block: HeaderBlock) -> Identity:
    def value(name: str) -> str | None:
        found = block.first(name)
        return found.value if found is not None else None

    from_ = mailbox(v) if (v := value("From")) else None
    sender = mailbox(v) if (v := value("Sender")) else None
    reply_to = mailbox(v) if (v := value("Reply-To")) else None
    return_path = None
    if (v := value("Return-Path")) is not None:
        return_path = v.strip().strip("<>").strip()
    message_id = value("Message-ID")
    mid_domain = None
    if message_id and "@" in message_id:
        mid_domain = message_id.strip().strip("<>").rpartition("@")[2].strip("<> ").lower() or None
    post = value("List-Unsubscribe-Post") or ""
    one_click = post.replace(" ", "").lower() == "list-unsubscribe=one-click"
    mismatches: list[tuple[str, dict[str, str]]] = []
    from_domain = from_.domain if from_ else ""
    if reply_to and reply_to.domain and from_domain and _org(reply_to.domain) != _org(from_domain):
        mismatches.append(
            ("headers.identity.reply_to_other", {"reply": reply_to.domain, "from": from_domain})
        )
    if from_ and from_.display:
        for found in _ADDRESS.findall(from_.display):
            if found.lower() != from_.address.lower():
                mismatches.append(
                    ("headers.identity.display_address", {"shown": found, "real": from_.address})
                )
                break
    rp_domain = return_path.rpartition("@")[2].lower() if return_path and "@" in return_path else ""
    if rp_domain and from_domain and _org(rp_domain) != _org(from_domain):
        mismatches.append(
            ("headers.identity.return_path_other", {"bounce": rp_domain, "from": from_domain})
        )
    if value("List-Unsubscribe") and not one_click:
        mismatches.append(("headers.identity.no_one_click", {}))
    subject = value("Subject")
    return Identity(
        from_,
        sender,
        reply_to,
        return_path,
        mid_domain,
        value("List-Unsubscribe"),
        one_click,
        decoded(subject) if subject is not None else None,
        value("Date"),
        tuple(mismatches),
    )
