"""Issue 17: the window asks every DNS query through one engine thread, however many checks
run (blocklists, domain records, one after another or on top of each other), and closing
the window ends that thread within a second, even with queries still waiting on a server."""

from __future__ import annotations

import threading
import time

import pytest
from pytestqt.qtbot import QtBot

from smtp_gui.core.dns.engine import THREAD_NAME
from smtp_gui.ui.main_window import MainWindow
from tests.dnsserver import LoopbackDNSServer

pytestmark = pytest.mark.network

LISTS = "zen.dnsbl.test=zen.spamhaus.org, spamcop.dnsbl.test=bl.spamcop.net, slow.dnsbl.test"


def _engine_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == THREAD_NAME]


def test_one_engine_thread_for_every_check_and_closing_stops_it(
    qtbot: QtBot, window: MainWindow, dns_server: LoopbackDNSServer
) -> None:
    dns_server.behave("dnsbl.test", delay=0.05)
    dns_server.behave("slow.dnsbl.test", drop=True)  # still waiting when the window closes
    pane = window.checks_pane
    pane.nameservers.setText(dns_server.nameserver)
    pane.timeout.setValue(10.0)
    seen: set[threading.Thread] = set()
    for target in ("192.0.2.1", "192.0.2.2", "192.0.2.3"):
        window.show_checks(target, "blocklist")
        pane.options.setText(LISTS)
        assert pane.start_check()  # a newer check calls off the one still waiting
        qtbot.waitUntil(lambda: len(pane.batch.results) >= 2, timeout=5000)  # type: ignore[union-attr]
        seen.update(_engine_threads())
    dns_server.behave("rec-good.test", delay=3.0)  # its rows wait on the engine at the close
    window.show_checks("rec-good.test", "domain")
    assert pane.start_check()
    qtbot.waitUntil(lambda: len(_engine_threads()) == 1, timeout=1000)
    qtbot.wait(200)
    seen.update(_engine_threads())
    assert len(seen) == 1  # the same thread all along: never one per check or per row
    (thread,) = seen
    assert pane.running
    started = time.monotonic()
    window.close()
    elapsed = time.monotonic() - started
    assert elapsed < 1.0, f"closing took {elapsed:.2f} s"
    thread.join(0.5)
    assert not thread.is_alive() and _engine_threads() == []
