"""The AUTH workbench: paste a 334 line or a whole exchange, read each step, secrets hidden.

The answer comes first: the verdict banner (``decoderVerdict``), the decoded value of a
single pasted line in large type (``decoderAnswer``) and the steps as a table
(``decoderSteps``, ``steps_model.py``: greeting and EHLO in one row, each AUTH step its own).
Below, the exchange's report (``core.sasl.report``) as plain text, rendered by
``core.report.text`` as ``smtp-gui decode`` prints it (``setPlainText``): a payload such as
``<b>x</b>`` appears literally. Passwords, tokens and proofs are masked until
``revealSecrets`` is ticked; the copied report is always masked; nothing pasted or decoded
is written to the settings. Large pastes are decoded off the GUI thread via ``ui/jobs.py``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from smtp_gui.core.report.model import Report
from smtp_gui.core.sasl.decode import cram_md5_parts
from smtp_gui.core.sasl.model import Exchange
from smtp_gui.core.sasl.report import report as sasl_report
from smtp_gui.core.text.base64text import named_controls
from smtp_gui.core.text.safe_text import shown
from smtp_gui.ui.colours import follow_palette, look_like_a_link
from smtp_gui.ui.context import AppContext
from smtp_gui.ui.decoder.cram import CramRow
from smtp_gui.ui.decoder.encoder_pane import AuthEncoderPane
from smtp_gui.ui.decoder.marks import error_marks
from smtp_gui.ui.decoder.outcome import (
    BACKGROUND_THRESHOLD,
    INLINE_STEPS,
    DecodeOutcome,
    copy_text,
    decode,
    has_content,
    in_worker,
    mechanism_text,
    rerender,
)
from smtp_gui.ui.decoder.steps_model import StepsModel, answer_label, answer_text, steps_view
from smtp_gui.ui.jobs import CLOSE_WAIT_MS, JobController
from smtp_gui.ui.pane import PaneBase
from smtp_gui.ui.save_report import SaveReportButton
from smtp_gui.ui.verdict_banner import VerdictBanner

log = logging.getLogger(__name__)

_DEBOUNCE_MS = 150


class DecoderPane(PaneBase, QWidget):
    """``decoderInput`` in, ``decoderOutput`` out; ``revealSecrets`` unmasks secrets."""

    code_requested = Signal(str)  # the final reply's code, to show in the catalogue
    output_updated = Signal()  # the output shows the latest input (emitted in the GUI thread)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._outcome: DecodeOutcome | None = None
        self._request = 0

        self.input_label = QLabel()
        self.input = QPlainTextEdit(objectName="decoderInput")
        self.input.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.input.setTabChangesFocus(True)  # Tab leads on; a pasted tab still arrives
        self.input_label.setBuddy(self.input)
        self.reveal = QCheckBox(objectName="revealSecrets")
        self.clear_button = QPushButton(objectName="decoderClear")
        self.mechanism_label = QLabel(objectName="decoderMechanism")
        self.mechanism_label.setTextFormat(Qt.TextFormat.PlainText)
        self.final_button = QPushButton(objectName="decoderFinalReply")
        self.final_button.setFlat(True)
        # Looks like a link, acts as a button: no rich text needed for the code it shows.
        look_like_a_link(self.final_button)
        self.final_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.final_button.hide()
        self.verdict = VerdictBanner("decoderVerdict")  # the answer, above the details
        self.status = QLabel(objectName="decoderStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.copy_button = QPushButton(objectName="copyDecoderReport")
        self.copy_button.setAutoDefault(True)  # Enter copies once focused (an advice button)
        self.save_button = SaveReportButton(self, mnemonic="o")
        self.answer = answer_label()
        self.steps_model = StepsModel(self)
        self.steps = steps_view(self.steps_model)
        self.output = QPlainTextEdit(objectName="decoderOutput")
        self.output.setReadOnly(True)
        self.output.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.output.setUndoRedoEnabled(False)
        self.cram_row = CramRow()
        self.cram_label, self.cram_password = self.cram_row.label, self.cram_row.password
        self.cram_check, self.cram_result = self.cram_row.check, self.cram_row.result
        self.encoder = AuthEncoderPane(context)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.input_label)
        top_layout.addWidget(self.input, 1)
        controls = QHBoxLayout()
        controls.addWidget(self.reveal)
        controls.addStretch(1)
        controls.addWidget(self.clear_button)
        top_layout.addLayout(controls)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        summary = QHBoxLayout()
        summary.addWidget(self.mechanism_label)
        summary.addWidget(self.final_button)
        summary.addWidget(self.status, 1)
        summary.addWidget(self.copy_button)
        summary.addWidget(self.save_button)
        bottom_layout.addWidget(self.answer)
        bottom_layout.addWidget(self.verdict)
        bottom_layout.addLayout(summary)
        bottom_layout.addWidget(self.steps, 3)
        bottom_layout.addWidget(self.output, 1)
        bottom_layout.addWidget(self.cram_row)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([150, 450])  # the answer gets the room; the paste box can grow
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.encoder)
        side_layout.addStretch(1)
        columns = QSplitter(Qt.Orientation.Horizontal)
        columns.addWidget(splitter)
        columns.addWidget(side)
        columns.setStretchFactor(0, 3)
        columns.setStretchFactor(1, 1)
        columns.setSizes([720, 360])
        layout = QVBoxLayout(self)
        layout.addWidget(columns, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_DEBOUNCE_MS)
        self._jobs = JobController(self, max_threads=1)

        self.input.textChanged.connect(self._on_input_text_changed)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._jobs.task_finished.connect(self._on_jobs_task_finished)
        self._jobs.task_failed.connect(self._on_jobs_task_failed)
        self.reveal.toggled.connect(self._on_reveal_toggled)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.final_button.clicked.connect(self._on_final_clicked)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.cram_check.clicked.connect(self._on_cram_check_clicked)
        self.cram_password.returnPressed.connect(self._on_cram_check_clicked)
        context.language.language_changed.connect(self._on_language_changed)
        follow_palette(self.input, self._mark_error)
        self.retranslate()
        self._render()

    # -- public -----------------------------------------------------------------------------
    @property
    def exchange(self) -> Exchange | None:
        return self._outcome.exchange if self._outcome else None

    def decode_now(self) -> None:
        """Decode the input now instead of after the typing pause."""
        self._timer.stop()
        self._request += 1
        text = self.input.toPlainText()
        if not text.strip():
            self._jobs.cancel()
            self._show(None)
            return
        lang, reveal = self._context.lang, self.reveal.isChecked()
        if len(text) > BACKGROUND_THRESHOLD:
            self.status.setText(self.tr("Decoding…"))
            self._jobs.start_streaming([(self._request, in_worker(text, lang, reveal))])
        else:
            self._jobs.cancel()
            try:
                outcome = decode(text, lang, reveal)
            except Exception as exc:  # noqa: BLE001 - a bug: said as a failed worker says it
                self._failed(exc)
                return
            self._show(outcome)

    def report(self) -> str:
        """The plain-text report as copied: always masked."""
        return copy_text(self._outcome, self._context.lang)

    def current_report(self) -> Report | None:
        """The exchange's report for Save report: always masked, whatever the view shows.
        The paste itself is no input of the footer: it holds the secrets."""
        exchange = self.exchange
        return None if exchange is None else sasl_report(exchange, self._context.lang, reveal=False)

    def report_ready(self) -> bool:
        """Save report is offered when Copy report is: something was decoded."""
        return has_content(self.exchange)

    def clear(self) -> None:
        """Forget the paste, the decoded exchange and every secret the pane holds."""
        self._jobs.cancel()
        self._timer.stop()
        self._request += 1
        self.reveal.setChecked(False)
        self.input.clear()  # also drops the undo history, which holds the paste
        self.cram_password.setText("")  # unlike clear(), drops the undo history too
        self.encoder.clear()
        self._show(None)

    def shutdown(self, wait_ms: int = CLOSE_WAIT_MS) -> None:
        """Called by the main window when it closes."""
        self._jobs.shutdown(wait_ms)
        self.clear()

    # -- translation ------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.input_label.setText(
            self.tr("&Paste a server line (334 …), Base64, or a whole AUTH exchange:")
        )
        self.input.setPlaceholderText(
            self.tr(
                "334 VXNlcm5hbWU6\n\nor a transcript with S:/C:, <<</>>>, swaks -> / <- "
                "markers, or none"
            )
        )
        self.input.setAccessibleName(self.tr("AUTH text to decode"))
        self.output.setAccessibleName(self.tr("Decoded AUTH steps"))
        self.steps.setAccessibleName(self.tr("AUTH steps: step, who, raw, decoded, meaning"))
        self.reveal.setText(self.tr("&Show passwords and tokens"))
        self.reveal.setAccessibleName(self.tr("Show passwords and tokens"))
        self.clear_button.setText(self.tr("C&lear"))
        self.clear_button.setAccessibleName(self.tr("Clear the input and forget the secrets"))
        self.copy_button.setText(self.tr("Copy report"))
        self.copy_button.setAccessibleName(self.tr("Copy the report, secrets masked"))
        self.final_button.setAccessibleName(self.tr("Open the final reply in the code catalogue"))
        self.cram_label.setText(self.tr("Check the CRAM-MD5 digest with a passwo&rd:"))
        self.cram_password.setAccessibleName(self.tr("Password to check the CRAM-MD5 digest"))
        self.cram_check.setText(self.tr("Check"))
        self.cram_check.setAccessibleName(self.tr("Check the CRAM-MD5 digest"))
        self._update_summary()

    # -- slots ------------------------------------------------------------------------------
    @Slot()
    def _on_input_text_changed(self) -> None:
        self._timer.start()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.decode_now()

    @Slot(object, object)
    def _on_jobs_task_finished(self, key: object, result: object) -> None:
        if key == self._request and isinstance(result, DecodeOutcome):
            self._show(result)

    @Slot(object, str)
    def _on_jobs_task_failed(self, key: object, _message: str) -> None:
        # A bug, not bad input (that comes back as an outcome); say so without details,
        # which could quote the paste.
        if key == self._request:
            self._failed(None)

    @Slot(bool)
    def _on_reveal_toggled(self, checked: bool) -> None:
        self.encoder.set_reveal(checked)
        mode = QLineEdit.EchoMode.Normal if checked else QLineEdit.EchoMode.Password
        self.cram_password.setEchoMode(mode)
        self._render()

    @Slot()
    def _on_clear_clicked(self) -> None:
        self.clear()

    @Slot()
    def _on_final_clicked(self) -> None:
        exchange = self.exchange
        if exchange is not None and exchange.final_code:
            self.code_requested.emit(exchange.final_code)

    @Slot()
    def _on_copy_clicked(self) -> None:
        report = self.report()
        if report:
            QGuiApplication.clipboard().setText(report)

    @Slot()
    def _on_cram_check_clicked(self) -> None:
        self.cram_row.verify(self.exchange)

    @Slot(str)
    def _on_language_changed(self, _lang: str) -> None:
        self._render()

    # -- internals --------------------------------------------------------------------------
    def _failed(self, error: Exception | None) -> None:
        """A bug, not bad input (that comes back as an outcome): say so without details,
        which could quote the paste (the log gets the exception's type only)."""
        if error is not None:
            log.debug("decoding failed: %s", type(error).__name__)
        self._show(None)
        self.status.setText(self.tr("Decoding failed unexpectedly."))

    def _show(self, outcome: DecodeOutcome | None) -> None:
        self._outcome = outcome
        self.cram_result.clear()
        self.status.clear()
        self._render()

    def _render(self) -> None:
        """Show the outcome in the current language and reveal setting.

        A report made for another setting is never shown, not even for a moment: a large
        exchange is re-rendered in the worker while the output stays empty.
        """
        lang, reveal = self._context.lang, self.reveal.isChecked()
        outcome = self._outcome
        selections: list[QTextEdit.ExtraSelection] = []
        self._show_steps(outcome if outcome is not None and outcome.fits(lang, reveal) else None)
        if outcome is None:
            self.output.setPlainText("")
        elif outcome.error is not None:
            # Its echo of the input names controls as the report does (no font has ␀).
            self.output.setPlainText(shown(named_controls(outcome.error.text(lang))))
            selections = error_marks(self.input, outcome.error)
        elif outcome.exchange is not None and not outcome.fits(lang, reveal):
            if len(outcome.exchange.steps) <= INLINE_STEPS:
                try:
                    self._outcome = outcome = rerender(outcome.exchange, lang, reveal)
                except Exception as exc:  # noqa: BLE001 - as in decode_now
                    self._failed(exc)
                    return
                self.output.setPlainText(outcome.details)
                self._show_steps(outcome)
            else:
                self.output.setPlainText("")
                self._request += 1
                work = in_worker(outcome.exchange, lang, reveal)
                self._jobs.start_streaming([(self._request, work)])
                self.status.setText(self.tr("Decoding…"))
                self.verdict.show_block(None, lang)
                return
        else:
            self.output.setPlainText(outcome.details)
        self.input.setExtraSelections(selections)
        exchange = self.exchange
        self.cram_row.setVisible(exchange is not None and cram_md5_parts(exchange) is not None)
        self._update_summary()
        fits = outcome is not None and outcome.fits(lang, reveal)
        self.verdict.show_block(outcome.verdict if fits else None, lang)  # type: ignore[union-attr]
        self.output_updated.emit()

    def _show_steps(self, outcome: DecodeOutcome | None) -> None:
        """The table's rows and the big answer of ``outcome`` (None: empty)."""
        lines = outcome.lines if outcome is not None else ()
        self.steps_model.set_lines(lines, self._context.lang)
        answer = answer_text(lines)
        self.answer.setText(answer)
        self.answer.setAccessibleName(answer)
        self.answer.setVisible(bool(answer))

    def _update_summary(self) -> None:
        exchange = self.exchange
        self.copy_button.setEnabled(has_content(exchange))
        self.save_button.refresh()
        if exchange is None:
            self.mechanism_label.setText("")
            self.final_button.hide()
            return
        self.mechanism_label.setText(mechanism_text(exchange, self._context.lang))
        code = exchange.final_code
        self.final_button.setVisible(bool(code))
        if code:
            self.final_button.setText(self.tr("Final reply %1 — explain ›").replace("%1", code))

    def _mark_error(self) -> None:
        """Mark the input error's character again, in the colours of the palette now in
        use (called when the input box's palette changes)."""
        outcome = self._outcome
        if outcome is not None and outcome.error is not None:
            self.input.setExtraSelections(error_marks(self.input, outcome.error))
