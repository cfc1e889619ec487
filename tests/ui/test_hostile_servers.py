"""Panes against hostile servers (issue 12): a server that echoes the credentials back (the
transcript, details and Copy transcript show them masked), a certificate ``cryptography``
cannot read (a finding, not a raw ValueError), and a blocklist that answers with 4,000 A
records (the row shows 20 and how many more)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTextBrowser

from smtp_gui.core.probe.model import TlsMode
from smtp_gui.ui.checks.model import CheckResultsModel
from smtp_gui.ui.main_window import MainWindow
from tests.dnsserver import LoopbackDNSServer
from tests.hostile_servers import (
    echo_secrets,
    starttls_with,
    tls_server_context,
    unreadable_subject_certificate,
)

USER = "alice@example.test"
PASSWORD = "s3cret-Pa55"
pytestmark = pytest.mark.network


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN"])
def test_echoed_secret_is_masked_in_transcript_and_clipboard(
    window: MainWindow, qtbot, smtp_servers, mechanism: str
) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(echo_secrets)
    window.show_probe()
    pane = window.probe_pane
    qtbot.keyClicks(pane.target, "127.0.0.1")
    pane.port.setValue(server.port)
    pane.timeout.setValue(3.0)
    pane.tls_mode.setCurrentIndex(pane.tls_mode.findData(TlsMode.NONE))
    pane.auth.setCurrentIndex(pane.auth.findData(mechanism))
    qtbot.keyClicks(pane.user, USER)
    qtbot.keyClicks(pane.password, PASSWORD)
    with qtbot.waitSignal(pane.jobs.batch_finished, timeout=15_000):
        qtbot.mouseClick(pane.run_button, Qt.MouseButton.LeftButton)
    assert pane.result is not None and pane.result.auth_ok is False
    model = pane.model
    rows = "\n".join(str(model.data(model.index(row))) for row in range(model.rowCount()))
    assert "535 5.7.8 password was ********" in rows
    pane.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "password was ********" in copied
    shown = rows + copied + pane.summary.text() + pane.status.text()
    for row in range(model.rowCount()):
        pane.transcript.setCurrentIndex(model.index(row))
        shown += pane.details.toPlainText()
    forms = [PASSWORD, b64(PASSWORD), b64(f"\0{USER}\0{PASSWORD}")]
    assert not [form for form in forms if form in shown]


def test_unreadable_certificate_is_a_finding(
    window: MainWindow, qtbot, smtp_servers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    cert, key = unreadable_subject_certificate(tmp_path)
    server = smtp_servers.scripted(starttls_with(tls_server_context(cert, key)))
    window.show_probe()
    pane = window.probe_pane
    qtbot.keyClicks(pane.target, "127.0.0.1")
    pane.port.setValue(server.port)
    pane.timeout.setValue(3.0)
    pane.insecure.setChecked(True)  # the GUI has no CA file field: continue unvalidated
    with qtbot.waitSignal(pane.jobs.batch_finished, timeout=15_000):
        qtbot.mouseClick(pane.run_button, Qt.MouseButton.LeftButton)
    assert pane.result is not None and pane.result.tls is not None  # was: a raw ValueError
    model = pane.model
    rows = "\n".join(str(model.data(model.index(row))) for row in range(model.rowCount()))
    assert "The certificate's subject could not be read: ASN.1 InvalidValue" in rows
    assert "ValueError" not in rows + pane.summary.text() + pane.status.text()


def test_blocklist_row_shows_20_answers(
    window: MainWindow, qtbot, dns_server: LoopbackDNSServer
) -> None:  # type: ignore[no-untyped-def]
    zone = "many.bl.test"
    many = [f"127.1.{i // 256}.{i % 256}" for i in range(4000)]
    dns_server.add(f"2.0.0.127.{zone}", "A", "127.0.0.2")
    dns_server.add(f"1.2.0.192.{zone}", "A", *many)
    pane = window.checks_pane
    window.show_checks("192.0.2.1", "blocklist")
    pane.nameservers.setText(dns_server.nameserver)
    pane.options.setText(zone)
    pane.timeout.setValue(2.0)
    with qtbot.waitSignal(pane.check_finished, timeout=15_000):
        qtbot.mouseClick(pane.run_button, Qt.MouseButton.LeftButton)
    model = pane.model
    answer = str(model.data(model.index(0, CheckResultsModel.ANSWER)))
    assert answer.endswith(" and 3,980 more") and answer.count(", ") == 19
    meaning = str(model.data(model.index(0, CheckResultsModel.MEANING)))
    assert len(meaning) < 1500
    window.language_switch.setCurrentIndex(window.language_switch.findData("zh"))
    answer = str(model.data(model.index(0, CheckResultsModel.ANSWER)))
    assert answer.endswith(" 及另外 3,980 个")
    pane.table.selectRow(0)
    details = window.findChild(QTextBrowser, "checkDetails")
    assert details is not None
    assert many[19] in details.toPlainText() and many[20] not in details.toPlainText()
