"""The live probe: name a server, press Probe, watch the SMTP dialogue step by step.

Nothing is sent before ``runProbe`` is pressed. The probe runs in a worker through
``ui/jobs.py`` and streams each step into ``probeTranscript``; every reply line opens its
catalogue page (``code_requested``). The password field echoes as dots, is never written
to the settings, and the transcript, details and copied text show secrets masked.
The details view and Copy transcript show the same report (``core/probe/report.py``):
``probe_report`` for the result, ``step_report`` for the selected step.
"""

from __future__ import annotations

import dataclasses
import enum
from functools import partial

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from smtp_gui.core.probe.input import checked_options
from smtp_gui.core.probe.model import ProbeOptions, ProbeResult, ProbeStep
from smtp_gui.core.probe.report import (
    probe_report,
    step_report,
    step_title,
    steps_report,
    verdict,
)
from smtp_gui.core.probe.run import run_probe
from smtp_gui.core.report.model import Report, Severity
from smtp_gui.core.report.runs import plain
from smtp_gui.core.report.text import render_text
from smtp_gui.core.text.errors import InputError
from smtp_gui.core.text.safe_text import shown
from smtp_gui.ui.context import AppContext
from smtp_gui.ui.jobs import CLOSE_WAIT_MS, JobController, TaskContext
from smtp_gui.ui.pane import PaneBase, ReportFacts
from smtp_gui.ui.probe.form import ProbeForm
from smtp_gui.ui.probe.transcript_model import CODE_ROLE, STEP_ROLE, TranscriptModel
from smtp_gui.ui.report_view import render_report
from smtp_gui.ui.save_report import SaveReportButton
from smtp_gui.ui.verdict_banner import VerdictBanner, without_verdict

_KEY = "probe"


class ProbeState(enum.Enum):
    """Where the probe is; ``probeStatus`` says it in words (set in ``retranslate``)."""

    NOT_STARTED = "not_started"
    RUNNING = "running"
    FINISHED = "finished"
    CANCELLED = "cancelled"
    FAILED = "failed"


def _probe_task(options: ProbeOptions, task: TaskContext) -> ProbeResult:
    """Runs in a worker: never touches a widget; each step goes out through ``report``."""
    return run_probe(options, on_step=task.report, cancel=task.cancelled)


