"""Reply codes as reports: every field of an explanation and a comparison, in both languages,
with the punctuation of ``core/report/labels.py``."""

from __future__ import annotations

import pytest

from smtp_gui.core.codes.catalogue import explain
from smtp_gui.core.codes.compare import compare
from smtp_gui.core.codes.report import class_severity, compare_report, explain_report
from smtp_gui.core.codes.taxonomy import phase_name, retry_name
from smtp_gui.core.report import Heading, Severity, Table, Verdict
from smtp_gui.core.report.labels import SEVERITY_MARKS, colon, dash, joined, rfc_reference
from smtp_gui.core.report.markdown import render_markdown
from smtp_gui.core.report.text import render_text
from smtp_gui.core.text.messages import message_text


def _label(key: str, lang: str) -> str:
    return message_text(f"code_report.{key}", lang)


def _lines(text: str) -> list[str]:
    """Lines with the text renderer's hanging indent undone."""
    return [line.strip() for line in text.splitlines()]


def _shown(prose: str, lines: list[str], prefix: str = "") -> bool:
    """``prose`` is in ``lines``: its first line after ``prefix``, the others on their own."""
    first, *rest = prose.splitlines()
    return f"{prefix}{first}" in lines and all(line.strip() in lines for line in rest)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("code", ["554", "5.7.1", "554 5.7.1", "599", "4.9.99", "221"])
def test_explanation_report_says_everything(code: str, lang: str) -> None:
    exp = explain(code)
    text = render_text(explain_report(exp, lang))
    lines = _lines(text)
    assert lines[0] == f"{exp.code}{dash(lang)}{exp.title.get(lang)}"
    sep = colon(lang)
    assert f"{_label('class', lang)}{sep}" in text
    assert f"{exp.cls}xx {exp.class_name.get(lang)}" in text
    assert exp.category.get(lang) in text
    assert joined(exp.phase_names(lang), lang) in text
    for key, field in (
        ("summary", exp.summary),
        ("description", exp.description),
        ("when", exp.when),
        ("fix", exp.fix),
        ("retry", exp.retry_advice),
        ("note", exp.note),
    ):
        if field:
            assert _label(key, lang) in lines, key
            assert _shown(field.get(lang), lines), key
        else:
            assert _label(key, lang) not in lines, key
    assert joined((rfc_reference(r, lang) for r in exp.references), lang) in lines
    assert (_label("not_in_catalogue", lang) in text) is (not exp.known)
    for warning in exp.warnings:
        assert f"{SEVERITY_MARKS[Severity.WARNING]} {warning.text(lang)}" in text


def test_class_is_the_severity_and_marks_the_code() -> None:
    assert [class_severity(c) for c in (2, 3, 4, 5)] == [
        Severity.OK,
        Severity.INFO,
        Severity.WARNING,
        Severity.ERROR,
    ]
    report = explain_report(explain("421"), "en")
    assert report.title[0].severity is Severity.WARNING  # type: ignore[index,union-attr]


def test_class_mismatch_is_a_warning_verdict() -> None:
    report = explain_report(explain("554 4.7.1"), "en")
    verdicts = [b for b in report.blocks if isinstance(b, Verdict)]
    assert [v.severity for v in verdicts] == [Severity.WARNING]
    assert "Class mismatch" in str(verdicts[0].text)


def test_chinese_uses_the_labels_punctuation() -> None:
    exp = explain("554 5.7.1")
    text = render_text(explain_report(exp, "zh"))
    assert f"{_label('class', 'zh')}\uff1a" in text  # full-width colon
    assert "\u3001".join(exp.phase_names("zh")) in text  # enumeration comma
    assert text.startswith("554 5.7.1\u2014\u2014")  # two-em dash
    assert f"{_label('class', 'zh')}: " not in text and ", RFC" not in text
    english = render_text(explain_report(exp, "en"))
    assert ", ".join(exp.phase_names("en")) in english and "Class: " in english


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    ("a", "b"), [("334", "554"), ("421", "5.7.1"), ("554", "554"), ("554 4.7.1", "599")]
)
def test_comparison_report_says_everything(a: str, b: str, lang: str) -> None:
    comp = compare(a, b)
    report = compare_report(comp, lang)
    text = render_text(report)
    lines = _lines(text)
    assert lines[0] == f"{comp.a.code} \u27f7 {comp.b.code}"
    for point in comp.key_points:
        assert _shown(point.get(lang), lines, "- ")
    if comp.a.code != comp.b.code:
        assert comp.when_a in comp.key_points and comp.when_b in comp.key_points
    lead = lines.index(comp.key_difference.get(lang))  # the contrast leads, the table follows
    table_row = next(i for i, line in enumerate(lines) if line.startswith(_label("class", lang)))
    assert lead < table_row < lines.index(_label("which_one", lang))
    headings = [b.text for b in report.blocks if isinstance(b, Heading)]
    assert headings[0].get(lang) == _label("which_one", lang)  # type: ignore[union-attr]
    (table,) = [b for b in report.blocks if isinstance(b, Table)]
    assert len(table.header) == 3 and len(table.rows) == 4
    sep = colon(lang)
    for exp in (comp.a, comp.b):
        assert f"{exp.cls}xx {exp.class_name.get(lang)}" in text
        assert exp.category.get(lang) in text
        assert joined((phase_name(p).get(lang) for p in exp.phases), lang) in text
        assert retry_name(exp.retry).get(lang) in text
        for field in (exp.summary, exp.description, exp.when, exp.fix, exp.retry_advice):
            first, *rest = field.get(lang).splitlines()
            assert any(line.startswith(f"{exp.code}{sep}") and first in line for line in lines)
            if rest:
                assert _shown("\n".join(rest), lines)
        for warning in exp.warnings:
            assert f"{SEVERITY_MARKS[Severity.WARNING]} {warning.text(lang)}" in text


def test_comparison_markdown_is_a_ticket() -> None:
    markdown = render_markdown(compare_report(compare("334", "554"), "en"))
    assert markdown.startswith("# 334 \u27f7 554\n")
    assert "\n334 is a normal step of logging in; 554 is a refusal.\n" in markdown
    assert "## Which one am I looking at?" in markdown and "Key difference" not in markdown
    assert "| --- | --- | --- |" in markdown
    assert "| Class | 3xx Positive Intermediate | 5xx Permanent Negative |" in markdown
    assert "**334**: " in markdown and "**554**: " in markdown


def test_comparison_json_is_not_the_report() -> None:
    """The report lays out the comparison; the JSON keeps its own contract keys."""
    data = compare("334", "554").to_dict("zh")
    assert set(data) == {"a", "b", "key_difference", "key_points", "when_to_use", "when_each"}


def test_chinese_references_name_the_section_as_the_chinese_texts_do() -> None:
    """One form for an RFC section in Chinese (issue 19): ``RFC 5321 第 4.2.3 节``."""
    assert rfc_reference("RFC 5321 4.2.3", "zh") == "RFC 5321 第 4.2.3 节"
    assert rfc_reference("RFC 5321 4.2.3", "en") == "RFC 5321 4.2.3"
    assert rfc_reference("RFC 7293", "zh") == "RFC 7293"
    text = render_text(explain_report(explain("550"), "zh"))
    assert "RFC 5321 第 4.2.3 节、RFC 7208 第 8.4 节" in text
