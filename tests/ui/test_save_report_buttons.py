"""Each pane's Save report… button (``saveReport``): enabled exactly while the pane has a
report, and a click saves that report through the same dialog and path as File > Save
report, in both languages. The dialog is answered with a path; the file is real."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from smtp_gui.app import create_main_window
from smtp_gui.core.report.html import render_html
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.pane import Pane
from smtp_gui.ui.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
BOUNCE = (ROOT / "tests/corpus/bounces/01-single-line-user-unknown.txt").read_text("utf-8")
TEXTS = {
    ("en", "s"): "&Save report…",
    ("zh", "s"): "保存报告(&S)…",
    ("en", "r"): "Save &report…",
    ("zh", "r"): "保存报告(&R)…",
    ("en", "o"): "Save rep&ort…",
    ("zh", "o"): "保存报告(&O)…",
    ("en", ""): "Save report…",
    ("zh", ""): "保存报告…",
}


@pytest.fixture
def answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The path the save dialog answers with."""
    target = tmp_path / "ticket.html"

    def choose(*_args: object, **_kwargs: object) -> tuple[str, str]:
        return str(target), "HTML (*.html)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    return target


def _switch(window: MainWindow, lang: str) -> None:
    window.language_switch.setCurrentIndex(window.language_switch.findData(lang))
    QCoreApplication.processEvents()


def _button(pane: QWidget) -> QPushButton:
    button = pane.findChild(QPushButton, "saveReport")
    assert button is not None
    return button


def _saves_its_report(qtbot: QtBot, pane: QWidget, target: Path) -> str:
    """Click the pane's button; the file holds the pane's report as render_html lays it out,
    then the footer."""
    assert isinstance(pane, Pane)
    report = pane.current_report()
    assert report is not None
    target.unlink(missing_ok=True)
    qtbot.mouseClick(_button(pane), Qt.MouseButton.LeftButton)
    page = target.read_text("utf-8")
    assert page.startswith(render_html(report).split("</body>")[0])
    return page


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_diagnose_pane(window: MainWindow, qtbot: QtBot, answer: Path, lang: str) -> None:
    _switch(window, lang)
    pane = window.diagnose_pane
    window.show_diagnosis("")
    button = _button(pane)
    assert button.text() == TEXTS[lang, "s"] and button.isVisibleTo(window)
    assert not button.isEnabled()
    with qtbot.waitSignal(pane.diagnosis_shown, timeout=5000):
        window.show_diagnosis(BOUNCE)
    assert button.isEnabled()
    page = _saves_its_report(qtbot, pane, answer)
    assert "5.1.1" in page
    pane.clear()
    assert not button.isEnabled()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_code_pane(window: MainWindow, qtbot: QtBot, answer: Path, lang: str) -> None:
    _switch(window, lang)
    window.show_code("554")
    pane = window.code_pane
    button = _button(pane)
    assert button.text() == TEXTS[lang, "s"] and button.isEnabled()
    page = _saves_its_report(qtbot, pane, answer)
    assert "554" in page.split("</h1>")[0]
    pane.search.setText("zzzz no such code")
    assert pane.current_report() is None and not button.isEnabled()
    pane.search.setText("550")
    assert button.isEnabled()


@pytest.fixture
def fresh_window(qtbot: QtBot, settings: Settings) -> Iterator[MainWindow]:
    """A window whose comparison pickers start empty: nothing compared yet."""
    settings.compare_codes = ("", "")
    main = create_main_window(settings, lang="en")
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()
    main.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_compare_pane(fresh_window: MainWindow, qtbot: QtBot, answer: Path, lang: str) -> None:
    window = fresh_window
    _switch(window, lang)
    window.show_comparison("", "")
    pane = window.compare_pane
    button = _button(pane)
    assert button.text() == TEXTS[lang, "r"]
    assert pane.current_report() is None and not button.isEnabled()
    window.show_comparison("334", "554")
    assert button.isEnabled()
    page = _saves_its_report(qtbot, pane, answer)
    assert "334 ⟷ 554" in page


@pytest.mark.network
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_probe_pane(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot: QtBot, smtp_servers, answer: Path, lang: str
) -> None:
    _switch(window, lang)
    server = smtp_servers.aiosmtpd()
    window.show_probe("127.0.0.1")
    pane = window.probe_pane
    pane.port.setValue(server.port)
    pane.timeout.setValue(3.0)
    button = _button(pane)
    assert button.text() == TEXTS[lang, ""] and not button.isEnabled()
    with qtbot.waitSignal(pane.jobs.batch_finished, timeout=15_000):
        assert pane.start_probe()
        assert not button.isEnabled()  # running: nothing finished to save yet
    assert button.isEnabled()
    page = _saves_its_report(qtbot, pane, answer)
    assert str(server.port) in page.split("</body>")[0]


SAMPLE_AUTH = (ROOT / "tests/corpus/auth/login-535.txt").read_text("utf-8")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_decoder_pane(window: MainWindow, qtbot: QtBot, answer: Path, lang: str) -> None:
    _switch(window, lang)
    pane = window.decoder_pane
    button = _button(pane)
    assert button.text() == TEXTS[lang, "o"] and not button.isEnabled()
    pane.input.setPlainText(SAMPLE_AUTH)
    pane.decode_now()
    qtbot.waitUntil(button.isEnabled, timeout=5000)
    page = _saves_its_report(qtbot, pane, answer)
    assert "535" in page
    assert "tanstaaftanstaaf" not in page  # the password stays masked in the saved file
    pane.clear()
    assert not button.isEnabled()


@pytest.mark.network
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_checks_pane(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot: QtBot, dns_server, answer: Path, lang: str
) -> None:
    _switch(window, lang)
    pane = window.checks_pane
    pane.nameservers.setText(dns_server.nameserver)
    pane.timeout.setValue(1.0)
    window.show_checks("example-shop.test", "domain")
    button = _button(pane)
    assert button.text() == TEXTS[lang, "o"] and not button.isEnabled()
    with qtbot.waitSignal(pane.check_finished, timeout=20_000):
        assert pane.start_check()
        assert not button.isEnabled()  # running: nothing finished to save yet
    assert button.isEnabled()
    page = _saves_its_report(qtbot, pane, answer)
    assert "example-shop.test" in page.split("</h1>")[0]
    pane.target.setText("203.0.113.45")  # another target: the old results go, and Save
    assert not button.isEnabled()
