"""The catalogue's vocabulary: classes, categories, subjects, phases and retry advice.

Data: ``resources/catalogue/taxonomy.json``, names and meanings in both languages. The
class is a reply's first digit (RFC 5321 4.2.1, RFC 3463 3.1); the category is a basic
code's second digit (RFC 5321 4.2.1); the subject is an enhanced code's second number
(RFC 3463 3).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from smtp_gui.core.resources import load_json
from smtp_gui.core.text.bilingual import Text

PHASES = (
    "greeting", "ehlo", "starttls", "auth", "mail", "rcpt", "data", "end-of-data", "bdat",
    "quit", "other", "any", "dsn",
)  # fmt: skip
RETRY = ("none", "continue", "later", "after-fix", "no")


@cache
def taxonomy() -> dict[str, Any]:
    """The shipped taxonomy, loaded once."""
    data: dict[str, Any] = load_json("catalogue", "taxonomy.json")
    return data


def class_texts(cls: int) -> tuple[Text, Text]:
    """The class's name and what it means: ``Permanent Negative``, ``The request failed…``."""
    data = taxonomy()["classes"].get(str(cls), {})
    return Text.from_data(data.get("name")), Text.from_data(data.get("meaning"))


def basic_category(code: int) -> Text:
    """What a basic code's second digit says it is about (``x5z``: mail system)."""
    tax = taxonomy()
    return Text.from_data(tax["categories"].get(str(code // 10 % 10)) or tax["category_undefined"])


def enhanced_subject(subject: int) -> Text:
    """What an enhanced code's subject says it is about (``X.7.z``: security or policy)."""
    tax = taxonomy()
    return Text.from_data(tax["subjects"].get(str(subject)) or tax["subject_undefined"])


def phase_name(phase: str) -> Text:
    return Text.from_data(taxonomy()["phases"].get(phase, {"en": phase, "zh": phase}))


def retry_name(retry: str) -> Text:
    return Text.from_data(taxonomy()["retry"].get(retry, {"en": retry, "zh": retry}))
