"""Next steps after a diagnosis: a short ranked list, each item something the GUI can open.

Kinds (``AdviceKind``): ``EXPLAIN`` and ``COMPARE`` (reply codes), ``DECODE`` (the AUTH
exchange), ``BLOCKLIST`` (an IP for the blocklist check), ``DOMAIN`` (a domain for the DNS
checks), ``DELIST`` (an operator's page, from the project's data only, never a link from the
paste), ``RETRY`` and ``CONTACT`` (things to do, shown as text).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smtp_gui.core.diagnose.advice_kind import AdviceKind
from smtp_gui.core.diagnose.blocklists import Blocklist
from smtp_gui.core.diagnose.providers import Rule
from smtp_gui.core.diagnose.replies import FoundReply
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.messages import message

# Failures that a blocklist listing cannot cause.
_NOT_REPUTATION = frozenset(
    {"auth_disabled", "credentials", "tls", "relay", "address", "mailbox_full", "size"}
)
MAX_ADVICE = 7


@dataclass(frozen=True, slots=True)
class Advice:
    """One next step. ``second`` is the other code of a comparison, or the IP for PTR checks."""

    kind: AdviceKind
    target: str
    note: Text
    second: str = ""

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "target": self.target or None,
            "second": self.second or None,
            "text": self.note.get(lang),
        }


@dataclass(frozen=True, slots=True)
class AdviceContext:
    primary: FoundReply | None
    explain_code: str
    tags: frozenset[str]
    rules: tuple[Rule, ...]
    blocklists: tuple[Blocklist, ...]
    sender_ip: str
    sender_domain: str
    recipient_domain: str
    recipient: str
    auth_exchange: str
    other_failures: tuple[str, ...]


class _Ranked:
    def __init__(self) -> None:
        self.items: list[tuple[int, int, Advice]] = []
        self.keys: set[tuple[AdviceKind, str]] = set()

    def add(self, score: int, advice: Advice) -> None:
        key = (advice.kind, advice.target or advice.note.en)
        if key in self.keys:
            return
        self.keys.add(key)
        self.items.append((score, len(self.items), advice))

    def result(self) -> tuple[Advice, ...]:
        ranked = sorted(self.items, key=lambda item: (-item[0], item[1]))
        return tuple(advice for _score, _order, advice in ranked[:MAX_ADVICE])


def _resolve(target: str, context: AdviceContext) -> str | None:
    """A rule's symbolic target, or None when the diagnosis does not know it."""
    symbolic = {
        "sender_ip": context.sender_ip,
        "sender_domain": context.sender_domain,
        "recipient_domain": context.recipient_domain,
        "recipient": context.recipient,
    }
    if target in symbolic:
        return symbolic[target] or None
    return target


