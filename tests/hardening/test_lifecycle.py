"""Lifecycle: cancel mid-check, a new check while one runs, closing the window with work in
every pane, and two hundred checks in a row without growing threads or memory.

pytest-qt fails any of these on a Qt warning (``qt_log_level_fail``), and pytest on any
warning; a crash ends the run. What each test adds is the bound: how long, how many
threads, how much memory.
"""

from __future__ import annotations

import gc
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from smtp_gui.app import create_main_window
from smtp_gui.core.dnsbl.check import PROBE_CACHE
from smtp_gui.ui.checks.pane import ChecksPane
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.settings import Settings
from tests.dnsserver import LoopbackDNSServer
from tests.hardening.flows import BOUNCE, b64
from tests.smtpserver import silent

pytestmark = pytest.mark.network

LISTS = "zen.dnsbl.test=zen.spamhaus.org,spamcop.dnsbl.test=bl.spamcop.net"


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0  # pragma: no cover - not Linux


def _os_threads() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("Threads:"):
            return int(line.split()[1])
    return 0  # pragma: no cover - not Linux


def _pools(window: MainWindow) -> list[QThreadPool]:
    from smtp_gui.ui.jobs import JobController

    return [c.thread_pool for c in window.findChildren(JobController)]


def _checks(window: MainWindow, dns_server: LoopbackDNSServer) -> ChecksPane:
    pane = window.checks_pane
    window.tabs.setCurrentWidget(pane.parentWidget())
    pane.nameservers.setText(dns_server.nameserver)
    pane.timeout.setValue(1.0)
    return pane


def _start(pane: ChecksPane, kind: str, target: str, options: str = "") -> None:
    pane.show_target(target, kind)
    pane.options.setText(options)
    assert pane.start_check()


def test_cancel_and_restart_across_kinds(
    window: MainWindow, qtbot: QtBot, dns_server: LoopbackDNSServer
) -> None:
    """A blocklist check, replaced by a domain check, cancelled, then run to its end."""
    dns_server.behave("zen.dnsbl.test", delay=0.5)
    dns_server.behave("example-shop.test", delay=0.5)
    pane = _checks(window, dns_server)
    _start(pane, "blocklist", "192.0.2.2", LISTS)
    first = pane.batch
    qtbot.wait(50)
    _start(pane, "domain", "example-shop.test")  # replaces the running blocklist check
    assert first is not None and first.stopped and pane.batch is not first
    assert {row.name for row in pane.model.rows()} >= {"mx", "spf", "dmarc"}
    with qtbot.waitSignal(pane.check_finished, timeout=2000) as finished:
        started = time.monotonic()
        pane.cancel_check()
    assert finished.args == [True] and time.monotonic() - started < 0.5
    assert {row.status for row in pane.model.rows()} <= {
        "cancelled",
        "pass",
        "warn",
        "info",
        "fail",
        "error",
    }
    qtbot.wait(700)  # the replaced and cancelled answers would have arrived by now
    assert all(
        row.name in {"mx", "spf", "dmarc", "dkim", "ptr", "mta-sts", "tls-rpt", "bimi", "tlsa"}
        for row in pane.model.rows()
    )
    assert "cancelled" in {row.status for row in pane.model.rows()}
    with qtbot.waitSignal(pane.check_finished, timeout=8000) as finished:
        _start(pane, "blocklist", "192.0.2.2", LISTS)
    assert finished.args == [False]
    assert {row.status for row in pane.model.rows()} == {"listed"}


def test_closing_with_work_in_every_pane(
    qtbot: QtBot,
    settings: Settings,
    dns_server: LoopbackDNSServer,
    smtp_servers,  # type: ignore[no-untyped-def]
) -> None:
    """A blocklist check on a list that never answers, a probe of a server that never
    speaks, a megabyte decoding and a megabyte diagnosing: close, and everything stops."""
    dns_server.behave("spamcop.dnsbl.test", drop=True)
    server = smtp_servers.scripted(silent)
    main = create_main_window(settings, lang="en")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    checks = _checks(main, dns_server)
    _start(checks, "blocklist", "192.0.2.2", LISTS)
    main.show_probe("127.0.0.1")
    main.probe_pane.port.setValue(server.port)
    main.probe_pane.timeout.setValue(1.0)
    assert main.probe_pane.start_probe()
    unit = f"334 VXNlcm5hbWU6\n{b64('alice')}\n"
    main.decoder_pane.input.setPlainText(unit * (1_000_000 // len(unit)))
    main.decoder_pane.decode_now()
    main.diagnose_pane.set_text(BOUNCE * (1_000_000 // len(BOUNCE)))
    qtbot.wait(100)
    assert checks.running and main.probe_pane.running
    started = time.monotonic()
    main.close()
    elapsed = time.monotonic() - started
    assert elapsed < 4.0, f"closing took {elapsed:.1f} s"  # one 1 s timeout, not all of them
    for pool in _pools(main):
        assert pool.activeThreadCount() == 0
    main.deleteLater()
    qtbot.wait(50)


def test_two_hundred_checks_grow_neither_threads_nor_memory(
    window: MainWindow, qtbot: QtBot, dns_server: LoopbackDNSServer
) -> None:
    pane = _checks(window, dns_server)
    pane.domain_fields.selectors_field.setText("s1")
    PROBE_CACHE.clear()

    def run(index: int) -> None:
        if index % 10 == 9:  # one in ten a domain check: nine rows, each its own task
            _start(pane, "domain", "example-shop.test")
        else:
            _start(pane, "blocklist", f"192.0.2.{1 + index % 3}", LISTS)

    def run_many(count: int, offset: int) -> None:
        for index in range(count):
            with qtbot.waitSignal(pane.check_finished, timeout=10_000) as finished:
                run(offset + index)
            assert finished.args == [False]
            assert "checking…" not in {row.status_label.en for row in pane.model.rows()}

    # Warm up: imports, caches, and the thread pool grown to its working size (a domain
    # check runs nine tasks at once); a leak would add a thread or more per check.
    run_many(30, 0)
    gc.collect()
    threads, os_threads, rss = threading.active_count(), _os_threads(), _rss_kib()
    run_many(200, 30)
    qtbot.wait(100)
    gc.collect()
    assert threading.active_count() <= threads + 3, (threads, threading.active_count())
    assert _os_threads() <= os_threads + 3, (os_threads, _os_threads())
    assert sum(pool.activeThreadCount() for pool in _pools(window)) == 0
    # The loopback server's query log and pytest-qt's bookkeeping take about 1 MiB.
    grown = _rss_kib() - rss
    assert grown < 20 * 1024, f"RSS grew by {grown} KiB over 200 checks"
