"""The one place for punctuation that differs between English and Chinese.

Chinese text takes the full-width colon and parentheses, the enumeration comma (顿号)
between list items, a two-em dash and a six-dot ellipsis, as GB/T 15834-2011 (the national
standard for punctuation) has them.
Parentheses go full-width only where they stand in Chinese text; ``mx.example.com
(192.0.2.1)`` keeps ASCII ones in a Chinese report too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from smtp_gui.core.report.model import Severity
from smtp_gui.core.text.bilingual import normalize_lang

# CJK punctuation, kana, unified ideographs (with extension A and B-F), compatibility
# ideographs, full-width forms.
_CJK = re.compile(
    "[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    "\U00020000-\U0002fa1f]"
)

# A mark before each verdict, so that no output relies on colour alone (WCAG 1.4.1).
SEVERITY_MARKS = {
    Severity.OK: "\u2714",  # heavy check mark
    Severity.INFO: "\u2139",  # information source
    Severity.WARNING: "\u26a0",  # warning sign
    Severity.ERROR: "\u2716",  # heavy multiplication x
}


def _zh(lang: str) -> bool:
    return normalize_lang(lang) == "zh"


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def colon(lang: str) -> str:
    """What separates a label from its value: ``Phase: x`` / ``阶段：x``."""
    return "\uff1a" if _zh(lang) else ": "


def list_separator(lang: str) -> str:
    """Between the items of an inline list: ``a, b`` / ``甲、乙``."""
    return "\u3001" if _zh(lang) else ", "


def joined(items: Iterable[str], lang: str) -> str:
    return list_separator(lang).join(items)


def comma(lang: str) -> str:
    """Between the clauses of one sentence: ``6 passed, 3 failed`` / ``6 项通过，3 项失败``."""
    return "\uff0c" if _zh(lang) else ", "


def clause_separator(lang: str) -> str:
    """Between independent parts of one summary: ``a; b`` / ``甲；乙``."""
    return "\uff1b" if _zh(lang) else "; "


def full_stop(lang: str) -> str:
    return "\u3002" if _zh(lang) else "."


def sentence_gap(lang: str) -> str:
    """Between two whole sentences: a space in English, nothing in Chinese."""
    return "" if _zh(lang) else " "


def dash(lang: str) -> str:
    """A break in a sentence: ``5.7.1 — refused`` / ``5.7.1——拒绝``."""
    return "\u2014\u2014" if _zh(lang) else " \u2014 "


def ellipsis(lang: str) -> str:
    return "\u2026\u2026" if _zh(lang) else "\u2026"


def brackets(lang: str, *context: str) -> tuple[str, str]:
    """Parentheses for text in ``lang``: full-width when the text in them or beside them
    (``context``) is Chinese."""
    if _zh(lang) and any(has_cjk(text) for text in context):
        return "\uff08", "\uff09"
    return "(", ")"


def tag(lang: str) -> tuple[str, str]:
    """Around a short label set off in a list line, with the spaces beside it:
    ``550 [RCPT TO] text`` / ``550【RCPT TO】text`` (GB/T 15834: 方头括号)."""
    return ("\u3010", "\u3011") if _zh(lang) else (" [", "] ")


def parenthesized(text: str, lang: str, beside: str = "") -> str:
    """``text`` in parentheses, placed after ``beside``: ``beside (text)`` or ``旁（文）``.

    The result includes ``beside``; the space before ASCII parentheses is added here.
    """
    opening, closing = brackets(lang, text, beside)
    space = " " if beside and opening == "(" else ""
    return f"{beside}{space}{opening}{text}{closing}"


_BARE_SECTION = re.compile(r"\A(RFC \d+) (\d+(?:\.\d+)*)\Z")


def rfc_reference(reference: str, lang: str) -> str:
    """An RFC section in the form of ``lang``'s prose: ``RFC 5321 4.2.3`` in English,
    ``RFC 5321 第 4.2.3 节`` in Chinese (the form the Chinese texts use)."""
    match = _BARE_SECTION.match(reference)
    if not _zh(lang) or match is None:
        return reference
    return f"{match[1]} 第 {match[2]} 节"


def language_tag(lang: str) -> str:
    """The BCP 47 tag of ``lang`` for HTML's ``lang`` attribute."""
    return "zh-CN" if _zh(lang) else "en"
