"""Formatted read-only documents built from plain text, never from HTML.

Every value goes in through ``QTextCursor.insertText``, which never interprets markup, so
catalogue text, pasted text and DNS data alike are shown literally, and through
``shown()``, so that a NUL or a right-to-left override is a visible mark instead of hiding
or reordering text. This is the only way the app formats text; no widget is ever given
HTML, except the tooltips ``plain_tooltip`` escapes.
"""

from __future__ import annotations

from PySide6.QtGui import (
    QColor,
    QFont,
    Qt,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from smtp_gui.core.text.safe_text import shown

CLASS_COLOURS = {2: "#1b7f3b", 3: "#1f5fae", 4: "#a86400", 5: "#b3261e"}


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally. Qt renders a tooltip as rich text whenever
    it merely looks like HTML (``Qt.mightBeRichText``: a known tag before the first line
    break), so text from outside is escaped into a paragraph of its own."""
    return Qt.convertFromPlainText(shown(text), Qt.WhiteSpaceMode.WhiteSpaceNormal)


class DocumentBuilder:
    """A cleared QTextDocument, its cursor and character formats: what the report view
    (``ui/report_view.py``) writes with."""

    def __init__(self, document: QTextDocument | None = None) -> None:
        self.document = document or QTextDocument()
        self.document.clear()
        self.cursor = QTextCursor(self.document)
        self._first = True
        base = self.document.defaultFont()
        self._size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0

    def _char(
        self,
        *,
        bold: bool = False,
        scale: float = 1.0,
        colour: str | None = None,
        italic: bool = False,
    ) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        fmt.setFontItalic(italic)
        fmt.setFontPointSize(self._size * scale)
        if colour:
            fmt.setForeground(QColor(colour))
        return fmt

