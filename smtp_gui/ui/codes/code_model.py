"""List model of catalogue entries for the code picker and the comparison pickers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from smtp_gui.core.codes.catalogue import Entry
from smtp_gui.ui.colours import Tone, class_colour, status_colour

CODE_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class CodeListModel(QAbstractListModel):
    """Entries shown as ``554  Transaction failed`` in the current language."""

    def __init__(self, entries: list[Entry], lang: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries = entries
        self._lang = lang

    def set_entries(self, entries: list[Entry]) -> None:
        if [e.code for e in entries] == [e.code for e in self._entries]:
            return  # same list: keep the selection and skip the view's relayout
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def set_language(self, lang: str) -> None:
        self._lang = lang
        if self._entries:
            self.dataChanged.emit(self.index(0), self.index(len(self._entries) - 1))

    def entry(self, row: int) -> Entry:
        return self._entries[row]

    def row_of(self, code: str) -> int:
        for row, entry in enumerate(self._entries):
            if entry.code == code:
                return row
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{entry.display_code()}   {entry.title.get(self._lang)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.summary.get(self._lang)
        if role == Qt.ItemDataRole.DecorationRole:
            return class_colour(entry.classes[-1]) or status_colour(Tone.MUTED)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{entry.display_code()} {entry.title.get(self._lang)}"
        if role == CODE_ROLE:
            return entry.code
        return None
