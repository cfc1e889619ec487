"""Text in both of the app's languages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LANGUAGES = ("en", "zh")


def normalize_lang(lang: str | None) -> str:
    """Map ``zh_CN``, ``zh-Hans``, ``en_US`` ... to ``zh`` or ``en``."""
    if lang and lang.lower().startswith("zh"):
        return "zh"
    return "en"


@dataclass(frozen=True, slots=True)
class Text:
    """One piece of prose in English and Simplified Chinese."""

    en: str
    zh: str

    def get(self, lang: str) -> str:
        return self.zh if normalize_lang(lang) == "zh" and self.zh else self.en

    def format(self, **params: Any) -> Text:
        return Text(self.en.format(**params), self.zh.format(**params))

    @classmethod
    def from_data(cls, data: Any) -> Text:
        if data is None:
            return EMPTY
        if isinstance(data, str):
            return cls(data, data)
        return cls(str(data.get("en", "")), str(data.get("zh", "")))

    def __bool__(self) -> bool:
        return bool(self.en or self.zh)


EMPTY = Text("", "")
