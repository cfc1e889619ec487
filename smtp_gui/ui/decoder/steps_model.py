"""The decoder's table of steps (``decoderSteps``) and the big answer above it
(``decoderAnswer``).

The rows are ``core.sasl.steps.step_lines``: the same list the report's table and
``smtp-gui decode`` print. Every cell is plain text (an item view's display role is never
rich text), the table is read-only, and Tab leaves it (arrow keys move inside).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from smtp_gui.core.sasl.steps import StepLine, step_header

_Index = QModelIndex | QPersistentModelIndex
_COLUMNS = 5
_FIT_ROWS = 300


class StepsModel(QAbstractTableModel):
    """Step, who, raw, decoded, meaning: one row per ``StepLine``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: tuple[StepLine, ...] = ()
        self._lang = "en"

    def set_lines(self, lines: tuple[StepLine, ...], lang: str) -> None:
        self.beginResetModel()
        self._lines, self._lang = lines, lang
        self.endResetModel()

    def lines(self) -> tuple[StepLine, ...]:
        return self._lines

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else _COLUMNS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        line = self._lines[index.row()]
        return cell_text(line, index.column(), self._lang)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < _COLUMNS:
            return step_header(self._lang)[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # never editable


def cell_text(line: StepLine, column: int, lang: str) -> str:
    """The text of one cell, as the table shows it."""
    if column == 0:
        return line.number
    if column == 1:
        return line.who_text(lang)
    return (line.raw, line.decoded, line.meaning)[column - 2]


class StepsView(QTableView):
    """A table whose Raw and Decoded columns take a fixed share of its width, so that the
    Meaning column (the one people read) keeps the rest at any window size."""

    RAW_SHARE, DECODED_SHARE = 0.24, 0.2

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        width = self.viewport().width()
        header = self.horizontalHeader()
        header.resizeSection(2, max(60, int(width * self.RAW_SHARE)))
        header.resizeSection(3, max(60, int(width * self.DECODED_SHARE)))
        if self.model() is not None and self.model().rowCount() <= _FIT_ROWS:
            self.resizeRowsToContents()


def steps_view(model: StepsModel) -> QTableView:
    """The read-only, keyboard-navigable table over ``model``."""
    view = StepsView(objectName="decoderSteps")
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setTabKeyNavigation(False)  # Tab moves on to the next control
    view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    for column in (0, 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

    def fit_rows() -> None:
        # Rows as tall as their wrapped meaning; a pasted day of logs keeps one line per row
        # and fixed columns (measuring 10,000 rows would stall the window).
        small = model.rowCount() <= _FIT_ROWS
        mode = QHeaderView.ResizeMode.ResizeToContents if small else QHeaderView.ResizeMode.Fixed
        for column in (0, 1):
            header.setSectionResizeMode(column, mode)
        if small:
            view.resizeRowsToContents()

    model.modelReset.connect(fit_rows)
    return view


def answer_label() -> QLabel:
    """The decoded value of a single pasted line, in large type (plain text: it is the paste)."""
    label = QLabel(objectName="decoderAnswer")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 2 if font.pointSizeF() > 0 else 20)
    font.setBold(True)
    label.setFont(font)
    label.hide()
    return label


def answer_text(lines: tuple[StepLine, ...]) -> str:
    """The big answer: the decoded value when the paste is one line that decodes to something
    ("334 VXNlcm5hbWU6" -> "Username:"); otherwise ""."""
    if len(lines) == 1 and lines[0].first == lines[0].last and lines[0].decoded:
        return lines[0].decoded
    return ""
