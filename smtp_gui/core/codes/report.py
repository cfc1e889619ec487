"""Reply codes as reports: one code's catalogue page, and two codes side by side.

The CLI's ``explain`` and ``compare`` text, the Codes and Compare panes' views and their
Copy buttons all render these reports (``core.report``); no other layout of a code exists.
A code's class is its severity (2xx ok, 3xx information, 4xx warning, 5xx error), so the
window colours codes as the catalogue list does.
"""

from __future__ import annotations

from smtp_gui.core.codes.compare import Comparison
from smtp_gui.core.codes.explanation import Explanation
from smtp_gui.core.codes.taxonomy import phase_name, retry_name
from smtp_gui.core.report import (
    Block,
    Bullets,
    Heading,
    Inline,
    Marked,
    Paragraph,
    Report,
    Rows,
    Severity,
    Table,
    Verdict,
)
from smtp_gui.core.report.labels import dash, joined, rfc_reference
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.messages import message

# RFC 5321 4.2.1: the first digit says whether the request succeeded (2), goes on (3),
# failed for now (4) or for good (5).
_SEVERITY = {2: Severity.OK, 3: Severity.INFO, 4: Severity.WARNING, 5: Severity.ERROR}
_BESIDE = " \u27f7 "  # long left right arrow between the two codes of a comparison

# The sections of a code's page, in reading order: (label key, field of Explanation).
_SECTIONS = (
    ("summary", "summary"),
    ("description", "description"),
    ("when", "when"),
    ("fix", "fix"),
    ("retry", "retry_advice"),
    ("note", "note"),
)
# What a comparison sets side by side, code by code, after how to tell them apart.
_COMPARED = (
    ("summary", "summary"),
    ("description", "description"),
    ("when", "when"),
    ("fix", "fix"),
    ("retry", "retry_advice"),
)


def class_severity(cls: int) -> Severity:
    """The severity a reply class reads as."""
    return _SEVERITY.get(cls, Severity.INFO)


def _label(key: str) -> Text:
    return message(f"code_report.{key}")


def _class(exp: Explanation) -> Inline:
    """``5xx Permanent Negative``, in the class's colour."""
    return Marked((f"{exp.cls}xx ", exp.class_name), class_severity(exp.cls))


def _phases(exp: Explanation, lang: str) -> str:
    return joined((phase_name(p).get(lang) for p in exp.phases), lang)


def _warnings(exp: Explanation, lang: str) -> list[Block]:
    return [Verdict(warning.text(lang), Severity.WARNING) for warning in exp.warnings]


def explain_report(exp: Explanation, lang: str) -> Report:
    """Everything the catalogue says about one code."""
    blocks: list[Block] = [
        Rows.of(
            (_label("class"), _class(exp)),
            (_label("category"), exp.category),
            (_label("phases"), _phases(exp, lang)),
        )
    ]
    if not exp.known:
        unlisted = "provider_code" if exp.provider_meanings else "not_in_catalogue"
        blocks.append(Verdict(_label(unlisted), Severity.INFO))
    blocks.extend(_warnings(exp, lang))
    if exp.provider_meanings:
        blocks.extend(
            (
                Heading(_label("providers")),
                Rows.of(*((m.provider, m.meaning) for m in exp.provider_meanings)),
            )
        )
    for key, field in _SECTIONS:
        text: Text = getattr(exp, field)
        if text:
            blocks.extend((Heading(_label(key)), Paragraph(text)))
    if exp.references:
        references = (rfc_reference(ref, lang) for ref in exp.references)
        blocks.extend((Heading(_label("references")), Paragraph(joined(references, lang))))
    title = (Marked(exp.code, class_severity(exp.cls)), dash(lang), exp.title)
    return Report(title, tuple(blocks), lang)


def _code(exp: Explanation) -> Marked:
    return Marked(exp.code, class_severity(exp.cls))


def compare_report(comp: Comparison, lang: str) -> Report:
    """Two codes: the one-sentence contrast, their facts side by side, how to tell which one
    is on screen, then their prose side by side."""
    a, b = comp.a, comp.b
    blocks: list[Block] = [*_warnings(a, lang), *_warnings(b, lang)]
    blocks.extend(
        (
            Paragraph(comp.lead),
            Table(
                (
                    "",
                    Marked((a.code, " ", a.title), class_severity(a.cls)),
                    Marked((b.code, " ", b.title), class_severity(b.cls)),
                ),
                (
                    (_label("class"), _class(a), _class(b)),
                    (_label("category"), a.category, b.category),
                    (_label("phases"), _phases(a, lang), _phases(b, lang)),
                    (_label("retry"), retry_name(a.retry), retry_name(b.retry)),
                ),
            ),
            Heading(_label("which_one")),
            Bullets(comp.key_points),
        )
    )
    for key, field in _COMPARED:
        pairs = [(_code(exp), getattr(exp, field)) for exp in (a, b) if getattr(exp, field)]
        if pairs:
            blocks.extend((Heading(_label(key)), Rows.of(*pairs)))
    return Report((_code(a), _BESIDE, _code(b)), tuple(blocks), lang)
