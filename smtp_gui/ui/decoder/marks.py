"""The mark on the character an input error points at, in the decoder's input box."""

from __future__ import annotations

from PySide6.QtGui import QPalette, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from smtp_gui.core.text.errors import InputError
from smtp_gui.ui.colours import mark_colour


def error_marks(box: QPlainTextEdit, error: InputError) -> list[QTextEdit.ExtraSelection]:
    """Highlight the character ``error`` points at in ``box``, without moving the cursor."""
    position = error.position
    if position is None or position >= len(box.toPlainText()):
        return []
    mark = QTextEdit.ExtraSelection()
    cursor = QTextCursor(box.document())
    cursor.setPosition(position)
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
    mark.cursor = cursor  # type: ignore[misc]
    # Light or dark, the character keeps the box's text colour on a background that keeps
    # it readable.
    palette = box.palette()
    mark.format.setBackground(mark_colour(palette))
    mark.format.setForeground(palette.color(QPalette.ColorRole.Text))
    mark.format.setProperty(QTextFormat.Property.FullWidthSelection, False)
    return [mark]
