"""The keyboard path: Tab reaches every control, the window starts with a visible focus, an
advice button leaves the keyboard on the next step, and no Alt+letter is offered twice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from smtp_gui.core.dnsbl.check import PROBE_CACHE
from smtp_gui.ui.keyboard import first_field, reachable
from smtp_gui.ui.main_window import MainWindow
from tests.dnsserver import LoopbackDNSServer
from tests.ui.mnemonics import clashes

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "bounces"
SPAMHAUS = (
    "<judy@example.net>: host mx.example.net[198.51.100.5] said: 554 5.7.1 Service\n"
    "    unavailable; Client host [203.0.113.45] blocked using zen.spamhaus.org\n"
    "    (in reply to RCPT TO command)\n"
)


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _tab_chain(qtbot: QtBot, start: QWidget) -> list[QWidget]:
    """Every widget Tab visits from ``start`` until it comes round again. A report view
    keeps the focus while Tab steps through its links, then passes it on."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen: list[QWidget] = []
    for _ in range(200):
        qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
        if seen and _focus() is seen[-1]:
            continue  # the next link of the same view
        if _focus() in seen:
            break
        seen.append(_focus())
    return seen


def _switch(window: MainWindow, lang: str) -> None:
    switch = window.findChild(QComboBox, "languageSwitch")
    assert switch is not None
    switch.setCurrentIndex(switch.findData(lang))
    QApplication.processEvents()


def test_tab_reaches_every_control_of_every_pane(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        pane = window.current_pane()
        wanted = {w for w in pane.findChildren(QWidget) if reachable(w, pane)}
        assert wanted, window.tabs.tabText(index)
        chain = _tab_chain(qtbot, window.tabs.tabBar())
        missing = sorted(w.objectName() or type(w).__name__ for w in wanted - set(chain))
        assert not missing, (window.tabs.tabText(index), missing)


@pytest.mark.parametrize(
    ("pane", "name"), [("diagnose", "pasteInput"), ("decoder", "decoderInput")]
)
def test_tab_leaves_a_paste_box(window: MainWindow, qtbot: QtBot, pane: str, name: str) -> None:
    window.activateWindow()
    window.tabs.setCurrentWidget(getattr(window, f"{pane}_pane").parentWidget())
    box = window.findChild(QPlainTextEdit, name)
    assert box is not None
    box.setFocus()
    qtbot.keyClicks(box, "250 OK")
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert "\t" not in box.toPlainText()
    assert _focus() is not box
    box.clear()
    box.insertPlainText("a\tb")  # a pasted tab still arrives
    assert box.toPlainText() == "a\tb"


def test_the_window_starts_with_a_visible_focus(window: MainWindow) -> None:
    pane = window.current_pane()
    field = first_field(pane)
    assert field is not pane and pane.isAncestorOf(field)
    assert _focus() is field
    # What styles read to draw the focus ring before any key was pressed.
    assert window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)


# -- advice buttons -------------------------------------------------------------------------
@pytest.fixture
def diagnose(window: MainWindow, qtbot: QtBot) -> Iterator[MainWindow]:
    window.activateWindow()
    window.tabs.setCurrentWidget(window.diagnose_pane.parentWidget())
    yield window


def _press_advice(window: MainWindow, qtbot: QtBot, text: str, kind: str) -> None:
    """Diagnose ``text``, then press the advice button of ``kind`` with the keyboard."""
    pane = window.diagnose_pane
    with qtbot.waitSignal(pane.diagnosis_shown, timeout=10_000):
        pane.set_text(text)
    buttons = [b for b in pane.advice_buttons if b.property("adviceKind") == kind]
    assert buttons, [b.property("adviceKind") for b in pane.advice_buttons]
    buttons[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(buttons[0], Qt.Key.Key_Space)


def test_blocklist_advice_leaves_enter_on_run(
    diagnose: MainWindow, qtbot: QtBot, dns_server: LoopbackDNSServer
) -> None:
    PROBE_CACHE.clear()
    checks = diagnose.checks_pane
    checks.nameservers.setText(dns_server.nameserver)
    checks.timeout.setValue(1.0)
    checks.options.setText("zen.dnsbl.test=zen.spamhaus.org")
    _press_advice(diagnose, qtbot, SPAMHAUS, "blacklist")
    assert diagnose.current_pane() is checks
    assert _focus() is checks.run_button
    with qtbot.waitSignal(checks.check_finished, timeout=5000):
        qtbot.keyClick(_focus(), Qt.Key.Key_Return)  # Enter runs the check


def test_explain_advice_leaves_focus_on_the_code(diagnose: MainWindow, qtbot: QtBot) -> None:
    _press_advice(diagnose, qtbot, SPAMHAUS, "explain")
    codes = diagnose.code_pane
    if codes.list.currentIndex().isValid():
        assert _focus() is codes.list
    else:
        assert _focus() is codes.page
    assert codes.page.toPlainText().startswith("554 5.7.1")  # focus did not change the page


def test_compare_advice_leaves_focus_on_the_comparison(diagnose: MainWindow, qtbot: QtBot) -> None:
    _press_advice(diagnose, qtbot, "554 4.0.0 Message refused\n", "compare")
    assert _focus() is diagnose.compare_pane.view
    assert diagnose.compare_pane.view.toPlainText()


def test_decode_advice_leaves_enter_on_copy(diagnose: MainWindow, qtbot: QtBot) -> None:
    text = (CORPUS / "10-transcript-auth-login-5.7.139.txt").read_text(encoding="utf-8")
    _press_advice(diagnose, qtbot, text, "decode")
    decoder = diagnose.decoder_pane
    assert _focus() is decoder.copy_button
    QApplication.clipboard().clear()
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    assert "LOGIN" in QApplication.clipboard().text()


# -- mnemonics ------------------------------------------------------------------------------
def _window_states(window: MainWindow) -> Iterator[str]:
    """Every pane, and within a pane each state that shows other labelled widgets."""
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        yield window.tabs.tabText(index)
    window.show_diagnosis(SPAMHAUS)
    yield "diagnosed"
    decoder = window.decoder_pane
    window.tabs.setCurrentWidget(decoder.parentWidget())
    for mode in range(decoder.encoder.mode.count()):
        decoder.encoder.mode.setCurrentIndex(mode)
        yield f"encoder mode {mode}"
    decoder.cram_row.show()
    yield "CRAM-MD5 row"
    decoder.cram_row.hide()
    checks = window.checks_pane
    window.tabs.setCurrentWidget(checks.parentWidget())
    for kind in range(checks.kind.count()):
        checks.kind.setCurrentIndex(kind)
        yield f"check kind {kind}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_mnemonic_is_unique_in_its_window_state(window: MainWindow, lang: str) -> None:
    _switch(window, lang)
    for state in _window_states(window):
        QApplication.processEvents()
        assert not clashes(window), (lang, state, clashes(window))
