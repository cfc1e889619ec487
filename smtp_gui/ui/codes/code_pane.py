"""The code picker: search as you type, filter by class, read the selected code's page."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from smtp_gui.core.codes.catalogue import catalogue
from smtp_gui.core.codes.confusions import confused_with
from smtp_gui.core.codes.explanation import Explanation
from smtp_gui.core.codes.parse import parse_code
from smtp_gui.core.codes.report import explain_report
from smtp_gui.core.report import Outside, Report
from smtp_gui.core.report.text import render_text
from smtp_gui.core.text.errors import InputError
from smtp_gui.ui.codes.code_model import CodeListModel
from smtp_gui.ui.context import AppContext
from smtp_gui.ui.pane import PaneBase, ReportFacts
from smtp_gui.ui.report_view import render_message, render_report
from smtp_gui.ui.save_report import SaveReportButton

_MAX_QUERY = 200  # longer pastes are cut: no code or word is that long


class CodePane(PaneBase, QWidget):
    """``codeSearch`` narrows ``codeList`` as you type; the page shows every field."""

    compare_requested = Signal(str, str)  # the code shown and a useful second code

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._catalogue = catalogue()
        self._shown: Explanation | None = None
        self._report: Report | None = None  # the page of ``_shown``: view and Copy
        self._last_viewed: str | None = None  # the code shown before ``_shown``

        self.search = QLineEdit(objectName="codeSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(_MAX_QUERY)
        self.class_filter = QComboBox(objectName="classFilter")
        self.model = CodeListModel(list(self._catalogue.entries), context.lang, self)
        self.list = QListView(objectName="codeList")
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.setIconSize(QSize(10, 10))
        self.list.setMinimumWidth(260)
        self.count_label = QLabel(objectName="codeCount")
        self.page = QTextBrowser(objectName="codePage")
        self.page.setOpenLinks(False)
        self.copy_button = QPushButton(objectName="copyCode")
        self.save_button = SaveReportButton(self)
        self.compare_button = QPushButton(objectName="compareCode")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.class_filter)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.count_label)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.page, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.search.installEventFilter(self)
        self.class_filter.currentIndexChanged.connect(self._on_class_filter_changed)
        self.list.selectionModel().currentChanged.connect(self._on_list_current_changed)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.compare_button.clicked.connect(self._on_compare_clicked)
        context.language.language_changed.connect(self._on_language_changed)

        self.retranslate()
        self._refilter()

    # -- public -----------------------------------------------------------------------------
    def show_code(self, code: str) -> None:
        """Put ``code`` in the search field, which selects and shows it."""
        self.class_filter.setCurrentIndex(0)
        self.search.setText(code)

    def second_code(self) -> str:
        """What "Compare…" puts beside the shown code: the code most often confused with
        it, else the code viewed before it; never the same code ("" when there is none)."""
        if self._shown is None:
            return ""
        code = self._shown.code
        for candidate in (confused_with(code), self._last_viewed):
            if candidate and candidate != code:
                return candidate
        return ""

    @property
    def shown(self) -> Explanation | None:
        return self._shown

    @property
    def report(self) -> Report | None:
        """The report the page shows (None while no code is shown)."""
        return self._report

    def current_report(self) -> Report | None:
        return self._report

    def report_facts(self) -> ReportFacts:
        if self._shown is None:
            return ReportFacts()
        return ReportFacts(inputs=((self.tr("Code"), _entry_code(self._shown)),))

    # -- translation ------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            self.tr("Search: 554, 5.7.1, relay, blacklist, 认证, 拒绝 …")
        )
        self.search.setAccessibleName(self.tr("Search reply codes"))
        self.class_filter.setAccessibleName(self.tr("Filter by class"))
        current = max(0, self.class_filter.currentIndex())
        self.class_filter.blockSignals(True)
        self.class_filter.clear()
        # 0, not None: QComboBox.currentData() returning None under-counts None's references
        # in PySide6 6.12 (the interpreter aborts at exit after enough calls).
        self.class_filter.addItem(self.tr("All classes"), 0)
        for cls in (2, 3, 4, 5):
            name = self._catalogue.taxonomy["classes"][str(cls)]["name"][self._context.lang]
            self.class_filter.addItem(f"{cls}xx  {name}", cls)
        self.class_filter.setCurrentIndex(current)
        self.class_filter.blockSignals(False)
        self.list.setAccessibleName(self.tr("Reply codes"))
        self.page.setAccessibleName(self.tr("Code details"))
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setAccessibleName(self.tr("Copy this page as text"))
        self.compare_button.setText(self.tr("Compare…"))
        self.compare_button.setAccessibleName(self.tr("Compare this code with another"))
        self._update_count()

    # -- keyboard: type, arrows, Enter ------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent):
            step = {
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_PageDown: 10,
                Qt.Key.Key_PageUp: -10,
            }.get(Qt.Key(event.key()))
            if event.type() == QEvent.Type.KeyPress and step is not None and self.model.rowCount():
                row = max(0, min(self.model.rowCount() - 1, self.list.currentIndex().row() + step))
                self._select_row(row)
                return True
        return super().eventFilter(watched, event)

    # -- slots ------------------------------------------------------------------------------
    @Slot(str)
    def _on_search_text_changed(self, _text: str) -> None:
        self._refilter()

    @Slot()
    def _on_search_return_pressed(self) -> None:
        if self.model.rowCount() and not self.list.currentIndex().isValid():
            self._select_row(0)
        self.list.setFocus()

    @Slot(int)
    def _on_class_filter_changed(self, _index: int) -> None:
        self._refilter()

    @Slot(QModelIndex, QModelIndex)
    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            entry = self.model.entry(current.row())
            self._show(self._catalogue.explain(entry.display_code()))

    @Slot(str)
    def _on_language_changed(self, lang: str) -> None:
        self.model.set_language(lang)
        self.retranslate()
        if self._shown is not None:
            self._show(self._shown, keep_position=True)

    @Slot()
    def _on_copy_clicked(self) -> None:
        if self._report is not None:
            QGuiApplication.clipboard().setText(render_text(self._report))

    @Slot()
    def _on_compare_clicked(self) -> None:
        if self._shown is not None:
            self.compare_requested.emit(self._shown.code, self.second_code())

    # -- internals --------------------------------------------------------------------------
    def _refilter(self) -> None:
        query = self.search.text()
        cls = int(self.class_filter.currentData() or 0)
        results = self._catalogue.search(query, cls or None)
        self.model.set_entries(results)
        self._update_count()
        exact = self._parse(query)
        if exact is not None:
            row = self.model.row_of(_entry_code(exact))
            if row >= 0:
                self._select_row(row, show=False)
            else:
                self.list.selectionModel().clearSelection()
            self._show(exact)
        elif results:
            current = self.list.currentIndex()
            self._select_row(current.row() if current.isValid() else 0)
        else:
            self._shown = self._report = None
            self.save_button.refresh()
            self.list.selectionModel().clear()
            before, _, after = self.tr(
                "Nothing in the catalogue matches “%1”. Try a number such as 550, "
                "an enhanced code such as 5.7.1, or a word such as relay."
            ).partition("%1")
            render_message(
                self.page.document(),
                self.tr("No code matches"),
                (before, Outside(query.strip()), after),
                self._context.lang,
            )

    def _parse(self, query: str) -> Explanation | None:
        if not query.strip() or not query.strip()[0].isdigit():
            return None
        try:
            parse_code(query)
        except InputError:
            return None
        return self._catalogue.explain(query)

    def _select_row(self, row: int, show: bool = True) -> None:
        index = self.model.index(row)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Current
        )
        if not show:
            self.list.selectionModel().blockSignals(True)
        self.list.selectionModel().setCurrentIndex(index, flags)
        if not show:
            self.list.selectionModel().blockSignals(False)
            self.list.viewport().update()
        self.list.scrollTo(index)

    def _show(self, exp: Explanation, keep_position: bool = False) -> None:
        if self._shown is not None and self._shown.code != exp.code:
            self._last_viewed = self._shown.code
        self._shown = exp
        self._report = explain_report(exp, self._context.lang)
        render_report(self._report, self.page.document())
        self.save_button.refresh()
        if not keep_position:
            self.page.moveCursor(QTextCursor.MoveOperation.Start)

    def _update_count(self) -> None:
        count = str(self.model.rowCount())
        self.count_label.setText(self.tr("Codes shown: %1").replace("%1", count))


def _entry_code(exp: Explanation) -> str:
    """The catalogue key an explanation came from: ``554`` or ``X.7.1``; for ``550 5.7.26``
    the enhanced code's, the more specific of the two, when the catalogue has it."""
    if exp.kind == "enhanced":
        return "X" + exp.code[1:]
    if exp.kind == "combined":
        basic, enhanced = exp.parts
        return _entry_code(enhanced) if enhanced.known else basic.code
    return exp.code
