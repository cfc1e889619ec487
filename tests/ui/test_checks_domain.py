"""The checks pane's domain kind against the loopback DNS server (tests/zones/checks-domain.zone
and domains.test.zone): rows fill in, the SPF trace tree, could-not-check, cancel, the
report on the clipboard, markup shown literally, both languages, and navigation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from smtp_gui.core.dns.resolver import Nameserver, ResolverConfig
from smtp_gui.core.records.domain_check import CHECK_NAMES
from smtp_gui.core.text.errors import InputError
from smtp_gui.ui.checks.batch import FIELD_IP, FIELD_SELECTORS, FIELD_SENDER
from smtp_gui.ui.checks.domain_kind import DomainBatch, DomainKind
from smtp_gui.ui.checks.model import CheckResultsModel
from smtp_gui.ui.checks.pane import ChecksPane
from smtp_gui.ui.main_window import MainWindow
from tests.dnsserver import LoopbackDNSServer

NAMES = (
    "MX",
    "SPF",
    "DMARC",
    "DKIM",
    "PTR (reverse DNS)",
    "MTA-STS",
    "TLS-RPT",
    "BIMI",
    "DANE (TLSA)",
)
SHOP = {  # example-shop.test for 203.0.113.140, selector s1
    "MX": "pass",
    "SPF": "pass",
    "DMARC": "pass",
    "DKIM": "pass",
    "PTR (reverse DNS)": "pass",
    "MTA-STS": "info",
    "TLS-RPT": "pass",
    "BIMI": "info",
    "DANE (TLSA)": "info",
}
MARKUP = "<b>x</b><img src=y>"


@pytest.fixture
def pane(window: MainWindow, dns_server: LoopbackDNSServer) -> Iterator[ChecksPane]:
    checks = window.checks_pane
    window.show_checks("", "domain")
    checks.nameservers.setText(dns_server.nameserver)
    checks.timeout.setValue(1.0)
    yield checks


def _find(window: MainWindow, cls: type, name: str):  # type: ignore[no-untyped-def]
    widget = window.findChild(cls, name)
    assert widget is not None, name
    return widget


def _model(window: MainWindow) -> CheckResultsModel:
    model = _find(window, QTableView, "resultsTable").model()
    assert isinstance(model, CheckResultsModel)
    return model


def _column(window: MainWindow, column: int) -> dict[str, str]:
    """check name -> the text in ``column``, as the view shows it."""
    model = _model(window)
    return {
        model.index(r, CheckResultsModel.NAME).data(): model.index(r, column).data()
        for r in range(model.rowCount())
    }


def _headers(window: MainWindow) -> list[str]:
    model = _model(window)
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]


def _statuses(window: MainWindow) -> dict[str, str]:
    return _column(window, CheckResultsModel.STATUS)


def _select(window: MainWindow, name: str) -> None:
    table = _find(window, QTableView, "resultsTable")
    row = list(_statuses(window)).index(name)
    table.selectRow(row)


def _run(window: MainWindow, qtbot: QtBot, target: str, timeout: int = 8000) -> None:
    field = _find(window, QLineEdit, "checkTarget")
    field.clear()
    qtbot.keyClicks(field, target)
    with qtbot.waitSignal(window.checks_pane.check_finished, timeout=timeout):
        qtbot.mouseClick(_find(window, QPushButton, "runChecks"), Qt.MouseButton.LeftButton)


def _fill_shop(window: MainWindow, qtbot: QtBot, ip: str = "203.0.113.140") -> None:
    _find(window, QLineEdit, "checkIp").setText(ip)
    _find(window, QLineEdit, "checkSelectors").setText("s1")
    _run(window, qtbot, "example-shop.test")


def _tree(window: MainWindow) -> QTreeWidget:
    return _find(window, QTreeWidget, "spfTrace")  # type: ignore[no-any-return]


def _child(item: QTreeWidgetItem, term: str) -> QTreeWidgetItem:
    for index in range(item.childCount()):
        child = item.child(index)
        if child is not None and child.text(0) == term:
            return child
    raise AssertionError(f"no node {term!r} under {item.text(0)!r}")


def test_domain_kind_widgets(window: MainWindow, pane: ChecksPane) -> None:
    kind = _find(window, QComboBox, "checkKind")
    assert kind.currentData() == "domain"
    for name, cls in (
        ("checkIp", QLineEdit),
        ("checkSender", QLineEdit),
        ("checkSelectors", QLineEdit),
        ("copyReport", QToolButton),
        ("checkTarget", QLineEdit),
        ("runChecks", QPushButton),
        ("cancelChecks", QPushButton),
    ):
        widget = _find(window, cls, name)
        assert widget.isVisibleTo(pane), name
        assert widget.accessibleName(), name
    assert not _find(window, QLineEdit, "checkOptions").isVisibleTo(pane)  # blocklists only
    assert _tree(window).accessibleName()
    for widget in pane.findChildren(QWidget):
        interactive = widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisibleTo(pane)
        if interactive and widget.objectName() and not widget.objectName().startswith("qt_"):
            assert widget.accessibleName(), widget.objectName()
    assert _headers(window) == ["Check", "Status", "Record", "Summary", "ms", "Resolver"]
    window.show_checks("", "blacklist")
    assert kind.currentData() == "blocklist"
    assert _headers(window) == ["List / check", "Status", "Answer", "Meaning", "ms", "Resolver"]
    assert _find(window, QLineEdit, "checkOptions").isVisibleTo(pane)
    assert not _find(window, QLineEdit, "checkIp").isVisibleTo(pane)
    assert not _find(window, QToolButton, "copyReport").isVisibleTo(pane)


def test_a_domain_check_fills_every_row(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
    dns_server: LoopbackDNSServer,
) -> None:
    _fill_shop(window, qtbot)
    assert _statuses(window) == SHOP
    assert _headers(window) == ["Check", "Status", "Record", "Summary", "ms", "Resolver"]
    records = _column(window, CheckResultsModel.ANSWER)
    assert records["SPF"].startswith("v=spf1 ip4:198.51.100.64/28 include:")
    assert records["MX"] == "10 mx1.example-shop.test.  |  20 mx2.example-shop.test."
    assert records["PTR (reverse DNS)"] == "out140.mailer-esp.test."
    summaries = _column(window, CheckResultsModel.MEANING)
    assert summaries["SPF"] == "SPF pass for 203.0.113.140 sending as example-shop.test."
    assert all(summaries[name] for name in NAMES)
    assert set(_column(window, CheckResultsModel.RESOLVER).values()) == {dns_server.nameserver}
    assert all(ms.isdigit() for ms in _column(window, CheckResultsModel.MS).values())
    progress = _find(window, QProgressBar, "checkProgress")
    assert (progress.value(), progress.maximum()) == (9, 9)
    summary = _find(window, QLabel, "checkSummary")
    assert summary.text() == "example-shop.test: 6 passed, 3 for information."
    assert not pane.cancel_button.isEnabled()
    assert pane.report_button.isEnabled()


def test_rows_fill_in_as_each_check_finishes(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
    dns_server: LoopbackDNSServer,
) -> None:
    dns_server.behave("_dmarc.example-shop.test", delay=0.8)
    pane.timeout.setValue(3.0)
    with qtbot.waitSignal(pane.check_finished, timeout=8000):
        assert pane.start_check("example-shop.test")
        assert set(_statuses(window).values()) == {"checking…"}
        qtbot.waitUntil(lambda: _statuses(window)["MX"] == "pass", timeout=3000)
        assert _statuses(window)["DMARC"] == "checking…"
        progress = _find(window, QProgressBar, "checkProgress")
        assert progress.maximum() == 9 and progress.value() < 9
    assert _statuses(window)["DMARC"] == "pass"


def test_details_show_record_findings_and_details(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
) -> None:
    _fill_shop(window, qtbot, ip="")
    _select(window, "DMARC")
    details = _find(window, QTextBrowser, "checkDetails").toPlainText()
    assert details.startswith("DMARC: pass\n\u2714 DMARC policy quarantine for example-shop.test.")
    assert "Record as found\nv=DMARC1; p=quarantine;" in details
    assert "p: quarantine — Policy quarantine:" in details
    assert not _tree(window).isVisibleTo(pane)  # the tree is for the SPF row
    _select(window, "PTR (reverse DNS)")
    details = _find(window, QTextBrowser, "checkDetails").toPlainText()
    assert "No IP address given" in details
    _select(window, "MTA-STS")
    assert "publishes no MTA-STS policy" in pane.details.toPlainText()


def test_spf_trace_tree_with_nested_includes(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
) -> None:
    _find(window, QLineEdit, "checkSender").setText("news@example-shop.test")
    _fill_shop(window, qtbot)
    _select(window, "SPF")
    tree = _tree(window)
    assert tree.isVisibleTo(pane)
    root = tree.topLevelItem(0)
    assert root is not None
    assert [root.text(c) for c in range(3)] == ["example-shop.test", "5 / 10", "pass"]
    own = _child(root, "include:_spf.example-shop.test")
    assert own.text(1) == "1  (3 in all)" and own.text(2) == "no match → fail"
    mx1 = _child(own, "a:mx1.example-shop.test")
    assert mx1.text(3) == "A mx1.example-shop.test = 198.51.100.65"
    esp = _child(root, "include:spf.mailer-esp.test")
    assert (esp.text(1), esp.text(2)) == ("1  (2 in all)", "match → pass")
    nested = _child(esp, "include:_net.mailer-esp.test")
    assert (nested.text(1), nested.text(2)) == ("1", "match → pass")
    assert nested.text(3).startswith("TXT _net.mailer-esp.test = v=spf1 ip4:203.0.113.128/25")
    leaf = _child(nested, "ip4:203.0.113.128/25")
    assert (leaf.text(1), leaf.text(2)) == ("0", "match → pass")
    assert _child(root, "ip4:198.51.100.64/28").text(2) == "no match"
    assert nested.isExpanded()
    details = pane.details.toPlainText()
    assert "sender: news@example-shop.test" in details and "lookups: 5/10" in details
    _select(window, "MX")
    assert not tree.isVisibleTo(pane)


def test_spf_tree_without_an_ip_shows_the_analysis(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
) -> None:
    _run(window, qtbot, "example-shop.test")
    _select(window, "SPF")
    root = _tree(window).topLevelItem(0)
    assert root is not None and root.text(1) == "5 / 10"
    esp = _child(root, "include:spf.mailer-esp.test")
    assert esp.text(1) == "1  (2 in all)"
    assert _child(esp, "include:_net.mailer-esp.test").text(1) == "1"


@pytest.mark.parametrize(
    ("behaviour", "reason"),
    [({"rcode": 2}, "SERVFAIL"), ({"drop": True}, "timed out")],
    ids=["servfail", "timeout"],
)
def test_a_failing_zone_is_could_not_check(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
    dns_server: LoopbackDNSServer,
    behaviour: dict[str, object],
    reason: str,
) -> None:
    dns_server.behave("rec-broken.test", **behaviour)
    pane.timeout.setValue(0.5)
    _run(window, qtbot, "rec-broken.test", timeout=15000)
    statuses = _statuses(window)
    assert statuses.pop("PTR (reverse DNS)") == "info"  # no IP given: nothing to ask
    assert set(statuses.values()) == {"error: could not check"}
    _select(window, "MX")
    details = pane.details.toPlainText()
    assert details.startswith("MX: error: could not check\n\u26a0 Could not check")
    assert reason in details and 'not the same as "no record"' in details
    summary = _find(window, QLabel, "checkSummary").text()
    assert summary == "rec-broken.test: 8 could not be checked, 1 for information."


def test_cancel_labels_the_rest_cancelled(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
    dns_server: LoopbackDNSServer,
) -> None:
    dns_server.behave("_dmarc.example-shop.test", delay=1.5)
    pane.timeout.setValue(3.0)
    with qtbot.waitSignal(pane.check_finished, timeout=8000) as finished:
        assert pane.start_check("example-shop.test")
        qtbot.waitUntil(
            lambda: list(_statuses(window).values()).count("checking…") == 1, timeout=5000
        )
        qtbot.mouseClick(_find(window, QPushButton, "cancelChecks"), Qt.MouseButton.LeftButton)
    assert finished.args == [True]
    statuses = _statuses(window)
    assert statuses["DMARC"] == "cancelled"
    assert "checking…" not in statuses.values()
    assert not pane.cancel_button.isEnabled()
    assert _find(window, QLabel, "checkSummary").text().endswith(", 1 cancelled.")
    pane.report_button.click()
    assert "Not checked (cancelled): DMARC." in QApplication.clipboard().text()
    qtbot.wait(1600)  # the delayed answer arrives after the cancel and changes nothing
    assert _statuses(window)["DMARC"] == "cancelled"


def test_copy_report_as_text_and_markdown(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
    dns_server: LoopbackDNSServer,
) -> None:
    assert not pane.report_button.isEnabled()
    _fill_shop(window, qtbot)
    qtbot.mouseClick(pane.report_button, Qt.MouseButton.LeftButton)
    text = QApplication.clipboard().text()
    assert text.startswith("Domain checks for example-shop.test\n=")
    assert f"\n\nResolver: {dns_server.nameserver}\n\n" in text
    for line in (
        "MX: pass\n--------\n\u2714 2 MX record(s)",
        "SPF: pass\n---------\n\u2714 SPF pass for 203.0.113.140",
        "DKIM: pass\n----------\n\u2714 1 selector(s) with a key: s1 (rsa 2048).",
        "\nBIMI: info\n",
        "\nDANE (TLSA): info\n",
        "    v=TLSRPTv1; rua=mailto:",
    ):
        assert line in text, line
    assert sum(f"\n{name}: " in text for name in NAMES) == 9
    pane.report_button.markdown_action.trigger()
    markdown = QApplication.clipboard().text()
    assert markdown.startswith("# Domain checks for example-shop.test\n")
    assert "| PTR (reverse DNS) | pass | 203.0.113.140 has reverse DNS" in markdown
    assert markdown.count("\n## ") == 9
    data = QApplication.clipboard().mimeData()
    assert data is not None and bytes(data.data("text/markdown").data()).decode() == markdown
    pane.report_button.text_action.trigger()
    assert QApplication.clipboard().text() == text


def test_markup_in_records_is_shown_literally(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
) -> None:
    _run(window, qtbot, "markup.test")
    records = _column(window, CheckResultsModel.ANSWER)
    assert records["SPF"] == f"v=spf1 ip4:192.0.2.1 {MARKUP} -all"
    assert records["DMARC"] == "v=DMARC1; p=none; rua=mailto:<b>x</b>@markup.test"
    _select(window, "SPF")
    details = pane.details.toPlainText()
    assert f"v=spf1 ip4:192.0.2.1 {MARKUP} -all" in details
    assert "'<b>x</b><img' is neither a mechanism nor a modifier" in details
    root = _tree(window).topLevelItem(0)
    assert root is not None and MARKUP in root.text(3)
    assert any(
        MARKUP.split()[0] in root.child(i).text(0)  # type: ignore[union-attr]
        for i in range(root.childCount())
    )
    _select(window, "DMARC")
    assert "rua: mailto:<b>x</b>@markup.test" in pane.details.toPlainText()
    pane.report_button.click()
    assert f"v=spf1 ip4:192.0.2.1 {MARKUP} -all" in QApplication.clipboard().text()
    # and in the input: refused, quoted literally in a plain-text label
    assert not pane.start_check(MARKUP)
    warning = _find(window, QLabel, "checkWarning")
    assert warning.textFormat() == Qt.TextFormat.PlainText
    assert warning.text().startswith(f"'{MARKUP}' is not a domain name")


def test_language_switch_rerenders_rows_details_and_trace(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
) -> None:
    _fill_shop(window, qtbot)
    _select(window, "SPF")
    switch = _find(window, QComboBox, "languageSwitch")
    switch.setCurrentIndex(switch.findData("zh"))
    statuses = _statuses(window)
    assert statuses["PTR（反向解析）"] == "通过" and statuses["BIMI"] == "信息"
    summaries = _column(window, CheckResultsModel.MEANING)
    assert all(any("\u4e00" <= c <= "\u9fff" for c in s) for s in summaries.values())
    assert _find(window, QLabel, "checkSummary").text() == (
        "example-shop.test：6 项通过，3 项仅供参考。"
    )
    assert pane.details.toPlainText().startswith("SPF：通过\n")
    root = _tree(window).topLevelItem(0)
    assert root is not None and root.text(2) == "pass（通过）"
    esp = _child(root, "include:spf.mailer-esp.test")
    assert esp.text(1) == "1  （共 2 次）" and esp.text(2) == "匹配 → pass（通过）"
    pane.report_button.click()
    assert QApplication.clipboard().text().startswith("example-shop.test 的域名检查\n")
    switch.setCurrentIndex(switch.findData("en"))
    assert _statuses(window)["PTR (reverse DNS)"] == "pass"
    assert pane.details.toPlainText().startswith("SPF: pass\n")
    root = _tree(window).topLevelItem(0)
    assert root is not None
    assert _child(root, "include:spf.mailer-esp.test").text(2) == "match → pass"


@pytest.mark.parametrize("target", ["192.0.2.1", "2001:db8::25", "[192.0.2.1]"])
def test_an_ip_is_not_a_domain(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
    dns_server: LoopbackDNSServer,
    target: str,
) -> None:
    assert not pane.start_check(target)
    warning = _find(window, QLabel, "checkWarning")
    assert warning.isVisibleTo(pane)
    assert "is an IP address, not a domain" in warning.text()
    assert "Sending IP" in warning.text() and "Blocklists" in warning.text()
    assert _model(window).rowCount() == 0 and not pane.running
    assert dns_server.queries == []


def test_an_address_checks_its_domain_as_the_sender(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
) -> None:
    _find(window, QLineEdit, "checkIp").setText("203.0.113.140")
    _run(window, qtbot, "<news@Example-Shop.test>")
    assert pane.batch is not None and pane.batch.target == "example-shop.test"
    _select(window, "SPF")
    assert "sender: news@example-shop.test" in pane.details.toPlainText()
    assert _statuses(window)["SPF"] == "pass"


def test_bad_fields_are_refused_with_a_reason(
    window: MainWindow,
    pane: ChecksPane,
    dns_server: LoopbackDNSServer,
) -> None:
    _find(window, QLineEdit, "checkIp").setText("not-an-ip")
    assert not pane.start_check("example-shop.test")
    assert "'not-an-ip' is not an IP address" in _find(window, QLabel, "checkWarning").text()
    _find(window, QLineEdit, "checkIp").clear()
    _find(window, QLineEdit, "checkSelectors").setText("s1, bad selector!")
    assert not pane.start_check("example-shop.test")
    assert "is not a DKIM selector" in _find(window, QLabel, "checkWarning").text()
    assert not pane.start_check("")
    assert "Type a domain" in _find(window, QLabel, "checkWarning").text()
    assert dns_server.queries == []


def test_a_domain_in_the_blocklist_kind_checks_domain_lists(
    window: MainWindow,
    pane: ChecksPane,
    qtbot: QtBot,
) -> None:
    window.show_checks("", "blocklist")
    pane.options.setText("dbl.dnsbl.test=dbl.spamhaus.org")
    _run(window, qtbot, "user@spam.example")
    assert _statuses(window) == {"dbl.dnsbl.test": "listed"}
    warning = _find(window, QLabel, "checkWarning").text()
    assert "spam.example is a domain" in warning and "“Domain records”" in warning


def test_show_checks_fills_in_without_running(
    window: MainWindow,
    dns_server: LoopbackDNSServer,
) -> None:
    window.show_checks("shop.example.org", "domain")
    assert window.current_pane() is window.checks_pane
    assert _find(window, QLineEdit, "checkTarget").text() == "shop.example.org"
    assert _find(window, QComboBox, "checkKind").currentData() == "domain"
    window.show_checks("203.0.113.45", "blacklist")
    assert _find(window, QComboBox, "checkKind").currentData() == "blocklist"
    assert _find(window, QLineEdit, "checkTarget").text() == "203.0.113.45"
    assert not window.checks_pane.running and dns_server.queries == []
    with pytest.raises(ValueError, match="unknown kind"):
        window.show_checks("x", "nonsense")


@settings(deadline=None, max_examples=150)
@given(
    target=st.text(max_size=80) | st.emails() | st.ip_addresses().map(str),
    ip=st.text(max_size=20) | st.ip_addresses().map(str),
    sender=st.text(max_size=30),
    selectors=st.text(max_size=30),
)
def test_the_domain_kind_takes_any_input_or_says_why(
    target: str,
    ip: str,
    sender: str,
    selectors: str,
) -> None:
    """Whatever is typed: a planned batch (no I/O yet) or InputError, nothing else."""
    config = ResolverConfig((Nameserver("127.0.0.1", 9),), timeout=0.2)
    options = {FIELD_IP: ip, FIELD_SENDER: sender, FIELD_SELECTORS: selectors}
    try:
        batch = DomainKind().prepare(target, config, options)
    except InputError as exc:
        assert exc.text("en") and exc.text("zh")
        return
    assert isinstance(batch, DomainBatch)
    assert [row.name for row in batch.pending_rows()] == list(CHECK_NAMES)
    assert len(batch.tasks()) == len(CHECK_NAMES)
