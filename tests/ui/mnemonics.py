"""What a window state offers by Alt+letter: the mnemonics of the tab titles, the menus and
the visible widgets of the pane shown (buttons, and labels with a buddy)."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from smtp_gui.ui.main_window import MainWindow


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' ("&&" is a literal ampersand), lower-cased."""
    index = 0
    while (index := text.find("&", index)) != -1:
        following = text[index + 1 : index + 2]
        if following == "&":
            index += 2
            continue
        return following.lower() or None
    return None


def offered(window: MainWindow) -> list[tuple[str, str]]:
    """(letter, text) for every mnemonic reachable in the window's current state."""
    texts = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    texts += [action.text() for action in window.menuBar().actions()]
    pane = window.current_pane()
    widgets: list[QWidget] = [*pane.findChildren(QAbstractButton), *pane.findChildren(QLabel)]
    for widget in widgets:
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        texts.append(widget.text())
    return [(letter, text) for text in texts if (letter := mnemonic(text))]


def clashes(window: MainWindow) -> dict[str, list[str]]:
    """Each letter offered more than once, with the texts that offer it."""
    pairs = offered(window)
    counts = Counter(letter for letter, _text in pairs)
    return {
        letter: [text for other, text in pairs if other == letter]
        for letter, count in counts.items()
        if count > 1
    }
