"""Table model of check results: one row per list or per record check, whatever the kind.

Rows are ``CheckRow`` values: a name (zone or check), a status, the answer, its meaning,
how long it took and which resolver answered. Text that comes from DNS is only ever
returned as DisplayRole strings, which views paint as plain text.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from smtp_gui.core.text.bilingual import EMPTY, Text
from smtp_gui.core.text.safe_text import shown
from smtp_gui.ui.colours import Tone, status_colour

__all__ = ["CheckResultsModel", "CheckRow", "RowState", "Tone"]

_Index = QModelIndex | QPersistentModelIndex


class RowState(StrEnum):
    """A row's status before or without a check's own one (ListingStatus, Status)."""

    PENDING = "pending"
    CANCELLED = "cancelled"
    FAILED = "error"  # the task raised: a bug, shown raw


@dataclass(frozen=True, slots=True)
class CheckRow:
    """One line of the results table; text in both languages, rendered by the model."""

    key: Hashable
    name: str
    status: StrEnum  # a ListingStatus, a Status, or a RowState (pending, cancelled, ...)
    status_label: Text
    tone: Tone = Tone.PENDING
    answer: str | Text = ""  # Text: rendered in the model's language ("and 3,980 more")
    meaning: Text = EMPTY
    ms: float | None = None
    resolver: str = ""
    title: Text | None = None  # a name in both languages (a check's title), shown instead

    def shown_name(self, lang: str) -> str:
        return self.title.get(lang) if self.title else self.name


class CheckResultsModel(QAbstractTableModel):
    """Name, status, answer, meaning, ms, resolver; rows replaced in place as answers come."""

    NAME, STATUS, ANSWER, MEANING, MS, RESOLVER = range(6)

    def __init__(self, lang: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CheckRow] = []
        self._where: dict[Hashable, int] = {}
        self._lang = lang
        self._titles: tuple[str, ...] | None = None

    # -- content ----------------------------------------------------------------------------
    def reset(self, rows: Sequence[CheckRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._where = {row.key: index for index, row in enumerate(self._rows)}
        self.endResetModel()

    def update(self, row: CheckRow) -> bool:
        """Replace the row with ``row.key``; False when this table has no such row."""
        index = self._where.get(row.key)
        if index is None:
            return False
        self._rows[index] = row
        self.dataChanged.emit(self.index(index, 0), self.index(index, self.RESOLVER))
        return True

    def row(self, index: int) -> CheckRow:
        return self._rows[index]

    def row_for(self, key: Hashable) -> CheckRow | None:
        index = self._where.get(key)
        return None if index is None else self._rows[index]

    def rows(self) -> list[CheckRow]:
        return list(self._rows)

    def set_titles(self, titles: tuple[str, ...] | None) -> None:
        """Column titles of the current kind (None: the generic ones), already translated."""
        self._titles = titles
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.RESOLVER)

    def set_language(self, lang: str) -> None:
        self._lang = lang
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.RESOLVER))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.RESOLVER)

    # -- Qt ---------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def _text(self, row: CheckRow, column: int) -> str:
        if column == self.NAME:
            return row.shown_name(self._lang)
        if column == self.STATUS:
            return row.status_label.get(self._lang)
        if column == self.ANSWER:
            return row.answer.get(self._lang) if isinstance(row.answer, Text) else row.answer
        if column == self.MEANING:
            return " ".join(row.meaning.get(self._lang).split())  # one line in the table
        if column == self.MS:
            return "" if row.ms is None else f"{row.ms:.0f}"
        return row.resolver

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return shown(self._text(row, column))
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return status_colour(row.tone)  # the palette's, read at each paint
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.MS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = self._titles or (
            self.tr("List / check"),
            self.tr("Status"),
            self.tr("Answer"),
            self.tr("Meaning"),
            self.tr("ms"),
            self.tr("Resolver"),
        )
        return titles[section] if 0 <= section < len(titles) else None
