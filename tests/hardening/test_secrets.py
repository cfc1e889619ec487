"""Secrets stay secret: a password, token or SCRAM proof that was decoded, typed into the
answer builder, or sent by a probe is found nowhere it could leak.

Not in the settings file, any log record (every logger at DEBUG), what Copy puts on the
clipboard, the CLI's output without ``--reveal`` (text and JSON), the window title, any
tooltip, status tip, What's This, accessible name or description, any text a widget
shows (line edits only as dots), the items of any list or picker, or the undo history of
the fields once the user clears them. Each secret is also looked for in its Base64 form.
"""

from __future__ import annotations

import base64
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from smtp_gui.cli import main as cli_main
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.settings import Settings
from tests.smtpserver import PASSWORD as SERVER_PASSWORD
from tests.smtpserver import USER as SERVER_USER

USER = "alice@example.test"
PASSWORD = "Correct-Horse-7731"
TOKEN = "ya29.Secret-Token-4410"
SCRAM_PROOF = "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="  # RFC 7677 3


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


_SCRAM_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=" + SCRAM_PROOF
EXCHANGES = {
    "PLAIN": "AUTH PLAIN " + b64(f"\0{USER}\0{PASSWORD}") + "\n235 2.7.0 ok",
    "LOGIN": (
        f"AUTH LOGIN\n334 VXNlcm5hbWU6\n{b64(USER)}\n334 UGFzc3dvcmQ6\n{b64(PASSWORD)}\n"
        "235 2.7.0 ok"
    ),
    "XOAUTH2": "AUTH XOAUTH2 " + b64(f"user={USER}\x01auth=Bearer {TOKEN}\x01\x01"),
    "SCRAM-SHA-256": "\n".join(
        [
            "AUTH SCRAM-SHA-256 " + b64("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"),
            "334 "
            + b64(
                "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
            ),
            b64(_SCRAM_FINAL),
            "334 " + b64("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="),
            "",
            "235 2.7.0 ok",
        ]
    ),
}
# What must never show: each secret in clear and in the Base64 forms that carry it.
SECRETS = (
    PASSWORD,
    b64(PASSWORD),
    b64(f"\0{USER}\0{PASSWORD}"),
    TOKEN,
    b64(f"user={USER}\x01auth=Bearer {TOKEN}\x01\x01"),
    SCRAM_PROOF,
    b64(_SCRAM_FINAL),
    SERVER_PASSWORD,
    b64(SERVER_PASSWORD),
    b64(f"\0{SERVER_USER}\0{SERVER_PASSWORD}"),
)
# The fields where the user typed or pasted the secret (they may hold it, as dots).
INPUTS = {"decoderInput", "encoderSecret", "probePassword"}


def _leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


def _model_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    roles = (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.AccessibleDescriptionRole,
        Qt.ItemDataRole.StatusTipRole,
    )
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # list models: columnCount is private in PySide6
        columns = 1
    for row in range(min(model.rowCount(QModelIndex()), 2000)):
        for column in range(columns):
            index = model.index(row, column)
            for role in roles:
                value = index.data(role)
                if isinstance(value, str):
                    yield value


def window_leaks(window: MainWindow) -> dict[str, list[str]]:
    """Every place in the window a secret shows, by widget."""
    found: dict[str, list[str]] = {}

    def check(where: str, text: str) -> None:
        if leaks := _leaks(text):
            found.setdefault(where, []).extend(leaks)

    check("window title", window.windowTitle())
    for widget in window.findChildren(QWidget):
        name = widget.objectName() or type(widget).__name__
        for kind, text in (
            ("tooltip", widget.toolTip()),
            ("status tip", widget.statusTip()),
            ("what's this", widget.whatsThis()),
            ("accessible name", widget.accessibleName()),
            ("accessible description", widget.accessibleDescription()),
            ("title", widget.windowTitle()),
        ):
            check(f"{name} {kind}", text)
        if isinstance(widget, QLabel | QAbstractButton):
            check(name, widget.text())
        elif isinstance(widget, QLineEdit):
            check(name, widget.displayText())  # what the screen shows: dots for secrets
            if name not in INPUTS and widget.echoMode() == QLineEdit.EchoMode.Normal:
                check(name, widget.text())
        elif isinstance(widget, QPlainTextEdit | QTextEdit) and name not in INPUTS:
            check(name, widget.toPlainText())
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                check(f"{name} item", widget.itemText(index))
            check(name, widget.currentText())
        if isinstance(widget, QAbstractItemView):
            for text in _model_texts(widget):
                check(f"{name} item", text)
    return found


