"""Formatted read-only documents built from plain text, never from HTML.

Every value goes in through ``QTextCursor.insertText``, which never interprets markup, so
catalogue text, pasted text and DNS data alike are shown literally, and through
``shown()``, so that a NUL or a right-to-left override is a visible mark instead of hiding
or reordering text. This is the only way the app formats text; no widget is ever given
HTML, except the tooltips ``plain_tooltip`` escapes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import (
    QColor,
    QFont,
    Qt,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextTableFormat,
)

from smtp_gui.core.text.safe_text import shown

CLASS_COLOURS = {2: "#1b7f3b", 3: "#1f5fae", 4: "#a86400", 5: "#b3261e"}


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally. Qt renders a tooltip as rich text whenever
    it merely looks like HTML (``Qt.mightBeRichText``: a known tag before the first line
    break), so text from outside is escaped into a paragraph of its own."""
    return Qt.convertFromPlainText(shown(text), Qt.WhiteSpaceMode.WhiteSpaceNormal)


class DocumentBuilder:
    """Appends headings, paragraphs and tables to a QTextDocument."""

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

    def _block(self, top: float = 0.0, bottom: float = 4.0) -> None:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(top)
        fmt.setBottomMargin(bottom)
        if self._first:
            self.cursor.setBlockFormat(fmt)
            self._first = False
        else:
            self.cursor.insertBlock(fmt)

    def title(self, text: str, colour: str | None = None) -> None:
        self._block(bottom=6)
        self.cursor.insertText(shown(text), self._char(bold=True, scale=1.5, colour=colour))

    def heading(self, text: str) -> None:
        self._block(top=10, bottom=2)
        self.cursor.insertText(shown(text), self._char(bold=True, scale=1.1))

    def paragraph(self, text: str, *, italic: bool = False, colour: str | None = None) -> None:
        self._block()
        self.cursor.insertText(shown(text), self._char(italic=italic, colour=colour))

    def label_value(self, label: str, value: str, colour: str | None = None) -> None:
        self._block(bottom=2)
        self.cursor.insertText(shown(f"{label}: "), self._char(bold=True))
        self.cursor.insertText(shown(value), self._char(colour=colour))

    def bullets(self, items: Sequence[str]) -> None:
        for item in items:
            self._block(bottom=2)
            self.cursor.insertText(shown(f"•  {item}"), self._char())

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        header_colours: Sequence[str | None] = (),
    ) -> None:
        """A table with a bold header row and a bold first column."""
        self._block(top=6)
        fmt = QTextTableFormat()
        fmt.setBorder(1)
        fmt.setBorderBrush(QColor("#c8c8c8"))
        fmt.setBorderCollapse(True)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setCellPadding(5)
        fmt.setCellSpacing(0)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        columns = len(header)
        rest = QTextLength(QTextLength.Type.PercentageLength, 82 / max(1, columns - 1))
        widths = [QTextLength(QTextLength.Type.PercentageLength, 18)] + [rest] * (columns - 1)
        fmt.setColumnWidthConstraints(widths)
        table = self.cursor.insertTable(len(rows) + 1, columns, fmt)
        for column, text in enumerate(header):
            colour = header_colours[column] if column < len(header_colours) else None
            table.cellAt(0, column).firstCursorPosition().insertText(
                shown(text), self._char(bold=True, colour=colour)
            )
        for row_index, row in enumerate(rows, start=1):
            for column, text in enumerate(row):
                table.cellAt(row_index, column).firstCursorPosition().insertText(
                    shown(text), self._char(bold=column == 0)
                )
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
