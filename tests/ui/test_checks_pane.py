"""The checks pane against the loopback DNS server: rows fill in, cancel, back to back, close."""

from __future__ import annotations

import time

import dns.query
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from smtp_gui.core.dns.resolver import PUBLIC_RESOLVERS
from smtp_gui.core.dnsbl.check import PROBE_CACHE
from smtp_gui.ui.checks.model import CheckResultsModel
from smtp_gui.ui.checks.pane import ChecksPane
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.settings import Settings
from tests.dnsserver import LoopbackDNSServer

# An address from the app's own table of public resolvers. The test only checks the
# warning: nothing is ever sent to it (tests/netguard refuses anything past loopback).
PUBLIC = min(PUBLIC_RESOLVERS)

LISTS = ",".join(
    [
        "zen.dnsbl.test=zen.spamhaus.org",
        "spamcop.dnsbl.test=bl.spamcop.net",
        "world.dnsbl.test=bl.spamcop.net",
        "slow.dnsbl.test=bl.spamcop.net",
    ]
)


@pytest.fixture(autouse=True)
def _fresh_probe_cache() -> None:
    PROBE_CACHE.clear()


@pytest.fixture
def pane(window: MainWindow, dns_server: LoopbackDNSServer) -> ChecksPane:
    checks = window.checks_pane
    window.tabs.setCurrentWidget(checks.parentWidget())
    checks.nameservers.setText(dns_server.nameserver)
    checks.timeout.setValue(1.0)
    checks.options.setText(LISTS)
    return checks


def _table(window: MainWindow) -> QTableView:
    table = window.findChild(QTableView, "resultsTable")
    assert table is not None
    return table


def _rows(window: MainWindow) -> dict[str, str]:
    """zone -> status text, read from the view's model."""
    model = _table(window).model()
    name, status = CheckResultsModel.NAME, CheckResultsModel.STATUS
    return {
        model.index(r, name).data(): model.index(r, status).data() for r in range(model.rowCount())
    }


def _run(
    window: MainWindow,
    qtbot: QtBot,
    target: str,
    timeout: int = 5000,
) -> None:
    field = window.findChild(QLineEdit, "checkTarget")
    run = window.findChild(QPushButton, "runChecks")
    assert field is not None and run is not None
    field.clear()
    qtbot.keyClicks(field, target)
    with qtbot.waitSignal(window.checks_pane.check_finished, timeout=timeout):
        qtbot.mouseClick(run, Qt.MouseButton.LeftButton)


def test_contract_widgets(window: MainWindow) -> None:
    window.checks_pane  # noqa: B018 - build it
    for name, cls in (
        ("checkTarget", QLineEdit),
        ("runChecks", QPushButton),
        ("cancelChecks", QPushButton),
        ("resultsTable", QTableView),
        ("checkProgress", QProgressBar),
        ("checkNameservers", QLineEdit),
        ("checkSummary", QLabel),
        ("copySummary", QPushButton),
    ):
        widget = window.findChild(cls, name)
        assert widget is not None, name
        assert widget.accessibleName(), name
    pane = window.checks_pane
    for widget in pane.findChildren(QWidget):
        interactive = widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisibleTo(pane)
        if interactive and widget.objectName() and not widget.objectName().startswith("qt_"):
            assert widget.accessibleName(), widget.objectName()


def test_a_check_fills_the_table(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
    dns_server: LoopbackDNSServer,
) -> None:
    dns_server.behave("slow.dnsbl.test", drop=True)
    _run(window, qtbot, "192.0.2.2")
    assert _rows(window) == {
        "zen.dnsbl.test": "listed",
        "spamcop.dnsbl.test": "listed",
        "world.dnsbl.test": "error",
        "slow.dnsbl.test": "timeout",
    }
    model = _table(window).model()
    assert model.index(0, CheckResultsModel.ANSWER).data() == "127.0.0.2, 127.0.0.4"
    assert model.index(0, CheckResultsModel.RESOLVER).data() == dns_server.nameserver
    assert "Spamhaus SBL" in model.index(0, CheckResultsModel.MEANING).data()
    progress = window.findChild(QProgressBar, "checkProgress")
    assert progress is not None and (progress.value(), progress.maximum()) == (4, 4)
    summary = window.findChild(QLabel, "checkSummary")
    assert summary is not None
    assert summary.text().startswith("192.0.2.2: listed on 2 of 2 lists (2 major:")
    assert "1 timed out, 1 failed" in summary.text()
    assert not pane.cancel_button.isEnabled()
    pane.copy_button.click()
    assert QApplication.clipboard().text() == summary.text()


def test_refused_and_details(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
) -> None:
    pane.options.setText("zen.dnsbl.test=zen.spamhaus.org")
    _run(window, qtbot, "192.0.2.254")
    assert _rows(window) == {"zen.dnsbl.test": "refused"}
    _table(window).selectRow(0)
    details = window.findChild(QTextBrowser, "checkDetails")
    assert details is not None
    text = details.toPlainText()
    assert "127.255.255.254" in text and "public or shared resolver" in text
    assert "https://check.spamhaus.org/" in text


