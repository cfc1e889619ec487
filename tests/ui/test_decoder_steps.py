"""The decoder answers in a table: ``decoderSteps`` rows, the big ``decoderAnswer``, the
``decoderVerdict`` banner and when Copy report can be pressed (real widgets, offscreen)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QPushButton, QTableView
from pytestqt.qtbot import QtBot

from smtp_gui.core.text.messages import message_text
from smtp_gui.ui.decoder.pane import DecoderPane
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.verdict_banner import VerdictBanner

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PASSWORD = "tanstaaftanstaaf"
# An AUTH LOGIN exchange refused with 535 (also the decoder's picture in scripts/screenshots.py)
SAMPLE_AUTH = (CORPUS / "auth" / "login-535.txt").read_text("utf-8").rstrip("\n")


def _pane(window: MainWindow) -> DecoderPane:
    pane = window.decoder_pane
    window.tabs.setCurrentWidget(pane.parentWidget())
    return pane


def _enter(qtbot: QtBot, pane: DecoderPane, text: str) -> None:
    with qtbot.waitSignal(pane.output_updated, timeout=10_000):
        pane.input.setPlainText(text)


def _table(window: MainWindow) -> list[list[str]]:
    view = window.findChild(QTableView, "decoderSteps")
    assert view is not None
    model = view.model()
    return [
        [str(model.index(row, column).data()) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_the_auth_login_sample_as_rows(window: MainWindow, qtbot: QtBot) -> None:
    pane = _pane(window)
    _enter(qtbot, pane, SAMPLE_AUTH)
    rows = _table(window)
    header = [pane.steps_model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert header == ["Step", "Who", "Raw", "Decoded", "Meaning"]
    assert rows[0][:4] == ["1–3", "Server and client", "220, EHLO, 250", ""]
    assert rows[0][4] == "Greeting and EHLO: the server offers AUTH LOGIN PLAIN."
    assert [row[0] for row in rows] == ["1–3", "4", "5", "6", "7", "8", "9"]
    assert rows[2][2:4] == ["334 VXNlcm5hbWU6", "Username:"]
    assert rows[3][3] == "tim@example.org" and rows[4][3] == "Password:"
    password = rows[5]
    assert password[1] == "Client" and "••••••••" in password[2] and "••••••••" in password[3]
    assert PASSWORD not in " ".join(password) and "hidden" in password[4]
    assert rows[6][2] == "535 5.7.8 Authentication credentials invalid"
    # Revealed: the password itself, and no "(hidden)" anywhere in the table or the details.
    pane.reveal.setChecked(True)
    revealed = _table(window)[5]
    assert revealed[3] == PASSWORD and PASSWORD in revealed[4]
    assert "hidden" not in " ".join(" ".join(row) for row in _table(window))
    assert "hidden" not in pane.output.toPlainText()
    # Copy is masked, always.
    pane.copy_button.click()
    copied = QApplication.clipboard().text()
    assert PASSWORD not in copied and base64.b64encode(PASSWORD.encode()).decode() not in copied
    pane.reveal.setChecked(False)
    assert "••••••••" in _table(window)[5][3]


def test_plain_with_nul_separators_in_the_decoded_column(window: MainWindow, qtbot: QtBot) -> None:
    pane = _pane(window)
    plain = "AUTH PLAIN " + base64.b64encode(f"\0alice\0{PASSWORD}".encode()).decode()
    _enter(qtbot, pane, plain + "\n235 2.7.0 Authentication successful")
    rows = _table(window)
    assert rows[0][3] == "<NUL>alice<NUL>•••••••• (16 characters)"
    pane.reveal.setChecked(True)
    assert _table(window)[0][3] == f"<NUL>alice<NUL>{PASSWORD}"
    assert "\u2400" not in str(_table(window)) and "\0" not in str(_table(window))
    assert rows[1][2] == "235 2.7.0 Authentication successful"


def test_a_single_334_line_shows_its_value_in_large_type(window: MainWindow, qtbot: QtBot) -> None:
    pane = _pane(window)
    answer = window.findChild(QLabel, "decoderAnswer")
    assert answer is not None and not answer.isVisible()
    _enter(qtbot, pane, "334 VXNlcm5hbWU6")
    assert answer.isVisible() and answer.text() == "Username:"
    assert answer.textFormat() == Qt.TextFormat.PlainText
    assert answer.font().pointSizeF() > pane.input_label.font().pointSizeF() * 1.5
    _enter(qtbot, pane, SAMPLE_AUTH)  # a whole exchange: the table answers
    assert not answer.isVisible()
    _enter(qtbot, pane, "334 " + base64.b64encode(b"<b>x</b>").decode())
    assert answer.text() == "<b>x</b>"  # shown literally


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_verdict_banner_says_it_in_both_languages(
    window: MainWindow, qtbot: QtBot, lang: str
) -> None:
    pane = _pane(window)
    window.language_switch.setCurrentIndex(window.language_switch.findData(lang))
    QApplication.processEvents()
    banner = window.findChild(VerdictBanner, "decoderVerdict")
    assert banner is not None
    _enter(qtbot, pane, SAMPLE_AUTH)
    refused = message_text("sasl.verdict.refused", lang, code="535 5.7.8")
    assert banner.isVisible() and banner.text() == refused
    assert banner.accessibleName() == refused
    _enter(qtbot, pane, "334 VXNlcm5hbWU6")
    assert banner.text() == message_text("sasl.verdict.asks_username", lang, code="334")
    window.language_switch.setCurrentIndex(window.language_switch.findData("en"))
    QApplication.processEvents()


def test_copy_report_is_enabled_only_with_something_to_copy(
    window: MainWindow, qtbot: QtBot
) -> None:
    pane = _pane(window)
    copy = window.findChild(QPushButton, "copyDecoderReport")
    assert copy is not None and not copy.isEnabled()  # empty input
    _enter(qtbot, pane, "334 VXNlcm5hbWU6")
    assert copy.isEnabled()
    _enter(qtbot, pane, "250 OK")  # decodes to nothing
    assert not copy.isEnabled()
    _enter(qtbot, pane, "334 VXNlc!m5hbWU6")  # an input error
    assert not copy.isEnabled()
    _enter(qtbot, pane, SAMPLE_AUTH)
    assert copy.isEnabled()
    pane.clear_button.click()
    assert not copy.isEnabled()


def test_the_table_is_reached_by_tab_and_read_by_arrows(window: MainWindow, qtbot: QtBot) -> None:
    pane = _pane(window)
    window.activateWindow()
    _enter(qtbot, pane, SAMPLE_AUTH)
    view = window.findChild(QTableView, "decoderSteps")
    assert view is not None and view.focusPolicy() & Qt.FocusPolicy.TabFocus
    seen = []
    pane.input.setFocus()
    for _ in range(30):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
        if QApplication.focusWidget() is view:
            break
    assert QApplication.focusWidget() is view, [w.objectName() for w in seen if w]
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() >= 1
    assert view.editTriggers() == QTableView.EditTrigger.NoEditTriggers
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # Tab leaves the table
    assert QApplication.focusWidget() is not view
    assert isinstance(pane.input, QPlainTextEdit)
