"""A bug inside background work (or inline work) becomes an ``error`` row or a plain
message; the app keeps working, and nothing prints a traceback.

Each test makes one piece of real work raise (the thing that would be a bug), then checks
what the user sees, that standard error stayed quiet, and that the next run works.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import smtp_gui.core.diagnose.analyse
import smtp_gui.core.dnsbl.check
import smtp_gui.core.records.domain_check
import smtp_gui.ui.checks.kinds
import smtp_gui.ui.decoder.outcome
import smtp_gui.ui.diagnose.pane
import smtp_gui.ui.probe.pane
from smtp_gui.cli import main as cli_main
from smtp_gui.core.dns.lookup import alookup, lookup
from smtp_gui.ui.jobs import JobController
from smtp_gui.ui.main_window import MainWindow
from tests.dnsserver import LoopbackDNSServer
from tests.hardening.flows import BOUNCE, b64

LISTS = "zen.dnsbl.test=zen.spamhaus.org,spamcop.dnsbl.test=bl.spamcop.net"


def _boom(*_args: object, **_kwargs: object) -> Any:
    raise RuntimeError("boom")


def _quiet(capfd: pytest.CaptureFixture[str]) -> None:
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err, err


def _lookup_failing_for(zone: str) -> Callable[..., Any]:
    def patched(resolver: Any, name: str, rdtype: str, deadline: Any = None) -> Any:
        if name.endswith(zone):
            raise RuntimeError("boom")
        return lookup(resolver, name, rdtype, deadline)

    return patched


def _alookup_failing_for(zone: str) -> Callable[..., Any]:
    """The same, for a blocklist row: its queries are coroutines on the DNS engine."""

    async def patched(resolver: Any, name: str, rdtype: str, deadline: Any = None) -> Any:
        if name.endswith(zone):
            raise RuntimeError("boom")
        return await alookup(resolver, name, rdtype, deadline)

    return patched


def test_job_controller_reports_a_raising_task(
    qtbot: QtBot, capfd: pytest.CaptureFixture[str]
) -> None:
    controller = JobController()
    failed: list[tuple[object, str]] = []
    finished: list[object] = []
    controller.task_failed.connect(lambda key, message: failed.append((key, message)))
    controller.task_finished.connect(lambda key, result: finished.append(key))
    with qtbot.waitSignal(controller.batch_finished, timeout=5000) as done:
        controller.start([("bad", _boom), ("good", lambda: 42)])
    assert done.args == [False]
    assert failed == [("bad", "RuntimeError: boom")] and finished == ["good"]
    with qtbot.waitSignal(controller.task_finished, timeout=5000) as again:
        controller.start([("next", lambda: 7)])
    assert again.args == ["next", 7]
    controller.shutdown()
    _quiet(capfd)


@pytest.mark.network
def test_a_raising_blocklist_task_is_an_error_row(
    window: MainWindow,
    qtbot: QtBot,
    dns_server: LoopbackDNSServer,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    pane = window.checks_pane
    pane.nameservers.setText(dns_server.nameserver)
    pane.timeout.setValue(1.0)
    window.show_checks("192.0.2.2", "blocklist")
    pane.options.setText(LISTS)
    failing = _alookup_failing_for("spamcop.dnsbl.test")
    monkeypatch.setattr(smtp_gui.core.dnsbl.check, "alookup", failing)
    with qtbot.waitSignal(pane.check_finished, timeout=5000):
        qtbot.mouseClick(pane.run_button, Qt.MouseButton.LeftButton)
    rows = {row.name: row for row in pane.model.rows()}
    assert rows["spamcop.dnsbl.test"].status == "error"
    assert "RuntimeError: boom" in rows["spamcop.dnsbl.test"].meaning.en
    assert rows["zen.dnsbl.test"].status == "listed"
    assert pane.summary_text()
    monkeypatch.undo()
    with qtbot.waitSignal(pane.check_finished, timeout=5000):
        qtbot.mouseClick(pane.run_button, Qt.MouseButton.LeftButton)
    assert {row.status for row in pane.model.rows()} == {"listed"}
    _quiet(capfd)


@pytest.mark.network
def test_a_raising_domain_check_is_an_error_row(
    window: MainWindow,
    qtbot: QtBot,
    dns_server: LoopbackDNSServer,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    pane = window.checks_pane
    pane.nameservers.setText(dns_server.nameserver)
    pane.timeout.setValue(1.0)
    window.show_checks("example-shop.test", "domain")
    monkeypatch.setattr(smtp_gui.core.records.domain_check, "mx_check", _boom)
    with qtbot.waitSignal(pane.check_finished, timeout=8000):
        qtbot.mouseClick(pane.run_button, Qt.MouseButton.LeftButton)
    rows = {row.name: row for row in pane.model.rows()}
    assert rows["mx"].status == "error" and "RuntimeError: boom" in rows["mx"].meaning.en
    assert rows["dmarc"].status != "error"
    _quiet(capfd)


@pytest.mark.network
def test_a_raising_lookup_in_the_headless_blocklist_check_is_an_error_row(
    dns_server: LoopbackDNSServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``smtp-gui check blacklist``: one list's bug is that list's row, not a traceback."""
    failing = _alookup_failing_for("spamcop.dnsbl.test")
    monkeypatch.setattr(smtp_gui.core.dnsbl.check, "alookup", failing)
    code = cli_main(
        [
            "check",
            "blacklist",
            "192.0.2.2",
            "--nameserver",
            dns_server.nameserver,
            "--timeout",
            "1",
            "--zones",
            LISTS,
            "--json",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in err, err
    results = {r["zone"]: r for r in json.loads(out)["results"]}
    assert results["spamcop.dnsbl.test"]["status"] == "error"
    assert "RuntimeError: boom" in results["spamcop.dnsbl.test"]["meaning"]
    assert results["zen.dnsbl.test"]["status"] == "listed"


def test_a_raising_probe_is_a_message(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(smtp_gui.ui.probe.pane, "run_probe", _boom)
    window.show_probe("127.0.0.1")
    pane = window.probe_pane
    with qtbot.waitSignal(pane.jobs.batch_finished, timeout=5000):
        qtbot.mouseClick(pane.run_button, Qt.MouseButton.LeftButton)
    assert "RuntimeError: boom" in pane.summary.text()
    assert pane.run_button.isEnabled() and not pane.cancel_button.isEnabled()
    _quiet(capfd)


@pytest.mark.parametrize("size", ["small", "large"])
def test_a_raising_decoder_says_so(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    size: str,
) -> None:
    pane = window.decoder_pane
    unit = f"334 VXNlcm5hbWU6\n{b64('alice')}\n"
    text = unit if size == "small" else unit * (300_000 // len(unit))
    monkeypatch.setattr(smtp_gui.ui.decoder.outcome, "decode_exchange", _boom)
    with qtbot.waitSignal(pane.output_updated, timeout=10_000):
        pane.input.setPlainText(text)
    if size == "large":
        qtbot.waitUntil(lambda: "unexpectedly" in pane.status.text(), timeout=10_000)
    assert pane.status.text() == "Decoding failed unexpectedly."
    assert pane.output.toPlainText() == ""
    monkeypatch.undo()
    pane.input.setPlainText(unit)
    pane.decode_now()
    assert pane.exchange is not None and "alice" in pane.output.toPlainText()
    _quiet(capfd)


@pytest.mark.parametrize("size", ["small", "large"])
def test_a_raising_diagnosis_says_so(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    size: str,
) -> None:
    pane = window.diagnose_pane
    text = BOUNCE if size == "small" else BOUNCE * (2_000_000 // len(BOUNCE))
    # The pane loads the analysis on first use (start-up): patch it where it is looked up.
    monkeypatch.setattr(smtp_gui.core.diagnose.analyse, "diagnose", _boom)
    with qtbot.waitSignal(pane.diagnosis_shown, timeout=10_000):
        pane.set_text(text)
    if size == "large":
        qtbot.waitUntil(lambda: "unexpectedly" in pane.status.text(), timeout=10_000)
    assert pane.status.text() == "The diagnosis failed unexpectedly."
    assert pane.diagnosis is None
    monkeypatch.undo()
    pane.set_text(BOUNCE)
    assert pane.diagnosis is not None and pane.diagnosis.primary is not None
    _quiet(capfd)
