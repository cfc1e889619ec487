"""The providers' own spam verdicts decoded from their fields, with each field's words from
``resources/headers/*.json``: Microsoft 365 (SCL, SFV, CAT, IPV, CIP, CTRY, PTR, BCL, SFTY,
dest ...), SpamAssassin (score and rule names) and rspamd (action, score and symbols)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from smtp_gui.core.headers.fields import HeaderBlock
from smtp_gui.core.resources import load_json_folder
from smtp_gui.core.text.bilingual import EMPTY, Text

_SA_STATUS = re.compile(r"^\s*(yes|no)\b", re.IGNORECASE)
_SA_PAIR = re.compile(r"\b(score|hits|required)=(-?\d+(?:\.\d+)?)", re.IGNORECASE)
_SA_TESTS = re.compile(r"\btests=((?:[A-Za-z0-9_]+(?:\s*,\s*)?)*)")
_RSPAMD_HEAD = re.compile(
    r"^\s*\w+\s*:\s*(true|false)\s*\[\s*(-?[\d.]+)\s*/\s*(-?[\d.]+)\s*\]", re.IGNORECASE
)
_RSPAMD_SYMBOL = re.compile(r"([A-Z0-9_]+)\s*\(\s*(-?[\d.]+)\s*\)(?:\s*\[([^\]]*)\])?")


@dataclass(frozen=True, slots=True)
class VerdictField:
    key: str  # SCL, SFV, a rule or symbol name
    value: str  # as written
    label: Text  # the field in words (EMPTY for rules and symbols)
    meaning: Text  # the value in words (EMPTY when unknown)


@dataclass(frozen=True, slots=True)
class ProviderVerdict:
    provider: str  # microsoft, spamassassin, rspamd
    name: Text
    spam: bool  # the provider judged it spam (Junk folder, quarantine, spam flag)
    score: str | None  # SCL, or SpamAssassin's and rspamd's score
    fields: tuple[VerdictField, ...]
    header: str  # the field names it was read from


@cache
def _data() -> tuple[dict[str, Any], ...]:
    return tuple(load_json_folder("headers"))


def _lookup(table: dict[str, Any], value: str) -> Text:
    """The words for ``value``: exact, case-insensitive, a numeric range "a-b" or "prefix*"."""
    if value in table:
        return Text.from_data(table[value])
    upper = {k.upper(): v for k, v in table.items()}
    if value.upper() in upper:
        return Text.from_data(upper[value.upper()])
    try:
        number = float(value)
    except ValueError:
        number = None
    for key, words in table.items():
        low, dash, high = key.partition("-")
        ranged = number is not None and dash and low.lstrip("-").isdigit() and high.isdigit()
        if ranged and float(low) <= number <= float(high):  # type: ignore[operator]
            return Text.from_data(words)
    best = ""
    for key in table:
        if (
            key.endswith("*")
            and value.upper().startswith(key[:-1].upper())
            and len(key) > len(best)
        ):
            best = key
    return Text.from_data(table[best]) if best else EMPTY


def _pairs(block: HeaderBlock, data: dict[str, Any]) -> ProviderVerdict | None:
    keys: dict[str, Any] = data["keys"]
    single: dict[str, str] = data.get("single", {})
    found: list[VerdictField] = []
    names: list[str] = []
    for header in data["headers"]:
        for item in block.all(header):
            names.append(item.name)
            if item.key in single:
                pairs = [(single[item.key], item.value.strip())]
            else:
                pairs = [p.partition(":")[::2] for p in item.value.split(";") if ":" in p]
            for key, value in pairs:
                key, value = key.strip(), value.strip()
                spec = keys.get(key) or keys.get(key.upper()) or keys.get(key.lower())
                if (
                    spec is None
                    or not value
                    or any(f.key == key and f.value == value for f in found)
                ):
                    continue
                meaning = _lookup(spec.get("values", {}), value) if value else EMPTY
                found.append(VerdictField(key, value, Text.from_data(spec["label"]), meaning))
    if not found:
        return None
    rules: dict[str, Any] = data.get("spam", {})
    spam = False
    score = None
    for item in found:
        rule = rules.get(item.key)
        if item.key.upper() == "SCL":
            score = item.value
        if isinstance(rule, dict) and _number(item.value) is not None:
            spam = spam or _number(item.value) >= float(rule["min"])  # type: ignore[operator]
        elif isinstance(rule, list):
            spam = spam or item.value.upper() in (str(r).upper() for r in rule)
    return ProviderVerdict(
        data["id"], Text.from_data(data["name"]), spam, score, tuple(found), ", ".join(names)
    )


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _spamassassin(block: HeaderBlock, data: dict[str, Any]) -> ProviderVerdict | None:
    status = block.first("X-Spam-Status")
    flag = block.first("X-Spam-Flag")
    score_field = block.first("X-Spam-Score")
    if status is None and flag is None and score_field is None:
        return None
    keys = data["keys"]
    found: list[VerdictField] = []
    spam = False
    score = score_field.value.strip() if score_field else None
    if status is not None:
        if (match := _SA_STATUS.match(status.value)) is not None:
            spam = match.group(1).lower() == "yes"
        pairs = {k.lower(): v for k, v in _SA_PAIR.findall(status.value)}
        score = pairs.get("score") or pairs.get("hits") or score
        if "required" in pairs:
            found.append(_field(keys, "required", pairs["required"]))
        tests = _SA_TESTS.search(status.value)
        for name in (t.strip() for t in (tests.group(1) if tests else "").split(",")):
            if name:
                found.append(VerdictField(name, "", EMPTY, _lookup(data["rules"], name)))
    if flag is not None and flag.value.strip().lower() == "yes":
        spam = True
    found.insert(0, _field(keys, "flag", "yes" if spam else "no"))
    if score is not None:
        found.insert(1, _field(keys, "score", score))
    names = ", ".join(f.name for f in (status, flag, score_field) if f is not None)
    return ProviderVerdict(
        data["id"], Text.from_data(data["name"]), spam, score, tuple(found), names
    )


def _field(keys: dict[str, Any], key: str, value: str) -> VerdictField:
    return VerdictField(key, value, Text.from_data(keys[key]["label"]), EMPTY)


def _rspamd(block: HeaderBlock, data: dict[str, Any]) -> ProviderVerdict | None:
    result = block.first("X-Spamd-Result")
    action_field = block.first("X-Rspamd-Action")
    if result is None and action_field is None:
        return None
    keys = data["keys"]
    found: list[VerdictField] = []
    action = action_field.value.strip().lower() if action_field else None
    score = None
    spam = False
    if result is not None:
        if (head := _RSPAMD_HEAD.match(result.value)) is not None:
            spam = head.group(1).lower() == "true"
            score = head.group(2)
            found.append(_field(keys, "score", f"{head.group(2)} / {head.group(3)}"))
        for name, points, options in _RSPAMD_SYMBOL.findall(result.value):
            words = _lookup(data["symbols"], name)
            shown = f"{points}" + (f" [{options}]" if options else "")
            found.append(VerdictField(name, shown, EMPTY, words))
    if action is not None:
        meaning = _lookup(data["actions"], action)
        found.insert(
            0, VerdictField("action", action, Text.from_data(keys["action"]["label"]), meaning)
        )
        spam = spam or action in data["spam_actions"]
    spam_field = block.first("X-Spam")
    if spam_field is not None and spam_field.value.strip().lower() == "yes":
        spam = True
    names = ", ".join(f.name for f in (result, action_field) if f is not None)
    return ProviderVerdict(
        data["id"], Text.from_data(data["name"]), spam, score, tuple(found), names
    )


_READERS = {"pairs": _pairs, "spamassassin": _spamassassin, "rspamd": _rspamd}


def provider_verdicts(block: HeaderBlock) -> tuple[ProviderVerdict, ...]:
    """Every provider verdict found in the header block, in the data files' order."""
    found = []
    for data in _data():
        verdict = _READERS[str(data["format"])](block, data)
        if verdict is not None:
            found.append(verdict)
    return tuple(found)
