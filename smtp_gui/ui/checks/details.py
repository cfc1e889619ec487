"""The checks pane's detail view: everything about the selected row, and for a domain's SPF
row the trace as a tree beside it.

A blocklist row carries its details as text; a domain check row is rendered from its
``CheckResult`` (record, findings with their RFC sections, details) in the current
language, through DocumentBuilder, so nothing from DNS is ever read as markup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QSplitter, QWidget

from smtp_gui.core.checks.report import check_title
from smtp_gui.core.checks.status import CheckResult, Status
from smtp_gui.core.spf.report import printable
from smtp_gui.core.text.messages import message_text
from smtp_gui.core.text.safe_text import shown
from smtp_gui.ui.checks.domain_kind import TONES, status_text
from smtp_gui.ui.checks.model import TONE_COLOURS, CheckRow
from smtp_gui.ui.checks.spf_trace import SpfTraceView
from smtp_gui.ui.document import DocumentBuilder
from smtp_gui.ui.retranslating import Retranslating

_PROBLEM_TONES = {Status.FAIL: "bad", Status.WARN: "warn", Status.ERROR: "warn"}


def render_result(builder: DocumentBuilder, result: CheckResult, lang: str) -> None:
    """One domain check in full: verdict, record, findings, details, who answered."""
    colon = "：" if lang == "zh" else ": "
    status = status_text(str(result.status)).get(lang)
    builder.title(
        f"{check_title(result.name, lang)}{colon}{status}", TONE_COLOURS[TONES[result.status]]
    )
    summary = result.summary.text(lang)
    builder.paragraph(printable(summary))
    if result.record:
        builder.heading(message_text("report.record", lang))
        for line in result.record.splitlines():
            builder.paragraph(printable(line))
    problems = [p for p in result.problems if p.note.text(lang) != summary]
    if problems:
        builder.heading(message_text("report.problems", lang))
        for problem in problems:
            colour = TONE_COLOURS.get(_PROBLEM_TONES.get(problem.severity, ""))
            builder.paragraph(printable(f"•  {problem.text(lang)}"), colour=colour)
    if result.details:
        builder.heading(message_text("report.details", lang))
        for detail in result.details:
            meaning = f" — {detail.meaning.text(lang)}" if detail.meaning else ""
            builder.label_value(printable(detail.label), printable(detail.value + meaning))
    where = f"{message_text('report.resolver', lang)}{colon}{result.resolver or '-'}"
    builder.paragraph(f"{where} · {result.ms:.0f} ms", italic=True, colour=TONE_COLOURS["pending"])


class CheckDetailsView(Retranslating, QSplitter):
    """``checkDetails`` (plain text) with ``spfTrace`` beside it when the SPF row is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.text = QPlainTextEdit(objectName="checkDetails")
        self.text.setReadOnly(True)
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
        """Show ``row`` (None: nothing selected); ``result`` is its CheckResult, if any."""
        if isinstance(result, CheckResult):
            render_result(DocumentBuilder(self.text.document()), result, lang)
        elif row is not None:
            self.text.setPlainText(shown(row.details.get(lang) or row.meaning.get(lang)))
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
