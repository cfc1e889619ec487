"""Links found in a report's text: RFC references and http(s) URLs, in every renderer; a
hostile target (javascript:, data:, hidden characters) stays text."""

from __future__ import annotations

import re

import pytest

from smtp_gui.core.report import Outside, Paragraph, Report, Rows
from smtp_gui.core.report.html import render_html
from smtp_gui.core.report.links import found_links, rfc_url
from smtp_gui.core.report.markdown import render_markdown
from smtp_gui.core.report.runs import runs
from smtp_gui.core.report.text import render_text
from smtp_gui.core.text.bilingual import Text

RFC_5321 = "https://www.rfc-editor.org/rfc/rfc5321#section-4.2.3"
REASON = "https://www.spamhaus.org/query/ip/192.0.2.1?a=1&b=2"


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("See RFC 5321 4.2.3.", [("RFC 5321 4.2.3", RFC_5321)]),
        ("RFC 5321 §4.2.3", [("RFC 5321 §4.2.3", RFC_5321)]),
        ("RFC 3463 section 3.8: x", [("RFC 3463 section 3.8", rfc_url("3463", "3.8"))]),
        ("RFC 3463 第 3.8 节将其", [("RFC 3463 第 3.8 节", rfc_url("3463", "3.8"))]),
        ("RFC 4954 defines 432", [("RFC 4954", "https://www.rfc-editor.org/rfc/rfc4954")]),
        ("见RFC 7293。", [("RFC 7293", "https://www.rfc-editor.org/rfc/rfc7293")]),
        ("xRFC 5321", []),
        (f"Listed, see {REASON}.", [(REASON, REASON)]),
        ("(see http://a.example/x_(y)) ok", [("http://a.example/x_(y)", "http://a.example/x_(y)")]),
        ("请访问https://a.example/了解", [("https://a.example/", "https://a.example/")]),
        ("javascript:alert(1) data:text/html,<b>x</b> file:///etc/passwd", []),
        ("https://a.example/\u202etxt.exe", []),  # a bidi override inside: not a link
        ("https://a.example/\x1b[2J", []),
        ("https:// spaced", []),
    ],
)
def test_found_links(text: str, linked: list[tuple[str, str]]) -> None:
    pieces = found_links(text)
    assert "".join(piece for piece, _url in pieces) == text
    assert [(piece, url) for piece, url in pieces if url is not None] == linked


def _report(lang: str) -> Report:
    return Report(
        "T",
        (
            Paragraph(Text("Defined in RFC 5321 4.2.3.", "定义见 RFC 5321 4.2.3。")),
            Rows.of(("Reason", Outside(f"Listed; see {REASON}")), ("Bad", Outside("javascript:x"))),
        ),
        lang,
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_runs_mark_found_links(lang: str) -> None:
    found = [run for run in runs(Outside(f"see {REASON} now"), lang) if run.url]
    assert [(run.text, run.url, run.outside, run.found) for run in found] == [
        (REASON, REASON, True, True)
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plain_text_shows_the_words_once(lang: str) -> None:
    output = render_text(_report(lang))
    assert "RFC 5321 4.2.3" in output and "rfc-editor" not in output
    assert output.count(REASON) == 1 and "javascript:x" in output


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_links_them(lang: str) -> None:
    output = render_markdown(_report(lang))
    assert f"[RFC 5321 4.2.3]({RFC_5321})" in output
    links = re.findall(r"\]\(([^)\s]*)\)", output)
    assert links == [RFC_5321, REASON]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_links_them_escaped(lang: str) -> None:
    output = render_html(_report(lang))
    assert f'<a href="{RFC_5321}" title="{RFC_5321}">RFC 5321 4.2.3</a>' in output
    escaped = REASON.replace("&", "&amp;")
    assert f'<a href="{escaped}" title="{escaped}" class="outside">{escaped}</a>' in output
    assert re.findall(r'href="([^"]*)"', output) == [RFC_5321, escaped]
