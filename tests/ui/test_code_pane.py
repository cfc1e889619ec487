"""The code picker, driven through its real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QListView, QTextBrowser

from smtp_gui.ui.main_window import MainWindow


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