def _copy(button: QAbstractButton) -> str:
    QApplication.clipboard().clear()
    button.click()
    return QApplication.clipboard().text()


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = cli_main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out + err


@pytest.mark.network
def test_no_secret_leaks_anywhere(  # type: ignore[no-untyped-def]
    window: MainWindow,
    qtbot: QtBot,
    settings: Settings,
    smtp_servers,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    copied: list[str] = []
    decoder = window.decoder_pane
    window.tabs.setCurrentWidget(decoder.parentWidget())

    # The decoder: every mechanism, revealed for a moment (so the secret surely was decoded).
    for mechanism, text in EXCHANGES.items():
        decoder.input.setPlainText(text)
        decoder.decode_now()
        assert decoder.exchange is not None and decoder.exchange.mechanism == mechanism
        decoder.reveal.setChecked(True)
        assert _leaks(decoder.output.toPlainText()), f"{mechanism}: nothing was decoded"
        copied.append(_copy(decoder.copy_button))  # the report is masked even now
        decoder.reveal.setChecked(False)
        assert window_leaks(window) == {}, mechanism
        copied.append(_copy(decoder.copy_button))

    # The answer builder: LOGIN, PLAIN and XOAUTH2 answers, built and masked.
    encoder = decoder.encoder
    for mode, secret in (("login", PASSWORD), ("plain", PASSWORD), ("xoauth2", TOKEN)):
        encoder.set_mode(mode)
        encoder.user.setText(USER)
        encoder.secret.setText(secret)
        assert any(output.text() for output in encoder.outputs)
        assert window_leaks(window) == {}, mode

    # A probe that authenticates (AUTH PLAIN over STARTTLS to aiosmtpd).
    server = smtp_servers.aiosmtpd(starttls=True, auth=True)
    window.show_probe("127.0.0.1")
    probe = window.probe_pane
    probe.port.setValue(server.port)
    probe.timeout.setValue(5.0)
    probe.insecure.setChecked(True)
    probe.auth.setCurrentIndex(probe.auth.findData("PLAIN"))
    probe.user.setText(SERVER_USER)
    probe.password.setText(SERVER_PASSWORD)
    with qtbot.waitSignal(probe.jobs.batch_finished, timeout=15_000):
        qtbot.mouseClick(probe.run_button, Qt.MouseButton.LeftButton)
    assert probe.result is not None and probe.result.auth_ok is True
    for row in range(probe.model.rowCount()):
        probe.transcript.setCurrentIndex(probe.model.index(row))
        assert window_leaks(window) == {}, f"probe step {row}"
    copied.append(_copy(probe.copy_button))
    assert window_leaks(window) == {}

    # The CLI, without --reveal: text and JSON (and with it, to prove the secret is there).
    for text in EXCHANGES.values():
        for extra in ((), ("--json",), ("--lang", "zh")):
            assert _leaks(_cli(capsys, "decode", text, *extra)) == []
        assert _leaks(_cli(capsys, "decode", text, "--json", "--reveal"))
    monkeypatch.setattr("sys.stdin", io.StringIO(SERVER_PASSWORD + "\n"))
    probe_args = [
        "probe",
        "127.0.0.1",
        "--port",
        str(server.port),
        "--tls",
        "starttls",
        "--insecure",
        "--auth",
        "plain",
        "--user",
        SERVER_USER,
        "--password-stdin",
        "--timeout",
        "5",
    ]
    probed = _cli(capsys, *probe_args, "--json")
    assert json.loads(probed)["result"] and _leaks(probed) == []

    assert [leak for text in copied for leak in _leaks(text)] == []
    app_records = [r for r in caplog.records if not r.name.startswith(("mail.log", "asyncio"))]
    assert [_leaks(r.getMessage()) for r in app_records if _leaks(r.getMessage())] == []

    # Clear forgets: no undo step holds a secret.
    decoder.clear()
    for field in (decoder.input,):
        assert not field.document().isUndoAvailable()
    for line in (encoder.user, encoder.secret, *encoder.outputs):
        assert not line.isUndoAvailable() and not line.text()

    window.close()
    settings.sync()
    stored = Path(settings.backend.fileName()).read_text(encoding="utf-8", errors="replace")
    assert stored and _leaks(stored) == []
    assert set(settings.backend.allKeys()) <= {
        "language",
        "window/geometry",
        "window/pane",
        "compare/left",
        "compare/right",
        "checks/nameservers",
        "checks/timeout",
    }
