"""The SPF row's trace as a tree: core's trace rows (``core.spf.trace_rows``), one item each,
an include's or redirect's terms as its children.

The columns, their titles and every cell come from core, the same rows the text and
Markdown reports show as a table; this view only nests them by depth, colours the outcome
and lets the user fold an include. Each cell is set as item text, which Qt paints as plain
text, after ``shown()`` in core's ``plain()``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from smtp_gui.core.checks.status import CheckResult
from smtp_gui.core.report.model import Inline
from smtp_gui.core.report.runs import plain, runs
from smtp_gui.core.spf.trace_rows import TraceRow, spf_rows, trace_columns
from smtp_gui.ui.colours import SEVERITY_TONES, Tone, status_colour
from smtp_gui.ui.document import plain_tooltip
from smtp_gui.ui.retranslating import Retranslating

TERM, LOOKUPS, RESULT, LOOKED_UP = range(4)


def _severity_colour(inline: Inline, lang: str, palette: QPalette) -> QColor | None:
    for run in runs(inline, lang):
        if run.severity is not None:
            return status_colour(SEVERITY_TONES[run.severity], palette)
    return None


class SpfTraceView(Retranslating, QTreeWidget):
    """``spfTrace``: shows the SPF row of a domain check; empty for any other result."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="spfTrace")
        self.setColumnCount(4)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QTreeWidget.SelectionBehavior.SelectRows)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((TERM, 230), (LOOKUPS, 100), (RESULT, 115)):
            self.setColumnWidth(column, width)
        self._lang = "en"
        self._result: CheckResult | None = None
        self.retranslate()

    # -- content ----------------------------------------------------------------------------
    @staticmethod
    def applies_to(result: object) -> bool:
        return isinstance(result, CheckResult) and bool(spf_rows(result))

    def show_result(self, result: CheckResult, lang: str) -> None:
        """Fill the tree from the SPF row's trace rows."""
        self.clear()
        self._lang = lang
        self._result = result
        self._set_titles()
        parents: list[QTreeWidgetItem] = []  # the last item at each depth
        for row in spf_rows(result):
            del parents[row.depth :]
            item = QTreeWidgetItem(parents[-1]) if parents else QTreeWidgetItem(self)
            self._fill(item, row, lang)
            parents.append(item)
        self.expandAll()
        for column, widest in ((TERM, 320), (LOOKUPS, 140), (RESULT, 170)):
            self.resizeColumnToContents(column)
            self.setColumnWidth(column, min(widest, self.columnWidth(column) + 8))

    def _fill(self, item: QTreeWidgetItem, row: TraceRow, lang: str) -> None:
        palette = self.palette()
        for column, cell in enumerate(row.cells()):
            item.setText(column, plain(cell, lang))
        item.setToolTip(LOOKED_UP, plain_tooltip(item.text(LOOKED_UP)))
        if row.note:
            item.setFirstColumnSpanned(True)
            colour = _severity_colour(row.term, lang, palette)
            if colour is not None:
                item.setForeground(TERM, colour)
        elif row.dimmed:
            item.setForeground(RESULT, status_colour(Tone.MUTED, palette))
        else:
            colour = _severity_colour(row.outcome, lang, palette)
            if colour is not None:
                item.setForeground(RESULT, colour)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Light to dark or back: fill again in the new palette's colours."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._result is not None:
            self.show_result(self._result, self._lang)

    # -- translation ------------------------------------------------------------------------
    def _set_titles(self) -> None:
        self.setHeaderLabels([title.get(self._lang) for title in trace_columns()])

    def retranslate(self) -> None:
        self._set_titles()
        self.setAccessibleName(self.tr("SPF evaluation trace"))
