"""The probe's state in words (``probeStatus``), a busy indicator only while it runs, and
the HELO placeholder saying what will be sent: against real SMTP servers on 127.0.0.1."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from smtp_gui.core.probe.helo import default_helo_host
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.probe.pane import ProbePane, ProbeState
from tests.smtpserver import silent

pytestmark = pytest.mark.network


def _pane(window: MainWindow) -> ProbePane:
    window.show_probe()
    return window.probe_pane


def _language(window: MainWindow, lang: str) -> None:
    window.language_switch.setCurrentIndex(window.language_switch.findData(lang))
    QApplication.processEvents()  # Qt posts the LanguageChange events


def test_finished_is_said_in_words_in_both_languages(
    window: MainWindow, qtbot, smtp_servers
) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd()
    pane = _pane(window)
    assert pane.state is ProbeState.NOT_STARTED and pane.status.text() == "Not started"
    assert pane.progress.isHidden()  # no empty box that looks like a control
    _language(window, "zh")
    assert pane.status.text() == "未开始"
    _language(window, "en")
    pane.target.setText("127.0.0.1")
    pane.port.setValue(server.port)
    with qtbot.waitSignal(pane.jobs.batch_finished, timeout=15_000):
        pane.run_button.click()
    assert pane.state is ProbeState.FINISHED and pane.status.text() == "Finished"
    assert pane.progress.isHidden()  # no solid bar once done
    _language(window, "zh")
    assert pane.status.text() == "已完成"
    _language(window, "en")
    assert pane.status.text() == "Finished"


def test_busy_only_while_running_then_cancelled(window: MainWindow, qtbot, smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(silent)
    pane = _pane(window)
    pane.target.setText("127.0.0.1")
    pane.port.setValue(server.port)
    pane.timeout.setValue(60)
    pane.run_button.click()
    assert pane.state is ProbeState.RUNNING and pane.progress.isVisibleTo(pane)
    qtbot.waitUntil(lambda: pane.model.rowCount() > 0, timeout=5000)
    assert pane.status.text() not in ("Not started", "Finished")
    with qtbot.waitSignal(pane.jobs.tasks_cancelled, timeout=2000):
        pane.cancel_button.click()
    assert pane.state is ProbeState.CANCELLED and pane.status.text() == "Cancelled"
    assert pane.progress.isHidden()
    _language(window, "zh")
    assert pane.status.text() == "已取消"


def test_the_ehlo_sent_is_the_one_the_placeholder_promised(
    window: MainWindow, qtbot, smtp_servers
) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd()
    pane = _pane(window)
    assert pane.helo.text() == ""
    placeholder = pane.helo.placeholderText()
    pane.target.setText("127.0.0.1")
    pane.port.setValue(server.port)
    with qtbot.waitSignal(pane.jobs.batch_finished, timeout=15_000):
        pane.run_button.click()
    assert pane.result is not None
    sent = next(
        line.text
        for step in pane.result.steps
        for line in step.lines
        if line.text.startswith("EHLO ")
    )
    host = default_helo_host()
    if host is not None:
        assert sent == f"EHLO {host}" and placeholder.startswith(host)
    else:
        # This machine's name is not fully qualified: the address literal of our end.
        assert sent == "EHLO [127.0.0.1]"
        assert "address on the connection" in placeholder and "[192.0.2.1]" in placeholder
    assert "this computer's name" not in placeholder or host is not None
    _language(window, "zh")
    promised = host if host is not None else "[192.0.2.1]"
    assert promised in pane.helo.placeholderText() and "本机" in pane.helo.placeholderText()
