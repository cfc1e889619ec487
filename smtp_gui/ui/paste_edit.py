"""A plain-text editor for pastes that hands dropped files to its owner instead of their path.

Tab moves the focus on, as in every other field: a paste box that swallowed Tab would be a
dead end for the keyboard. A pasted tab still arrives, and nobody types one into a bounce.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class PasteEdit(QPlainTextEdit):
    """A plain-text editor that hands dropped files to the pane instead of their path."""

    file_dropped = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, objectName: str = "") -> None:  # noqa: N803 - Qt's name
        super().__init__(parent, objectName=objectName)
        self.setTabChangesFocus(True)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasUrls() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasUrls():
            for url in source.urls():
                if url.isLocalFile():
                    self.file_dropped.emit(url.toLocalFile())
                    return
        super().insertFromMimeData(source)
