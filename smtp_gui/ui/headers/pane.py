"""Paste or drop a message's headers (or the message, an mbox, an Outlook .msg); read its path,
its authentication as the receiver judged it, and why; verify it here on request.

``headersInput`` takes text, dropped files and the Open… dialog. The reading is offline
(``core/headers``): ``headersVerdict`` first, ``headersHops`` (the hops, delays to scale),
``headersAuth`` (badges with their source) and ``headersDetails`` (the report). ``runVerify``
re-checks DKIM, ARC, SPF and DMARC alignment over DNS in a worker through ``ui/jobs.py``,
with progress and Cancel; the resolver is the one the checks pane sets. When the paste is a
bounce, ``diagnoseBounce`` offers the Diagnose pane.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from smtp_gui.core.headers.analysis import HeaderAnalysis
from smtp_gui.core.headers.verification import Verification
from smtp_gui.core.headers.verification_report import verified_report
from smtp_gui.core.report import Paragraph, Report
from smtp_gui.core.report.text import render_text
from smtp_gui.core.text.errors import InputError
from smtp_gui.core.text.safe_text import shown
from smtp_gui.ui.context import AppContext
from smtp_gui.ui.elided_label import ElidedLabel
from smtp_gui.ui.headers.auth_badges import AuthBadges
from smtp_gui.ui.headers.hops_model import (
    DELAY_COLUMN,
    DelayBarDelegate,
    HopsModel,
    without_path,
)
from smtp_gui.ui.headers.reading import load_file, read_headers
from smtp_gui.ui.headers.verify_bar import VerifyBar
from smtp_gui.ui.jobs import CLOSE_WAIT_MS, JobController
from smtp_gui.ui.pane import PaneBase, ReportFacts
from smtp_gui.ui.paste_edit import PasteEdit
from smtp_gui.ui.report_view import render_report
from smtp_gui.ui.save_report import SaveReportButton
from smtp_gui.ui.verdict_banner import VerdictBanner, without_verdict

_COLUMN_MAX = 170  # px: a long host name is elided (its tooltip and the report have it whole)
BACKGROUND_THRESHOLD = 200_000  # longer pastes are read in a worker (1 MB takes < 0.1 s)
_DEBOUNCE_MS = 200
_FILES = "*.eml *.msg *.txt *.mbox *.mbx"


class HeadersPane(PaneBase, QWidget):
    """``headersInput`` in; verdict, hops, badges and the report out; Verify on request."""

    diagnosis_requested = Signal(str)  # the paste is a bounce: diagnose it
    analysis_shown = Signal()  # the views show the latest input
    verification_finished = Signal()  # a verification ended (done, failed or cancelled)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._analysis: HeaderAnalysis | None = None
        self._verification: Verification | None = None
        self._error: InputError | None = None
        self._bounce = False
        self._request = 0

        self.input_label = QLabel()
        self.input = PasteEdit(objectName="headersInput")
        self.input.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.input_label.setBuddy(self.input)
        self.open_button = QPushButton(objectName="openHeaders")
        self.clear_button = QPushButton(objectName="clearHeaders")
        self.verify_bar = VerifyBar()
        self.verify_button = self.verify_bar.verify_button
        self.cancel_button = self.verify_bar.cancel_button
        self.progress = self.verify_bar.progress
        self.diagnose_button = QPushButton(objectName="diagnoseBounce")
        self.diagnose_button.hide()
        self.status = ElidedLabel(objectName="headersStatus")
        self.verdict = VerdictBanner("headersVerdict")
        self.hops_model = HopsModel(self)
        self.hops = QTableView(objectName="headersHops")
        self.hops.setModel(self.hops_model)
        self.hops.setItemDelegateForColumn(DELAY_COLUMN, DelayBarDelegate(self.hops))
        self.hops.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hops.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.hops.setTabKeyNavigation(False)
        self.hops.verticalHeader().hide()
        self.hops.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.hops.horizontalHeader().setStretchLastSection(True)
        self.auth = AuthBadges()
        auth_scroll = QScrollArea()
        auth_scroll.setWidgetResizable(True)
        auth_scroll.setWidget(self.auth)
        self.details = QTextBrowser(objectName="headersDetails")
        self.details.setOpenLinks(False)
        self.details.setOpenExternalLinks(False)
        self.copy_button = QPushButton(objectName="copyHeaders")
        self.save_button = SaveReportButton(self)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.input_label)
        top_layout.addWidget(self.input, 1)
        buttons = QHBoxLayout()
        for widget in (self.open_button, self.clear_button, self.verify_bar):
            buttons.addWidget(widget)
        buttons.addWidget(self.diagnose_button)
        buttons.addWidget(self.status, 1)
        top_layout.addLayout(buttons)
        views = QSplitter(Qt.Orientation.Vertical)
        views.addWidget(self.hops)
        views.addWidget(auth_scroll)
        views.setSizes([160, 90])
        result = QSplitter(Qt.Orientation.Horizontal)
        result.addWidget(views)
        result.addWidget(self.details)
        result.setSizes([600, 400])
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.verdict)
        bottom_layout.addWidget(result, 1)
        copy_row = QHBoxLayout()
        copy_row.addStretch(1)
        copy_row.addWidget(self.copy_button)
        copy_row.addWidget(self.save_button)
        bottom_layout.addLayout(copy_row)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([150, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)

        self._timer = QTimer(self, singleShot=True, interval=_DEBOUNCE_MS)
        self._reader = JobController(self, max_threads=1)  # large pastes
        self.input.textChanged.connect(self._on_input_text_changed)
        self.input.file_dropped.connect(self._on_input_file_dropped)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._reader.task_finished.connect(self._on_reader_task_finished)
        self.verify_bar.verified.connect(self._on_verify_bar_verified)
        self.verify_bar.failed.connect(self._on_verify_bar_failed)
        self.verify_bar.ended.connect(self._on_verify_bar_ended)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.verify_button.clicked.connect(self._on_verify_clicked)
        self.diagnose_button.clicked.connect(self._on_diagnose_clicked)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        context.language.language_changed.connect(self._on_language_changed)
        self.retranslate()
        self._render()

    # -- public -----------------------------------------------------------------------------
    @property
    def analysis(self) -> HeaderAnalysis | None:
        return self._analysis

    @property
    def verification(self) -> Verification | None:
        return self._verification

    def set_text(self, text: str) -> None:
        """Put ``text`` in ``headersInput`` and read it now."""
        self.input.setPlainText(text)
        self.analyse_now()

    def analyse_now(self) -> None:
        self._timer.stop()
        text = self.input.toPlainText()
        if not text.strip():
            self._request += 1
            self._reader.cancel()
            self._show(None)
            return
        self._start(text, "input")

    def open_file(self, path: str) -> bool:
        """Show and read a .eml, .msg, .txt or mbox file; False when it cannot be read."""
        try:
            data, text = load_file(path)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            self.status.setText(
                shown(self.tr("Cannot read %1: %2").replace("%1", path).replace("%2", reason))
            )
            return False
        self._timer.stop()
        self.input.blockSignals(True)
        self.input.setPlainText(text)
        self.input.blockSignals(False)
        self._start(data, Path(path).name)
        return True

    def verify(self) -> bool:
        """Start the verification of what is shown; False when there is nothing to verify or
        the resolver settings are wrong (the status line says which)."""
        if self._analysis is None:
            return False
        try:
            config = self._context.settings.resolver_config()
        except InputError as error:
            self.status.setText(error.text(self._context.lang))
            return False
        self._verification = None
        self.status.setText(self.tr("Verifying over DNS (%1)…").replace("%1", config.describe()))
        self.verify_bar.start(self._analysis, config)
        return True

    def report(self) -> str:
        """The report as plain text, as copied ("" before there is one)."""
        shown_report = self.current_report()
        return render_text(shown_report) if shown_report is not None else ""

    def current_report(self) -> Report | None:
        if self._analysis is None:
            return None
        return verified_report(self._analysis, self._verification, self._context.lang)

    def report_facts(self) -> ReportFacts:
        resolver = self._verification.resolver if self._verification is not None else ""
        return ReportFacts(resolver, ((self.tr("Input"), self.input.toPlainText()),))

    def shutdown(self, wait_ms: int = CLOSE_WAIT_MS) -> None:
        self._reader.shutdown(wait_ms // 2)
        self.verify_bar.shutdown(wait_ms // 2)

    # -- translation ------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.input_label.setText(
            self.tr("&Paste a message's headers (or the whole message), or drop a file:")
        )
        self.input.setPlaceholderText(
            self.tr(
                "Received: from …\nAuthentication-Results: …\n\nor an .eml, .msg (Outlook), "
                "mbox or .txt file"
            )
        )
        self.input.setAccessibleName(self.tr("Message headers to read"))
        self.open_button.setText(self.tr("&Open…"))
        self.open_button.setAccessibleName(self.tr("Open an .eml, .msg, mbox or text file"))
        self.clear_button.setText(self.tr("C&lear"))
        self.clear_button.setAccessibleName(self.tr("Clear the input"))
        self.diagnose_button.setText(self.tr("Diag&nose this bounce"))
        self.diagnose_button.setAccessibleName(self.tr("Open this bounce in the Diagnose pane"))
        self.hops.setAccessibleName(self.tr("Received hops, oldest first"))
        self.auth.setAccessibleName(self.tr("Authentication results and their source"))
        self.details.setAccessibleName(self.tr("Header report"))
        self.copy_button.setText(self.tr("Cop&y report"))
        self.copy_button.setAccessibleName(self.tr("Copy the header report as text"))

    # -- slots ------------------------------------------------------------------------------
    @Slot()
    def _on_input_text_changed(self) -> None:
        self._timer.start()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.analyse_now()

    @Slot(str)
    def _on_input_file_dropped(self, path: str) -> None:
        self.open_file(path)

    @Slot(object, object)
    def _on_reader_task_finished(self, key: object, result: object) -> None:
        if key == self._request and isinstance(result, tuple):
            self._apply(*result)

    @Slot(object)
    def _on_verify_bar_verified(self, result: object) -> None:
        if isinstance(result, Verification) and self._analysis is not None:
            self._verification = result
            self._render()
            self.status.setText(self.tr("Verified over DNS (%1).").replace("%1", result.resolver))

    @Slot()
    def _on_verify_bar_failed(self) -> None:
        self.status.setText(self.tr("The verification failed unexpectedly."))

    @Slot(bool)
    def _on_verify_bar_ended(self, cancelled: bool) -> None:
        self.verify_bar.set_ready(self._analysis is not None)
        if cancelled:
            self.status.setText(self.tr("Verification cancelled."))
        self.verification_finished.emit()

    @Slot()
    def _on_open_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a message"),
            "",
            self.tr("Messages (%1);;All files (*)").replace("%1", _FILES),
        )
        if path:
            self.open_file(path)

    @Slot()
    def _on_clear_clicked(self) -> None:
        self._request += 1
        self._reader.cancel()
        self.verify_bar.cancel()
        self.input.clear()
        self._show(None)

    @Slot()
    def _on_verify_clicked(self) -> None:
        self.verify()

    @Slot()
    def _on_diagnose_clicked(self) -> None:
        self.diagnosis_requested.emit(self.input.toPlainText())

    @Slot()
    def _on_copy_clicked(self) -> None:
        text = self.report()
        if text:
            QGuiApplication.clipboard().setText(text)

    @Slot(str)
    def _on_language_changed(self, _lang: str) -> None:
        self._render()

    # -- internals --------------------------------------------------------------------------
    def _start(self, data: str | bytes, name: str) -> None:
        self._request += 1
        self.verify_bar.cancel()
        if len(data) > BACKGROUND_THRESHOLD:
            self.status.setText(self.tr("Reading…"))
            self._reader.start([(self._request, partial(read_headers, data, name))])
            return
        self._reader.cancel()
        self._apply(*read_headers(data, name))

    def _apply(self, found: HeaderAnalysis | InputError, bounce: bool) -> None:
        self._bounce = bounce
        if isinstance(found, InputError):
            self._show(None, found)
        else:
            self._show(found)

    def _show(self, analysis: HeaderAnalysis | None, error: InputError | None = None) -> None:
        self._analysis = analysis
        self._verification = None
        self._error = error
        if analysis is None and error is None:
            self._bounce = False
        self._render()
        self.status.clear()
        self.analysis_shown.emit()

    def _render(self) -> None:
        lang = self._context.lang
        if self._error is not None:
            shown_report = Report(
                self.tr("Cannot read these headers"), (Paragraph(self._error.text(lang)),), lang
            )
        elif self._analysis is None:
            text = self.tr(
                "Paste a message's headers above (Received, Authentication-Results, From …), "
                "or drop an .eml, .msg, mbox or .txt file onto it. Nothing is sent anywhere "
                "until you press Verify."
            )
            shown_report = Report(self.tr("No headers yet"), (Paragraph(text),), lang)
        else:
            shown_report = verified_report(self._analysis, self._verification, lang)
        self.verdict.show_report(shown_report if self._analysis is not None else None)
        render_report(without_path(without_verdict(shown_report)), self.details.document())
        self.details.moveCursor(QTextCursor.MoveOperation.Start)
        self.hops_model.show(self._analysis, lang)
        self.hops.resizeColumnsToContents()
        for column in range(self.hops_model.columnCount()):
            self.hops.setColumnWidth(column, min(self.hops.columnWidth(column), _COLUMN_MAX))
        self.auth.show_results(self._analysis, self._verification)
        has = self._analysis is not None
        self.verify_bar.set_ready(has)
        self.copy_button.setEnabled(has)
        self.diagnose_button.setVisible(self._bounce)
        self.save_button.refresh()