def test_rows_fill_in_as_answers_arrive(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
    dns_server: LoopbackDNSServer,
) -> None:
    dns_server.behave("slow.dnsbl.test", delay=0.6)
    pane.options.setText("spamcop.dnsbl.test=bl.spamcop.net,slow.dnsbl.test=bl.spamcop.net")
    with qtbot.waitSignal(pane.check_finished, timeout=5000):
        pane.start_check("192.0.2.1")
        assert set(_rows(window).values()) == {"checking…"}
        qtbot.waitUntil(lambda: _rows(window)["spamcop.dnsbl.test"] == "not listed", timeout=2000)
        assert _rows(window)["slow.dnsbl.test"] == "checking…"
        assert pane.progress.value() == 1 and pane.cancel_button.isEnabled()
    assert _rows(window)["slow.dnsbl.test"] == "not listed"


def test_cancel_labels_the_rest_at_once(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
    dns_server: LoopbackDNSServer,
) -> None:
    dns_server.behave("slow.dnsbl.test", drop=True)
    pane.timeout.setValue(2.0)
    pane.start_check("192.0.2.2")
    qtbot.waitUntil(lambda: pane.progress.value() == 3, timeout=5000)  # all but the dead list
    with qtbot.waitSignal(pane.check_finished, timeout=1000) as finished:
        started = time.monotonic()
        qtbot.mouseClick(window.findChild(QPushButton, "cancelChecks"), Qt.MouseButton.LeftButton)
    assert time.monotonic() - started < 0.5  # at once, not after the 2 s timeout
    assert finished.args == [True]
    assert _rows(window)["slow.dnsbl.test"] == "cancelled"
    assert _rows(window)["zen.dnsbl.test"] == "listed"
    assert "1 list cancelled." in pane.summary.text()
    qtbot.wait(300)  # nothing arrives for the cancelled row afterwards
    assert _rows(window)["slow.dnsbl.test"] == "cancelled"


def test_two_checks_back_to_back_never_mix(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
    dns_server: LoopbackDNSServer,
) -> None:
    dns_server.behave("zen.dnsbl.test", delay=0.4)
    dns_server.behave("spamcop.dnsbl.test", delay=0.4)
    pane.options.setText("zen.dnsbl.test=zen.spamhaus.org,spamcop.dnsbl.test=bl.spamcop.net")
    pane.start_check("192.0.2.2")  # listed on both, but slow
    first = pane.batch
    qtbot.wait(50)
    with qtbot.waitSignal(pane.check_finished, timeout=5000) as finished:
        pane.start_check("192.0.2.1")  # clean on both
    assert finished.args == [False]
    assert pane.batch is not first and first is not None and first.stopped
    assert _rows(window) == {"zen.dnsbl.test": "not listed", "spamcop.dnsbl.test": "not listed"}
    qtbot.wait(700)  # the first check's answers would have arrived by now
    assert _rows(window) == {"zen.dnsbl.test": "not listed", "spamcop.dnsbl.test": "not listed"}
    assert pane.summary.text().startswith("192.0.2.1: not listed on any of 2 lists.")


def test_closing_mid_check_is_clean(
    qtbot: QtBot,
    settings: Settings,
    dns_server: LoopbackDNSServer,
) -> None:
    from smtp_gui.app import create_main_window

    dns_server.behave("slow.dnsbl.test", drop=True)
    main = create_main_window(settings, lang="en")
    qtbot.addWidget(main)
    main.show()
    pane = main.checks_pane
    pane.nameservers.setText(dns_server.nameserver)
    pane.timeout.setValue(1.0)
    pane.options.setText("slow.dnsbl.test=bl.spamcop.net,zen.dnsbl.test=zen.spamhaus.org")
    pane.start_check("192.0.2.2")
    qtbot.wait(50)
    assert pane.running
    started = time.monotonic()
    main.close()  # waits for the worker stuck in its 1 s query, no longer
    assert time.monotonic() - started < 3.0
    assert not pane.controller.thread_pool.activeThreadCount()
    main.deleteLater()
    qtbot.wait(10)


def test_public_resolver_is_warned_about_before_any_query(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
    dns_server: LoopbackDNSServer,
) -> None:
    pane.nameservers.setText(PUBLIC)
    pane.nameservers.editingFinished.emit()
    warning = window.findChild(QLabel, "checkWarning")
    assert warning is not None and warning.isVisibleTo(pane)
    assert PUBLIC in warning.text() and "public resolver" in warning.text()
    pane.nameservers.setText(dns_server.nameserver)
    pane.nameservers.editingFinished.emit()
    assert not warning.isVisibleTo(pane)
    assert dns_server.queries == []


