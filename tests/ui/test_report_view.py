"""The Qt renderer of the report model: a real QTextBrowser shows outside text literally,
links only for http(s), in both languages."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFontDatabase, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from smtp_gui.core.report import Bullets, Code, Outside, Paragraph, Report, Rows, Severity, Table
from smtp_gui.core.report.runs import visible
from smtp_gui.core.text.safe_text import BIDI_CONTROLS
from smtp_gui.ui.colours import severity_colour
from smtp_gui.ui.document import plain_tooltip
from smtp_gui.ui.report_view import render_report
from tests.report_fixture import (
    CONTROLS,
    FORGED,
    HOSTILE,
    MARKUP,
    WEB_LINKS,
    WEB_URL,
    hostile_report,
)


def fragments(document: QTextDocument) -> list[tuple[str, QTextCharFormat]]:
    """Every run of text in ``document`` (table cells included) with its format."""
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                found.append((fragment.text(), fragment.charFormat()))
            it += 1
        block = block.next()
    return found


@pytest.fixture
def browser(qtbot) -> QTextBrowser:  # type: ignore[no-untyped-def]
    view = QTextBrowser()
    view.setOpenExternalLinks(True)
    qtbot.addWidget(view)
    return view


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_window_shows_outside_text_literally(browser: QTextBrowser, lang: str) -> None:
    render_report(hostile_report(lang), browser.document())
    text = browser.toPlainText()
    for hostile in HOSTILE:
        for line in visible(hostile).replace("\r", "\u240d").split("\n"):
            assert line in text
    assert MARKUP in text and "<a href=javascript:alert(1)>click</a>" in text
    assert not any(char in text for char in BIDI_CONTROLS) and "\x1b" not in text
    markup = browser.toHtml()
    assert "<img" not in markup and "<script" not in markup
    hrefs = re.findall(r'href="([^"]*)"', markup)
    assert hrefs and all(href.startswith("https://") for href in hrefs)
    assert "javascript:alert(1)" in text and "file:///etc/passwd" in text  # as text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_links_are_anchors_with_their_url_as_tooltip(browser: QTextBrowser, lang: str) -> None:
    render_report(hostile_report(lang), browser.document())
    anchors = [(text, fmt) for text, fmt in fragments(browser.document()) if fmt.isAnchor()]
    assert len(anchors) == WEB_LINKS
    for _text, fmt in anchors:
        assert fmt.anchorHref().startswith("https://")
        assert fmt.toolTip() == plain_tooltip(fmt.anchorHref())
    assert WEB_URL in {fmt.anchorHref() for _text, fmt in anchors}


def test_outside_text_is_monospace_and_severities_have_colours(browser: QTextBrowser) -> None:
    render_report(hostile_report("en"), browser.document())
    runs = fragments(browser.document())
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).families()
    label = next(i for i, (text, _fmt) in enumerate(runs) if text == "Reply: ")
    ours, (value, outside) = runs[label][1], runs[label + 1]
    assert value == MARKUP
    assert outside.fontFamilies() == fixed
    assert ours.fontFamilies() != fixed and ours.fontWeight() > outside.fontWeight()
    verdict = next(fmt for text, fmt in runs if text == "\u2716 Refused: ")
    assert verdict.foreground().color() == severity_colour(Severity.ERROR)
    no = next(fmt for text, fmt in runs if text == "no")
    assert no.foreground().color() == severity_colour(Severity.ERROR)
    assert any(text.startswith(visible(CONTROLS)[:10]) for text, _ in runs)


def test_chinese_labels_take_the_full_width_colon(browser: QTextBrowser) -> None:
    render_report(hostile_report("zh"), browser.document())
    text = browser.toPlainText()
    for label in ("回复：", "服务器原文：", "长值：", "有效："):
        assert label in text
    assert re.search(r"\([^()\n]*[\u4e00-\u9fff][^()\n]*\)", text) is None
    assert "本地文件（file:///etc/passwd）" in text


def test_outside_line_breaks_stay_in_their_paragraph(browser: QTextBrowser) -> None:
    render_report(
        Report("T", (Rows.of(("Text", Outside(FORGED))), Paragraph("after"))), browser.document()
    )
    document = browser.document()
    assert document.blockCount() == 3  # title, the row (its lines kept together), after
    assert browser.toPlainText().split("\n")[1:3] == ["Text: ok", "- forged line"]


def test_rendering_again_replaces_the_document(browser: QTextBrowser) -> None:
    render_report(hostile_report("en"), browser.document())
    render_report(Report("Only this", (Paragraph("p"),)), browser.document())
    assert browser.toPlainText() == "Only this\np"


@settings(deadline=None, max_examples=60)
@given(st.text(max_size=120))
def test_any_outside_text_is_shown_as_text(qapp: object, text: str) -> None:
    document = QTextDocument()
    report = Report(
        ("T ", Outside(text)),
        (
            Paragraph(("Said: ", Outside(text))),
            Bullets((Outside(text),)),
            Table((Outside(text),), ((Outside(text),),)),
            Code((Outside(text),)),
        ),
    )
    render_report(report, document)
    shown = visible(text).replace("\r", "\u240d")
    plain = document.toPlainText()
    for line in re.split("[\n\u2028\u2029]", shown):
        assert line.replace("\xa0", " ") in plain
    assert "<img" not in document.toHtml() and "href" not in document.toHtml()


def test_a_megabyte_renders_in_reasonable_time(qapp: object) -> None:
    report = hostile_report("zh")
    big = Report("big", report.blocks * 40, "zh")
    document = QTextDocument()
    start = time.perf_counter()
    render_report(big, document)
    elapsed = time.perf_counter() - start
    assert document.characterCount() > 1_000_000
    assert elapsed < 5.0, elapsed  # generous: a shared two-core machine
