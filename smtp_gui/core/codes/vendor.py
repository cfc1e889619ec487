"""What providers mean by their own enhanced codes, for a code's page.

Data: ``resources/providers/*.json``, the same files the diagnosis reads
(``core.diagnose.providers``): each provider's ``code_meanings`` (what a code means on its
own, most likely meaning first), then the findings of its rules that match by enhanced code
alone (no phrase needed). ``generic.json`` is not a provider and is skipped. Codes may be
exact (``5.7.139``) or a detail range (``5.7.606-649``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from smtp_gui.core.resources import load_json_folder
from smtp_gui.core.text.bilingual import Text

_GENERIC = "generic"


@dataclass(frozen=True, slots=True)
class ProviderMeaning:
    """One provider's reading of a code: ``Microsoft 365 / Outlook.com``, what it means."""

    provider: Text
    meaning: Text


def code_in_pattern(pattern: str, enhanced: str | None) -> bool:
    """``5.7.26`` exactly, or ``5.7.606-649``: the detail within a range."""
    if enhanced is None:
        return False
    if "-" not in pattern:
        return pattern == enhanced
    head, _dash, high = pattern.partition("-")
    cls_subject, _dot, low = head.rpartition(".")
    mine_head, _dot2, detail = enhanced.rpartition(".")
    if mine_head != cls_subject or not detail.isdigit():
        return False
    return int(low) <= int(detail) <= int(high)


def _readings(data: dict[str, Any]) -> list[tuple[tuple[str, ...], Text]]:
    found = [
        (tuple(str(p) for p in item.get("enhanced", ())), Text.from_data(item.get("meaning")))
        for item in data.get("code_meanings", ())
    ]
    found.extend(
        (tuple(str(p) for p in rule["enhanced"]), Text.from_data(rule.get("finding")))
        for rule in data.get("rules", ())
        if rule.get("enhanced") and not rule.get("text_any") and rule.get("finding")
    )
    return found


@cache
def _table() -> tuple[tuple[tuple[str, ...], ProviderMeaning], ...]:
    rows: list[tuple[tuple[str, ...], ProviderMeaning]] = []
    for data in load_json_folder("providers"):
        if str(data.get("id")) == _GENERIC:
            continue
        name = Text.from_data(data.get("name"))
        rows.extend((patterns, ProviderMeaning(name, text)) for patterns, text in _readings(data))
    return tuple(rows)


def provider_meanings(enhanced: str) -> tuple[ProviderMeaning, ...]:
    """What providers say ``enhanced`` (``5.7.139``) means, in the data's order."""
    return tuple(
        dict.fromkeys(
            meaning
            for patterns, meaning in _table()
            if any(code_in_pattern(p, enhanced) for p in patterns)
        )
    )
