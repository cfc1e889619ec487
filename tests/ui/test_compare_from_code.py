""" "Compare…" from a code page picks a useful second code and focuses the second picker;
a half-typed code keeps the last comparison on screen with a hint."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from smtp_gui.core.codes.confusions import confused_with
from smtp_gui.ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton


def _compare_from(window: MainWindow, qtbot, code: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    window.show_code(code)
    qtbot.mouseClick(window.code_pane.compare_button, LEFT)
    assert window.current_pane() is window.compare_pane
    return window.compare_pane.codes()


def test_the_code_most_often_confused_with_it(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    for code, other in (("334", "535"), ("554", "550"), ("421", "450"), ("5.7.1", "5.7.26")):
        assert _compare_from(window, qtbot, code) == (code, other)
        assert "Cannot compare" not in window.compare_pane.view.toPlainText()
        assert QApplication.focusWidget() is window.compare_pane.right
        assert window.compare_pane.right.lineEdit().selectedText().startswith(other)


def test_else_the_code_viewed_before_never_the_same(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert confused_with("503") is None and confused_with("501") is None
    window.show_code("501")
    assert _compare_from(window, qtbot, "503") == ("503", "501")
    # The same code viewed again is not "another" code: the earlier one is kept.
    window.show_code("503")
    left, right = _compare_from(window, qtbot, "503")
    assert left == "503" and right == "501"


def test_a_half_typed_code_keeps_the_comparison_with_a_hint(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _compare_from(window, qtbot, "334")
    pane = window.compare_pane
    shown = pane.view.toPlainText()
    assert "334" in shown and "535" in shown and not pane.hint.isVisibleTo(window)
    qtbot.keyClicks(pane.right.lineEdit(), "55")  # replaces the selected second code
    assert pane.right.currentText() == "55"
    assert pane.view.toPlainText() == shown and pane.report is not None
    assert pane.hint.isVisibleTo(window)
    assert pane.hint.text().startswith("Type a whole code, e.g. 554 or 5.7.1")
    window.language_switch.setCurrentIndex(window.language_switch.findData("zh"))
    QApplication.processEvents()  # Qt posts the LanguageChange events
    assert pane.hint.text().startswith("请输入完整的代码")
    assert "334" in pane.view.toPlainText() and "Cannot compare" not in pane.view.toPlainText()
    qtbot.keyClicks(pane.right.lineEdit(), "4")
    assert pane.codes() == ("334", "554") and not pane.hint.isVisibleTo(window)
