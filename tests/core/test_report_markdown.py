"""The Markdown renderer: outside text escaped so that it renders literally; no HTML.

tests/ui/test_report_markdown_parsed.py runs the same output through a CommonMark parser.
"""

from __future__ import annotations

import re

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
from smtp_gui.core.report.markdown import escape, fence, render_markdown
from smtp_gui.core.report.runs import visible
from tests.report_fixture import WEB_LINKS, hostile_report

# CommonMark 2.4: a backslash before ASCII punctuation stands for that character.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
ACTIVE = set("\\`*_[]<>#|!~&$")


def unescape(markdown: str) -> str:
    return _ESCAPED.sub(r"\1", markdown)


def prose(markdown: str) -> str:
    """``markdown`` without its fenced code blocks (where nothing is active)."""
    return re.sub(r"^(`{3,})\n.*?^\1$", "", markdown, flags=re.MULTILINE | re.DOTALL)


def bare(markdown: str, char: str) -> list[int]:
    """Positions of ``char`` not escaped by a backslash (an even run of them before it)."""
    found = []
    for match in re.finditer(re.escape(char), markdown):
        backslashes = len(markdown[: match.start()]) - len(markdown[: match.start()].rstrip("\\"))
        if backslashes % 2 == 0:
            found.append(match.start())
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_outside_text_is_escaped_and_only_http_links_are_links(lang: str) -> None:
    output = prose(render_markdown(hostile_report(lang)))
    assert "ESMTP" not in output  # the code block is gone
    assert bare(output, "<") == [] and bare(output, ">") == bare(output, "> ")  # quotes only
    links = re.findall(r"(?<!\\)\[[^\]\n]*(?<!\\)\]\(([^)\s]*)\)", output)
    text = re.sub(r"\]\([^)\s]*\)", "]", output)  # without the link destinations
    assert bare(text, "&") == [] and bare(text, "$") == [] and bare(text, "*") != []
    assert len(links) == WEB_LINKS
    assert all(url.startswith("https://") for url in links)
    assert "javascript:" not in "".join(links) and "data:" not in "".join(links)
    assert "\\<b\\>x\\</b\\>\\<img src=y\\>" in output
    assert "\\*\\*x\\*\\* \\[a\\](javascript:b) \\| pipes" in output
    assert "\\[U+202E\\]" in output and "\u202e" not in output
    assert re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", output) is None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_code_goes_into_a_fence_longer_than_any_backtick_run(lang: str) -> None:
    output = render_markdown(hostile_report(lang))
    assert "\n`````\nS: 220 mx.example ESMTP ``` ```` <b>x</b><img src=y>\n" in output
    assert output.count("\n`````\n") == 2
    assert fence(["a ` b", "``"]) == "```" and fence(["``````"]) == "```````"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_outside_line_breaks_stay_inside_their_block(lang: str) -> None:
    lines = prose(render_markdown(hostile_report(lang))).splitlines()
    # FORGED ("ok\n- forged line\n\n# forged heading\n    indented"): each further line
    # follows a hard break, its list marker escaped, in a list item indented into the item.
    assert "\\- forged line\\" in lines
    assert "   \\- forged line\\" in lines  # inside "2. "
    assert "\\# forged heading\\" in lines
    assert not any(line.startswith(("- forged", "# forged", "    indented")) for line in lines)
    assert "" not in [line for line in lines if line.endswith("\\")]


def test_layout() -> None:
    report = Report(
        "550 5.7.1",
        (
            Verdict("Refused", Severity.ERROR),
            Rows.of(("Phase", "RCPT TO"), ("Text", Outside("5.7.1 <x>\nnext"))),
            Heading("Steps"),
            Bullets(("a", Outside("- b")), ordered=True),
            Bullets(("c",), ordered=True),
            Heading("More", level=2),
            Paragraph(Outside("1. not a list")),
            Table(("Zone", "Status"), ((Outside("a|b"), ""),)),
            Code((Outside("``` x"),)),
            Link("RFC 5321", "https://www.rfc-editor.org/rfc/rfc5321"),
            Link(Outside("x"), "javascript:y"),
        ),
    )
    assert render_markdown(report) == (
        "# 550 5.7.1\n"
        "\n"
        "> \u2716 Refused\n"
        "\n"
        "**Phase**: RCPT TO\\\n"
        "**Text**: 5.7.1 \\<x\\>\\\n"
        "next\n"
        "\n"
        "## Steps\n"
        "\n"
        "1. a\n"
        "2. \\- b\n"
        "\n"
        "1) c\n"
        "\n"
        "### More\n"
        "\n"
        "1\\. not a list\n"
        "\n"
        "| Zone | Status |\n"
        "| --- | --- |\n"
        "| a\\|b |  |\n"
        "\n"
        "````\n"
        "``` x\n"
        "````\n"
        "\n"
        "[RFC 5321](https://www.rfc-editor.org/rfc/rfc5321)\n"
        "\n"
        "x (javascript:y)\n"
    )


def test_chinese_rows_keep_the_colon_outside_the_bold() -> None:
    output = render_markdown(hostile_report("zh"))
    # "**回复：**x" would not close the bold in CommonMark (punctuation before "**", a
    # letter after); "**回复**：" does.
    assert "**回复**：" in output and "**服务器原文**：" in output
    assert re.search(r"\([^()\n]*[\u4e00-\u9fff][^()\n]*\)", output) is None
    assert "此处" in output and "**Reply**: " in render_markdown(hostile_report("en"))


def test_link_urls_are_percent_encoded_where_markdown_would_read_them() -> None:
    output = render_markdown(Report("t", (Link("x", 'https://a.example/(b)<d>\\e`f"g?h=1#i'),)))
    assert output.endswith("[x](https://a.example/%28b%29%3Cd%3E%5Ce%60f%22g?h=1#i)\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a*b_c", "a\\*b\\_c"),
        ("<b>&amp;", "\\<b\\>\\&amp;"),
        ("[a](javascript:b)", "\\[a\\](javascript:b)"),
        ("see https://x.example", "see https:\\//x.example"),
        ("www.x.example Www.y", "www\\.x.example Www\\.y"),
        ("x\\y", "x\\\\y"),
        ("`code` | ~s~ $m$ # h !", "\\`code\\` \\| \\~s\\~ \\$m\\$ \\# h \\!"),
        ("cr\r", "cr\u240d"),
    ],
)
def test_escape(text: str, expected: str) -> None:
    assert escape(text) == expected


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=300))
def test_escaped_text_reads_back_as_itself_and_leaves_nothing_active(text: str) -> None:
    text = visible(text)
    escaped = escape(text)
    assert unescape(escaped) == text.replace("\r", "\u240d")
    for char in ACTIVE - {"\\"}:
        assert bare(escaped, char) == []
    assert "://" not in escaped and "www." not in escaped.lower()


@settings(deadline=None, max_examples=150)
@given(st.text(max_size=200))
def test_any_outside_text_renders_without_error_and_visibly(text: str) -> None:
    report = Report(
        ("T ", Outside(text)),
        (
            Verdict(Outside(text), Severity.WARNING),
            Paragraph(("Said: ", Outside(text))),
            Rows.of((Outside(text), Outside(text))),
            Table((Outside(text),), ((Outside(text),),)),
            Code((Outside(text),)),
            Bullets((Outside(text),)),
            Link(Outside(text), text),
        ),
    )
    output = render_markdown(report)
    first_line = escape(visible(text)).split("\n")[0]
    if "://" not in text:  # a web address in it becomes [address](address): still visible
        assert "Said: " + first_line in output
    assert re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", output) is None
