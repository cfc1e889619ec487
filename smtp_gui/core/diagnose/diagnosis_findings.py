"""What a diagnosis says in words: provider knowledge first, then what the codes mean."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from smtp_gui.core.diagnose.blocklists import Blocklist
from smtp_gui.core.diagnose.providers import GENERIC, Provider, Rule
from smtp_gui.core.diagnose.replies import FoundReply
from smtp_gui.core.diagnose.systems import MailSystem
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.messages import message

# Tags in the order their explanations are worth reading.
TAG_ORDER = (
    "ip_reputation", "auth", "ptr", "auth_disabled", "credentials", "tls", "relay", "address",
    "routing", "mailbox_full", "size", "content", "rate", "expired", "temporary",
)  # fmt: skip


def _message(key: str, **params: Any) -> Text:
    """Like ``message``, but a ``Text`` parameter gives each language its own wording."""
    base = message(key)

    def pick(lang: str) -> dict[str, Any]:
        return {k: (v.get(lang) if isinstance(v, Text) else v) for k, v in params.items()}

    return Text(base.en.format(**pick("en")), base.zh.format(**pick("zh")))


def collect_findings(
    primary: FoundReply | None,
    replies: Sequence[FoundReply],
    rules: Sequence[Rule],
    tags: Sequence[str],
    blocklists: Sequence[Blocklist],
    found_provider: Provider | None,
    enriched: bool,
    explain_code: str,
    systems: tuple[MailSystem, MailSystem] = (MailSystem(), MailSystem()),
) -> tuple[Text, ...]:
    """Findings in reading order; empty lists of facts give no finding. ``systems`` are who
    wrote the bounce and who refused the mail."""
    if primary is None:
        key = "diagnose.summary.only_success" if replies else "diagnose.summary.no_reply"
        said = [message(f"diagnose.tag.{tag}") for tag in TAG_ORDER if tag in tags]
        if said:
            return (message(key, count=len(replies)), message("diagnose.finding.no_code"), *said)
        return (message(key, count=len(replies)),)
    found: list[Text] = []
    # A provider's own finding says it better than the generic explanations of its tags, and
    # comes first: it says what to do (SMTP AUTH switched off is not a wrong password).
    provider_says = any(rule.finding and rule.provider != GENERIC for rule in rules)
    for rule in rules:
        if rule.finding:
            found.append(rule.finding)
    reported_by, rejected_by = systems
    if reported_by.known and rejected_by.known and not reported_by.same_as(rejected_by):
        found.append(
            _message(
                "diagnose.finding.reported_by",
                reporter=reported_by.title(),
                rejecter=rejected_by.title(),
            )
        )
    elif found_provider is not None:
        found.append(_message("diagnose.finding.provider", name=found_provider.name))
    if primary.class_mismatch and primary.basic is not None and primary.enhanced is not None:
        found.append(
            message(
                "diagnose.finding.class_mismatch",
                basic=primary.basic,
                enhanced=primary.enhanced,
                basic_class=primary.basic // 100,
                enhanced_class=primary.enhanced[0],
            )
        )
    if blocklists:
        names = ", ".join(f"{b.name} ({b.zone})" for b in blocklists)
        found.append(message("diagnose.finding.blocklists", lists=names))
        for entry in blocklists:
            if entry.status not in ("active", ""):
                found.append(
                    message("diagnose.finding.dead_blocklist", zone=entry.zone, status=entry.status)
                )
    for tag in TAG_ORDER:
        if tag in tags and not provider_says:
            found.append(message(f"diagnose.tag.{tag}"))
    if primary.phase is not None:
        found.append(_message("diagnose.finding.phase", phase=primary.phase.title()))
    if enriched and primary.enhanced:
        found.append(message("diagnose.finding.status_from_dsn", enhanced=primary.enhanced))
    if explain_code and explain_code != primary.code:
        found.append(message("diagnose.finding.read_as", code=explain_code, stated=primary.code))
    found.append(message(f"diagnose.finding.class{primary.cls}"))
    return tuple(found)
