"""The Markdown renderer's output read back by a CommonMark parser (Qt's md4c, GitHub
dialect): outside text comes out literally, as text, and links only to our own targets or
to an http(s) URL that is the very text shown."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextDocument

from smtp_gui.core.report import Bullets, Outside, Paragraph, Report, Rows, Table
from smtp_gui.core.report.markdown import render_markdown
from smtp_gui.core.report.runs import visible
from tests.report_fixture import FORGED, HOSTILE, WEB_LINKS, hostile_report


def parsed(markdown: str) -> QTextDocument:
    document = QTextDocument()
    document.setMarkdown(markdown)
    return document


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_outside_text_reads_back_literally(qapp: object, lang: str) -> None:
    document = parsed(render_markdown(hostile_report(lang)))
    text = document.toPlainText()
    for hostile in HOSTILE:
        if hostile is not FORGED:
            assert visible(hostile).replace("\r", "\u240d") in text
    lines = text.splitlines()
    for line in ("- forged line", "# forged heading", "indented"):
        assert line in lines  # each line of FORGED kept, as text
    markup = document.toHtml()
    assert "<img" not in markup and "<script" not in markup
    assert markup.count("<h1") == 1  # "# forged heading" is no heading
    hrefs = re.findall(r'href="([^"]*)"', markup)
    assert len(set(hrefs)) == WEB_LINKS - 1  # two links share the delisting URL
    assert all(href.startswith("https://") for href in hrefs)


@settings(deadline=None, max_examples=60)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
@example("see https://evil.example/x and WWW.evil.example or [a](http://b)")
def test_any_outside_text_reads_back_as_text(qapp: object, text: str) -> None:
    text = text.replace("\r", "")  # a carriage return is shown as ␍: tested elsewhere
    report = Report(
        "T",
        (
            Paragraph(("Said: ", Outside(text))),
            Bullets((Outside(text),)),
            Rows.of(("Label", Outside(text))),
            Table(("Zone",), ((Outside(text),),)),
        ),
    )
    document = parsed(render_markdown(report))
    markup = document.toHtml()
    assert "<img" not in markup
    # A URL in outside text is a link only to itself, and only for http(s).
    anchors = re.findall(r'<a href="([^"]*)"><span[^>]*>([^<]*)</span></a>', markup)
    for href, shown_text in anchors:
        assert html.unescape(href) == html.unescape(shown_text)
        assert href.lower().startswith(("http://", "https://"))
    assert markup.count("href=") == len(anchors)
    words = visible(text).split()
    plain = " ".join(document.toPlainText().split())
    assert " ".join(words) in plain
