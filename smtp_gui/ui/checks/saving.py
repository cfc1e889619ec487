"""The checks pane's part of File > Save report: the finished batch's report and facts."""

from __future__ import annotations

from smtp_gui.core.report.model import Report
from smtp_gui.ui.checks.batch import CheckBatch
from smtp_gui.ui.context import AppContext
from smtp_gui.ui.pane import ReportFacts
from smtp_gui.ui.save_report import SaveReportButton
from smtp_gui.ui.verdict_banner import VerdictBanner


class BatchReports:
    """Mixin before ``PaneBase``: a finished batch (not one still running) is saved with the
    resolver that answered and what was asked (target, and the domain kind's fields)."""

    _batch: CheckBatch | None
    _context: AppContext
    verdict: VerdictBanner
    save_button: SaveReportButton

    @property
    def running(self) -> bool:
        raise NotImplementedError

    def current_report(self) -> Report | None:
        if self._batch is None or self.running:
            return None
        return self._batch.report_model(self._context.lang)

    def report_facts(self) -> ReportFacts:
        batch = self._batch
        return ReportFacts(batch.resolver, batch.inputs()) if batch is not None else ReportFacts()

    def show_verdict(self) -> None:
        """The banner and the Save report button follow the report (none while running)."""
        self.verdict.show_report(self.current_report())
        self.save_button.refresh()