class ProbePane(PaneBase, QWidget):
    """``probeTarget`` … ``runProbe`` start a probe; ``probeTranscript`` streams it."""

    code_requested = Signal(str)  # a reply's code, to show in the catalogue

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._steps: list[ProbeStep] = []
        self._result: ProbeResult | None = None
        self._options: ProbeOptions | None = None  # of the probe started last
        self.jobs = JobController(self, max_threads=2)

        self.form = ProbeForm()
        # The form's fields under their short names (tests and MainWindow.show_probe use them).
        self.target = self.form.target
        self.port = self.form.port
        self.tls_mode = self.form.tls_mode
        self.helo = self.form.helo
        self.mail_from = self.form.mail_from
        self.rcpt_to = self.form.rcpt_to
        self.auth = self.form.auth
        self.user = self.form.user
        self.password = self.form.password
        self.insecure = self.form.insecure
        self.timeout = self.form.timeout
        self.run_button = QPushButton(objectName="runProbe")
        self.run_button.setAutoDefault(True)  # Enter starts it once focused
        self.cancel_button = QPushButton(objectName="cancelProbe")
        self.cancel_button.setEnabled(False)
        # A busy indicator, shown only while the probe runs: the state is said in words.
        self.progress = QProgressBar(objectName="probeProgress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(120)
        self.progress.setVisible(False)
        self.state = ProbeState.NOT_STARTED
        self.status = QLabel(objectName="probeStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = VerdictBanner("probeVerdict")  # the answer, above the transcript
        self.model = TranscriptModel(context.lang, self)
        self.transcript = QListView(objectName="probeTranscript")
        self.transcript.setModel(self.model)
        self.transcript.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.transcript.setUniformItemSizes(True)
        self.transcript.setWordWrap(False)
        self.details = QTextBrowser(objectName="probeDetails")
        self.details.setOpenLinks(False)
        self.copy_button = QPushButton(objectName="copyTranscript")
        self.save_button = SaveReportButton(self, mnemonic="")  # S, a, v, e, r, p, o, t: taken
        self.open_code_button = QPushButton(objectName="probeOpenCode")
        self.open_code_button.setEnabled(False)

        self._layout()
        self._connect()
        self.retranslate()

    def _layout(self) -> None:
        for widget in (self.status, self.progress, self.run_button, self.cancel_button):
            self.form.actions.addWidget(widget)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.transcript)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.open_code_button)
        bottom.addWidget(self.copy_button)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.run_button.clicked.connect(self._on_run_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.open_code_button.clicked.connect(self._on_open_code_clicked)
        self.form.submitted.connect(self._on_run_clicked)
        self.transcript.activated.connect(self._on_transcript_activated)
        self.transcript.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.jobs.task_progressed.connect(self._on_jobs_task_progressed)
        self.jobs.task_finished.connect(self._on_jobs_task_finished)
        self.jobs.task_failed.connect(self._on_jobs_task_failed)
        self.jobs.tasks_cancelled.connect(self._on_jobs_tasks_cancelled)
        self._context.language.language_changed.connect(self._on_language_changed)

    # -- public -----------------------------------------------------------------------------
    @property
    def result(self) -> ProbeResult | None:
        return self._result

    @property
    def running(self) -> bool:
        return self.jobs.running

    def start_probe(self) -> bool:
        """Check the form and start; False (and the reason shown) when the input is wrong.
        The MX lookup asks the checks pane's resolver (the settings), like every check."""
        try:
            resolver = self._context.settings.resolver_config()
            options = checked_options(dataclasses.replace(self.form.options(), resolver=resolver))
        except InputError as exc:
            self._show_summary(exc.text(self._context.lang), Severity.ERROR)
            return False
        self._steps.clear()
        self._result = None
        self._options = options
        self.model.clear()
        self.details.clear()
        self._show_summary("", Severity.OK)
        self._set_state(ProbeState.RUNNING)
        self.jobs.start_streaming([(_KEY, partial(_probe_task, options))])
        return True

    def shutdown(self, wait_ms: int = CLOSE_WAIT_MS) -> None:
        self.jobs.shutdown(wait_ms)

    def report(self) -> Report | None:
        """What Copy transcript copies: the finished probe's report, or, while it runs or
        after it was cancelled, its transcript so far; None before the first step."""
        lang = self._context.lang
        if self._result is not None:
            return probe_report(self._result, lang)
        return steps_report(tuple(self._steps), lang) if self._steps else None

    def current_report(self) -> Report | None:
        """The finished probe's report for Save report, secrets masked."""
        return probe_report(self._result, self._context.lang) if self._result else None

    def report_facts(self) -> ReportFacts:
        """The server, port and TLS mode asked for; the resolver when MX hosts were looked up."""
        result, options = self._result, self._options
        if result is None or options is None:
            return ReportFacts()
        resolver = options.resolver.describe() if result.mx_hosts and options.resolver else ""
        inputs = (
            (self.tr("Server"), options.target),
            (self.tr("Port"), str(options.port)),
            (self.tr("TLS"), str(options.tls.value)),
            ("MAIL FROM", options.mail_from or ""),
            ("RCPT TO", options.rcpt_to or ""),
        )
        return ReportFacts(resolver, inputs)

    # -- translation ------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.run_button.setText(self.tr("&Probe"))
        self.run_button.setAccessibleName(self.tr("Start the probe"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the probe"))
        self.progress.setAccessibleName(self.tr("Probe running"))
        self.status.setAccessibleName(self.tr("Probe state"))
        self.transcript.setAccessibleName(self.tr("SMTP transcript"))
        self.details.setAccessibleName(self.tr("Step details"))
        self.copy_button.setText(self.tr("Copy transcript"))
        self.copy_button.setAccessibleName(self.tr("Copy the transcript, secrets masked"))
        self.open_code_button.setText(self.tr("Open code page"))
        self.open_code_button.setAccessibleName(self.tr("Open the selected reply's code page"))
        self.status.setText(self._state_text())

    def _state_text(self) -> str:
        """The state in words; while running, the last step (in the current language)."""
        if self.state is ProbeState.RUNNING:
            if not self._steps:
                return self.tr("Connecting…")
            step = self._steps[-1]
            reply = f" → {step.code}" if step.code else ""
            return shown(f"{plain(step_title(step), self._context.lang)}{reply}")
        texts = {
            ProbeState.NOT_STARTED: self.tr("Not started"),
            ProbeState.FINISHED: self.tr("Finished"),
            ProbeState.CANCELLED: self.tr("Cancelled"),
            ProbeState.FAILED: self.tr("Failed"),
        }
        return texts[self.state]

    # -- slots ------------------------------------------------------------------------------
    @Slot()
    def _on_run_clicked(self) -> None:
        if not self.jobs.running:
            self.start_probe()

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self.jobs.cancel()

    @Slot(object, object)
    def _on_jobs_task_progressed(self, _key: object, step: object) -> None:
        if not isinstance(step, ProbeStep):
            return
        self._steps.append(step)
        self.model.append_step(step)
        self.transcript.scrollToBottom()
        self.status.setText(self._state_text())

    @Slot(object, object)
    def _on_jobs_task_finished(self, _key: object, result: object) -> None:
        if not isinstance(result, ProbeResult):
            return
        self._result = result
        self._set_state(ProbeState.FINISHED)
        self._render_result()

    @Slot(object, str)
    def _on_jobs_task_failed(self, _key: object, message: str) -> None:
        self._set_state(ProbeState.FAILED)
        self._show_summary(message, Severity.ERROR)

    @Slot(list)
    def _on_jobs_tasks_cancelled(self, _keys: list[object]) -> None:
        self._set_state(ProbeState.CANCELLED)
        self._show_summary(self.tr("The probe was cancelled."), Severity.ERROR)

    @Slot(QModelIndex)
    def _on_transcript_activated(self, index: QModelIndex) -> None:
        code = index.data(CODE_ROLE)
        if code:
            self.code_requested.emit(str(code))

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        self._render_details()

    @Slot()
    def _on_open_code_clicked(self) -> None:
        code = self.transcript.currentIndex().data(CODE_ROLE)
        if code:
            self.code_requested.emit(str(code))

    @Slot()
    def _on_copy_clicked(self) -> None:
        report = self.report()
        QGuiApplication.clipboard().setText(render_text(report) if report is not None else "")

    @Slot(str)
    def _on_language_changed(self, lang: str) -> None:
        self.model.set_language(lang)
        if self._result is not None:
            self._render_result()

    # -- internals --------------------------------------------------------------------------
    def _set_state(self, state: ProbeState) -> None:
        self.state = state
        running = state is ProbeState.RUNNING
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)  # busy: the number of steps is not known
        self.status.setText(self._state_text())
        self.save_button.refresh()

    def _show_summary(self, text: str, severity: Severity) -> None:
        self.summary.show_verdict(text, severity)  # hidden while there is nothing to say

    def _render_result(self) -> None:
        assert self._result is not None
        lang = self._context.lang
        summary = verdict(self._result, lang)  # the report's own verdict
        self._show_summary(plain(summary.text, lang), summary.severity)
        self._render_details()

    def _render_details(self) -> None:
        index = self.transcript.currentIndex()
        selected = self.transcript.selectionModel().isSelected(index) if index.isValid() else False
        code = index.data(CODE_ROLE) if selected else None
        self.open_code_button.setEnabled(bool(code))
        lang = self._context.lang
        step_index = index.data(STEP_ROLE) if selected else None
        steps = self._result.steps if self._result is not None else tuple(self._steps)
        if isinstance(step_index, int) and 0 <= step_index < len(steps):
            report = step_report(steps[step_index], self._result, lang)
            render_report(report, self.details.document())
        elif self._result is not None:
            # Its verdict is in the banner above; the details start with what follows it.
            report = without_verdict(probe_report(self._result, lang))
            render_report(report, self.details.document())
        self.details.moveCursor(QTextCursor.MoveOperation.Start)
