"""The comparison pane: two pickers, the view, swap and copy."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QComboBox, QTextBrowser

from smtp_gui.core.codes.compare import compare
from smtp_gui.core.codes.report import compare_report
from smtp_gui.core.report import Report
from smtp_gui.core.report.markdown import render_markdown
from smtp_gui.core.report.text import render_text
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.report_view import render_report


def _widgets(window: MainWindow) -> tuple[QComboBox, QComboBox, QTextBrowser]:
    left = window.findChild(QComboBox, "compareLeft")
    right = window.findChild(QComboBox, "compareRight")
    view = window.findChild(QTextBrowser, "compareView")
    assert left is not None and right is not None and view is not None
    return left, right, view


def test_opens_on_334_vs_554(window: MainWindow) -> None:
    _left, _right, view = _widgets(window)
    window.tabs.setCurrentWidget(window.compare_pane.parentWidget())
    assert window.current_pane() is window.compare_pane
    text = view.toPlainText()
    assert "3xx Positive Intermediate" in text and "5xx Permanent Negative" in text
    assert text.splitlines()[1] == "334 is a normal step of logging in; 554 is a refusal."
    assert "Which one am I looking at?" in text and "When each applies" not in text


def test_setting_both_pickers_updates_the_view(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    left, right, view = _widgets(window)
    left.setEditText("")
    qtbot.keyClicks(left.lineEdit(), "421")
    right.setEditText("")
    qtbot.keyClicks(right.lineEdit(), "5.7.1")
    text = view.toPlainText()
    assert "421" in text and "5.7.1" in text
    assert "4xx Transient Negative" in text and "5xx Permanent Negative" in text
    assert "421 is a temporary refusal that is retried later; 5.7.1 is a refusal." in text


def test_swap_and_copy(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = window.compare_pane
    assert pane.codes() == ("334", "554")
    qtbot.mouseClick(pane.swap_button, Qt.MouseButton.LeftButton)
    assert pane.codes() == ("554", "334")
    pane.copy_markdown_button.click()
    markdown = QApplication.clipboard().text()
    assert markdown.startswith("# 554 \u27f7 334") and "| --- | --- | --- |" in markdown
    pane.copy_text_button.click()
    assert "Which one am I looking at?" in QApplication.clipboard().text()


def test_bad_code_says_what_is_wrong(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    left, _right, view = _widgets(window)
    window.tabs.setCurrentWidget(window.compare_pane.parentWidget())
    left.setEditText("<b>x</b><img src=y>")
    hint = window.compare_pane.hint
    assert hint.isVisibleTo(window) and "<b>x</b><img" in hint.text()
    assert hint.textFormat() is Qt.TextFormat.PlainText
    assert "554 is a refusal" in view.toPlainText()  # the last comparison stays


def test_choice_is_remembered(window: MainWindow, settings) -> None:  # type: ignore[no-untyped-def]
    left, right, _view = _widgets(window)
    left.setEditText("535")
    right.setEditText("530")
    assert settings.compare_codes == ("535", "530")


def _rendered(report: Report) -> str:
    document = QTextDocument()
    render_report(report, document)
    return document.toPlainText()


def _switch(window: MainWindow, lang: str) -> None:
    switch = window.findChild(QComboBox, "languageSwitch")
    assert switch is not None
    switch.setCurrentIndex(switch.findData(lang))
    QApplication.processEvents()


@pytest.mark.parametrize(("a", "b"), [("334", "554"), ("554 4.7.1", "421"), ("599", "599")])
def test_view_and_both_copies_are_one_report(window: MainWindow, a: str, b: str) -> None:
    """The view, Copy as text and Copy as Markdown render one report, as the CLI does."""
    pane = window.compare_pane
    _left, _right, view = _widgets(window)
    window.show_comparison(a, b)
    comp = compare(a, b)
    for lang in ("en", "zh"):
        _switch(window, lang)
        report = compare_report(comp, lang)
        assert pane.report == report
        pane.copy_text_button.click()
        assert QApplication.clipboard().text() == render_text(report)
        pane.copy_markdown_button.click()
        assert QApplication.clipboard().text() == render_markdown(report)
        shown = view.toPlainText()
        assert shown == _rendered(report)
        assert shown.startswith(f"{comp.a.code} \u27f7 {comp.b.code}")
        for point in (comp.lead, *comp.key_points):
            assert point.get(lang).splitlines()[0] in shown
        for exp in (comp.a, comp.b):
            for value in (exp.title, exp.class_name, exp.category, exp.summary, exp.fix):
                assert value.get(lang).splitlines()[0] in shown
            for warning in exp.warnings:
                assert warning.text(lang) in shown
    _switch(window, "en")


def test_copy_while_a_code_is_bad_copies_the_comparison_shown(window: MainWindow) -> None:
    pane = window.compare_pane
    pane.left.setEditText("abc")  # the last comparison (334 / 554) stays on screen
    assert pane.report is not None and pane.comparison is not None
    QApplication.clipboard().setText("before")
    pane.copy_text_button.click()
    copied = QApplication.clipboard().text()
    assert copied.startswith("334") and "554" in copied and "abc" not in copied
