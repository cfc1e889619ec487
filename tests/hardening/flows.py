"""Drive every offline pane as a user would, without qtbot, so that the same flows run in
this process and in a subprocess (which watches for sockets with an audit hook).

Offline panes: diagnosis, codes, comparison, AUTH decoder and answer builder. The checks
and probe panes are opened (built, shown) but nothing is started.
"""

from __future__ import annotations

import base64

from PySide6.QtWidgets import QApplication

from smtp_gui.ui.main_window import MainWindow

PASSWORD = "Hunter2-offline-Secret"
BOUNCE = (
    "<judy@example.net>: host mx.example.net[198.51.100.5] said: 554 5.7.1 Service\n"
    "    unavailable; Client host [203.0.113.45] blocked using zen.spamhaus.org\n"
    "    (in reply to RCPT TO command)\n"
)


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def settle(rounds: int = 5) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


def drive_offline_panes(window: MainWindow) -> None:
    """Lookup, comparison, decoding, answer building and diagnosis; every tab opened."""
    diagnose = window.diagnose_pane
    window.tabs.setCurrentWidget(diagnose.parentWidget())
    diagnose.set_text(BOUNCE)
    assert diagnose.diagnosis is not None and diagnose.diagnosis.primary is not None
    assert "203.0.113.45" in diagnose.diagnosis.ips

    window.show_code("5.7.1")
    code = window.code_pane
    assert code.shown is not None and code.shown.code == "5.7.1"
    code.search.setText("relay")
    assert code.model.rowCount() > 0

    window.show_comparison("550", "554 5.7.1")
    assert window.compare_pane.comparison is not None

    decoder = window.decoder_pane
    window.tabs.setCurrentWidget(decoder.parentWidget())
    decoder.input.setPlainText(
        "AUTH LOGIN\n334 VXNlcm5hbWU6\n"
        + b64("alice")
        + "\n334 UGFzc3dvcmQ6\n"
        + b64(PASSWORD)
        + "\n235 2.7.0 ok"
    )
    decoder.decode_now()
    assert decoder.exchange is not None and decoder.exchange.mechanism == "LOGIN"
    encoder = decoder.encoder
    encoder.set_mode("plain")
    encoder.user.setText("alice")
    encoder.secret.setText(PASSWORD)
    assert encoder.outputs[0].text()

    for name in ("checks_pane", "probe_pane"):
        window.tabs.setCurrentWidget(getattr(window, name).parentWidget())
        settle()
    window.language_switch.setCurrentIndex(window.language_switch.findData("zh"))
    settle()
    window.language_switch.setCurrentIndex(window.language_switch.findData("en"))
    settle()
