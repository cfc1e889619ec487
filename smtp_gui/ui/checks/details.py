"""The checks pane's detail view: the selected row's report, and for a domain's SPF row the
trace as a tree beside it.

A domain check row shows ``check_report`` of its ``CheckResult``, a blocklist row
``zone_report`` of its ``ZoneResult``, both rendered by ``report_view`` in the current
language; a row without a result (cancelled, failed) shows its meaning as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTextBrowser, QWidget

from smtp_gui.core.checks.report import check_report
from smtp_gui.core.checks.status import CheckResult
from smtp_gui.core.dnsbl.check import ZoneResult
from smtp_gui.core.dnsbl.report import zone_report
from smtp_gui.core.report.model import Report
from smtp_gui.core.text.safe_text import shown
from smtp_gui.ui.checks.model import CheckRow
from smtp_gui.ui.checks.spf_trace import SpfTraceView
from smtp_gui.ui.report_view import render_report
from smtp_gui.ui.retranslating import Retranslating


def row_report(result: object, lang: str) -> Report | None:
    """The report of a row's result (None: a row without one)."""
    if isinstance(result, CheckResult):
        return check_report(result, lang)
    if isinstance(result, ZoneResult):
        return zone_report(result, lang)
    return None


class CheckDetailsView(Retranslating, QSplitter):
    """``checkDetails`` (read-only text) with ``spfTrace`` beside it when the SPF row is
    shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        # A browser, so that delisting pages and reasons' URLs open on a click (report_view
        # turns off its own link following: nothing is fetched, the user's browser opens).
        self.text = QTextBrowser(objectName="checkDetails")
        self.text.setOpenLinks(False)
        self.trace = SpfTraceView()
        self.addWidget(self.text)
        self.addWidget(self.trace)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        self.setSizes([400, 600])
        self.setChildrenCollapsible(False)
        self.trace.hide()
        self.retranslate()

    def show_row(self, row: CheckRow | None, result: object, lang: str) -> None:
        """Show ``row`` (None: nothing selected); ``result`` is its result, if any."""
        report = row_report(result, lang)
        if report is not None:
            render_report(report, self.text.document())
        elif row is not None:
            self.text.setPlainText(shown(row.meaning.get(lang)))
        else:
            self.text.clear()
        if isinstance(result, CheckResult) and SpfTraceView.applies_to(result):
            self.trace.show_result(result, lang)
            self.trace.show()
        else:
            self.trace.clear()
            self.trace.hide()

    def clear(self) -> None:
        self.show_row(None, None, "en")

    def retranslate(self) -> None:
        self.text.setAccessibleName(self.tr("Details of the selected result"))
        self.text.setPlaceholderText(self.tr("Select a row to see everything about it."))
