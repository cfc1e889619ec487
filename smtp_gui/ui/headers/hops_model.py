"""The Received hops as a table model, oldest first, and a delegate that draws each hop's
delay as a bar to scale (a skewed clock's "delay" in the warning colour, never as a delay).

Every cell is plain model data from the message: nothing is read as rich text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from smtp_gui.core.headers.analysis import HeaderAnalysis
from smtp_gui.core.headers.path import Hop, shown_times
from smtp_gui.core.report.model import Block, Heading, Report
from smtp_gui.core.text.messages import message
from smtp_gui.core.text.safe_text import shown
from smtp_gui.ui.colours import Tone, status_colour

Index = QModelIndex | QPersistentModelIndex
BAR_ROLE = Qt.ItemDataRole.UserRole + 1  # (fraction of the longest delay 0..1, skewed)
DELAY_COLUMN = 7


def _column_titles() -> tuple[str, ...]:
    translate = QCoreApplication.translate
    return (
        translate("HopsModel", "Hop"),
        translate("HopsModel", "From"),
        translate("HopsModel", "By"),
        translate("HopsModel", "IP"),
        translate("HopsModel", "With / TLS"),
        translate("HopsModel", "Local time"),
        translate("HopsModel", "UTC"),
        translate("HopsModel", "Delay"),
    )


class HopsModel(QAbstractTableModel):
    """One row per hop; the entry hop (where the receiver took the message) is marked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hops: tuple[Hop, ...] = ()
        self._entry: int | None = None
        self._longest = 0.0
        self._lang = "en"

    def show(self, analysis: HeaderAnalysis | None, lang: str) -> None:
        self.beginResetModel()
        self._lang = lang
        self._hops = analysis.path.hops if analysis is not None else ()
        entry = analysis.receiver.entry if analysis is not None else None
        self._entry = entry.index if entry is not None else None
        delays = [h.delay_s for h in self._hops if h.delay_s is not None and not _odd(h)]
        self._longest = max([d for d in delays if d > 0], default=0.0)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._hops)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else DELAY_COLUMN + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _column_titles()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hop = self._hops[index.row()]
        column = index.column()
        entry = hop.index == self._entry
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(hop, column, entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0 and entry:
                return QCoreApplication.translate(
                    "HopsModel", "The message entered the receiver here"
                )
            return self._text(hop, column, entry) or None
        if role == Qt.ItemDataRole.FontRole and entry:
            font = QFont()
            font.setBold(True)
            return font
        if role == BAR_ROLE and column == DELAY_COLUMN:
            if hop.delay_s is None:
                return None
            if _odd(hop) or self._longest <= 0:
                return (0.0, _odd(hop))
            return (max(0.0, min(1.0, hop.delay_s / self._longest)), False)
        return None

    def _text(self, hop: Hop, column: int, entry: bool) -> str:
        facts = hop.received
        if column == 0:
            return f"{hop.index} ▶" if entry else str(hop.index)
        if column in (1, 2, 3):
            value = (facts.from_name, facts.by, facts.ip)[column - 1]
            return shown(value) if value else ""
        if column == 4:
            parts = [p for p in (facts.protocol, facts.tls) if p]
            return shown(" / ".join(parts))
        if column in (5, 6):
            return shown_times(facts.time)[column - 5]
        if hop.delay_s is None:
            return ""
        if hop.skew:
            return message("headers.label.skew", seconds=int(-hop.delay_s)).get(self._lang)
        if hop.inflated:
            return message("headers.label.inflated", seconds=int(hop.delay_s)).get(self._lang)
        return message("headers.label.seconds", seconds=int(hop.delay_s)).get(self._lang)


def _odd(hop: Hop) -> bool:
    """The hop's delay is not a delay: a clock behind (negative) or one ahead (inflated)."""
    return hop.skew or hop.inflated


class DelayBarDelegate(QStyledItemDelegate):
    """Draws the delay column as a bar to scale under its text."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        bar = index.data(BAR_ROLE)
        if bar is not None:
            fraction, odd = bar
            rect: QRect = option.rect.adjusted(2, 3, -2, -3)
            palette = option.palette
            painter.save()
            if odd:
                colour = status_colour(Tone.WARN, palette)
                colour.setAlpha(70)
                painter.fillRect(rect, colour)
            elif fraction > 0:
                colour = status_colour(Tone.INFO, palette)
                colour.setAlpha(90)
                width = max(2, int(rect.width() * fraction))
                painter.fillRect(QRect(rect.left(), rect.top(), width, rect.height()), colour)
            painter.restore()
        super().paint(painter, option, index)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> None:  # type: ignore[override]
        return None


def without_path(report: Report) -> Report:
    """The report less its path section: the hops table shows that."""
    path = message("headers.label.path")
    blocks: list[Block] = []
    skipping = False
    for block in report.blocks:
        if isinstance(block, Heading):
            skipping = block.text == path
        if not skipping:
            blocks.append(block)
    return Report(report.title, tuple(blocks), report.lang)