def build_advice(context: AdviceContext) -> tuple[Advice, ...]:
    """Ranked next steps for ``context``; empty when there is nothing to act on."""
    ranked = _Ranked()
    primary = context.primary
    tags = context.tags
    if primary is None:
        if context.auth_exchange:
            ranked.add(
                60,
                Advice(AdviceKind.DECODE, context.auth_exchange, message("diagnose.advice.decode")),
            )
        if "routing" in tags and context.recipient_domain:
            note = message("diagnose.advice.domain_routing", domain=context.recipient_domain)
            ranked.add(86, Advice(AdviceKind.DOMAIN, context.recipient_domain, note))
        return ranked.result()

    for rule in context.rules:
        for item in rule.advice:
            target = _resolve(item.target, context)
            if target is not None:
                ranked.add(92, Advice(item.kind, target, item.note))

    _reputation(ranked, context)
    ip = context.sender_ip
    if "auth" in tags:
        if context.sender_domain:
            note = message("diagnose.advice.domain_auth", domain=context.sender_domain)
            ranked.add(90, Advice(AdviceKind.DOMAIN, context.sender_domain, note))
        else:
            ranked.add(
                88, Advice(AdviceKind.DOMAIN, "", message("diagnose.advice.domain_auth_unknown"))
            )
    if "ptr" in tags:
        domain = context.sender_domain
        note = message("diagnose.advice.domain_ptr", ip=ip or "?", domain=domain or "?")
        ranked.add(89, Advice(AdviceKind.DOMAIN, domain, note, second=ip))
    if "routing" in tags and context.recipient_domain:
        note = message("diagnose.advice.domain_routing", domain=context.recipient_domain)
        ranked.add(86, Advice(AdviceKind.DOMAIN, context.recipient_domain, note))
    if "credentials" in tags or primary.phase is not None and primary.phase.value == "auth":
        if context.auth_exchange:
            ranked.add(
                87,
                Advice(AdviceKind.DECODE, context.auth_exchange, message("diagnose.advice.decode")),
            )
        if "auth_disabled" not in tags:  # the password is not the problem then
            note = message("diagnose.advice.credentials")
            ranked.add(70, Advice(AdviceKind.CONTACT, "", note))
    if "tls" in tags:
        ranked.add(69, Advice(AdviceKind.CONTACT, "", message("diagnose.advice.tls")))
    if "relay" in tags:
        ranked.add(72, Advice(AdviceKind.CONTACT, "", message("diagnose.advice.relay")))
    if "address" in tags:
        who = context.recipient or "?"
        ranked.add(
            74,
            Advice(
                AdviceKind.CONTACT, context.recipient, message("diagnose.advice.address", email=who)
            ),
        )
    if "mailbox_full" in tags:
        who = context.recipient or "?"
        note = message("diagnose.advice.mailbox_full", email=who)
        ranked.add(73, Advice(AdviceKind.CONTACT, context.recipient, note))
    if "size" in tags:
        ranked.add(71, Advice(AdviceKind.CONTACT, "", message("diagnose.advice.size")))
    if primary.cls == 4 or "temporary" in tags:
        key = "diagnose.advice.retry_slow" if "rate" in tags else "diagnose.advice.retry"
        ranked.add(94 if primary.cls == 4 else 60, Advice(AdviceKind.RETRY, "", message(key)))

    if context.explain_code:
        note = message("diagnose.advice.explain", code=context.explain_code)
        ranked.add(80, Advice(AdviceKind.EXPLAIN, context.explain_code, note))
    if primary.class_mismatch and primary.basic is not None and primary.enhanced is not None:
        a, b = str(primary.basic), primary.enhanced
        note = message("diagnose.advice.compare_mismatch", a=a, b=b)
        ranked.add(78, Advice(AdviceKind.COMPARE, a, note, second=b))
    elif context.other_failures and context.explain_code:
        other = context.other_failures[-1]
        note = message("diagnose.advice.compare_other", a=context.explain_code, b=other)
        ranked.add(40, Advice(AdviceKind.COMPARE, context.explain_code, note, second=other))
    if context.auth_exchange:
        ranked.add(
            45, Advice(AdviceKind.DECODE, context.auth_exchange, message("diagnose.advice.decode"))
        )
    return ranked.result()


def _reputation(ranked: _Ranked, context: AdviceContext) -> None:
    """Blocklist checks and delisting pages when the reply is about the sender's reputation."""
    ip = context.sender_ip
    lists = context.blocklists
    if lists:
        names = ", ".join(b.name for b in lists[:3])
        if ip:
            note = message("diagnose.advice.blacklist_named", ip=ip, lists=names)
        else:
            note = message("diagnose.advice.blacklist_named_no_ip", lists=names)
        ranked.add(95, Advice(AdviceKind.BLOCKLIST, ip, note))
        for entry in lists[:2]:
            if entry.delist_url and entry.status == "active":
                note = message("diagnose.advice.delist", name=entry.name, url=entry.delist_url)
                ranked.add(84, Advice(AdviceKind.DELIST, entry.delist_url, note))
    elif "ip_reputation" in context.tags:
        if ip:
            ranked.add(
                91, Advice(AdviceKind.BLOCKLIST, ip, message("diagnose.advice.blacklist", ip=ip))
            )
        else:
            ranked.add(
                85, Advice(AdviceKind.BLOCKLIST, "", message("diagnose.advice.blacklist_no_ip"))
            )
    elif (
        ip
        and context.primary is not None
        and context.primary.cls == 5
        and (context.primary.enhanced or "").startswith("5.7.")
    ):
        ranked.add(
            50, Advice(AdviceKind.BLOCKLIST, ip, message("diagnose.advice.blacklist", ip=ip))
        )
