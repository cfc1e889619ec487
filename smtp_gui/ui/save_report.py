"""Save report (File > Save report, and each pane's ``saveReport`` button): the pane's
report, with a footer, as HTML or as PDF.

The HTML is ``core/report/html.render_html`` of the pane's report plus its footer
(``core/report/footer.with_footer``): every piece of outside text in it is escaped by that
renderer. The PDF is the same HTML laid out by a ``QTextDocument`` (``setHtml`` of our own
output only) and printed by a ``QPdfWriter`` on A4; Qt embeds the subset of each font it
uses, Chinese included, with a ToUnicode map, so the text can be searched and copied.
``save_report`` is separate from the dialog so that it can be called with a path.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import cast

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QMarginsF, Slot
from PySide6.QtGui import (
    QAction,
    QKeyEvent,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from smtp_gui import __version__
from smtp_gui.core.report.footer import with_footer
from smtp_gui.core.report.html import render_html
from smtp_gui.core.report.model import Report
from smtp_gui.core.report.runs import plain
from smtp_gui.ui.pane import Pane, ReportFacts
from smtp_gui.ui.retranslating import Retranslating

PDF_RESOLUTION = 300  # dots per inch of the PDF's layout (text stays vector text)
# Chinese fonts rarely have a bold face: Qt then draws bold text twice, a pixel apart, and a
# PDF reader extracts (copies, searches) every such character twice. Headings of a Chinese
# report keep their size and lose the weight.
_NO_SYNTHETIC_BOLD = "<style>h1, h2, h3, th, .verdict { font-weight: normal; }</style>\n"


def report_html(report: Report, facts: ReportFacts, when: datetime | None = None) -> str:
    """The saved page: the report, then the footer (version, date, resolver, inputs)."""
    full = with_footer(
        report,
        version=__version__,
        when=when or datetime.now().astimezone(),
        resolver=facts.resolver,
        inputs=facts.inputs,
    )
    return render_html(full)


def _pdf_bytes(report: Report, html: str) -> bytes:
    """``report`` laid out on A4 pages as a PDF. ``html`` must be ``report_html(report, ...)``:
    the one ``setHtml`` of the ui, so it only ever sees render_html's output, where every
    value is escaped and the tags are render_html's own fixed set."""
    title = " ".join(plain(report.title, report.lang).split())
    if report.lang == "zh":
        html = html.replace("</head>", _NO_SYNTHETIC_BOLD + "</head>", 1)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(title)
    writer.setCreator(f"smtp-gui {__version__}")
    document = QTextDocument()
    document.setHtml(html)
    document.print_(writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(buffer.data().data())


def save_report(
    report: Report, facts: ReportFacts, path: str | Path, when: datetime | None = None
) -> Path:
    """Write ``report`` to ``path``: PDF when the name ends in ``.pdf``, else HTML (UTF-8).
    Raises OSError when the file cannot be written."""
    target = Path(path)
    html = report_html(report, facts, when)
    if target.suffix.lower() == ".pdf":
        target.write_bytes(_pdf_bytes(report, html))
    else:
        target.write_text(html, encoding="utf-8")
    return target


def has_report(pane: object) -> bool:
    """Whether ``pane`` has a report to save: one with something in it. A pane whose report
    is costly to build (the decoder's, for a day of logs) answers ``report_ready()`` instead,
    so the button's state never builds a report in the GUI thread."""
    ready = getattr(pane, "report_ready", None)
    if callable(ready):
        return bool(ready())
    report = pane.current_report() if isinstance(pane, Pane) else None
    return report is not None and bool(report.blocks)


def save_pane_report(parent: QWidget, pane: object) -> Path | None:
    """Save report for ``pane`` (nothing when it has no report)."""
    if not has_report(pane) or not isinstance(pane, Pane):
        return None
    report = pane.current_report()
    assert report is not None
    return save_report_dialog(parent, report, pane.report_facts())


def save_report_dialog(parent: QWidget, report: Report, facts: ReportFacts) -> Path | None:
    """Ask where (HTML or PDF, by the name's extension), then save; None when cancelled."""
    html_filter = QCoreApplication.translate("SaveReport", "HTML (*.html)")
    pdf_filter = QCoreApplication.translate("SaveReport", "PDF (*.pdf)")
    path, chosen = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("SaveReport", "Save report"),
        "smtp-report.html",
        f"{html_filter};;{pdf_filter}",
    )
    if not path:
        return None
    if Path(path).suffix.lower() not in (".html", ".htm", ".pdf"):
        path += ".pdf" if chosen == pdf_filter else ".html"
    try:
        return save_report(report, facts, path)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("SaveReport", "Save report"),
            QCoreApplication.translate("SaveReport", "Cannot save %1: %2")
            .replace("%1", path)
            .replace("%2", reason),
        )
        return None


class SavesReports:
    """The main window's File > Save report: enabled while the current pane has a report;
    mixed in before the Qt base class (it overrides ``keyPressEvent``). The window provides
    ``save_report_action`` and ``current_pane()``."""

    save_report_action: QAction

    def current_pane(self) -> QWidget:
        raise NotImplementedError

    def update_save_action(self) -> None:
        """Save report is enabled while the current pane has a report (tab change, menu)."""
        pane = self.current_pane()
        self.save_report_action.setEnabled(has_report(pane))

    def _on_save_report_triggered(self) -> None:
        save_pane_report(cast(QWidget, self), self.current_pane())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+S when the action was disabled at the last refresh: the pane may have a
        report by now; the action does nothing while it is still disabled."""
        if event.matches(QKeySequence.StandardKey.Save):
            self.update_save_action()
            self.save_report_action.trigger()
        super().keyPressEvent(event)  # type: ignore[misc]


class SaveReportButton(Retranslating, QPushButton):
    """``saveReport``: File > Save report for one pane, beside its copy buttons. Enabled
    while the pane has a report; the pane calls ``refresh()`` when its result changes.
    ``mnemonic`` is the letter Alt opens it with ("s", "r", "o" or "": none), one no other
    widget of the pane has."""

    def __init__(self, pane: QWidget, mnemonic: str = "s") -> None:
        super().__init__(pane, objectName="saveReport")
        self._pane = pane
        self._mnemonic = mnemonic
        self.setEnabled(False)
        self.clicked.connect(self._on_self_clicked)
        self.retranslate()

    def refresh(self) -> None:
        self.setEnabled(has_report(self._pane))

    def retranslate(self) -> None:
        texts = {
            "s": QCoreApplication.translate("SaveReport", "&Save report…"),
            "r": QCoreApplication.translate("SaveReport", "Save &report…"),
            "o": QCoreApplication.translate("SaveReport", "Save rep&ort…"),
            "": QCoreApplication.translate("SaveReport", "Save report…"),
        }
        self.setText(texts[self._mnemonic])
        self.setAccessibleName(
            QCoreApplication.translate("SaveReport", "Save this report as HTML or PDF")
        )
        self.setToolTip(
            QCoreApplication.translate("SaveReport", "Save this report as HTML or PDF (Ctrl+S)")
        )

    @Slot()
    def _on_self_clicked(self) -> None:
        save_pane_report(self.window(), self._pane)
