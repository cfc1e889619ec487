"""Checks that ask DNS: type a target, pick the kind, watch the rows fill in as answers come.

A ``CheckKind`` plans each batch, ``JobController`` runs it off the GUI thread; no packet
before Run."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smtp_gui.core.checks.question import CheckContext
from smtp_gui.core.dns.config import MAX_TIMEOUT, resolver_config
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.errors import InputError
from smtp_gui.core.text.safe_text import shown
from smtp_gui.ui.checks.batch import FIELD_IP, FIELD_LISTS
from smtp_gui.ui.checks.details import CheckDetailsView
from smtp_gui.ui.checks.domain_fields import DomainFields
from smtp_gui.ui.checks.kinds import KINDS, CheckBatch, CheckKind
from smtp_gui.ui.checks.model import CheckResultsModel, RowState
from smtp_gui.ui.checks.saving import BatchReports
from smtp_gui.ui.checks.targeting import Targeting
from smtp_gui.ui.context import AppContext
from smtp_gui.ui.jobs import CLOSE_WAIT_MS, JobController
from smtp_gui.ui.notice_label import NoticeLabel, plain_label
from smtp_gui.ui.pane import PaneBase
from smtp_gui.ui.report_button import ReportButton
from smtp_gui.ui.save_report import SaveReportButton
from smtp_gui.ui.verdict_banner import VerdictBanner

_MAX_TARGET = 320


class ChecksPane(Targeting, BatchReports, PaneBase, QWidget):
    """``checkTarget`` + ``runChecks`` start a batch; ``resultsTable`` fills as answers come;
    ``checkProgress`` counts them; ``cancelChecks`` stops the rest and labels them."""

    check_finished = Signal(bool)  # emitted in the GUI thread; True when cancelled

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._batch: CheckBatch | None = None
        self._batch_kind: CheckKind | None = None
        self._starting = False
        self._summary: Text | None = None
        self._check_context: CheckContext | None = None  # the bounce that asked (show_target)

        self.controller = JobController(self)
        self.kind = QComboBox(objectName="checkKind")
        for kind in KINDS:
            self.kind.addItem("", str(kind.id))
        self.target = QLineEdit(objectName="checkTarget")
        self.target.setMaxLength(_MAX_TARGET)
        self.target.setClearButtonEnabled(True)
        self.run_button = QPushButton(objectName="runChecks")
        self.run_button.setAutoDefault(True)  # Enter presses it once focused (an advice button)
        self.run_button.setDefault(True)
        self.cancel_button = QPushButton(objectName="cancelChecks")
        self.cancel_button.setEnabled(False)
        self.nameservers_label = QLabel()
        self.nameservers = QLineEdit(objectName="checkNameservers")
        self.nameservers.setText(context.settings.nameservers)
        self.timeout_label = QLabel()
        self.timeout = QDoubleSpinBox(objectName="checkTimeout")
        self.timeout.setRange(0.2, MAX_TIMEOUT)
        self.timeout.setSingleStep(0.5)
        self.timeout.setDecimals(1)
        self.timeout.setValue(context.settings.timeout)
        self.options_label = QLabel()
        self.options = QLineEdit(objectName="checkOptions")
        self.nameservers_label.setBuddy(self.nameservers)
        self.timeout_label.setBuddy(self.timeout)
        self.options_label.setBuddy(self.options)
        self.domain_fields = DomainFields()
        self.warning = NoticeLabel(context.lang, name="checkWarning")  # warnings, bad input
        self.progress = QProgressBar(objectName="checkProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("%v / %m")
        self.model = CheckResultsModel(context.lang, self)
        self.table = QTableView(objectName="resultsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(CheckResultsModel.MEANING, QHeaderView.ResizeMode.Stretch)
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self._set_column_widths(KINDS[0])
        self.detail_view = CheckDetailsView()
        self.details = self.detail_view.text  # checkDetails
        self.trace = self.detail_view.trace  # spfTrace
        self.summary = plain_label("checkSummary")
        self.save_button = SaveReportButton(self, mnemonic="o")
        self.verdict = VerdictBanner("checksVerdict")  # the finished batch's answer, on top
        self.copy_button = QPushButton(objectName="copySummary")
        self.copy_button.setEnabled(False)
        self.report_button = ReportButton(self.report_text)  # the domain kind's full report

        first = QHBoxLayout()
        first.addWidget(self.kind)
        first.addWidget(self.target, 1)
        first.addWidget(self.run_button)
        first.addWidget(self.cancel_button)
        second = QHBoxLayout()
        second.addWidget(self.nameservers_label)
        second.addWidget(self.nameservers, 2)
        second.addWidget(self.timeout_label)
        second.addWidget(self.timeout)
        second.addWidget(self.options_label)
        second.addWidget(self.options, 3)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([300, 320])
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.domain_fields)
        layout.addWidget(self.warning)
        layout.addWidget(self.progress)
        layout.addWidget(self.verdict)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.run_button.clicked.connect(self._on_run_clicked)
        self.target.returnPressed.connect(self._on_run_clicked)
        self.target.textChanged.connect(self._drop_stale_results)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.nameservers.editingFinished.connect(self._on_nameservers_edited)
        self.timeout.valueChanged.connect(self._on_timeout_value_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_row_changed)
        self.controller.task_finished.connect(self._on_controller_task_finished)
        self.controller.task_failed.connect(self._on_controller_task_failed)
        self.controller.tasks_cancelled.connect(self._on_controller_tasks_cancelled)
        self.controller.progress_changed.connect(self._on_controller_progress_changed)
        self.controller.batch_finished.connect(self._on_controller_batch_finished)
        context.language.language_changed.connect(self._on_language_changed)
        self.retranslate()
        self._on_nameservers_edited()

    # -- public -----------------------------------------------------------------------------
    @property
    def batch(self) -> CheckBatch | None:
        return self._batch

    @property
    def running(self) -> bool:
        return self.controller.running

    def current_kind(self) -> CheckKind:
        return KINDS[max(0, self.kind.currentIndex())]

    def start_check(self, target: str | None = None) -> bool:
        """Run the chosen kind of check on ``target`` (default: the field); False when the
        input was refused (the reason is shown)."""
        if target is not None:
            self.target.setText(target)
        kind = self.current_kind()
        options = {FIELD_LISTS: self.options.text(), **self.domain_fields.values()}
        try:
            config = resolver_config(self.nameservers.text(), self.timeout.value())
            batch = kind.prepare(self.target.text(), config, options, self._check_context)
        except InputError as exc:
            if not self.running:
                self.clear_results()  # the old rows are not this input's
            self.warning.show_texts((Text(exc.text("en"), exc.text("zh")),), error=True)
            return False
        settings = self._context.settings
        settings.nameservers = self.nameservers.text().strip()
        settings.timeout = self.timeout.value()
        if self._batch is not None:
            self._batch.stop()  # its workers give up between queries
        self._batch = batch
        self._batch_kind = kind
        self._summary = None
        self.model.reset(batch.pending_rows())
        self.model.set_titles(kind.column_titles())
        self._set_column_widths(kind)
        self.detail_view.clear()
        self.warning.show_texts(batch.warnings)
        tasks = batch.tasks()
        self.summary.setText(self.tr("Checks running: %1").replace("%1", str(len(tasks))))
        self.copy_button.setEnabled(False)
        self.report_button.setEnabled(False)
        self.report_button.setVisible(kind.reports)
        self.progress.setRange(0, max(1, len(tasks)))
        self.progress.setValue(0)
        self._starting = True
        try:
            self.controller.start_streaming(tasks)  # an older batch is cancelled, answers dropped
        finally:
            self._starting = False
        self.show_verdict()  # running: no verdict and nothing to save yet
        self.cancel_button.setEnabled(bool(tasks))
        if not tasks:
            self._finish(cancelled=False)
        return True

    def cancel_check(self) -> None:
        if self._batch is not None:
            self._batch.stop()
        self.controller.cancel()

    def shutdown(self, wait_ms: int = CLOSE_WAIT_MS) -> None:
        """The window is closing: stop the workers and wait for them (bounded)."""
        if self._batch is not None:
            self._batch.stop()
        self.controller.shutdown(wait_ms)

    def summary_text(self) -> str:
        return self._summary.get(self._context.lang) if self._summary else ""

    def report_text(self, markdown: bool = False) -> str:
        """The finished batch's full report in the current language ("" if it has none)."""
        if self._batch is None or self.running:
            return ""
        return self._batch.report(self._context.lang, markdown)

    # -- translation ------------------------------------------------------------------------
    def retranslate(self) -> None:
        for index, kind in enumerate(KINDS):
            self.kind.setItemText(index, kind.title())
        kind = self.current_kind()
        self.kind.setAccessibleName(self.tr("Kind of check"))
        self.target.setPlaceholderText(kind.target_hint())
        self.target.setAccessibleName(self.tr("What to check"))
        self.run_button.setText(self.tr("&Run"))
        self.run_button.setAccessibleName(self.tr("Run the checks"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the checks still running"))
        self.nameservers_label.setText(self.tr("&Nameservers:"))
        self.nameservers.setPlaceholderText(
            self.tr("system resolver, or e.g. 192.0.2.53, [::1]:5353")
        )
        self.nameservers.setAccessibleName(self.tr("Nameservers to ask"))
        self.timeout_label.setText(self.tr("&Timeout:"))
        self.timeout.setSuffix(self.tr(" s"))
        self.timeout.setAccessibleName(self.tr("Timeout per query in seconds"))
        self.options_label.setText(self.tr("&Lists:"))
        self.options.setPlaceholderText(kind.options_hint())
        self.options.setAccessibleName(self.tr("Lists to query instead of the shipped ones"))
        self.options_label.setVisible(FIELD_LISTS in kind.fields)
        self.options.setVisible(FIELD_LISTS in kind.fields)
        self.domain_fields.setVisible(FIELD_IP in kind.fields)
        shown = self._batch_kind or kind  # the table keeps the titles of what it shows
        self.model.set_titles(shown.column_titles())
        self.report_button.setVisible(shown.reports)
        self.warning.setAccessibleName(self.tr("Warning"))
        self.progress.setAccessibleName(self.tr("Answers received"))
        self.table.setAccessibleName(self.tr("Check results"))
        self.summary.setAccessibleName(self.tr("Summary"))
        self.copy_button.setText(self.tr("Copy s&ummary"))
        self.copy_button.setAccessibleName(self.tr("Copy the summary line"))

    # -- slots ------------------------------------------------------------------------------
    @Slot()
    def _on_run_clicked(self) -> None:
        self.start_check()

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self.cancel_check()

    @Slot()
    def _on_copy_clicked(self) -> None:
        if self._summary is not None:
            QGuiApplication.clipboard().setText(self.summary_text())

    @Slot(int)
    def _on_kind_changed(self, _index: int) -> None:
        self.retranslate()
        self._on_nameservers_edited()

    @Slot()
    def _on_nameservers_edited(self) -> None:
        """Keep a valid resolver in the settings (the probe's MX lookup asks it too); warn
        before a check when it is a public one (Spamhaus refuses those)."""
        try:
            config = resolver_config(self.nameservers.text(), self.timeout.value())
        except InputError as exc:
            if not self.running:
                self.warning.show_texts((Text(exc.text("en"), exc.text("zh")),), error=True)
            return
        text = self.nameservers.text().strip()
        if self._context.settings.nameservers != text:
            self._context.settings.nameservers = text
        if not self.running:
            self.warning.show_texts(self.current_kind().resolver_warnings(config))

    @Slot(float)
    def _on_timeout_value_changed(self, value: float) -> None:
        self._context.settings.timeout = value

    @Slot(QModelIndex, QModelIndex)
    def _on_table_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_details(current.row() if current.isValid() else -1)

    @Slot(object, object)
    def _on_controller_task_finished(self, key: Hashable, result: object) -> None:
        if self._batch is not None and self.model.row_for(key) is not None:
            self.model.update(self._batch.finished_row(key, result))
            self._refresh_details(key)

    @Slot(object, str)
    def _on_controller_task_failed(self, key: Hashable, error: str) -> None:
        if self._batch is not None and self.model.row_for(key) is not None:
            self.model.update(self._batch.failed_row(key, error))

    @Slot(list)
    def _on_controller_tasks_cancelled(self, keys: list[Hashable]) -> None:
        if self._batch is None:
            return
        for key in keys:
            if self.model.row_for(key) is not None:  # rows of an older batch are gone
                self.model.update(self._batch.cancelled_row(key))

    @Slot(int, int)
    def _on_controller_progress_changed(self, done: int, total: int) -> None:
        if not self._starting:
            self.progress.setRange(0, max(1, total))
            self.progress.setValue(done)

    @Slot(bool)
    def _on_controller_batch_finished(self, cancelled: bool) -> None:
        if not self._starting:  # not the older batch a new one just replaced
            self._finish(cancelled)

    @Slot(str)
    def _on_language_changed(self, lang: str) -> None:
        self.model.set_language(lang)
        if self._summary is not None:
            self.summary.setText(shown(self._summary.get(lang)))
        self.warning.set_language(lang)
        self.show_verdict()
        self._show_details(self.table.currentIndex().row())

    # -- internals --------------------------------------------------------------------------
    def _finish(self, cancelled: bool) -> None:
        self.cancel_button.setEnabled(False)
        if self._batch is not None:
            count = sum(row.status == RowState.CANCELLED for row in self.model.rows())
            self._summary = self._batch.summary(count)
            self.summary.setText(shown(self._summary.get(self._context.lang)))
            self.copy_button.setEnabled(True)
            self.report_button.setEnabled(self._batch_kind is not None and self._batch_kind.reports)
        self.show_verdict()
        self.check_finished.emit(cancelled)

    def _set_column_widths(self, kind: CheckKind) -> None:
        for column, width in enumerate(kind.column_widths()):
            if column != CheckResultsModel.MEANING:  # that one stretches
                self.table.setColumnWidth(column, width)

    def _show_details(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            item = self.model.row(row)
            result = self._batch.result_for(item.key) if self._batch is not None else None
            self.detail_view.show_row(item, result, self._context.lang)
        else:
            self.detail_view.clear()

    def _refresh_details(self, key: Hashable) -> None:
        current = self.table.currentIndex()
        if current.isValid() and self.model.row(current.row()).key == key:
            self._show_details(current.row())
