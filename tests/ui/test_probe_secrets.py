"""The probe pane against a server that echoes the credentials back (issue 12): the
transcript, the details and Copy transcript show the secret masked."""

from __future__ import annotations

import base64

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from smtp_gui.core.probe_model import TlsMode
from smtp_gui.ui.main_window import MainWindow
from tests.hostile_servers import echo_secrets

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
