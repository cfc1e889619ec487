"""The probe's transcript as a list model: one row per swaks-style line, secrets always masked.

Rows are plain model data (never rich text), so whatever a server sends is shown literally;
each row is the probe report's own line (``core.probe.report.transcript_line``).
Reply lines carry their code (``CODE_ROLE``) for the link to the catalogue.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QFontDatabase

from smtp_gui.core.probe.model import Direction, ProbeStep, TranscriptLine
from smtp_gui.core.probe.report import transcript_line
from smtp_gui.core.report.runs import plain
from smtp_gui.ui.colours import Tone, class_colour, status_colour

CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # "550 5.1.1" on reply lines, else None
STEP_ROLE = Qt.ItemDataRole.UserRole + 2  # the index of the step a line belongs to

Index = QModelIndex | QPersistentModelIndex


class TranscriptModel(QAbstractListModel):
    """Lines appended step by step as the probe streams them."""

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[TranscriptLine] = []
        self._lang = lang
        self._font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

    # -- content ----------------------------------------------------------------------------
    def clear(self) -> None:
        self.beginResetModel()
        self._lines.clear()
        self.endResetModel()

    def append_step(self, step: ProbeStep) -> None:
        if not step.lines:
            return
        first = len(self._lines)
        self.beginInsertRows(QModelIndex(), first, first + len(step.lines) - 1)
        self._lines.extend(step.lines)
        self.endInsertRows()

    def set_language(self, lang: str) -> None:
        """Info and error lines are the app's own words: render them in ``lang``."""
        self._lang = lang
        if self._lines:
            self.dataChanged.emit(self.index(0), self.index(len(self._lines) - 1))

    def line(self, row: int) -> TranscriptLine:
        return self._lines[row]

    # -- QAbstractListModel -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # Never revealed: the GUI shows secrets masked, always.
            return plain(transcript_line(line, self._lang), self._lang)
        if role == Qt.ItemDataRole.FontRole:
            return self._font
        if role == Qt.ItemDataRole.ForegroundRole:
            return _brush(line)
        if role == Qt.ItemDataRole.ToolTipRole and line.code:
            text = QCoreApplication.translate(
                "TranscriptModel", "Double-click to read %1 in the catalogue"
            )
            return text.replace("%1", line.code)
        if role == CODE_ROLE:
            return line.code
        if role == STEP_ROLE:
            return line.step
        return None


def _brush(line: TranscriptLine) -> QBrush | None:
    """The line's colour in the palette in use (read at each paint, so it follows a switch
    to dark): errors red, our notes muted, replies by their class."""
    if line.direction == Direction.ERROR:
        return QBrush(status_colour(Tone.BAD))
    if line.direction == Direction.INFO:
        return QBrush(status_colour(Tone.MUTED))
    if line.direction == Direction.RECEIVED and line.code:
        colour = class_colour(int(line.code[0]))
        return QBrush(colour) if colour is not None else None
    return None
