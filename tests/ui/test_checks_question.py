"""A domain check started from a diagnosis (issue 14, "Context travels", "Severity matches the
question"): "Check the domain" on a 5.7.26 Gmail bounce fills the domain, sending IP and
sender, runs against the loopback DNS server (tests/zones/checks-question.zone) with SPF, DKIM
and DMARC first and the explaining rows raised, and the verdict names them. Results of a
domain no longer in the target field (another domain, an IP) are cleared."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from smtp_gui.core.checks.question import CheckContext, Question
from smtp_gui.core.records.domain_check import CHECK_NAMES
from smtp_gui.core.report.model import Severity
from smtp_gui.ui.checks.model import CheckResultsModel
from smtp_gui.ui.checks.pane import ChecksPane
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.verdict_banner import VerdictBanner
from tests.dnsserver import LoopbackDNSServer

BOUNCE = """\
This is the mail system at host mail.acme-widgets.com.

<bob@gmail.com>: host gmail-smtp-in.l.google.com[192.0.2.27] said:
    550-5.7.26 This mail is unauthenticated, which poses a security risk to the
    550-5.7.26 sender and Gmail users, and has been blocked. The sender must
    550-5.7.26 authenticate with at least one of SPF or DKIM. For this message,
    550-5.7.26 DKIM checks did not pass and SPF check for [acme-widgets.com] did not
    550-5.7.26 pass with ip: [203.0.113.45]. The sender should visit
    550-5.7.26  https://support.google.com/mail/answer/81126#authentication for
    550 5.7.26 instructions on setting up authentication.
    d9443c01a7336-1f2fe4a3b2csi123456ad.12 - gsmtp (in reply to end of DATA
    command)

Reporting-MTA: dns; mail.acme-widgets.com
X-Postfix-Sender: rfc822; alice@acme-widgets.com

