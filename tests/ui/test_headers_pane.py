"""The Headers pane, driven like a user: paste, drop a .msg, read the hops, the badges and the
report; Verify over the loopback DNS server in the background, with progress and Cancel; the
Diagnose pane and the Headers pane hand each other what belongs to the other."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFrame, QTableView, QTextBrowser

from smtp_gui.core.report.text import render_text
from smtp_gui.ui.headers.pane import HeadersPane
from smtp_gui.ui.main_window import MainWindow
from tests.core.headers.cfb import compound_file
from tests.core.headers.signing import make_key, publish, sign
from tests.core.headers.test_verification import ORIGINAL, RECEIVED
from tests.dnsserver import LoopbackDNSServer

SAMPLES = Path(__file__).resolve().parents[1] / "core" / "headers" / "samples"
CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "bounces"
HOSTILE = "<b>x</b><img src=y>"


def _pane(window: MainWindow) -> HeadersPane:
    pane = window.headers_pane
    window.tabs.setCurrentWidget(pane.parentWidget())
    return pane


def _signed(tampered: bool = False) -> str:
    message = RECEIVED + sign(ORIGINAL, "s1", "sender.test", make_key())
    if tampered:
        message = message.replace(b"Subject: Quarterly figures", b"Subject: Quarterly invoice")
    return message.decode()


def _serve(window: MainWindow, server: LoopbackDNSServer) -> None:
    publish(server, "s1", "sender.test", make_key().record)
    server.add_txt("sender.test.", ["v=spf1 ip4:192.0.2.10 -all"])
    server.add_txt("_dmarc.sender.test.", ["v=DMARC1; p=reject"])
    window.checks_pane.nameservers.setText(server.nameserver)
    window.checks_pane.timeout.setValue(1.0)
    window.checks_pane.nameservers.editingFinished.emit()


def test_paste_shows_verdict_hops_badges_and_report(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = _pane(window)
    with qtbot.waitSignal(pane.analysis_shown, timeout=5000):
        pane.set_text((SAMPLES / "microsoft365.txt").read_text(encoding="utf-8"))
    banner = window.findChild(QFrame, "headersVerdict")
    assert banner is not None and banner.isVisible()
    assert pane.verdict.text().startswith("Delivered to spam by Microsoft 365 (SCL 5)")
    hops = window.findChild(QTableView, "headersHops")
    assert hops.model().rowCount() == len(pane.analysis.path.hops) >= 2
    entry = pane.analysis.receiver.entry.index
    assert hops.model().index(entry - 1, 0).data() == f"{entry} ▶"
    assert "DMARC fail" in pane.auth.badge_texts()
    details = window.findChild(QTextBrowser, "headersDetails")
    assert "X-Forefront-Antispam-Report" in details.toPlainText() or "SCL" in details.toPlainText()
    qtbot.mouseClick(pane.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == render_text(pane.current_report())
    assert pane.save_button.isEnabled() and pane.verify_button.isEnabled()


def test_hostile_text_is_shown_literally(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = _pane(window)
    text = f"Received: from {HOSTILE} by mx.example; Tue, 2 Jul 2024 10:00:00 +0000\n"
    text += f"From: {HOSTILE} <a@example.org>\nSubject: {HOSTILE}\n"
    with qtbot.waitSignal(pane.analysis_shown, timeout=5000):
        pane.set_text(text)
    assert HOSTILE in pane.details.toPlainText()
    assert pane.hops.model().index(0, 1).data() == "<b>x</b><img"


def test_verify_in_the_background_names_the_failure(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, dns_server: LoopbackDNSServer
) -> None:
    _serve(window, dns_server)
    pane = _pane(window)
    with qtbot.waitSignal(pane.analysis_shown, timeout=5000):
        pane.set_text(_signed(tampered=True))
    with qtbot.waitSignal(pane.verification_finished, timeout=10_000):
        qtbot.mouseClick(pane.verify_button, Qt.MouseButton.LeftButton)
    (check,) = pane.verification.dkim
    assert (check.result, check.reason.value) == ("fail", "headers_changed")
    assert "DKIM sender.test fail" in pane.auth.badge_texts()
    assert "signature mismatch: signed header fields were changed" in pane.details.toPlainText()
    assert pane.progress.value() == pane.progress.maximum()
    assert pane.report_facts().resolver == dns_server.nameserver
    window.language_switch.setCurrentIndex(window.language_switch.findData("zh"))
    assert "签名不一致" in pane.details.toPlainText()


def test_cancel_ends_a_verification_at_once(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, dns_server: LoopbackDNSServer
) -> None:
    _serve(window, dns_server)
    dns_server.behave("_domainkey.sender.test.", drop=True)
    pane = _pane(window)
    with qtbot.waitSignal(pane.analysis_shown, timeout=5000):
        pane.set_text(_signed())
    started = time.monotonic()
    qtbot.mouseClick(pane.verify_button, Qt.MouseButton.LeftButton)
    assert time.monotonic() - started < 0.5  # the click returned: the work is elsewhere
    assert pane.cancel_button.isEnabled() and not pane.verify_button.isEnabled()
    qtbot.wait(100)
    with qtbot.waitSignal(pane.verification_finished, timeout=2000):
        qtbot.mouseClick(pane.cancel_button, Qt.MouseButton.LeftButton)
    assert pane.verification is None and pane.status.text() == "Verification cancelled."
    assert pane.verify_button.isEnabled() and not pane.cancel_button.isEnabled()


def test_open_an_outlook_msg(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pane = _pane(window)
    headers = (SAMPLES / "gmail.txt").read_text(encoding="utf-8")
    path = tmp_path / "message.msg"
    path.write_bytes(compound_file("__substg1.0_007D001F", headers.encode("utf-16-le")))
    with qtbot.waitSignal(pane.analysis_shown, timeout=5000):
        assert pane.open_file(str(path))
    assert pane.input.toPlainText().startswith(headers.splitlines()[0])
    assert pane.verdict.text().startswith("Accepted by Gmail")


def test_diagnose_offers_headers_and_headers_offer_diagnose(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    diagnose = window.diagnose_pane
    window.tabs.setCurrentWidget(diagnose.parentWidget())
    with qtbot.waitSignal(diagnose.diagnosis_shown, timeout=5000):
        diagnose.set_text((SAMPLES / "gmail.txt").read_text(encoding="utf-8"))
    assert diagnose.headers_button.isVisible()
    qtbot.mouseClick(diagnose.headers_button, Qt.MouseButton.LeftButton)
    headers = window.headers_pane
    assert window.current_pane() is headers
    assert headers.analysis is not None and QApplication.focusWidget() is headers.verify_button
    bounce = (CORPUS / "02-gmail-5.7.26-unauthenticated-postfix.txt").read_text(encoding="utf-8")
    with qtbot.waitSignal(headers.analysis_shown, timeout=5000):
        headers.set_text(bounce)
    assert headers.diagnose_button.isVisible()
    with qtbot.waitSignal(diagnose.diagnosis_shown, timeout=5000):
        qtbot.mouseClick(headers.diagnose_button, Qt.MouseButton.LeftButton)
    assert window.current_pane() is diagnose and not diagnose.headers_button.isVisible()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_both_languages(window: MainWindow, qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    window.language_switch.setCurrentIndex(window.language_switch.findData(lang))
    pane = _pane(window)
    with qtbot.waitSignal(pane.analysis_shown, timeout=5000):
        pane.set_text((SAMPLES / "skew.txt").read_text(encoding="utf-8"))
    skew = pane.hops.model().index(2, 7).data()
    assert skew == ("clocks disagree by 3595 s" if lang == "en" else "时钟相差 3595 秒")
