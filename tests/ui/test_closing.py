"""Closing the window never waits more than a second, whatever a server does: here an
MTA-STS policy host that trickles a byte every 0.2 s (tests/httpsserver.py) and an SMTP
server that takes five seconds per reply (tests/slow_smtp.py), both with a 10 s timeout.

Finding: closing while the policy fetch trickled froze the GUI thread for 10 s. The fetch
and the probe now notice the cancel event within a slice, and the close path waits at
most ``CLOSE_WAIT_MS`` for every pane together.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

import smtp_gui.ui.checks.domain_kind
from smtp_gui.core.records.domain_check import CHECK_NAMES, DomainTarget, domain_checks
from smtp_gui.core.records.mta_sts import mta_sts_check
from smtp_gui.ui.jobs import JobController
from smtp_gui.ui.main_window import MainWindow
from tests.dnsserver import LoopbackDNSServer
from tests.httpsserver import PolicyServer, make_pki
from tests.slow_smtp import slow_replies

pytestmark = pytest.mark.network


@pytest.fixture
def trickling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PolicyServer]:
    """A trickling policy host, and the domain rows pointed at its (ephemeral) port."""
    pki = make_pki(tmp_path, "mta-sts.rec-good.test")
    server = PolicyServer(pki, "trickle").start()

    def checks(target: DomainTarget, names=CHECK_NAMES, *, overrides=None):  # type: ignore[no-untyped-def]
        fetch = partial(
            mta_sts_check, target.domain, policy_url=server.url(), context=pki.client_context()
        )
        return domain_checks(target, names, overrides={**(overrides or {}), "mta-sts": fetch})

    monkeypatch.setattr(smtp_gui.ui.checks.domain_kind, "domain_checks", checks)
    yield server
    server.stop()


def _pools(window: MainWindow) -> list[QThreadPool]:
    return [c.thread_pool for c in window.findChildren(JobController)]


def _start_domain_check(window: MainWindow, dns_server: LoopbackDNSServer) -> None:
    pane = window.checks_pane
    window.show_checks("rec-good.test", "domain")
    pane.nameservers.setText(dns_server.nameserver)
    pane.timeout.setValue(10.0)
    assert pane.start_check()


def _close_within_a_second(qtbot: QtBot, window: MainWindow) -> None:
    started = time.monotonic()
    window.close()
    elapsed = time.monotonic() - started
    assert elapsed < 1.0, f"closing took {elapsed:.2f} s"
    assert all(pool.activeThreadCount() == 0 for pool in _pools(window))  # ended, not left


def test_closing_while_the_policy_fetch_trickles(
    qtbot: QtBot, window: MainWindow, dns_server: LoopbackDNSServer, trickling: PolicyServer
) -> None:
    _start_domain_check(window, dns_server)
    qtbot.waitUntil(lambda: bool(trickling.requests), timeout=5000)
    qtbot.wait(300)  # a few bytes into the body
    assert window.checks_pane.running
    _close_within_a_second(qtbot, window)


def test_closing_while_a_probe_waits_on_a_slow_server(
    qtbot: QtBot,
    window: MainWindow,
    smtp_servers,  # type: ignore[no-untyped-def]
) -> None:
    server = smtp_servers.scripted(slow_replies(5.0))
    window.show_probe("127.0.0.1")
    window.probe_pane.port.setValue(server.port)
    window.probe_pane.timeout.setValue(10.0)
    assert window.probe_pane.start_probe()
    qtbot.waitUntil(lambda: server.connections >= 1, timeout=5000)
    qtbot.wait(300)
    assert window.probe_pane.running
    _close_within_a_second(qtbot, window)


def test_closing_with_both_at_once(
    qtbot: QtBot,
    window: MainWindow,
    dns_server: LoopbackDNSServer,
    trickling: PolicyServer,
    smtp_servers,  # type: ignore[no-untyped-def]
) -> None:
    server = smtp_servers.scripted(slow_replies(5.0))
    _start_domain_check(window, dns_server)
    window.show_probe("127.0.0.1")
    window.probe_pane.port.setValue(server.port)
    window.probe_pane.timeout.setValue(10.0)
    assert window.probe_pane.start_probe()
    qtbot.waitUntil(lambda: bool(trickling.requests) and server.connections >= 1, timeout=5000)
    qtbot.wait(300)
    _close_within_a_second(qtbot, window)