Final-Recipient: rfc822; bob@gmail.com
Action: failed
Status: 5.7.26
"""
EXPLAINED = (
    "SPF for 203.0.113.45 is softfail and no DKIM key was found for acme-widgets.com: these "
    "explain the 550 5.7.26 bounce. The sender's domain must publish SPF that allows the "
    "sending server and sign its mail with DKIM."
)


@pytest.fixture
def checks(window: MainWindow, dns_server: LoopbackDNSServer) -> Iterator[ChecksPane]:
    pane = window.checks_pane
    pane.nameservers.setText(dns_server.nameserver)
    pane.timeout.setValue(1.0)
    window.activateWindow()
    yield pane


def _field(window: MainWindow, name: str) -> QLineEdit:
    field = window.findChild(QLineEdit, name)
    assert isinstance(field, QLineEdit), name
    return field


def _banner(window: MainWindow) -> VerdictBanner:
    banner = window.findChild(VerdictBanner, "checksVerdict")
    assert banner is not None
    return banner


def _rows(pane: ChecksPane) -> list[tuple[str, str, str]]:
    """(check, status, meaning) per row, as the table shows them, top to bottom."""
    model = pane.model
    return [
        tuple(  # type: ignore[misc]
            model.index(row, column).data()
            for column in (
                CheckResultsModel.NAME,
                CheckResultsModel.STATUS,
                CheckResultsModel.MEANING,
            )
        )
        for row in range(model.rowCount())
    ]


def _check_the_domain(window: MainWindow, qtbot: QtBot) -> ChecksPane:
    """Diagnose the bounce in the real Diagnose pane and click its "Check the domain"."""
    pane = window.diagnose_pane
    window.tabs.setCurrentWidget(pane.parentWidget())
    with qtbot.waitSignal(pane.diagnosis_shown, timeout=10_000):
        pane.set_text(BOUNCE)
    [button] = [b for b in pane.advice_buttons if b.property("adviceKind") == "domain"]
    assert button.text() == "Check the domain"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.current_pane() is window.checks_pane
    return window.checks_pane


def test_check_the_domain_carries_the_ip_and_sender(
    window: MainWindow, checks: ChecksPane, qtbot: QtBot
) -> None:
    assert _field(window, "checkIp").text() == ""  # today's gap: it stayed empty
    _check_the_domain(window, qtbot)
    kind = window.findChild(QComboBox, "checkKind")
    assert kind is not None and kind.currentData() == "domain"
    assert _field(window, "checkTarget").text() == "acme-widgets.com"
    assert _field(window, "checkIp").text() == "203.0.113.45"
    assert _field(window, "checkSender").text() == "alice@acme-widgets.com"
    assert _field(window, "checkIp").isVisibleTo(checks)
    context = checks.check_context()
    assert context is not None and context.code == "550 5.7.26"
    focused = QApplication.focusWidget()
    assert isinstance(focused, QWidget) and focused is checks.run_button  # Enter runs it


def test_rows_are_weighed_by_the_bounce_and_the_verdict_names_them(
    window: MainWindow, checks: ChecksPane, qtbot: QtBot
) -> None:
    _check_the_domain(window, qtbot)
    with qtbot.waitSignal(checks.check_finished, timeout=20_000):
        qtbot.keyClick(checks.run_button, Qt.Key.Key_Return)
    rows = _rows(checks)
    assert [(name, status) for name, status, _ in rows[:4]] == [
        ("SPF", "fail"),  # softfail for the bounced IP: explains it
        ("DKIM", "fail"),  # no key at the common selectors: explains it
        ("DMARC", "warn"),
        ("MX", "pass"),
    ]
    assert rows[0][2].startswith("explains the 550 5.7.26 bounce: SPF softfail for 203.0.113.45")
    assert rows[1][2].startswith("explains the 550 5.7.26 bounce: No DKIM key found")
    assert not rows[2][2].startswith("explains")
    assert dict((n, s) for n, s, _ in rows)["PTR (reverse DNS)"] == "fail"  # its own verdict
    banner = _banner(window)
    assert banner.isVisible() and banner.text() == EXPLAINED
    assert banner.accessibleName() == EXPLAINED
    assert banner.severity is Severity.ERROR
    assert checks.report_text().splitlines()[3] == "\u2716 " + EXPLAINED  # Copy report too
    checks.table.selectRow(0)  # the details of a raised row say what the table says
    assert checks.details.toPlainText().startswith("SPF: fail\n")
    switch = window.findChild(QComboBox, "languageSwitch")
    assert switch is not None
    switch.setCurrentIndex(switch.findData("zh"))
    qtbot.waitUntil(lambda: banner.text() != EXPLAINED)
    assert banner.text().startswith("203.0.113.45 的 SPF 结果为 softfail")
    assert "这些解释了 550 5.7.26 退信" in banner.text()
    assert _rows(checks)[0][2].startswith("解释了 550 5.7.26 退信：")


def test_started_without_a_diagnosis_nothing_is_weighed(
    window: MainWindow, checks: ChecksPane, qtbot: QtBot
) -> None:
    window.show_checks("acme-widgets.com", "domain")
    _field(window, "checkIp").setText("203.0.113.45")
    with qtbot.waitSignal(checks.check_finished, timeout=20_000):
        assert checks.start_check()
    rows = _rows(checks)
    names = [name for name, _, _ in rows]
    assert [checks.model.row(i).name for i in range(len(rows))] == list(CHECK_NAMES)
    statuses = dict((n, s) for n, s, _ in rows)
    assert (statuses["SPF"], statuses["DKIM"], statuses["PTR (reverse DNS)"]) == (
        "warn", "info", "fail"
    )  # fmt: skip
    assert names[0] == "MX"
    assert not any(meaning.startswith("explains") for _, _, meaning in rows)
    assert not _banner(window).text().startswith("SPF for")


def test_a_diagnosis_of_another_domain_weighs_nothing(
    window: MainWindow, checks: ChecksPane, qtbot: QtBot
) -> None:
    """The user replaces the bounce's domain with another one: the bounce says nothing
    about it, so the rows keep their own order."""
    _check_the_domain(window, qtbot)
    with qtbot.waitSignal(checks.check_finished, timeout=20_000):
        assert checks.start_check("example-shop.test")
    assert checks.model.row(0).name == "mx"
    assert not any(m.startswith("explains") for _, _, m in _rows(checks))


def test_an_ip_in_the_domain_kind_clears_the_old_results(
    window: MainWindow, checks: ChecksPane, qtbot: QtBot
) -> None:
    _check_the_domain(window, qtbot)
    with qtbot.waitSignal(checks.check_finished, timeout=20_000):
        assert checks.start_check()
    assert checks.model.rowCount() == len(CHECK_NAMES) and checks.copy_button.isEnabled()
    target = _field(window, "checkTarget")
    target.setText("Alice@ACME-widgets.com")  # the same domain: the results stay
    assert checks.model.rowCount() == len(CHECK_NAMES)
    target.clear()
    qtbot.keyClicks(target, "203.0.113.45")
    assert checks.model.rowCount() == 0
    assert not _banner(window).isVisible()
    assert checks.current_report() is None and checks.report_text() == ""
    assert not checks.copy_button.isEnabled()
    assert checks.summary.text() == ""
    assert not checks.start_check()  # refused: an IP is not a domain
    assert "203.0.113.45" in checks.warning.text()
    assert checks.model.rowCount() == 0


def test_a_refused_input_clears_the_old_results(
    window: MainWindow, checks: ChecksPane, qtbot: QtBot
) -> None:
    window.show_checks("acme-widgets.com", "domain")
    with qtbot.waitSignal(checks.check_finished, timeout=20_000):
        assert checks.start_check()
    assert checks.model.rowCount() == len(CHECK_NAMES)
    _field(window, "checkIp").setText("300.1.2.3")  # same domain, a bad IP: refused
    assert not checks.start_check()
    assert checks.model.rowCount() == 0 and not _banner(window).isVisible()


def test_changing_the_domain_clears_the_results(
    window: MainWindow, checks: ChecksPane, qtbot: QtBot
) -> None:
    window.show_checks("acme-widgets.com", "domain")
    with qtbot.waitSignal(checks.check_finished, timeout=20_000):
        assert checks.start_check()
    qtbot.keyClick(_field(window, "checkTarget"), Qt.Key.Key_Backspace)  # acme-widgets.co
    assert checks.model.rowCount() == 0


def test_a_bounce_that_names_no_domain_weighs_the_domain_typed(
    window: MainWindow, checks: ChecksPane, qtbot: QtBot
) -> None:
    """ "Check the domain" of a 5.7.26 bounce that named no sender domain: the user types it,
    and the run is weighed by the bounce all the same."""
    bounce = CheckContext("", "203.0.113.45", "", Question.AUTHENTICATION, "550 5.7.26")
    window.show_checks("", "domain", bounce)
    assert _field(window, "checkIp").text() == "203.0.113.45"
    with qtbot.waitSignal(checks.check_finished, timeout=20_000):
        assert checks.start_check("acme-widgets.com")
    assert [checks.model.row(i).name for i in range(3)] == ["spf", "dkim", "dmarc"]
    assert _banner(window).text() == EXPLAINED
