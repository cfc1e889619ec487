"""Formatted read-only documents built from plain text, never from HTML.

Every value goes in through ``QTextCursor.insertText``, which never interprets markup, so
catalogue text, pasted text and DNS data alike are shown literally, and through
``shown()``, so that a NUL or a right-to-left override is a visible mark instead of hiding
or reordering text. This is the only way the app formats text; no widget is ever given
HTML, except the tooltips ``plain_tooltip`` escapes.
"""

from __future__ import annotations

from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPalette,
    Qt,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from smtp_gui.core.text.safe_text import shown
from smtp_gui.ui.colours import Tone, status_colour

# A run's colour by name (a Tone value, or "link"), kept on its format so that the
# document can be recoloured when the palette changes (``report_view.recolour``).
COLOUR_PROPERTY = int(QTextFormat.Property.UserProperty) + 1


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally. Qt renders a tooltip as rich text whenever
    it merely looks like HTML (``Qt.mightBeRichText``: a known tag before the first line
    break), so text from outside is escaped into a paragraph of its own."""
    return Qt.convertFromPlainText(shown(text), Qt.WhiteSpaceMode.WhiteSpaceNormal)


class DocumentBuilder:
    """A cleared QTextDocument, its cursor and character formats: what the report view
    (``ui/report_view.py``) writes with."""

    def __init__(
        self, document: QTextDocument | None = None, palette: QPalette | None = None
    ) -> None:
        self.document = document or QTextDocument()
        self.palette = palette if palette is not None else QGuiApplication.palette()
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
        tone: Tone | None = None,
        italic: bool = False,
    ) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        fmt.setFontItalic(italic)
        fmt.setFontPointSize(self._size * scale)
        if tone is not None:
            fmt.setForeground(status_colour(tone, self.palette))
            fmt.setProperty(COLOUR_PROPERTY, tone.value)
        return fmt
