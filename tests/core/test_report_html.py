"""The HTML renderer: a standalone document whose tags are all its own, links only http(s),
every value escaped after shown()."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

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
from smtp_gui.core.report.html import TAGS, render_html
from smtp_gui.core.report.runs import visible
from smtp_gui.core.text.safe_text import BIDI_CONTROLS
from tests.report_fixture import FORGED, HOSTILE, WEB_LINKS, WEB_URL, hostile_report

ATTRIBUTES = {"lang", "charset", "name", "content", "class", "scope", "href", "title"}


class Parsed(HTMLParser):
    """What a browser would see: the tags, their attributes, and the text."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.doctype = ""
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    @property
    def hrefs(self) -> list[str]:
        return [value or "" for name, value in self.attrs if name == "href"]

    def joined(self) -> str:
        """The text with the line breaks <br> stands for put back."""
        return "".join(self.text)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_only_the_renderers_own_tags_and_attributes(lang: str) -> None:
    parsed = Parsed(render_html(hostile_report(lang)))
    assert set(parsed.tags) == TAGS  # every block kind uses them all, outside text none
    assert {name for name, _ in parsed.attrs} <= ATTRIBUTES
    assert parsed.doctype.lower() == "doctype html"
    assert len(parsed.hrefs) == WEB_LINKS
    assert all(href.startswith("https://") for href in parsed.hrefs)
    assert WEB_URL in parsed.hrefs


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_outside_text_is_text(lang: str) -> None:
    markup = render_html(hostile_report(lang))
    parsed = Parsed(markup)
    text = parsed.joined()
    for hostile in HOSTILE:
        shown = visible(hostile).replace("\r", "\u240d")
        for line in shown.split("\n"):
            assert line in text
    assert "javascript:alert(1)" in text and "file:///etc/passwd" in text  # as text
    assert "\u202e" not in markup and "[U+202E]" in markup
    assert re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", markup) is None
    assert "&lt;img src=y&gt;" in markup and "<img" not in markup
    assert "<h1>" + ("Diagnosis of " if lang == "en" else "诊断：") + "&lt;b&gt;" in markup.replace(
        '<span class="outside">', ""
    )
    assert FORGED.split("\n")[1] in text


def test_document_head() -> None:
    markup = render_html(Report("Title <x>", (Paragraph("p"),), "zh"))
    assert markup.startswith('<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">')
    assert "<title>Title &lt;x&gt;</title>" in markup
    assert '<html lang="en">' in render_html(Report("t", ()))
    assert "<script" not in markup and "http" not in markup.split("<body>")[0]  # fetches nothing


def test_blocks() -> None:
    report = Report(
        "T",
        (
            Verdict("Refused", Severity.ERROR),
            Rows.of(("Phase", Outside("RCPT\nTO"))),
            Heading("H"),
            Heading("Sub", level=2),
            Bullets(("a",), ordered=True),
            Table(("Zone",), ((Outside("z"),),)),
            Code(("S: 220", Outside("C: <x>"))),
            Link("RFC 5321", "https://www.rfc-editor.org/rfc/rfc5321"),
            Link("bad", "javascript:x"),
        ),
    )
    body = render_html(report).split("<body>\n")[1]
    assert body == (
        "<h1>T</h1>\n"
        '<p class="verdict error">\u2716 Refused</p>\n'
        '<table class="rows"><tbody>\n'
        '<tr><th scope="row">Phase</th><td><span class="outside">RCPT<br>\nTO</span></td></tr>\n'
        "</tbody></table>\n"
        "<h2>H</h2>\n"
        "<h3>Sub</h3>\n"
        "<ol>\n<li>a</li>\n</ol>\n"
        "<table><thead><tr><th>Zone</th></tr></thead><tbody>\n"
        '<tr><td><span class="outside">z</span></td></tr>\n'
        "</tbody></table>\n"
        "<pre>S: 220\nC: &lt;x&gt;</pre>\n"
        '<p><a href="https://www.rfc-editor.org/rfc/rfc5321" '
        'title="https://www.rfc-editor.org/rfc/rfc5321">RFC 5321</a></p>\n'
        '<p>bad (<span class="outside">javascript:x</span>)</p>\n'
        "</body>\n</html>\n"
    )


def test_a_quote_in_a_url_cannot_leave_the_attribute() -> None:
    markup = render_html(Report("t", (Link("x", 'https://a.example/"onmouseover="alert(1)'),)))
    parsed = Parsed(markup)
    assert {name for name, _ in parsed.attrs} <= ATTRIBUTES
    assert parsed.hrefs == ['https://a.example/"onmouseover="alert(1)']


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=200))
def test_any_outside_text_stays_text(text: str) -> None:
    report = Report(
        ("T ", Outside(text)),
        (
            Verdict(Outside(text), Severity.INFO),
            Paragraph(Outside(text)),
            Rows.of((Outside(text), Outside(text))),
            Table((Outside(text),), ((Outside(text),),)),
            Code((Outside(text),)),
            Bullets((Outside(text),)),
            Link(Outside(text), text),
        ),
    )
    markup = render_html(report)
    parsed = Parsed(markup)
    assert set(parsed.tags) <= TAGS
    assert all(href.startswith(("http://", "https://")) for href in parsed.hrefs)
    assert not any(char in markup for char in BIDI_CONTROLS)
    shown = visible(text).replace("\r", "\u240d")
    assert f"<pre>{escape(shown)}</pre>" in markup
    for line in shown.split("\n"):
        assert line in parsed.joined()
