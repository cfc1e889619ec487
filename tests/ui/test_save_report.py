"""File > Save report: the current pane's report as HTML (render_html plus a footer) or PDF.

``save_report`` is called with a path (the dialog is only the way to one); the pane's
report comes from ``current_report()``, real checks and probes run against loopback servers.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from smtp_gui import __version__
from smtp_gui.core.report.html import render_html
from smtp_gui.core.report.runs import plain
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.pane import Pane
from smtp_gui.ui.save_report import save_report
from tests.dnsserver import LoopbackDNSServer

ROOT = Path(__file__).resolve().parents[2]
BOUNCE = (ROOT / "tests/corpus/bounces/01-single-line-user-unknown.txt").read_text("utf-8")
WHEN = datetime(2025, 3, 1, 14, 5, 9, tzinfo=timezone(timedelta(hours=8)))
# AUTH PLAIN of "user" with the password "hunter2pw" (RFC 4616 2).
PLAIN = "C: AUTH PLAIN AHVzZXIAaHVudGVyMnB3\nS: 235 2.7.0 Authentication successful\n"


def _current(window: MainWindow) -> Pane:
    pane = window.current_pane()
    assert isinstance(pane, Pane)
    return pane


def _save(window: MainWindow, path: Path) -> str:
    pane = _current(window)
    report = pane.current_report()
    assert report is not None
    save_report(report, pane.report_facts(), path, WHEN)
    return path.read_text("utf-8") if path.suffix == ".html" else ""


def test_action_in_the_file_menu_follows_the_pane(window: MainWindow, qtbot: QtBot) -> None:
    action = window.save_report_action
    assert action.objectName() == "saveReportAction"
    assert action in window.file_menu.actions()
    assert action.shortcut() == QKeySequence("Ctrl+S")
    window.show_diagnosis("")
    window.update_save_action()
    assert not action.isEnabled()  # nothing diagnosed: nothing to save
    with qtbot.waitSignal(window.diagnose_pane.diagnosis_shown, timeout=5000):
        window.show_diagnosis(BOUNCE)
    window.update_save_action()
    assert action.isEnabled()
    window.show_decoder("")  # the tab change refreshes it
    assert not action.isEnabled()
    window.show_comparison("334", "554")
    assert action.isEnabled()


def test_diagnosis_html_has_the_verdict_and_the_footer(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    with qtbot.waitSignal(window.diagnose_pane.diagnosis_shown, timeout=5000):
        window.show_diagnosis(BOUNCE + "\n<b>x</b><img src=y>")
    page = _save(window, tmp_path / "case.html")
    report = window.diagnose_pane.current_report()
    assert report is not None
    # The report itself, as render_html lays it out, then the footer.
    body = render_html(report).split("</body>")[0]
    assert page.startswith(body)
    assert "5.1.1" in page and '<p class="verdict' in page
    assert "About this report" in page and f"smtp-gui {__version__}" in page
    assert "2025-03-01 14:05:09 +0800" in page
    assert "&lt;b&gt;x&lt;/b&gt;&lt;img src=y&gt;" in page  # the input, escaped
    assert "<img" not in page and "<b>" not in page


def test_decoder_report_is_masked_even_when_revealed(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    window.show_decoder(PLAIN)
    window.decoder_pane.reveal.setChecked(True)
    page = _save(window, tmp_path / "auth.html")
    assert "PLAIN" in page and "user" in page
    assert "hunter2pw" not in page and "AHVzZXIAaHVudGVyMnB3" not in page
    _save(window, tmp_path / "auth.pdf")
    assert b"hunter2pw" not in (tmp_path / "auth.pdf").read_bytes()


def test_code_and_comparison_pages(window: MainWindow, tmp_path: Path) -> None:
    window.show_code("554")
    page = _save(window, tmp_path / "code.html")
    assert "<h1>" in page and "554" in page.split("<h1>")[1].split("</h1>")[0]
    assert re.search(r"<th scope=\"row\">Code</th><td><span class=\"outside\">554</span>", page)
    window.show_comparison("334", "554")
    page = _save(window, tmp_path / "compare.html")
    assert "334 ⟷ 554" in page and "334 / 554" in page


@pytest.mark.parametrize("kind", ["domain", "blocklist"])
def test_checks_report_names_the_resolver(
    window: MainWindow, qtbot: QtBot, dns_server: LoopbackDNSServer, tmp_path: Path, kind: str
) -> None:
    window.show_checks("", kind)
    pane = window.checks_pane
    pane.nameservers.setText(dns_server.nameserver)
    pane.timeout.setValue(1.0)
    target = "example-shop.test" if kind == "domain" else "192.0.2.2"
    if kind == "blocklist":
        pane.options.setText("zen.dnsbl.test=zen.spamhaus.org")
    assert pane.current_report() is None
    with qtbot.waitSignal(pane.check_finished, timeout=8000):
        assert pane.start_check(target)
    page = _save(window, tmp_path / "check.html")
    assert target in page.split("</h1>")[0]
    footer = page.split("About this report")[1]
    assert "Resolver" in footer and dns_server.nameserver in footer and target in footer
    if kind == "blocklist":
        assert "zen.dnsbl.test" in page and "listed" in page


@pytest.mark.network
def test_probe_report(window: MainWindow, qtbot: QtBot, smtp_servers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd()
    window.show_probe("127.0.0.1")
    pane = window.probe_pane
    pane.port.setValue(server.port)
    pane.timeout.setValue(3.0)
    assert pane.current_report() is None
    with qtbot.waitSignal(pane.jobs.batch_finished, timeout=15_000):
        assert pane.start_probe()
    page = _save(window, tmp_path / "probe.html")
    assert "Probe result" in page and str(server.port) in page.split("About this report")[1]


def test_pdf_is_a4_and_ctrl_s_saves_through_the_dialog(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.show_comparison("334", "554")
    target = tmp_path / "ticket"  # no extension: the chosen filter gives it

    def answer(*_args: object, **_kwargs: object) -> tuple[str, str]:
        return str(target), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    window.compare_pane.view.setFocus()
    qtbot.keyClick(window.compare_pane.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    data = (tmp_path / "ticket.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    pypdf = pytest.importorskip("pypdf")
    box = pypdf.PdfReader(tmp_path / "ticket.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points


def test_chinese_pdf_text_has_the_chinese_title(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    pypdf = pytest.importorskip("pypdf")
    window.language_switch.setCurrentIndex(window.language_switch.findData("zh"))
    with qtbot.waitSignal(window.diagnose_pane.diagnosis_shown, timeout=5000):
        window.show_diagnosis(BOUNCE)
    report = window.diagnose_pane.current_report()
    assert report is not None and report.lang == "zh"
    _save(window, tmp_path / "case.pdf")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "case.pdf").pages)
    squeezed = "".join(text.split())
    title = "".join(plain(report.title, "zh").split())
    assert re.search("[\u4e00-\u9fff]", title)
    assert title in squeezed
    assert "关于本报告" in squeezed


def test_markup_in_a_pasted_bounce_is_text_in_the_pdf(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """The PDF is laid out by QTextDocument.setHtml: markup from a paste must arrive there
    escaped, and so print as the characters typed, never as markup."""
    pypdf = pytest.importorskip("pypdf")
    hostile = BOUNCE.replace("unknown", "unknown <b>bold</b><img src=x> <a href=javascript:y>z</a>")
    assert hostile != BOUNCE
    with qtbot.waitSignal(window.diagnose_pane.diagnosis_shown, timeout=5000):
        window.show_diagnosis(hostile)
    _save(window, tmp_path / "hostile.pdf")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "hostile.pdf").pages)
    squeezed = "".join(text.split())
    assert "<b>bold</b><imgsrc=x>" in squeezed
    assert "<ahref=javascript:y>z</a>" in squeezed
