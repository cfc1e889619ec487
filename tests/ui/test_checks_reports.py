"""The checks pane shows the report model, nothing of its own: Copy report is the text (or
Markdown) of ``domain_report``, the details view is ``check_report`` / ``zone_report`` of the
selected row, the SPF tree holds the rows of the text trace. Real checks against the
loopback DNS server (tests/zones)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLineEdit, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from smtp_gui.core.checks.report import check_report, domain_report
from smtp_gui.core.checks.status import CheckResult
from smtp_gui.core.dnsbl.check import PROBE_CACHE, ZoneResult
from smtp_gui.core.dnsbl.report import zone_report
from smtp_gui.core.report.markdown import render_markdown
from smtp_gui.core.report.model import Report
from smtp_gui.core.report.runs import plain
from smtp_gui.core.report.text import render_text
from smtp_gui.core.spf.analysis_result import Analysis
from smtp_gui.core.spf.report import spf_report
from smtp_gui.core.spf.trace import Evaluation
from smtp_gui.core.spf.trace_rows import spf_rows
from smtp_gui.ui.checks.domain_kind import DomainBatch
from smtp_gui.ui.checks.pane import ChecksPane
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.report_view import render_report
from tests.dnsserver import LoopbackDNSServer


def _pane(window: MainWindow, dns_server: LoopbackDNSServer, kind: str) -> ChecksPane:
    pane = window.checks_pane
    window.show_checks("", kind)
    pane.nameservers.setText(dns_server.nameserver)
    pane.timeout.setValue(1.0)
    return pane


def _check_shop(pane: ChecksPane, qtbot: QtBot) -> DomainBatch:
    for name, value in (("checkIp", "203.0.113.140"), ("checkSelectors", "s1")):
        field = pane.findChild(QLineEdit, name)
        assert field is not None, name
        field.setText(value)
    with qtbot.waitSignal(pane.check_finished, timeout=8000):
        assert pane.start_check("example-shop.test")
    batch = pane.batch
    assert isinstance(batch, DomainBatch)
    return batch


def _shown(report: Report) -> str:
    """What the details view would show for ``report``: its Qt rendering, as plain text."""
    document = QTextDocument()
    render_report(report, document)
    return document.toPlainText()


def _select(pane: ChecksPane, row: int) -> None:
    pane.table.selectRow(row)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_copy_report_is_the_domain_report(
    window: MainWindow, dns_server: LoopbackDNSServer, qtbot: QtBot, lang: str
) -> None:
    pane = _pane(window, dns_server, "domain")
    switch = window.language_switch
    switch.setCurrentIndex(switch.findData(lang))
    batch = _check_shop(pane, qtbot)
    report = domain_report(batch.target, batch.finished(), lang, batch.resolver)
    pane.report_button.click()
    text = QApplication.clipboard().text()
    assert text == render_text(report)
    assert len(batch.finished()) == 9
    for result in batch.finished():  # every check's verdict and record is in it
        assert result.summary.text(lang) in text
        for line in (result.record or "").splitlines():
            assert line in text
    pane.report_button.markdown_action.trigger()
    assert QApplication.clipboard().text() == render_markdown(report)
    switch.setCurrentIndex(switch.findData("en"))


def test_the_details_view_shows_the_row_report(
    window: MainWindow, dns_server: LoopbackDNSServer, qtbot: QtBot
) -> None:
    pane = _pane(window, dns_server, "domain")
    batch = _check_shop(pane, qtbot)
    for row in range(pane.model.rowCount()):
        _select(pane, row)
        result = batch.result_for(pane.model.row(row).key)
        assert isinstance(result, CheckResult)
        shown = pane.details.toPlainText()
        assert shown == _shown(check_report(result, "en"))
        assert result.summary.text("en") in shown
        for detail in result.details:
            assert f"{detail.label}: {detail.value}" in shown


def test_blocklist_details_are_the_zone_report(
    window: MainWindow, dns_server: LoopbackDNSServer, qtbot: QtBot
) -> None:
    PROBE_CACHE.clear()
    pane = _pane(window, dns_server, "blacklist")
    pane.options.setText("zen.dnsbl.test=zen.spamhaus.org,spamcop.dnsbl.test=bl.spamcop.net")
    with qtbot.waitSignal(pane.check_finished, timeout=8000):
        assert pane.start_check("192.0.2.2")
    assert pane.batch is not None
    for row in range(pane.model.rowCount()):
        _select(pane, row)
        result = pane.batch.result_for(pane.model.row(row).key)
        assert isinstance(result, ZoneResult)
        shown = pane.details.toPlainText()
        assert shown == _shown(zone_report(result, "en"))
        assert result.meaning.en in shown and result.zone.zone in shown


def _items(item: QTreeWidgetItem, depth: int = 0) -> list[tuple[int, list[str]]]:
    found = [(depth, [item.text(column) for column in range(4)])]
    for index in range(item.childCount()):
        child = item.child(index)
        assert child is not None
        found.extend(_items(child, depth + 1))
    return found


def test_the_spf_tree_holds_the_rows_of_the_text_trace(
    window: MainWindow, dns_server: LoopbackDNSServer, qtbot: QtBot
) -> None:
    pane = _pane(window, dns_server, "domain")
    batch = _check_shop(pane, qtbot)
    row = next(r for r in range(pane.model.rowCount()) if pane.model.row(r).name == "spf")
    _select(pane, row)
    result = batch.result_for(pane.model.row(row).key)
    assert isinstance(result, CheckResult)
    rows = spf_rows(result)
    assert len(rows) > 5
    root = pane.trace.topLevelItem(0)
    assert root is not None and pane.trace.topLevelItemCount() == 1
    tree = _items(root)
    assert tree == [(r.depth, [plain(cell, "en") for cell in r.cells()]) for r in rows]
    # The same rows, term by term, in the text the CLI prints for the same evaluation.
    evaluation = next(f for f in result.facts if isinstance(f, Evaluation))
    analysis = next(f for f in result.facts if isinstance(f, Analysis))
    text = render_text(spf_report(analysis, result.resolver, "en", evaluation))
    lines = text.splitlines()
    for depth, (term, lookups, outcome, _looked_up) in tree:
        mark = "\u00b7 " * (depth - 2) + "\u21b3 " if depth >= 2 else ""
        line = next(line for line in lines if line.startswith(f"{mark}{term} "))
        assert lookups in line and outcome in line
    assert tree[0][1][:3] == ["example-shop.test", "5 / 10", "pass"]
    header = pane.trace.headerItem()
    assert header is not None and header.text(0) == "Term"
