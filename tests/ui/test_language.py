"""Switching the language retranslates the open window, labels and catalogue text alike."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QComboBox, QTextBrowser

from smtp_gui.ui.main_window import MainWindow


def _switch(window: MainWindow, lang: str) -> None:
    """Pick the language in the switch and let Qt deliver its LanguageChange events."""
    switch = window.findChild(QComboBox, "languageSwitch")
    assert switch is not None
    switch.setCurrentIndex(switch.findData(lang))
    QApplication.processEvents()


def test_switch_to_chinese_and_back(window: MainWindow, settings) -> None:  # type: ignore[no-untyped-def]
    view = window.findChild(QTextBrowser, "compareView")
    assert view is not None
    english_view = view.toPlainText()
    compare_tab = window.tabs.indexOf(window.compare_pane.parentWidget())
    assert window.tabs.tabText(compare_tab) == "Co&mpare"
    _switch(window, "zh")
    assert window.tabs.tabText(compare_tab) != "Co&mpare"
    assert "比较" in window.tabs.tabText(compare_tab)
    assert window.compare_pane.copy_text_button.text() != "Copy as text"
    chinese_view = view.toPlainText()
    assert "永久失败" in chinese_view and "主要区别" in chinese_view
    assert chinese_view != english_view
    assert settings.language == "zh"
    _switch(window, "en")
    assert window.tabs.tabText(compare_tab) == "Co&mpare"
    assert view.toPlainText() == english_view


def test_code_page_follows_language(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.show_code("535")
    page = window.findChild(QTextBrowser, "codePage")
    assert page is not None
    english = page.toPlainText()
    _switch(window, "zh")
    chinese = page.toPlainText()
    assert chinese != english and "永久失败" in chinese
    assert "How to fix" in english and "如何修复" in chinese


def test_every_interactive_widget_is_named(window: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit

    for kind in (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit):
        for widget in window.findChildren(kind):
            if widget.parent() is not None and widget.parent().inherits("QComboBox"):
                continue  # a combo box's own popup view and line edit
            if not widget.isVisibleTo(window) and not widget.objectName():
                continue
            if widget.objectName().startswith("qt_"):
                continue
            assert widget.objectName(), widget
            assert widget.accessibleName(), widget.objectName()
