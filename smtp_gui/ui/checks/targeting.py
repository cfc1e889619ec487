"""The checks pane's target: what another pane asks it to check (``show_target``, with the
``CheckContext`` of a diagnosed bounce), and results that no longer match the target field.

A bounce's context fills the domain kind's Sending IP and Sender fields and is kept for the
next run, which weighs the rows by what the bounce is about (core/checks/question.py). When
the target field stops naming what the shown batch checked (another domain, or an IP typed
into the domain kind), the old rows are cleared rather than left under the new input.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
)

from smtp_gui.core.checks.kind import CheckKindName
from smtp_gui.core.checks.question import CheckContext
from smtp_gui.core.text.bilingual import Text
from smtp_gui.ui.checks.batch import CheckBatch
from smtp_gui.ui.checks.details import CheckDetailsView
from smtp_gui.ui.checks.domain_fields import DomainFields
from smtp_gui.ui.checks.kinds import CheckKind
from smtp_gui.ui.checks.model import CheckResultsModel
from smtp_gui.ui.verdict_banner import VerdictBanner


class Targeting:
    """Mixin of ``ChecksPane`` (its widgets and batch are declared here for the type checker)."""

    kind: QComboBox
    target: QLineEdit
    domain_fields: DomainFields
    model: CheckResultsModel
    detail_view: CheckDetailsView
    verdict: VerdictBanner
    show_verdict: Callable[[], None]  # BatchReports: the banner and Save report follow
    summary: QLabel
    copy_button: QPushButton
    report_button: QAbstractButton
    progress: QProgressBar
    _batch: CheckBatch | None
    _batch_kind: CheckKind | None
    _check_context: CheckContext | None
    _summary: Text | None

    @property
    def running(self) -> bool:
        raise NotImplementedError

    def show_target(self, target: str, kind: str, context: CheckContext | None = None) -> None:
        """Choose ``kind`` (``domain``, ``blocklist`` or its alias ``blacklist``) and fill in
        ``target``; with the ``context`` of a bounce, its sending IP and sender go into the
        domain kind's fields too. The user starts the check."""
        try:
            index = self.kind.findData(str(CheckKindName.named(kind)))
        except ValueError:
            raise ValueError(f"unknown kind of check: {kind!r}") from None
        self.kind.setCurrentIndex(index)
        self._check_context = context
        if context is not None:
            self.domain_fields.ip_field.setText(context.ip)
            self.domain_fields.sender_field.setText(context.sender)
        self.target.setText(target)

    def check_context(self) -> CheckContext | None:
        """The bounce the next run is weighed by (it applies while the target is its domain)."""
        return self._check_context

    def clear_results(self) -> None:
        """Forget the shown batch: rows, details, verdict, summary, Copy and Save."""
        if self._batch is not None:
            self._batch.stop()
        self._batch = None
        self._batch_kind = None
        self.model.reset([])
        self.detail_view.clear()
        self.show_verdict()
        self._summary = None
        self.summary.setText("")
        self.copy_button.setEnabled(False)
        self.report_button.setEnabled(False)
        self.progress.setValue(0)

    def _drop_stale_results(self, text: str) -> None:
        """The target field changed: clear a finished batch that it no longer names."""
        if self._batch is not None and not self.running and not self._batch.shows(text):
            self.clear_results()
