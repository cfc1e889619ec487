"""One entry of the catalogue as the data files hold it: a basic code or an enhanced code.

Data: ``resources/catalogue/basic*.json`` (RFC 5321 reply codes and their extensions) and
``enhanced*.json`` (the IANA enhanced status codes, keyed ``X.subject.detail``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smtp_gui.core.text.bilingual import Text


@dataclass(frozen=True, slots=True)
class Entry:
    """One catalogue entry: a basic code ``554`` or an enhanced code ``X.7.1``."""

    code: str
    kind: str  # "basic" or "enhanced"
    classes: tuple[int, ...]
    basic_codes: tuple[int, ...]
    phases: tuple[str, ...]
    references: tuple[str, ...]
    retry: str
    title: Text
    summary: Text
    description: Text
    when: Text
    fix: Text
    retry_advice: Text
    note: Text
    keywords: tuple[str, ...]

    @property
    def sort_key(self) -> tuple[int, int, int]:
        if self.kind == "basic":
            return (0, int(self.code), 0)
        _x, subject, detail = self.code.split(".")
        return (1, int(subject), int(detail))

    def display_code(self) -> str:
        """``554``; enhanced codes with their usual class: ``5.7.1`` (``X.7.1`` if several)."""
        if self.kind == "basic" or len(self.classes) != 1:
            return self.code
        return f"{self.classes[0]}{self.code[1:]}"

    @classmethod
    def from_data(cls, data: dict[str, Any], kind: str) -> Entry:
        keywords = data.get("keywords", {})
        words = tuple(w for lang in ("en", "zh") for w in keywords.get(lang, ()))
        code = str(data["code"])
        classes = tuple(int(c) for c in data.get("classes", ())) or (int(code[0]),)
        return cls(
            code=code,
            kind=kind,
            classes=classes,
            basic_codes=tuple(int(c) for c in data.get("basic_codes", ())),
            phases=tuple(data.get("phases", ())),
            references=tuple(data.get("references", ())),
            retry=str(data.get("retry", "")),
            title=Text.from_data(data.get("title")),
            summary=Text.from_data(data.get("summary")),
            description=Text.from_data(data.get("description")),
            when=Text.from_data(data.get("when")),
            fix=Text.from_data(data.get("fix")),
            retry_advice=Text.from_data(data.get("retry_advice")),
            note=Text.from_data(data.get("note")),
            keywords=words,
        )
