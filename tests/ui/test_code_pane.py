"""The code picker, driven through its real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QListView, QTextBrowser

from smtp_gui.core.codes.catalogue import catalogue
from smtp_gui.core.codes.report import explain_report
from smtp_gui.core.report import Report
from smtp_gui.core.report.labels import dash, joined
from smtp_gui.core.report.text import render_text
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.report_view import render_report


def _widgets(window: MainWindow) -> tuple[QLineEdit, QListView, QTextBrowser]:
    search = window.findChild(QLineEdit, "codeSearch")
    listing = window.findChild(QListView, "codeList")
    page = window.findChild(QTextBrowser, "codePage")
    assert search is not None and listing is not None and page is not None
    return search, listing, page


def _selected_codes(listing: QListView) -> list[str]:
    return [i.data(Qt.ItemDataRole.UserRole + 1) for i in listing.selectionModel().selectedRows()]


def test_typing_554_selects_554(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    search, listing, page = _widgets(window)
    window.show_code("")
    assert window.current_pane() is window.code_pane
    qtbot.keyClicks(search, "554")
    assert _selected_codes(listing) == ["554"]
    text = page.toPlainText()
    assert text.startswith("554")
    assert "5xx Permanent Negative" in text


def test_enhanced_and_combined_codes(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    search, listing, page = _widgets(window)
    qtbot.keyClicks(search, "5.7.1")
    assert _selected_codes(listing) == ["X.7.1"]
    assert page.toPlainText().startswith("5.7.1")
    search.clear()
    qtbot.keyClicks(search, "554 5.7.1")
    assert page.toPlainText().startswith("554 5.7.1")
    assert "Security or policy" in page.toPlainText()


def test_words_narrow_the_list(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    search, listing, _page = _widgets(window)
    total = listing.model().rowCount()
    for word in ("relay", "blacklist", "认证", "拒绝"):
        search.clear()
        if word.isascii():
            qtbot.keyClicks(search, word)
        else:  # QTest types ASCII only; Chinese arrives as an input-method commit
            search.insert(word)
        shown = listing.model().rowCount()
        assert 0 < shown < total, word


def test_keyboard_arrows_and_enter(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    search, listing, page = _widgets(window)
    qtbot.keyClicks(search, "55")
    first = _selected_codes(listing)
    qtbot.keyClick(search, Qt.Key.Key_Down)
    second = _selected_codes(listing)
    assert first != second and len(second) == 1
    assert page.toPlainText().startswith(second[0])
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert listing.hasFocus() or QApplication.focusWidget() is listing


def test_unknown_well_formed_code_is_explained(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    search, _listing, page = _widgets(window)
    qtbot.keyClicks(search, "599")
    assert "Not in the catalogue" in page.toPlainText()


def test_markup_in_search_is_shown_literally(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    search, listing, page = _widgets(window)
    hostile = "<b>x</b><img src=y>"
    QApplication.clipboard().setText(hostile)
    search.setFocus()
    search.paste()
    assert search.text() == hostile
    assert listing.model().rowCount() == 0
    assert hostile in page.toPlainText()
    assert "<img" not in page.toHtml().replace("&lt;img", "")


def test_class_filter(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = window.code_pane
    pane.class_filter.setCurrentIndex(pane.class_filter.findData(3))
    codes = [pane.model.entry(r) for r in range(pane.model.rowCount())]
    assert codes and all(3 in e.classes for e in codes)


def _switch(window: MainWindow, lang: str) -> None:
    switch = window.findChild(QComboBox, "languageSwitch")
    assert switch is not None
    switch.setCurrentIndex(switch.findData(lang))
    QApplication.processEvents()


def _rendered(report: Report) -> str:
    document = QTextDocument()
    render_report(report, document)
    return document.toPlainText()


@pytest.mark.parametrize("code", ["554", "554 4.7.1", "599"])
def test_page_and_copy_are_one_report(window: MainWindow, code: str) -> None:
    """The page and the Copy button show the same report, which the CLI prints too."""
    _search, _listing, page = _widgets(window)
    pane = window.code_pane
    exp = catalogue().explain(code)
    for lang in ("en", "zh"):
        _switch(window, lang)
        window.show_code(code)
        report = explain_report(exp, lang)
        assert pane.report == report
        pane.copy_button.click()
        assert QApplication.clipboard().text() == render_text(report)
        shown = page.toPlainText()
        assert shown == _rendered(report)
        assert shown.startswith(f"{exp.code}{dash(lang)}{exp.title.get(lang)}")
        for value in (exp.class_name, exp.category, exp.summary, exp.fix, exp.retry_advice):
            assert value.get(lang) in shown
        assert joined(exp.phase_names(lang), lang) in shown
        for warning in exp.warnings:
            assert warning.text(lang) in shown
    _switch(window, "en")


def test_no_match_page_shows_the_query_as_typed(window: MainWindow) -> None:
    window.show_code("relay \u202ezz")
    pane = window.code_pane
    assert pane.report is None
    text = pane.page.toPlainText()
    assert text.startswith("No code matches") and "relay [U+202E]zz" in text
    QApplication.clipboard().setText("before")
    pane.copy_button.click()
    assert QApplication.clipboard().text() == "before"


def test_typing_a_whole_reply_selects_its_enhanced_row(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    search, listing, page = _widgets(window)
    window.show_code("")
    qtbot.keyClicks(search, "550 5.7.26")
    assert _selected_codes(listing) == ["X.7.26"]
    assert page.toPlainText().startswith("550 5.7.26")


def test_relay_lists_the_common_refusals_first(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    search, listing, _page = _widgets(window)
    window.show_code("")
    qtbot.keyClicks(search, "relay")
    model = listing.model()
    first = [model.index(row, 0).data(Qt.ItemDataRole.UserRole + 1) for row in range(3)]
    assert "554" in first and "550" in first
