"""The probe pane driven like a user would, against real SMTP servers on 127.0.0.1."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListView, QPushButton

from smtp_gui.core.probe.model import ProbeOutcome
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.probe.pane import ProbePane
from smtp_gui.ui.probe.transcript_model import CODE_ROLE
from tests.smtpserver import PASSWORD, UNKNOWN_RCPT, USER, markup_replies, silent

pytestmark = pytest.mark.network


def _pane(window: MainWindow) -> ProbePane:
    window.show_probe()
    return window.probe_pane


def _rows(pane: ProbePane) -> list[str]:
    model = pane.model
    return [str(model.data(model.index(row))) for row in range(model.rowCount())]


def _probe(qtbot, pane: ProbePane, port: int, **fields: str) -> None:  # type: ignore[no-untyped-def]
    pane.target.clear()
    qtbot.keyClicks(pane.target, "127.0.0.1")
    pane.port.setValue(port)
    pane.timeout.setValue(3.0)
    for name, value in fields.items():
        line = getattr(pane, name)
        line.clear()
        qtbot.keyClicks(line, value)
    with qtbot.waitSignal(pane.jobs.batch_finished, timeout=15_000):
        qtbot.mouseClick(pane.run_button, Qt.MouseButton.LeftButton)


def test_contract_widgets_exist(window: MainWindow) -> None:
    _pane(window)
    assert window.findChild(QLineEdit, "probeTarget") is not None
    assert window.findChild(QPushButton, "runProbe") is not None
    assert window.findChild(QListView, "probeTranscript") is not None
    pane = window.probe_pane
    widgets = [
        pane.target,
        pane.port,
        pane.tls_mode,
        pane.helo,
        pane.mail_from,
        pane.rcpt_to,
        pane.auth,
        pane.user,
        pane.password,
        pane.insecure,
        pane.timeout,
        pane.run_button,
        pane.cancel_button,
        pane.progress,
        pane.transcript,
        pane.details,
        pane.copy_button,
        pane.open_code_button,
        pane.status,
    ]
    for widget in widgets:
        assert widget.objectName() and widget.accessibleName(), widget


def test_nothing_is_sent_before_probe_is_pressed(window: MainWindow, smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(silent)
    pane = _pane(window)
    pane.target.setText("127.0.0.1")
    pane.port.setValue(server.port)
    QApplication.processEvents()
    assert server.connections == 0 and not pane.running


def test_finished_probe_shows_the_replies(window: MainWindow, qtbot, smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd()
    pane = _pane(window)
    _probe(qtbot, pane, server.port, mail_from="bob@example.test", rcpt_to=UNKNOWN_RCPT)
    assert pane.result is not None and pane.result.outcome is ProbeOutcome.RECIPIENT_REJECTED
    rows = _rows(pane)
    assert "<-  220 mail.test ESMTP test server" in rows
    assert " -> RCPT TO:<nobody@example.test>" in rows
    assert any(row.startswith("<-  550 5.1.1 <nobody@example.test>") for row in rows)
    assert "rejects the recipient" in pane.summary.text()
    assert "What 550 5.1.1 means" in pane.details.toPlainText()
    assert pane.run_button.isEnabled() and not pane.cancel_button.isEnabled()


def test_a_reply_opens_its_catalogue_page(window: MainWindow, qtbot, smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd()
    pane = _pane(window)
    _probe(qtbot, pane, server.port, mail_from="bob@example.test", rcpt_to=UNKNOWN_RCPT)
    row = next(r for r, text in enumerate(_rows(pane)) if text.startswith("<-  550"))
    index = pane.model.index(row)
    assert index.data(CODE_ROLE) == "550 5.1.1"
    pane.transcript.setCurrentIndex(index)
    assert pane.open_code_button.isEnabled()
    assert "RCPT TO:<nobody@example.test>" in pane.details.toPlainText()
    with qtbot.waitSignal(pane.code_requested) as caught:
        pane.transcript.activated.emit(index)
    assert caught.args == ["550 5.1.1"]
    assert window.current_pane() is window.code_pane
    assert window.code_pane.shown is not None and window.code_pane.shown.code == "550 5.1.1"


def test_untrusted_server_text_is_shown_literally(window: MainWindow, qtbot, smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(markup_replies)
    pane = _pane(window)
    _probe(qtbot, pane, server.port, mail_from="a@b.test", rcpt_to="c@d.test")
    rows = _rows(pane)
    assert "<-  220 mail.test <b>x</b><img src=y> ESMTP" in rows
    assert "<-  550-5.7.1 <b>x</b><img src=y>" in rows
    assert pane.summary.label.textFormat() == Qt.TextFormat.PlainText
    assert "<b>x</b><img src=y>" in pane.summary.text()
    assert "<b>x</b><img src=y>" in pane.details.toPlainText()
    row = rows.index("<-  550-5.7.1 <b>x</b><img src=y>")
    pane.transcript.setCurrentIndex(pane.model.index(row))
    assert "<b>x</b><img src=y>" in pane.details.toPlainText()
    assert "<img" not in pane.details.toHtml().replace("&lt;img", "")


def test_password_is_masked_and_never_saved(
    window: MainWindow, qtbot, smtp_servers, settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd(starttls=True, auth=True)
    pane = _pane(window)
    assert pane.password.echoMode() == QLineEdit.EchoMode.Password
    pane.auth.setCurrentIndex(pane.auth.findData("PLAIN"))
    pane.insecure.setChecked(True)
    _probe(qtbot, pane, server.port, user=USER, password=PASSWORD, rcpt_to="c@d.test")
    assert pane.result is not None and pane.result.auth_ok is True
    secrets = [
        PASSWORD,
        base64.b64encode(PASSWORD.encode()).decode(),
        base64.b64encode(f"\0{USER}\0{PASSWORD}".encode()).decode(),
    ]
    rows = "\n".join(_rows(pane))
    assert " ~> AUTH PLAIN ********" in rows
    pane.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "AUTH PLAIN ********" in copied and "AUTH PLAIN succeeded" in copied
    shown = rows + copied + pane.summary.text() + pane.details.toPlainText()
    for row in range(pane.model.rowCount()):
        pane.transcript.setCurrentIndex(pane.model.index(row))
        shown += pane.details.toPlainText()
    assert not any(secret in shown for secret in secrets)
    window.close()
    settings.sync()
    stored = "".join(p.read_text(errors="replace") for p in tmp_path.rglob("*.ini"))
    assert stored and not any(secret in stored for secret in secrets)
    assert USER not in stored


def test_cancel_stops_a_hanging_server(window: MainWindow, qtbot, smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(silent)
    pane = _pane(window)
    pane.target.setText("127.0.0.1")
    pane.port.setValue(server.port)
    pane.timeout.setValue(60)
    pane.run_button.click()
    assert pane.running and pane.cancel_button.isEnabled() and not pane.run_button.isEnabled()
    qtbot.waitUntil(lambda: pane.model.rowCount() > 0, timeout=5000)  # connected, waiting
    with qtbot.waitSignal(pane.jobs.tasks_cancelled, timeout=2000):
        pane.cancel_button.click()
    assert pane.run_button.isEnabled() and not pane.running
    assert "cancelled" in pane.summary.text()


def test_bad_input_is_explained_and_nothing_starts(window: MainWindow) -> None:
    pane = _pane(window)
    pane.target.setText("not a host")
    assert pane.start_probe() is False
    assert not pane.running
    assert "not a host name" in pane.summary.text()


def test_language_switch_rerenders(window: MainWindow, qtbot, smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd()
    pane = _pane(window)
    _probe(qtbot, pane, server.port, rcpt_to="c@d.test")
    assert "accepts mail for" in pane.summary.text()
    window.language_switch.setCurrentIndex(window.language_switch.findData("zh"))
    assert "接受从" in pane.summary.text()
    assert any(row.startswith("=== 已通过 IPv4 连接到") for row in _rows(pane))
    window.language_switch.setCurrentIndex(window.language_switch.findData("en"))
    assert "accepts mail for" in pane.summary.text()


def test_summary_label_is_plain_text(window: MainWindow) -> None:
    pane = _pane(window)
    for label in pane.findChildren(QLabel):
        if label.objectName() in ("probeVerdictText", "probeStatus"):
            assert label.textFormat() == Qt.TextFormat.PlainText
