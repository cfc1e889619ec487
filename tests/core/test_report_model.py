"""The report model: blocks, spans, punctuation, and the runs every renderer starts from."""

from __future__ import annotations

import dataclasses
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import smtp_gui.core.report
from smtp_gui.core.report import (
    Bullets,
    Heading,
    Link,
    Marked,
    Outside,
    Paragraph,
    Report,
    Rows,
    Severity,
    Table,
    labels,
)
from smtp_gui.core.report.model import BLOCK_TYPES
from smtp_gui.core.report.runs import Run, plain, runs, visible
from smtp_gui.core.text.bilingual import Text
from tests.report_fixture import hostile_report

ROOT = Path(__file__).resolve().parents[2]


def test_the_fixture_holds_every_block_kind() -> None:
    kinds = {type(block) for block in hostile_report("en").blocks}
    assert kinds == set(BLOCK_TYPES)


def test_report_is_frozen_and_normalises_its_language() -> None:
    report = Report("t", (Paragraph("p"),), "zh_CN")
    assert report.lang == "zh"
    assert Report("t", (), "en-US").lang == "en"
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.title = "other"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("build", "error"),
    [
        (lambda: Report("t", ("a bare string",)), TypeError),  # type: ignore[arg-type]
        (lambda: Heading("h", level=3), ValueError),
        (lambda: Table((), ()), ValueError),
        (lambda: Table(("a", "b"), (("only one",),)), ValueError),
    ],
)
def test_malformed_blocks_are_bugs_caught_at_once(build: object, error: type) -> None:
    with pytest.raises(error):
        build()  # type: ignore[operator]


def test_rows_of_pairs() -> None:
    rows = Rows.of(("Phase", "RCPT TO"), (Text("Text", "文本"), Outside("550")))
    assert [row.label for row in rows.rows] == ["Phase", Text("Text", "文本")]
    assert rows.rows[1].value == Outside("550")


@pytest.mark.parametrize(
    ("url", "web"),
    [
        ("https://www.spamhaus.org/lookup/", True),
        ("http://192.0.2.1:8080/x?y=(1)", True),
        ("HTTPS://EXAMPLE.COM", True),
        ("javascript:alert(1)", False),
        ("JavaScript://example.com/%0aalert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("file:///etc/passwd", False),
        ("mailto:postmaster@example.com", False),
        ("https://", False),
        ("//example.com/x", False),
        ("https://exa mple.com/", False),
        ("https://example.com/\x1b[2J", False),
        ("https://example.com/\u202etxt", False),
        ("https://[::1/", False),
        ("", False),
    ],
)
def test_only_http_and_https_links_are_links(url: str, web: bool) -> None:
    assert Link("x", url).web is web


def test_runs_resolve_text_mark_outside_and_carry_severity() -> None:
    inline = (
        Text("Result: ", "结果："),
        Marked((Text("no", "否"), Outside(" <b>")), Severity.ERROR),
        Outside("\x1b[2J\u202e"),
    )
    assert runs(inline, "zh") == [
        Run("结果："),
        Run("否", severity=Severity.ERROR),
        Run(" <b>", outside=True, severity=Severity.ERROR),
        Run("\u241b[2J[U+202E]", outside=True),
    ]
    assert plain(inline, "en") == "Result: no <b>\u241b[2J[U+202E]"


def test_nested_marks_take_the_innermost_severity() -> None:
    inline = Marked(("a", Marked("b", Severity.OK)), Severity.ERROR)
    assert [(r.text, r.severity) for r in runs(inline, "en")] == [
        ("a", Severity.ERROR),
        ("b", Severity.OK),
    ]


def test_a_web_link_is_one_run_with_its_url() -> None:
    assert runs(Link(Outside("spamhaus"), "https://x.example/"), "en") == [
        Run("spamhaus", outside=True, url="https://x.example/")
    ]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "click", "click (javascript:alert(1))"),
        ("zh", Text("x", "点击此处"), "点击此处（javascript:alert(1)）"),
        ("zh", "click", "click (javascript:alert(1))"),
    ],
)
def test_any_other_link_is_text_and_its_target_as_outside_text(
    lang: str, text: str | Text, expected: str
) -> None:
    result = runs(Link(text, "javascript:alert(1)"), lang)
    assert "".join(run.text for run in result) == expected
    assert all(run.url is None for run in result)
    assert [run.text for run in result if run.outside] == ["javascript:alert(1)"]


def test_visible_shows_controls_bidi_and_lone_surrogates() -> None:
    assert visible("a\x00b\u202ec\udcff") == "a\u2400b[U+202E]c\ufffd"
    assert visible("plain 中文") == "plain 中文"


@pytest.mark.parametrize(
    ("function", "en", "zh"),
    [
        (labels.colon, ": ", "："),
        (labels.list_separator, ", ", "、"),
        (labels.dash, " — ", "——"),
        (labels.ellipsis, "…", "……"),
        (labels.language_tag, "en", "zh-CN"),
    ],
)
def test_punctuation_by_language(function: object, en: str, zh: str) -> None:
    assert function("en") == en  # type: ignore[operator]
    assert function("zh") == zh  # type: ignore[operator]
    assert function("zh_CN") == zh  # type: ignore[operator]


@pytest.mark.parametrize(
    ("text", "lang", "beside", "expected"),
    [
        ("PTR", "zh", "反向解析", "反向解析（PTR）"),
        ("已过期", "zh", "2025-01-01", "2025-01-01（已过期）"),
        ("192.0.2.1", "zh", "mx.example.com", "mx.example.com (192.0.2.1)"),
        ("PTR", "en", "Reverse DNS", "Reverse DNS (PTR)"),
        ("反向", "en", "", "(反向)"),
        ("x", "zh", "", "(x)"),
    ],
)
def test_parentheses_go_full_width_only_in_chinese_text(
    text: str, lang: str, beside: str, expected: str
) -> None:
    assert labels.parenthesized(text, lang, beside) == expected


def test_joined_uses_the_enumeration_comma_in_chinese() -> None:
    assert labels.joined(["MAIL FROM", "RCPT TO"], "zh") == "MAIL FROM、RCPT TO"
    assert labels.joined(["MAIL FROM", "RCPT TO"], "en") == "MAIL FROM, RCPT TO"


def test_every_severity_has_a_mark() -> None:
    assert set(labels.SEVERITY_MARKS) == set(Severity)
    assert len(set(labels.SEVERITY_MARKS.values())) == len(Severity)


def test_bullets_default_to_unordered() -> None:
    assert Bullets(("a",)).ordered is False


def test_report_package_never_imports_qt() -> None:
    """Every module of the package, not only those test_layering imports."""
    modules = [
        m.name
        for m in pkgutil.walk_packages(smtp_gui.core.report.__path__, "smtp_gui.core.report.")
    ]
    assert {"smtp_gui.core.report.text", "smtp_gui.core.report.html"} <= set(modules)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "qt = ('PySide6', 'shiboken6')\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith(qt))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
