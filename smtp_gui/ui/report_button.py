"""**Copy report**: a button that copies a full report for a ticket, as plain text on a
click or as Markdown from its menu. What to copy comes from a callable, so the button
knows nothing of checks.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, Slot
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from smtp_gui.ui.retranslating import Retranslating

ReportSource = Callable[[bool], str]  # markdown? -> the report ("" when there is none)


class ReportButton(Retranslating, QToolButton):
    """``copyReport``, with the menu actions ``copyReportText`` and ``copyReportMarkdown``."""

    def __init__(self, source: ReportSource, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="copyReport")
        self._source = source
        self.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.setEnabled(False)
        self.text_action = QAction(self, objectName="copyReportText")
        self.markdown_action = QAction(self, objectName="copyReportMarkdown")
        menu = QMenu(self)
        menu.addAction(self.text_action)
        menu.addAction(self.markdown_action)
        self.setMenu(menu)
        self.clicked.connect(self._on_self_clicked)
        self.text_action.triggered.connect(self._on_text_action_triggered)
        self.markdown_action.triggered.connect(self._on_markdown_action_triggered)
        self.retranslate()

    def copy(self, markdown: bool = False) -> None:
        """Put the report on the clipboard; Markdown also as ``text/markdown``."""
        text = self._source(markdown)
        if not text:
            return
        data = QMimeData()
        data.setText(text)
        if markdown:
            data.setData("text/markdown", text.encode("utf-8"))
        QGuiApplication.clipboard().setMimeData(data)

    def retranslate(self) -> None:
        self.setText(self.tr("Co&py report"))
        self.setAccessibleName(self.tr("Copy the full report for a ticket"))
        self.text_action.setText(self.tr("Copy as plain text"))
        self.markdown_action.setText(self.tr("Copy as Markdown"))

    @Slot()
    def _on_self_clicked(self) -> None:
        self.copy()

    @Slot()
    def _on_text_action_triggered(self) -> None:
        self.copy()

    @Slot()
    def _on_markdown_action_triggered(self) -> None:
        self.copy(markdown=True)
