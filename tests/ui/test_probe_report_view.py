"""The probe pane shows and copies the probe's reports (issue 13): the details view is
``render_report`` of ``probe_report`` (or the selected step's ``step_report``), Copy transcript
is ``render_text`` of the same report, against a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from smtp_gui.core.probe.model import ProbeOutcome, StepKind
from smtp_gui.core.probe.report import probe_report, step_lines, step_report
from smtp_gui.core.report.model import Code, Heading, Paragraph, Report, Rows, Table, Verdict
from smtp_gui.core.report.runs import plain
from smtp_gui.core.report.text import render_text
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.probe.pane import ProbePane
from tests.smtpserver import UNKNOWN_RCPT

pytestmark = pytest.mark.network


def pieces(report: Report) -> list[str]:
    """Every piece of text the report holds: title, sentences, labels, values, cells, lines."""
    lang = report.lang
    found = [plain(report.title, lang)]
    for block in report.blocks:
        if isinstance(block, Verdict | Paragraph | Heading):
            found.append(plain(block.text, lang))
        elif isinstance(block, Rows):
            for row in block.rows:
                found += [plain(row.label, lang), plain(row.value, lang)]
        elif isinstance(block, Table):
            found += [plain(cell, lang) for row in (block.header, *block.rows) for cell in row]
        elif isinstance(block, Code):
            found += [plain(line, lang) for line in block.lines]
    return [piece for piece in found if piece]


def shown(pane: ProbePane) -> str:
    return pane.details.toPlainText().replace("\u2028", "\n")


def _probe(qtbot, window: MainWindow, port: int) -> ProbePane:  # type: ignore[no-untyped-def]
    window.show_probe("127.0.0.1")
    pane = window.probe_pane
    pane.port.setValue(port)
    pane.timeout.setValue(3.0)
    pane.insecure.setChecked(True)
    pane.mail_from.setText("bob@example.test")
    pane.rcpt_to.setText(UNKNOWN_RCPT)
    with qtbot.waitSignal(pane.jobs.batch_finished, timeout=15_000):
        qtbot.mouseClick(pane.run_button, Qt.MouseButton.LeftButton)
    assert pane.result is not None
    return pane


def test_copy_transcript_and_details_are_the_probe_report(
    window: MainWindow, qtbot, smtp_servers
) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd(starttls=True)
    pane = _probe(qtbot, window, server.port)
    result = pane.result
    assert result is not None and result.outcome is ProbeOutcome.RECIPIENT_REJECTED
    for lang in ("en", "zh"):
        window.language_switch.setCurrentIndex(window.language_switch.findData(lang))
        report = probe_report(result, lang)
        pane.copy_button.click()
        copied = QApplication.clipboard().text()
        assert copied == render_text(report)
        # The transcript block: every row of the list, as the CLI streams it.
        rows = [str(pane.model.data(pane.model.index(row))) for row in range(pane.model.rowCount())]
        assert rows == [line for step in result.steps for line in step_lines(step, lang)]
        assert "\n".join("    " + row for row in rows) in copied
        # The details view (nothing selected) shows the same report, its verdict in the
        # banner above it (once: not again in the view).
        document = shown(pane)
        verdict = plain(report.blocks[0].text, lang)
        missing = [piece for piece in pieces(report) if piece not in document + verdict]
        assert not missing, missing
        assert verdict == pane.summary.text() and verdict not in document
    assert "What 550 5.1.1 means" not in copied and "550 5.1.1 的含义" in copied
    assert "TLSv1.3" in copied and "STARTTLS" in copied


def test_the_selected_step_shows_its_report(window: MainWindow, qtbot, smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd(starttls=True)
    pane = _probe(qtbot, window, server.port)
    result = pane.result
    assert result is not None
    seen = set()
    for row in range(pane.model.rowCount()):
        pane.transcript.setCurrentIndex(pane.model.index(row))
        step = result.steps[pane.model.line(row).step]
        report = step_report(step, result, "en")
        document = shown(pane)
        missing = [piece for piece in pieces(report) if piece not in document]
        assert not missing, (step.kind, missing)
        assert "Probe result" not in document  # the step, not the whole probe
        seen.add(step.kind)
    assert {StepKind.EHLO, StepKind.TLS, StepKind.RCPT} <= seen
    rcpt = next(s for s in result.steps if s.kind is StepKind.RCPT)
    pane.transcript.setCurrentIndex(pane.model.index(pane.model.rowCount() - 1))
    pane.transcript.clearSelection()  # no step selected: the whole probe again
    assert shown(pane).startswith("Probe result")
    text = render_text(step_report(rcpt, result, "en"))
    assert "Sent:  RCPT TO:<nobody@example.test>" in text and "What 550 5.1.1 means" in text
