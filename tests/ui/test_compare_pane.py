"""The comparison pane: two pickers, the view, swap and copy."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QTextBrowser

from smtp_gui.ui.main_window import MainWindow


def _widgets(window: MainWindow) -> tuple[QComboBox, QComboBox, QTextBrowser]:
    left = window.findChild(QComboBox, "compareLeft")
    right = window.findChild(QComboBox, "compareRight")
    view = window.findChild(QTextBrowser, "compareView")
    assert left is not None and right is not None and view is not None
    return left, right, view


def test_opens_on_334_vs_554(window: MainWindow) -> None:
    _left, _right, view = _widgets(window)
    assert window.current_pane() is window.compare_pane
    text = view.toPlainText()
    assert "3xx Positive Intermediate" in text and "5xx Permanent Negative" in text
    assert "Key difference" in text and "When each applies" in text


def test_setting_both_pickers_updates_the_view(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    left, right, view = _widgets(window)
    left.setEditText("")
    qtbot.keyClicks(left.lineEdit(), "421")
    right.setEditText("")
    qtbot.keyClicks(right.lineEdit(), "5.7.1")
    text = view.toPlainText()
    assert "421" in text and "5.7.1" in text
    assert "4xx Transient Negative" in text and "5xx Permanent Negative" in text
    assert "Key difference" in text


def test_swap_and_copy(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = window.compare_pane
    assert pane.codes() == ("334", "554")
    qtbot.mouseClick(pane.swap_button, Qt.MouseButton.LeftButton)
    assert pane.codes() == ("554", "334")
    pane.copy_markdown_button.click()
    markdown = QApplication.clipboard().text()
    assert markdown.startswith("### 554 vs 334") and "|---|---|---|" in markdown
    pane.copy_text_button.click()
    assert "Key difference" in QApplication.clipboard().text()


def test_bad_code_says_what_is_wrong(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    left, _right, view = _widgets(window)
    left.setEditText("<b>x</b><img src=y>")
    text = view.toPlainText()
    assert "Cannot compare" in text and "<b>x</b><img" in text


def test_choice_is_remembered(window: MainWindow, settings) -> None:  # type: ignore[no-untyped-def]
    left, right, _view = _widgets(window)
    left.setEditText("535")
    right.setEditText("530")
    assert settings.compare_codes == ("535", "530")
