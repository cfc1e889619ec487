"""The verdict banner on top of every result (issue 14): each exists with its objectName,
shows the verdict of a real result taken from the same report the pane renders, and its
accessible name and description are that sentence, in English and after a switch to Chinese."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFrame, QLineEdit
from pytestqt.qtbot import QtBot

from smtp_gui.core.report import Report, Severity
from smtp_gui.core.report.runs import plain
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.verdict_banner import VerdictBanner, first_verdict
from tests.dnsserver import LoopbackDNSServer

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "bounces"
NAMES = ("diagnosisVerdict", "checksVerdict", "decoderVerdict", "probeVerdict", "headersVerdict")
LOGIN = "C: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: YWxpY2U=\nS: 334 UGFzc3dvcmQ6\nC: c2VjcmV0\n"
LOGIN += "S: 535 5.7.8 Error: authentication failed\n"


def _banner(window: MainWindow, name: str) -> VerdictBanner:
    banner = window.findChild(QFrame, name)
    assert isinstance(banner, VerdictBanner), name
    return banner


def _switch(window: MainWindow, lang: str) -> None:
    switch = window.findChild(QComboBox, "languageSwitch")
    assert switch is not None
    switch.setCurrentIndex(switch.findData(lang))


def _says(banner: VerdictBanner, report: Report | None) -> str:
    """Assert that ``banner`` shows ``report``'s verdict, and return the sentence."""
    verdict = first_verdict(report)
    assert report is not None and verdict is not None
    sentence = plain(verdict.text, report.lang)
    assert sentence and banner.isVisible()
    assert banner.text() == banner.accessibleName() == banner.accessibleDescription() == sentence
    assert banner.severity is verdict.severity
    return sentence


def test_every_banner_exists_and_is_hidden_before_a_result(window: MainWindow) -> None:
    window.build_remaining_panes(all_at_once=True)
    for name in NAMES:
        banner = _banner(window, name)
        assert not banner.isVisibleTo(window) and banner.accessibleName() == ""


def test_the_diagnosis_banner_in_both_languages(window: MainWindow, qtbot: QtBot) -> None:
    pane = window.diagnose_pane
    banner = _banner(window, "diagnosisVerdict")
    with qtbot.waitSignal(pane.diagnosis_shown, timeout=10_000):
        assert pane.open_file(str(CORPUS / "02-gmail-5.7.26-unauthenticated-postfix.txt"))
    english = _says(banner, pane.current_report())
    assert english.startswith("Gmail / Google Workspace refused the mail because example.org")
    assert english.endswith("The sender's domain must publish SPF and sign with DKIM.")
    assert banner.severity is Severity.ERROR
    _switch(window, "zh")
    qtbot.waitUntil(lambda: banner.text() != english)
    assert "拒收了这封邮件" in _says(banner, pane.current_report())


def test_the_checks_banner_after_a_domain_check(
    window: MainWindow, qtbot: QtBot, dns_server: LoopbackDNSServer
) -> None:
    pane = window.checks_pane
    window.show_checks("", "domain")
    pane.nameservers.setText(dns_server.nameserver)
    pane.timeout.setValue(1.0)
    banner = _banner(window, "checksVerdict")
    window.findChild(QLineEdit, "checkIp").setText("203.0.113.140")  # type: ignore[union-attr]
    with qtbot.waitSignal(pane.check_finished, timeout=15_000):
        assert pane.start_check("example-shop.test")
    english = _says(banner, pane.current_report())
    assert "example-shop.test" in english
    _switch(window, "zh")
    qtbot.waitUntil(lambda: banner.text() != english)
    _says(banner, pane.current_report())
    with qtbot.waitSignal(pane.check_finished, timeout=15_000):
        assert pane.start_check("example-shop.test")
        assert not banner.isVisible()  # a running batch has no verdict yet


def test_the_decoder_banner_follows_its_report(window: MainWindow, qtbot: QtBot) -> None:
    """The banner shows the sasl report's verdict (what happened, who must act); the words
    are tested in tests/ui/test_decoder_steps.py."""
    pane = window.decoder_pane
    window.tabs.setCurrentWidget(pane.parentWidget())
    banner = _banner(window, "decoderVerdict")
    with qtbot.waitSignal(pane.output_updated, timeout=10_000):
        pane.input.setPlainText(LOGIN)
    assert pane.current_report() is not None
    found = first_verdict(pane.current_report())
    assert found is not None and banner.isVisible()
    assert banner.text() == plain(found.text, "en")


def test_the_probe_banner_after_a_probe(window: MainWindow, qtbot: QtBot, smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd()
    window.show_probe()
    pane = window.probe_pane
    banner = _banner(window, "probeVerdict")
    pane.target.setText("127.0.0.1")
    pane.port.setValue(server.port)
    pane.timeout.setValue(3.0)
    pane.rcpt_to.setText("nobody@example.test")
    pane.mail_from.setText("bob@example.test")
    with qtbot.waitSignal(pane.jobs.batch_finished, timeout=15_000):
        qtbot.mouseClick(pane.run_button, Qt.MouseButton.LeftButton)
    english = _says(banner, pane.current_report())
    assert "rejects the recipient" in english
    _switch(window, "zh")
    qtbot.waitUntil(lambda: banner.text() != english)
    _says(banner, pane.current_report())
