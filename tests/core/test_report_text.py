"""The plain-text renderer: terminal-safe, Chinese punctuation, nothing from outside lost."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp_gui.core.report import (
    Bullets,
    Code,
    Heading,
    Link,
    Outside,
    Paragraph,
    Report,
    Rows,
    Severity,
    Table,
    Verdict,
)
from smtp_gui.core.report.runs import visible
from smtp_gui.core.report.text import render_text, terminal, width
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.safe_text import BIDI_CONTROLS
from tests.report_fixture import BIDI, LONG, MARKUP, hostile_report

# Any C0 control but the line feed, DEL, any C1 control.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
CJK = "\u4e00-\u9fff"


def assert_terminal_safe(output: str) -> None:
    assert RAW_CONTROL.search(output) is None, repr(RAW_CONTROL.search(output))
    assert not any(char in output for char in BIDI_CONTROLS)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_hostile_report_is_terminal_safe_and_shows_everything(lang: str) -> None:
    output = render_text(hostile_report(lang))
    assert_terminal_safe(output)
    assert output.endswith("\n")
    assert MARKUP in output and "<a href=javascript:alert(1)>click</a>" in output
    assert (
        "clear\u241b[2J title\u241b]0;pwned\u2407 nul\u2400 del\u2421 c1\ufffd cr\u240dover"
        in output
    )
    assert "invoice[U+202E]txt.exe" in output
    assert LONG in output  # nothing is cut or wrapped
    assert "**x** [a](javascript:b) | pipes" in output


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_outside_line_breaks_cannot_forge_report_lines(lang: str) -> None:
    lines = render_text(hostile_report(lang)).splitlines()
    # FORGED as a row value, a paragraph, a bullet, a table cell, code: indented or marked,
    # never a line of its own at the left margin.
    assert not any(line.startswith(("- forged", "# forged", "    indented")) for line in lines)
    assert any(line.endswith("  - forged line") for line in lines)  # under its row label
    assert "  - forged line" in lines  # the paragraph's second line
    assert "ok\u2424- forged line\u2424\u2424# forged heading" in "\n".join(lines)  # table


def test_english_layout() -> None:
    report = Report(
        "550 5.7.1 Refused",
        (
            Verdict("The server refused the recipient.", Severity.ERROR),
            Rows.of(("Phase", "RCPT TO"), ("Server text", Outside("5.7.1 <b>x</b>\nsecond"))),
            Heading("Next steps"),
            Bullets(
                ("Check SPF", ("Delist at ", Link("Spamhaus", "https://s.example/x"))), ordered=True
            ),
            Heading("Details", level=2),
            Table(("Zone", "Status"), (("zen.example", "listed"), (Outside("a|b"), "ok"))),
            Code(("S: 220 hi", ("C: ", Outside("EHLO \x00x")))),
            Link(Outside("click"), "javascript:alert(1)"),
        ),
    )
    assert render_text(report) == (
        "550 5.7.1 Refused\n"
        "=================\n"
        "\n"
        "\u2716 The server refused the recipient.\n"
        "\n"
        "Phase:       RCPT TO\n"
        "Server text: 5.7.1 <b>x</b>\n"
        "             second\n"
        "\n"
        "Next steps\n"
        "----------\n"
        "1. Check SPF\n"
        "2. Delist at Spamhaus (https://s.example/x)\n"
        "\n"
        "Details:\n"
        "Zone         Status\n"
        "-----------  ------\n"
        "zen.example  listed\n"
        "a|b          ok\n"
        "\n"
        "    S: 220 hi\n"
        "    C: EHLO \u2400x\n"
        "\n"
        "click (javascript:alert(1))\n"
    )


def test_chinese_layout_uses_full_width_punctuation_and_display_width() -> None:
    report = Report(
        Text("", "550 5.7.1 拒收"),
        (
            Rows.of((Text("", "阶段"), "RCPT TO"), (Text("", "服务器原文"), Outside("5.7.1"))),
            Bullets(((Text("", "除名："), Link(Text("", "除名页"), "https://s.example/")),)),
            Heading(Text("", "详情"), level=2),
            Table((Text("", "区域"), Text("", "状态")), (("zen.example", Text("", "已列入")),)),
        ),
        "zh",
    )
    assert render_text(report) == (
        "550 5.7.1 拒收\n"
        "==============\n"  # 14 columns: each ideograph takes two
        "\n"
        "阶段：      RCPT TO\n"
        "服务器原文：5.7.1\n"
        "\n"
        "- 除名：除名页（https://s.example/）\n"
        "\n"
        "详情：\n"
        "区域         状态\n"
        "-----------  ------\n"
        "zen.example  已列入\n"
    )


def test_zh_report_has_full_width_colons_and_no_ascii_parentheses_around_chinese() -> None:
    output = render_text(hostile_report("zh"))
    for label in ("回复", "服务器原文", "长值", "有效"):
        assert f"{label}：" in output
        assert f"{label}:" not in output
    assert re.search(rf"\([^()\n]*[{CJK}][^()\n]*\)", output) is None
    assert "此处（https://www.spamhaus.org/lookup/?ip=192.0.2.1&x=(1)）" in output
    english = render_text(hostile_report("en"))
    assert "Reply: " in english and "here (https://www.spamhaus.org/" in english


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\x1b[31mred", "\u241b[31mred"),
        ("cr\rover", "cr\u240dover"),
        ("a\tb", "a       b"),
        ("bell\x07 nul\x00 del\x7f csi\x9b", "bell\u2407 nul\u2400 del\u2421 csi\ufffd"),
        ("\u202egnp.exe", "[U+202E]gnp.exe"),
        ("lone \udcff", "lone \ufffd"),
        ("line\nbreak", "line\nbreak"),
        ("中文，全角。", "中文，全角。"),
    ],
)
def test_terminal(text: str, expected: str) -> None:
    assert terminal(text) == expected


@pytest.mark.parametrize(
    ("text", "columns"), [("abc", 3), ("中文", 4), ("e\u0301", 1), ("ｆｕｌｌ", 8), ("A" * 99, 41)]
)
def test_width_counts_terminal_columns_up_to_the_cap(text: str, columns: int) -> None:
    assert width(text) == columns


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=300))
def test_any_outside_text_comes_out_terminal_safe_and_whole(text: str) -> None:
    report = Report(
        ("Title ", Outside(text)),
        (
            Paragraph(("Said: ", Outside(text))),
            Rows.of((Outside(text), Outside(text))),
            Table((Outside(text),), ((Outside(text),),)),
            Code((Outside(text),)),
            Bullets((Outside(text),)),
            Link(Outside(text), text),
        ),
    )
    output = render_text(report)
    assert_terminal_safe(output)
    shown = terminal(text)
    assert "Said: " + shown.replace("\n", "\n  ") in output  # paragraph lines indented
    assert output.startswith("Title " + shown.replace("\n", "\u2424") + "\n")  # one line
    assert terminal(visible(text)) == terminal(text)


def test_a_megabyte_renders_quickly() -> None:
    report = hostile_report("zh")
    big = Report("big", report.blocks * 40, "zh")
    start = time.perf_counter()
    output = render_text(big)
    elapsed = time.perf_counter() - start
    assert len(output) > 1_000_000
    assert elapsed < 1.0, elapsed


def test_bidi_in_a_label_is_visible() -> None:
    output = render_text(Report("t", (Rows.of((Outside(BIDI), "v")),)))
    assert "invoice[U+202E]txt.exe: v" in output
