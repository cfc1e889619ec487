"""Prose the code needs (verdicts, warnings, explanations) is data in resources/messages/.

Each JSON file there maps a message key to ``{"en": ..., "zh": ...}`` with ``str.format``
placeholders. Keys are namespaced by module (``dnsbl.refused_public_resolver``).
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from smtp_gui.core.resources import load_json_folder
from smtp_gui.core.text.bilingual import Text


@cache
def _table() -> dict[str, Text]:
    table: dict[str, Text] = {}
    for data in load_json_folder("messages"):
        for key, value in data.items():
            if key.startswith("_"):
                continue
            if key in table:
                raise RuntimeError(f"message key defined twice: {key}")
            table[key] = Text.from_data(value)
    return table


def message(key: str, **params: Any) -> Text:
    """The message ``key`` in both languages, with ``params`` filled in."""
    try:
        text = _table()[key]
    except KeyError:
        raise KeyError(f"unknown message key: {key}") from None
    if not params:
        return text
    return Text(fill(text.en, params), fill(text.zh, params))


_FORMATTER = string.Formatter()
_STOPS = (".", "。", "!", "?", "！", "？", "…")


def fill(template: str, params: dict[str, Any]) -> str:
    """``template.format(**params)``, except that a full stop right after a field is left out
    when the value already ends a sentence: "failed: {detail}." with the detail "A DNS label
    is empty." reads "failed: A DNS label is empty.", not "empty.." (or "empty.。")."""
    if "}." not in template and "}。" not in template:
        return template.format(**params)
    out: list[str] = []
    ended = False
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        stop = literal.startswith((".", "。")) and not literal.startswith("..")  # not "..."
        out.append(literal[1:] if ended and stop else literal)
        ended = False
        if name is None:
            continue
        value, _used = _FORMATTER.get_field(name, (), params)
        value = _FORMATTER.convert_field(value, conversion)
        text = _FORMATTER.format_field(value, _FORMATTER.vformat(spec or "", (), params))
        out.append(text)
        ended = text.rstrip().endswith(_STOPS)
    return "".join(out)


def message_text(key: str, lang: str, **params: Any) -> str:
    return message(key, **params).get(lang)


def has_message(key: str) -> bool:
    return key in _table()


@dataclass(frozen=True, slots=True)
class Note:
    """A message key with its parameters: rendered late, in whichever language is wanted."""

    key: str
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def text(self, lang: str) -> str:
        return message_text(self.key, lang, **self.params)
