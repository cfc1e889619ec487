"""Prose the code needs (verdicts, warnings, explanations) is data in resources/messages/.

Each JSON file there maps a message key to ``{"en": ..., "zh": ...}`` with ``str.format``
placeholders. Keys are namespaced by module (``dnsbl.refused_public_resolver``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from smtp_gui.core.resources import load_json_folder
from smtp_gui.core.text import Text


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
    return text.format(**params) if params else text


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
