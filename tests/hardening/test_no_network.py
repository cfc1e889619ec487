"""No network: start-up and the offline panes send nothing; checks without a reachable
nameserver say "could not check" within their timeout.

DESIGN.md: no network traffic until the user starts a check or a probe. Two proofs: the
loopback DNS server, configured as the app's only nameserver, counts zero queries while
the window starts and every offline pane is used; and a subprocess doing the same with an
audit hook on every socket call records none at all (DNS or anything else).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from smtp_gui.app import create_main_window
from smtp_gui.ui.checks.pane import ChecksPane
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.settings import Settings
from tests.dnsserver import LoopbackDNSServer
from tests.hardening.flows import drive_offline_panes, settle

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 1.0
MARGIN = 1.5  # for a loaded CI machine; asking twice in a row would still show


@pytest.fixture
def dead_nameserver() -> str:
    """``127.0.0.1:PORT`` where nothing listens (UDP or TCP)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{probe.getsockname()[1]}"


def _window(qtbot: QtBot, settings: Settings, nameserver: str) -> Iterator[MainWindow]:
    settings.nameservers = nameserver
    settings.timeout = TIMEOUT
    main = create_main_window(settings, lang="en")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()
    main.deleteLater()
    qtbot.wait(1)


@pytest.fixture
def offline_window(qtbot: QtBot, settings: Settings, dead_nameserver: str) -> Iterator[MainWindow]:
    yield from _window(qtbot, settings, dead_nameserver)


@pytest.mark.network
def test_start_up_and_offline_panes_send_no_dns_query(
    qtbot: QtBot, settings: Settings, dns_server: LoopbackDNSServer
) -> None:
    for window in _window(qtbot, settings, dns_server.nameserver):
        assert window.checks_pane.nameservers.text() == dns_server.nameserver
        drive_offline_panes(window)
        qtbot.wait(300)  # anything sent late would arrive by now
        assert dns_server.queries == []


_WATCH = r"""
import json, sys
events = []
def hook(event, args):
    # socket.gethostname reads the machine's own name (dnspython, for the system resolver's
    # search domain): no traffic. Anything else on a socket, or a subprocess, is recorded.
    if event == "socket.gethostname":
        return
    if event.startswith("socket.") or event in ("subprocess.Popen", "os.system", "os.exec"):
        events.append([event, repr(args)[:200]])
sys.addaudithook(hook)

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from smtp_gui.app import create_main_window
from smtp_gui.ui.settings import Settings
from tests.hardening.flows import drive_offline_panes, settle
settings = Settings(QSettings(sys.argv[1], QSettings.Format.IniFormat))
window = create_main_window(settings, lang="en", defer_panes=True)
window.show()
settle(20)
window.build_remaining_panes(all_at_once=True)
drive_offline_panes(window)
settle(20)
window.close()
print(json.dumps(events))
"""


def test_no_socket_is_opened_by_start_up_or_offline_panes(tmp_path: Path) -> None:
    """Every socket call Python makes is audited (socket.__new__, connect, sendto,
    getaddrinfo, ...): starting the app with default settings (the system's resolver) and
    using every offline pane makes none, and starts no subprocess either."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _WATCH, str(tmp_path / "settings.ini")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    events = json.loads(done.stdout.strip().splitlines()[-1])
    assert events == []


def _run(window: MainWindow, qtbot: QtBot, kind: str, target: str) -> tuple[ChecksPane, float]:
    window.show_checks(target, kind)
    pane = window.checks_pane
    started = time.monotonic()
    with qtbot.waitSignal(pane.check_finished, timeout=15_000):
        qtbot.mouseClick(pane.run_button, Qt.MouseButton.LeftButton)
    return pane, time.monotonic() - started


def test_blocklist_check_says_could_not_check_within_its_timeout(
    offline_window: MainWindow, qtbot: QtBot
) -> None:
    pane, elapsed = _run(offline_window, qtbot, "blocklist", "192.0.2.1")
    rows = pane.model.rows()
    assert rows and {row.status for row in rows} == {"timeout"}
    assert all(row.meaning.en and row.meaning.zh for row in rows)
    assert elapsed < TIMEOUT + MARGIN
    assert "192.0.2.1" in pane.summary_text()


def test_domain_check_says_could_not_check_within_its_timeout(
    offline_window: MainWindow, qtbot: QtBot
) -> None:
    pane, elapsed = _run(offline_window, qtbot, "domain", "example.test")
    statuses = {row.name: row.status for row in pane.model.rows()}
    asked_dns = {name: status for name, status in statuses.items() if name != "ptr"}
    assert set(asked_dns.values()) == {"error"}, statuses
    assert statuses["ptr"] == "info"  # no IP given: nothing to ask
    assert all(row.meaning.en for row in pane.model.rows())
    assert elapsed < TIMEOUT + MARGIN


def test_offline_panes_work_with_the_nameserver_unreachable(
    offline_window: MainWindow, qtbot: QtBot
) -> None:
    drive_offline_panes(offline_window)
    settle()
    assert "5.7.1" in offline_window.diagnose_pane.report()
