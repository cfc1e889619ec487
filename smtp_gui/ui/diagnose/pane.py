"""Paste anything (a bounce, an NDR, a DSN, a transcript) or drop a file; read the diagnosis.

``pasteInput`` takes text, dropped ``.eml``/``.txt`` files and the Open… dialog; the result
is the diagnosis's report (``core/diagnose/report.py``), shown in ``diagnosisView`` and copied
as text by ``copyDiagnosis``. Each next step that another pane can act on becomes a button
(``advice_buttons.py``); the pane asks for the navigation through its signals and the main
window does it. Pastes larger than ``BACKGROUND_THRESHOLD`` are diagnosed off the GUI
thread through ``ui/jobs.py``. Delisting pages come from the project's data, never from a
link in the paste.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from smtp_gui.core.report import Paragraph, Report
from smtp_gui.core.report.text import render_text
from smtp_gui.core.text.errors import InputError
from smtp_gui.core.text.safe_text import shown
from smtp_gui.ui.context import AppContext
from smtp_gui.ui.diagnose.advice_buttons import AdviceButtons, bounce_context
from smtp_gui.ui.diagnose.headers_offer import offers_headers
from smtp_gui.ui.elided_label import ElidedLabel
from smtp_gui.ui.jobs import CLOSE_WAIT_MS, JobController
from smtp_gui.ui.pane import PaneBase, ReportFacts
from smtp_gui.ui.paste_edit import PasteEdit
from smtp_gui.ui.report_view import render_report
from smtp_gui.ui.save_report import SaveReportButton
from smtp_gui.ui.verdict_banner import VerdictBanner, without_verdict

if TYPE_CHECKING:  # the diagnosis is loaded with its first use, not at start-up
    from smtp_gui.core.diagnose.diagnosis import Diagnosis

log = logging.getLogger(__name__)

BACKGROUND_THRESHOLD = 200_000  # longer pastes are diagnosed in a worker (1 MB: about 0.2 s)
_DEBOUNCE_MS = 200
_MAX_SHOWN = 1_000_000  # characters of a dropped file shown in the editor


def _report(diagnosis: Diagnosis, lang: str) -> Report:
    from smtp_gui.core.diagnose.report import report

    return report(diagnosis, lang)


def _diagnose_safely(data: str | bytes) -> Diagnosis | InputError:
    """Run in a worker: bad input comes back as a value, like every expected outcome."""
    from smtp_gui.core.diagnose.analyse import diagnose

    try:
        return diagnose(data)
    except InputError as error:
        return error


class DiagnosePane(PaneBase, QWidget):
    """``pasteInput`` in, ``diagnosisView`` and the advice buttons out."""

    code_requested = Signal(str)  # explain this code in the catalogue
    comparison_requested = Signal(str, str)  # compare these two codes
    decode_requested = Signal(str)  # decode this AUTH exchange
    checks_requested = Signal(str, str, object)  # target, the checks kind, a CheckContext
    headers_requested = Signal(str)  # the paste is a message's headers: read them there
    diagnosis_shown = Signal()  # the view shows the latest input (emitted in the GUI thread)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._diagnosis: Diagnosis | None = None
        self._error: InputError | None = None
        self._request = 0

        self.input_label = QLabel()
        self.input = PasteEdit(objectName="pasteInput")
        self.input.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.input.setAcceptDrops(True)
        self.input_label.setBuddy(self.input)
        self.open_button = QPushButton(objectName="openBounce")
        self.paste_button = QPushButton(objectName="pasteClipboard")
        self.clear_button = QPushButton(objectName="clearPaste")
        # A long summary must not widen the window: the label takes what space is left and
        # ends in "…" (not mid-word), the whole summary in its tooltip.
        self.status = ElidedLabel(objectName="diagnoseStatus")
        self.view = QTextBrowser(objectName="diagnosisView")
        self.view.setOpenLinks(False)
        self.view.setOpenExternalLinks(False)
        self.copy_button = QPushButton(objectName="copyDiagnosis")
        self.save_button = SaveReportButton(self)
        self.verdict = VerdictBanner("diagnosisVerdict")  # the answer, above the details
        self.advice_label = QLabel()
        # A message's headers that are no bounce belong to the Headers pane.
        self.headers_button = QPushButton(objectName="analyzeHeaders")
        self.headers_button.hide()
        self.advice_box = AdviceButtons()
        advice_scroll = QScrollArea()
        advice_scroll.setWidgetResizable(True)
        advice_scroll.setWidget(self.advice_box)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.input_label)
        top_layout.addWidget(self.input, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.paste_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.status, 1)
        top_layout.addLayout(buttons)
        result = QWidget()
        result_layout = QVBoxLayout(result)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.addWidget(self.verdict)
        result_layout.addWidget(self.view, 1)
        copy_row = QHBoxLayout()
        copy_row.addStretch(1)
        copy_row.addWidget(self.copy_button)
        copy_row.addWidget(self.save_button)
        result_layout.addLayout(copy_row)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.advice_label)
        side_layout.addWidget(self.headers_button)
        side_layout.addWidget(advice_scroll, 1)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(result)
        bottom.addWidget(side)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 1)
        bottom.setSizes([720, 340])
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([230, 470])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_DEBOUNCE_MS)
        self._jobs = JobController(self, max_threads=1)

        self.input.textChanged.connect(self._on_input_text_changed)
        self.input.file_dropped.connect(self._on_input_file_dropped)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._jobs.task_finished.connect(self._on_jobs_task_finished)
        self._jobs.task_failed.connect(self._on_jobs_task_failed)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.paste_button.clicked.connect(self._on_paste_clicked)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.headers_button.clicked.connect(self._on_headers_clicked)
        self.advice_box.code_requested.connect(self.code_requested)
        self.advice_box.comparison_requested.connect(self.comparison_requested)
        self.advice_box.decode_requested.connect(self.decode_requested)
        self.advice_box.checks_requested.connect(self.checks_requested)
        context.language.language_changed.connect(self._on_language_changed)
        self.retranslate()
        self._render()

    # -- public -----------------------------------------------------------------------------
    @property
    def diagnosis(self) -> Diagnosis | None:
        return self._diagnosis

    @property
    def advice_buttons(self) -> list[QPushButton]:
        return self.advice_box.buttons

    def set_text(self, text: str) -> None:
        """Put ``text`` in ``pasteInput`` and diagnose it now."""
        self.input.setPlainText(text)
        self.diagnose_now()

    def diagnose_now(self) -> None:
        """Diagnose the input now instead of after the typing pause."""
        self._timer.stop()
        text = self.input.toPlainText()
        if not text.strip():
            self._request += 1
            self._jobs.cancel()
            self._show(None)
            return
        self._start(text)

    def open_file(self, path: str) -> bool:
        """Show and diagnose a ``.eml`` or text file; False when it cannot be read."""
        from smtp_gui.core.diagnose.analyse import MAX_INPUT, decode_bytes

        try:
            with Path(path).open("rb") as handle:
                data = handle.read(MAX_INPUT + 1)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            self.status.setText(
                shown(self.tr("Cannot read %1: %2").replace("%1", path).replace("%2", reason))
            )
            return False
        text = decode_bytes(data[: _MAX_SHOWN * 4])[:_MAX_SHOWN]
        self._timer.stop()
        self.input.blockSignals(True)
        self.input.setPlainText(text)
        self.input.blockSignals(False)
        self._start(data)
        return True

    def report(self) -> str:
        """The diagnosis as plain text, as copied: the text rendering of the report the view
        shows ("" before there is a diagnosis)."""
        if self._diagnosis is None:
            return ""
        return render_text(_report(self._diagnosis, self._context.lang))

    def current_report(self) -> Report | None:
        """The diagnosis's report for Save report (None before there is a diagnosis)."""
        if self._diagnosis is None:
            return None
        return _report(self._diagnosis, self._context.lang)

    def report_facts(self) -> ReportFacts:
        """The pasted text (or what was read from the file) is the input."""
        return ReportFacts(inputs=((self.tr("Input"), self.input.toPlainText()),))

    def clear(self) -> None:
        self._request += 1
        self._jobs.cancel()
        self._timer.stop()
        self.input.clear()
        self._show(None)

    def shutdown(self, wait_ms: int = CLOSE_WAIT_MS) -> None:
        """Called by the main window when it closes."""
        self._jobs.shutdown(wait_ms)

    # -- translation ------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.input_label.setText(
            self.tr("&Paste a bounce, an NDR, a DSN or an SMTP transcript, or drop a file:")
        )
        self.input.setPlaceholderText(
            self.tr(
                "550-5.7.26 This mail is unauthenticated…\n\nor a whole .eml, a Postfix or "
                "Exim bounce, a Microsoft 365 NDR, or S:/C: lines"
            )
        )
        self.input.setAccessibleName(self.tr("Bounce or transcript to diagnose"))
        self.open_button.setText(self.tr("&Open…"))
        self.open_button.setAccessibleName(self.tr("Open an .eml or text file"))
        self.paste_button.setText(self.tr("Paste"))
        self.paste_button.setAccessibleName(self.tr("Paste from the clipboard"))
        self.clear_button.setText(self.tr("C&lear"))
        self.clear_button.setAccessibleName(self.tr("Clear the input"))
        self.view.setAccessibleName(self.tr("Diagnosis"))
        self.copy_button.setText(self.tr("Copy diagnosis"))
        self.copy_button.setAccessibleName(self.tr("Copy the diagnosis as text"))
        self.advice_label.setText(self.tr("Next steps:"))
        self.headers_button.setText(self.tr("Analy&ze headers"))
        self.headers_button.setAccessibleName(
            self.tr("Read these message headers in the Message headers pane")
        )

    # -- slots ------------------------------------------------------------------------------
    @Slot()
    def _on_input_text_changed(self) -> None:
        self._timer.start()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.diagnose_now()

    @Slot(str)
    def _on_input_file_dropped(self, path: str) -> None:
        self.open_file(path)

    @Slot(object, object)
    def _on_jobs_task_finished(self, key: object, result: object) -> None:
        if key != self._request:
            return
        if isinstance(result, InputError):
            self._show(None, result)
        elif result is not None:  # a Diagnosis (_diagnose_safely returns nothing else)
            self._show(result)  # type: ignore[arg-type]

    @Slot(object, str)
    def _on_jobs_task_failed(self, key: object, _message: str) -> None:
        if key == self._request:
            self._failed(None)

    @Slot()
    def _on_open_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a bounce"),
            "",
            self.tr("Messages and text (*.eml *.txt *.log *.html *.htm);;All files (*)"),
        )
        if path:
            self.open_file(path)

    @Slot()
    def _on_paste_clicked(self) -> None:
        self.set_text(QGuiApplication.clipboard().text())

    @Slot()
    def _on_clear_clicked(self) -> None:
        self.clear()

    @Slot()
    def _on_copy_clicked(self) -> None:
        report = self.report()
        if report:
            QGuiApplication.clipboard().setText(report)

    @Slot()
    def _on_headers_clicked(self) -> None:
        self.headers_requested.emit(self.input.toPlainText())

    @Slot(str)
    def _on_language_changed(self, _lang: str) -> None:
        self._render()

    # -- internals --------------------------------------------------------------------------
    def _start(self, data: str | bytes) -> None:
        self._request += 1
        if len(data) > BACKGROUND_THRESHOLD:
            self.status.setText(self.tr("Diagnosing…"))
            self._jobs.start([(self._request, partial(_diagnose_safely, data))])
            return
        self._jobs.cancel()
        try:
            result = _diagnose_safely(data)
        except Exception as exc:  # noqa: BLE001 - a bug: said as a failed worker says it
            self._failed(exc)
            return
        if isinstance(result, InputError):
            self._show(None, result)
        else:
            self._show(result)

    def _failed(self, error: Exception | None) -> None:
        """A bug, not bad input: say so; the details could quote the paste, so they are not
        shown (the log gets the exception's type only)."""
        if error is not None:
            log.debug("diagnosis failed: %s", type(error).__name__)
        self._show(None)
        self.status.setText(self.tr("The diagnosis failed unexpectedly."))

    def _show(self, diagnosis: Diagnosis | None, error: InputError | None = None) -> None:
        self._diagnosis = diagnosis
        self._error = error
        self._render()
        self.diagnosis_shown.emit()

    def _render(self) -> None:
        lang = self._context.lang
        diagnosis = self._diagnosis
        if self._error is not None:
            shown_report = Report(
                self.tr("Cannot diagnose this"), (Paragraph(self._error.text(lang)),), lang
            )
        elif diagnosis is None:
            text = self.tr(
                "Paste a bounce message, a delivery status notification (Status:, "
                "Diagnostic-Code:), a Microsoft 365 or Exchange NDR, or an SMTP "
                "transcript above, or drop an .eml file onto it."
            )
            shown_report = Report(self.tr("Nothing to diagnose yet"), (Paragraph(text),), lang)
        else:
            shown_report = _report(diagnosis, lang)
        # The verdict is said once, in the banner; the status line has nothing left to say.
        self.verdict.show_report(shown_report if diagnosis is not None else None)
        render_report(without_verdict(shown_report), self.view.document())
        self.view.moveCursor(QTextCursor.MoveOperation.Start)
        self.copy_button.setEnabled(diagnosis is not None)
        self.save_button.refresh()
        self.status.clear()
        advice = diagnosis.advice if diagnosis is not None else ()
        self.headers_button.setVisible(offers_headers(diagnosis, self.input.toPlainText()))
        self.advice_box.show_advice(advice, lang, bounce_context(diagnosis))
