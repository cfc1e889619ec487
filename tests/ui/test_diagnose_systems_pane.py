"""The Diagnose pane names who refused the mail and who only wrote the bounce (issue 14): the
``diagnosisVerdict`` banner's accessible text and the Copy diagnosis text (what goes into the
ticket), driven through the real pane in both languages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QFrame
from pytestqt.qtbot import QtBot

from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.verdict_banner import VerdictBanner

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "bounces"
LEFT = Qt.MouseButton.LeftButton
GMAIL = "Gmail / Google Workspace"
MX = "mx1.acme-widgets.com [198.51.100.20]"


def _open(window: MainWindow, qtbot: QtBot, name: str) -> VerdictBanner:
    pane = window.diagnose_pane
    window.tabs.setCurrentWidget(pane.parentWidget())
    with qtbot.waitSignal(pane.diagnosis_shown, timeout=10_000):
        assert pane.open_file(str(CORPUS / name))
    banner = window.findChild(QFrame, "diagnosisVerdict")
    assert isinstance(banner, VerdictBanner)
    return banner


def _copied(window: MainWindow, qtbot: QtBot) -> str:
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(window.diagnose_pane.copy_button, LEFT)
    return QGuiApplication.clipboard().text()


def _line(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(label))


def _switch(window: MainWindow, lang: str) -> None:
    switch = window.findChild(QComboBox, "languageSwitch")
    assert switch is not None
    switch.setCurrentIndex(switch.findData(lang))


def test_a_gmail_bounce_of_a_remote_refusal_blames_the_remote_server(
    window: MainWindow, qtbot: QtBot
) -> None:
    banner = _open(window, qtbot, "51-gmail-reports-remote-postfix-spamhaus.eml")
    english = banner.accessibleName()
    assert english.startswith(f"The server {MX} (reported by {GMAIL}) refused the mail")
    copied = _copied(window, qtbot)
    assert english in copied
    assert _line(copied, "Refused by:").endswith(MX)
    assert _line(copied, "Bounce written by:").endswith(f"{GMAIL} (googlemail.com)")
    assert "Provider:" not in copied and "The reply was written by Gmail" not in copied

    _switch(window, "zh")
    qtbot.waitUntil(lambda: banner.accessibleName() != english)
    chinese = banner.accessibleName()
    assert chinese.startswith(f"服务器 {MX}（退信由 {GMAIL} 生成）拒收了这封邮件")
    copied = _copied(window, qtbot)
    assert chinese in copied
    assert _line(copied, "拒收方：").endswith(MX)
    assert GMAIL in _line(copied, "退信生成方：")


def test_gmail_refusing_its_own_user_is_named_once(window: MainWindow, qtbot: QtBot) -> None:
    banner = _open(window, qtbot, "53-gmail-refuses-gmail-user-unknown.eml")
    sentence = banner.accessibleName()
    assert sentence.startswith(f"{GMAIL} refused the mail") and "reported by" not in sentence
    copied = _copied(window, qtbot)
    assert copied.count("Refused and reported by:") == 1
    assert "Bounce written by:" not in copied and "Refused by:" not in copied