@pytest.mark.parametrize(
    ("target", "nameservers", "words"),
    [
        ("<b>x</b><img src=y>", None, "'<b>x</b><img src=y>' is not an IP address"),
        ("", None, "Give an IP address"),
        ("192.0.2.1", "<b>ns</b>", "'<b>ns</b>' is not a nameserver"),
    ],
)
def test_bad_input_is_shown_literally(
    window: MainWindow,
    pane: ChecksPane,
    dns_server: LoopbackDNSServer,
    target: str,
    nameservers: str | None,
    words: str,
) -> None:
    if nameservers is not None:
        pane.nameservers.setText(nameservers)
    assert not pane.start_check(target)
    warning = window.findChild(QLabel, "checkWarning")
    assert warning is not None and warning.textFormat() == Qt.TextFormat.PlainText
    assert words in warning.text()
    assert _table(window).model().rowCount() == 0
    assert dns_server.queries == []


def test_dns_text_is_plain(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
    dns_server: LoopbackDNSServer,
) -> None:
    dns_server.add("9.2.0.192.spamcop.dnsbl.test", "A", "127.0.0.2")
    dns_server.add_txt("9.2.0.192.spamcop.dnsbl.test", ["<b>x</b><img src=y>"])
    pane.options.setText("spamcop.dnsbl.test=bl.spamcop.net")
    _run(window, qtbot, "192.0.2.9")
    _table(window).selectRow(0)
    assert "Reason (TXT): <b>x</b><img src=y>" in pane.details.toPlainText()
    assert pane.summary.textFormat() == Qt.TextFormat.PlainText


def test_language_switch_rerenders(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
) -> None:
    pane.options.setText("zen.dnsbl.test=zen.spamhaus.org")
    _run(window, qtbot, "192.0.2.2")
    window.language_switch.setCurrentIndex(window.language_switch.findData("zh"))
    assert _rows(window) == {"zen.dnsbl.test": "已列入"}
    assert "在查询的 1 个名单中有 1 个将其列入" in pane.summary.text()
    qtbot.waitUntil(lambda: pane.run_button.text() == "运行(&R)", timeout=1000)
    header = _table(window).model().headerData(1, Qt.Orientation.Horizontal)
    assert header == "状态"


def test_ipv6_and_domain_targets(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
) -> None:
    pane.options.setText("zen.dnsbl.test=zen.spamhaus.org,dbl.dnsbl.test=dbl.spamhaus.org")
    _run(window, qtbot, "2001:db8::2")
    assert _rows(window) == {"zen.dnsbl.test": "listed"}
    _run(window, qtbot, "abuse@phish.example")
    assert _rows(window) == {"dbl.dnsbl.test": "listed"}


def test_starting_the_app_and_other_panes_send_no_dns_query(
    qtbot: QtBot,
    settings: Settings,
    dns_server: LoopbackDNSServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from smtp_gui.app import create_main_window

    sent: list[object] = []
    for name in ("udp", "tcp", "udp_with_fallback"):
        monkeypatch.setattr(dns.query, name, lambda *a, **k: sent.append(a))
    settings.nameservers = dns_server.nameserver
    main = create_main_window(settings, lang="en")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    for index in range(main.tabs.count()):
        main.tabs.setCurrentIndex(index)
        qtbot.wait(10)
    qtbot.keyClicks(main.code_pane.search, "554")
    main.show_comparison("421", "5.7.1")
    main.checks_pane.target.setText("192.0.2.1")  # typing is not running
    main.checks_pane.nameservers.editingFinished.emit()
    qtbot.wait(50)
    assert dns_server.queries == [] and sent == []
    main.close()
    main.deleteLater()
    qtbot.wait(1)


@pytest.mark.parametrize(
    ("bad", "en", "zh"),
    [
        ("224.0.0.1", "'224.0.0.1' is a multicast address, not a nameserver", "组播地址"),
        ("fe80::1%eth0", "carries an interface zone (%eth0)", "区域标识"),
        ("255.255.255.255", "is the broadcast address", "广播地址"),
        ("0.0.0.0", "is the unspecified address", "未指定地址"),
    ],
)
def test_nameserver_that_is_no_nameserver_is_refused_before_any_query(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
    dns_server: LoopbackDNSServer,
    bad: str,
    en: str,
    zh: str,
) -> None:
    """Issue 12: core's parser refuses it for the pane too; the loopback server, named
    first, would have been asked."""
    pane.nameservers.setText(f"{dns_server.nameserver}, {bad}")
    field = window.findChild(QLineEdit, "checkTarget")
    assert field is not None
    qtbot.keyClicks(field, "192.0.2.2")
    run = window.findChild(QPushButton, "runChecks")
    assert run is not None
    qtbot.mouseClick(run, Qt.MouseButton.LeftButton)
    warning = window.findChild(QLabel, "checkWarning")
    assert warning is not None and warning.isVisibleTo(pane)
    assert en in warning.text()
    assert _table(window).model().rowCount() == 0
    assert not pane.running
    switch = window.language_switch
    switch.setCurrentIndex(switch.findData("zh"))
    QApplication.processEvents()
    assert zh in warning.text()
    switch.setCurrentIndex(switch.findData("en"))  # leave no Chinese translator behind
    QApplication.processEvents()
    qtbot.wait(200)  # a query sent by mistake would have arrived by now
    assert dns_server.queries == []
