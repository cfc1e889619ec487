"""A label for warnings and refused input, kept in both languages and shown in the current
one; plain text only (an error may quote what the user typed)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.safe_text import shown
from smtp_gui.ui.colours import Tone, set_tone


def plain_label(name: str) -> QLabel:
    """A word-wrapped, selectable plain-text label (it may quote what the user typed)."""
    label = QLabel(objectName=name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class NoticeLabel(QLabel):
    """Hidden while there is nothing to say."""

    def __init__(self, lang: str, parent: QWidget | None = None, *, name: str = "") -> None:
        super().__init__(parent, objectName=name)
        self._lang = lang
        self._texts: tuple[Text, ...] = ()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_texts(self, texts: Sequence[Text], *, error: bool = False) -> None:
        """Show ``texts`` (empty: hide), in the colour of a warning or of an error."""
        self._texts = tuple(texts)
        set_tone(self, Tone.BAD if error else Tone.WARN)
        self._render()

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self._render()

    def _render(self) -> None:
        text = shown("\n".join(t.get(self._lang) for t in self._texts))
        self.setText(text)
        self.setVisible(bool(text))
