"""``runVerify``, ``cancelVerify`` and ``verifyProgress``: the verification of a header
analysis over DNS, run in a worker through ``ui/jobs.py`` (never on the GUI thread), its
steps counted as they are done, Cancel ending it at once (the deadline's cancel event)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from smtp_gui.core.dns.config import ResolverConfig
from smtp_gui.core.headers.analysis import HeaderAnalysis
from smtp_gui.core.headers.verification import Verification, verify_with
from smtp_gui.ui.jobs import CLOSE_WAIT_MS, JobController, TaskContext
from smtp_gui.ui.retranslating import Retranslating


def _verify_task(
    analysis: HeaderAnalysis, config: ResolverConfig, context: TaskContext
) -> Verification:
    """Run in a worker: never touches a widget; progress and cancel through ``context``."""
    return verify_with(
        analysis, config, context.cancelled, lambda done, total: context.report((done, total))
    )


class VerifyBar(Retranslating, QWidget):
    """The Verify and Cancel buttons and the progress of one verification at a time."""

    verified = Signal(object)  # a Verification
    failed = Signal()  # a bug in the worker (the log has its type)
    ended = Signal(bool)  # the verification is over; True when it was cancelled

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verify_button = QPushButton(objectName="runVerify")
        self.cancel_button = QPushButton(objectName="cancelVerify")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(objectName="verifyProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setMaximumWidth(110)
        self.progress.hide()  # shown only while a verification runs: idle, it is no control
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.verify_button)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.progress)
        self._jobs = JobController(self, max_threads=1)
        self._jobs.task_finished.connect(self._on_jobs_task_finished)
        self._jobs.task_failed.connect(self._on_jobs_task_failed)
        self._jobs.task_progressed.connect(self._on_jobs_task_progressed)
        self._jobs.batch_finished.connect(self._on_jobs_batch_finished)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.retranslate()

    @property
    def running(self) -> bool:
        return self._jobs.running

    def start(self, analysis: HeaderAnalysis, config: ResolverConfig) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.show()
        self.verify_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self._jobs.start_streaming([("verify", partial(_verify_task, analysis, config))])

    def cancel(self) -> None:
        self._jobs.cancel()

    def set_ready(self, ready: bool) -> None:
        """Verify is offered when there is something to verify and nothing running."""
        self.verify_button.setEnabled(ready and not self._jobs.running)
        self.cancel_button.setEnabled(self._jobs.running)

    def shutdown(self, wait_ms: int = CLOSE_WAIT_MS) -> None:
        self._jobs.shutdown(wait_ms)

    def retranslate(self) -> None:
        self.verify_button.setText(self.tr("Ver&ify"))
        self.verify_button.setAccessibleName(
            self.tr("Verify DKIM, ARC, SPF and DMARC alignment here over DNS")
        )
        self.verify_button.setToolTip(
            self.tr(
                "Re-check the authentication over DNS with the resolver set in the "
                "Blocklists && DNS pane"
            )
        )
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the verification"))
        self.progress.setAccessibleName(self.tr("Verification steps done"))

    @Slot(object, object)
    def _on_jobs_task_progressed(self, _key: object, payload: object) -> None:
        if isinstance(payload, tuple):
            done, total = payload
            self.progress.setRange(0, max(1, total))
            self.progress.setValue(done)

    @Slot(object, object)
    def _on_jobs_task_finished(self, _key: object, result: object) -> None:
        if isinstance(result, Verification):
            self.progress.setValue(self.progress.maximum())
            self.verified.emit(result)

    @Slot(object, str)
    def _on_jobs_task_failed(self, _key: object, _message: str) -> None:
        self.failed.emit()

    @Slot(bool)
    def _on_jobs_batch_finished(self, cancelled: bool) -> None:
        self.progress.hide()
        self.verify_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.ended.emit(cancelled)

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self._jobs.cancel()
