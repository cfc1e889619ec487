"""A plain-text editor for pastes that hands dropped files to its owner instead of their path."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtWidgets import QPlainTextEdit


class PasteEdit(QPlainTextEdit):
    """A plain-text editor that hands dropped files to the pane instead of their path."""

    file_dropped = Signal(str)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasUrls() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasUrls():
            for url in source.urls():
                if url.isLocalFile():
                    self.file_dropped.emit(url.toLocalFile())
                    return
        super().insertFromMimeData(source)
