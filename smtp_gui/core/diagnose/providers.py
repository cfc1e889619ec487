"""Which provider wrote a reply, and what the project knows about its codes: data in
``resources/providers/*.json`` (one file per provider, ``generic.json`` for any receiver).

A provider is recognised by phrases in the failing replies (``gsmtp``, ``[TSS04]``,
``DT:SPM``) and by host names under its domains (``mx3.qq.com``). A rule matches a reply by
enhanced code (exact or a detail range, ``5.7.606-649``), basic code, class and phrases; it
gives tags (what kind of failure), a finding and provider-specific advice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from smtp_gui.core.codes.vendor import code_in_pattern
from smtp_gui.core.diagnose.advice_kind import AdviceKind
from smtp_gui.core.diagnose.entities import IpContext
from smtp_gui.core.diagnose.replies import FoundReply
from smtp_gui.core.resources import load_json_folder
from smtp_gui.core.text.bilingual import EMPTY, Text

GENERIC = "generic"


@dataclass(frozen=True, slots=True)
class RuleAdvice:
    kind: AdviceKind
    target: str  # a literal, or sender_ip / sender_domain / recipient_domain / recipient
    note: Text


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    provider: str
    enhanced: tuple[str, ...] = ()
    basic: tuple[int, ...] = ()
    classes: tuple[int, ...] = ()
    text_any: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    finding: Text = EMPTY
    advice: tuple[RuleAdvice, ...] = ()
    treat_as: str = ""

    def matches(self, reply: FoundReply, lower_text: str) -> bool:
        if self.enhanced and not any(code_in_pattern(p, reply.enhanced) for p in self.enhanced):
            return False
        if self.basic and reply.basic not in self.basic:
            return False
        if self.classes and reply.cls not in self.classes:
            return False
        return not self.text_any or any(phrase in lower_text for phrase in self.text_any)


@dataclass(frozen=True, slots=True)
class Provider:
    id: str
    name: Text
    signatures: tuple[str, ...]
    domains: tuple[str, ...]
    not_ip: tuple[IpContext, ...]
    rules: tuple[Rule, ...]
    codes: tuple[str, ...] = ()  # enhanced codes (or ranges) that only this provider uses
    # The wording of the provider's own bounces: it names who REPORTED a failure, not who
    # refused the mail (a Gmail bounce quotes the reply of any remote server).
    report_signatures: tuple[str, ...] = ()

    def owns(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in self.domains)


def _rule(provider: str, data: dict[str, Any]) -> Rule:
    return Rule(
        id=str(data["id"]),
        provider=provider,
        enhanced=tuple(str(e) for e in data.get("enhanced", ())),
        basic=tuple(int(b) for b in data.get("basic", ())),
        classes=tuple(int(c) for c in data.get("enhanced_class", ())),
        text_any=tuple(str(t).lower() for t in data.get("text_any", ())),
        tags=tuple(str(t) for t in data.get("tags", ())),
        finding=Text.from_data(data.get("finding")),
        advice=tuple(
            RuleAdvice(
                AdviceKind(str(a["kind"])), str(a.get("target", "")), Text.from_data(a.get("note"))
            )
            for a in data.get("advice", ())
        ),
        treat_as=str(data.get("treat_as", "")),
    )


@cache
def providers() -> tuple[Provider, ...]:
    """Every provider file, ``generic`` last."""
    loaded: list[Provider] = []
    for data in load_json_folder("providers"):
        pid = str(data["id"])
        loaded.append(
            Provider(
                id=pid,
                name=Text.from_data(data.get("name")),
                signatures=tuple(str(s).lower() for s in data.get("signatures", ())),
                domains=tuple(str(d).lower() for d in data.get("domains", ())),
                not_ip=tuple(
                    IpContext(str(c["before"]), str(c["after"])) for c in data.get("not_ip", ())
                ),
                rules=tuple(_rule(pid, r) for r in data.get("rules", ())),
                codes=tuple(str(c) for c in data.get("codes", ())),
                report_signatures=tuple(str(s).lower() for s in data.get("report_signatures", ())),
            )
        )
    loaded.sort(key=lambda p: p.id == GENERIC)
    return tuple(loaded)


def provider(pid: str) -> Provider | None:
    for item in providers():
        if item.id == pid:
            return item
    return None


def detect(
    weighted_texts: Sequence[tuple[str, int]],
    hosts: Iterable[tuple[str, int]],
    surrounding: str = "",
    enhanced: str | None = None,
    *,
    reporter: bool = False,
) -> str:
    """The provider id with the most weight of signatures, or "" when none is found.

    ``weighted_texts`` are lower-case texts (replies, bounce sender) with a weight each;
    ``hosts`` are host names or addresses' domains with a weight; ``surrounding`` is the
    start of the bounce, where only whole phrases count (a host name there may be a relay);
    ``enhanced`` is the failing reply's code, which some providers alone use. With
    ``reporter`` the wording of the providers' own bounces counts too (who wrote the bounce).
    """
    scores: dict[str, int] = {}
    host_list = list(hosts)
    for item in providers():
        if item.id == GENERIC:
            continue
        score = 0
        signatures = item.signatures + item.report_signatures if reporter else item.signatures
        for text, weight in weighted_texts:
            if any(signature in text for signature in signatures):
                score += weight
        if enhanced and any(code_in_pattern(code, enhanced) for code in item.codes):
            score += 3
        # Around the reply only a provider's bounce wording names the reporter: the reply's
        # own phrases ("gmail users") are quoted by any reporter.
        phrases = item.report_signatures if reporter else item.signatures
        if surrounding and any(
            " " in signature and signature in surrounding for signature in phrases
        ):
            score += 1
        for host, weight in host_list:
            if item.owns(host):
                score += weight
        if score:
            scores[item.id] = score
    if not scores:
        return ""
    return max(scores, key=lambda pid: scores[pid])


def matching_rules(reply: FoundReply, pid: str) -> list[Rule]:
    """The provider's rules that match ``reply`` (at most one per tag set), then generic ones."""
    lower = reply.text.lower()
    found: list[Rule] = []
    for item in providers():
        if item.id not in (pid, GENERIC):
            continue
        for rule in item.rules:
            if rule.matches(reply, lower):
                found.append(rule)
                if item.id != GENERIC:
                    break  # the first provider rule is the most specific one
    return found
