"""The probe's MX lookup asks the resolver typed in the checks pane (it used to ask the
system's resolver, whatever the checks pane said): one resolver for the whole window."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from smtp_gui.core.dns.config import DEFAULT_TIMEOUT, resolver_config
from smtp_gui.core.probe.model import ProbeOutcome
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.settings import Settings
from tests.dnsserver import LoopbackDNSServer

pytestmark = pytest.mark.network


def _type_resolver(window: MainWindow, qtbot: QtBot, nameserver: str, timeout: float) -> None:
    """Type the nameserver into the checks pane like a user (Enter ends the edit)."""
    window.show_checks("", "blocklist")
    checks = window.checks_pane
    checks.nameservers.clear()
    qtbot.keyClicks(checks.nameservers, nameserver)
    qtbot.keyClick(checks.nameservers, Qt.Key.Key_Return)
    checks.timeout.setValue(timeout)


def _probe(window: MainWindow, qtbot: QtBot, domain: str) -> float:
    window.show_probe(domain)
    pane = window.probe_pane
    pane.port.setValue(25)  # port 25: the probe looks up the domain's MX hosts
    pane.timeout.setValue(10.0)
    started = time.monotonic()
    with qtbot.waitSignal(pane.jobs.batch_finished, timeout=15_000):
        qtbot.mouseClick(pane.run_button, Qt.MouseButton.LeftButton)
    return time.monotonic() - started


def test_the_mx_lookup_asks_the_nameserver_typed_in_the_checks_pane(
    window: MainWindow, qtbot: QtBot, dns_server: LoopbackDNSServer
) -> None:
    _type_resolver(window, qtbot, dns_server.nameserver, 2.0)
    assert dns_server.queries == []  # typing is not asking
    _probe(window, qtbot, "nomail.probe.test")
    asked = [(q.name, q.rdtype) for q in dns_server.queries]
    assert asked.count(("nomail.probe.test", "MX")) == 1, asked
    result = window.probe_pane.result
    # Only the loopback server knows this null MX (RFC 7505): nothing else was connected to.
    assert result is not None and result.outcome is ProbeOutcome.NULL_MX


def test_the_mx_lookup_waits_the_checks_panes_timeout(
    window: MainWindow, qtbot: QtBot, dns_server: LoopbackDNSServer
) -> None:
    """The per-query timeout comes from the checks pane too, not the probe's 10 s step."""
    dns_server.behave("probe.test", drop=True)
    _type_resolver(window, qtbot, dns_server.nameserver, 0.5)
    elapsed = _probe(window, qtbot, "probe.test")
    assert [q.name for q in dns_server.queries] == ["probe.test"] * len(dns_server.queries)
    assert dns_server.queries
    result = window.probe_pane.result
    assert result is not None and result.outcome is ProbeOutcome.NO_ADDRESS
    assert "no answer in time" in result.result_text("en")
    assert elapsed < 0.5 + 1.5, elapsed


def test_a_bad_nameserver_in_the_settings_is_said_before_any_packet(
    window: MainWindow, settings: Settings, dns_server: LoopbackDNSServer
) -> None:
    settings.nameservers = "224.0.0.1"  # a hand-edited settings file
    window.show_probe("probe.test")
    pane = window.probe_pane
    pane.port.setValue(25)
    assert not pane.start_probe()
    assert "multicast" in pane.summary.text()
    assert dns_server.queries == []


def test_the_settings_give_the_window_one_resolver(settings: Settings) -> None:
    """The checks pane and the probe read one configuration, with the CLI's default."""
    assert settings.resolver_config() == resolver_config("", DEFAULT_TIMEOUT)
    settings.nameservers = "127.0.0.1:5353 [::1]"
    settings.timeout = 1.5
    assert settings.resolver_config() == resolver_config("127.0.0.1:5353, [::1]", 1.5)
