"""The diagnose pane: paste into ``pasteInput``, read ``diagnosisView``, follow the advice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QTextBrowser

from smtp_gui.ui.diagnose.pane import BACKGROUND_THRESHOLD, DiagnosePane
from smtp_gui.ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton
CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "bounces"
SPAMHAUS = (
    "<judy@example.net>: host mx.example.net[198.51.100.5] said: 554 5.7.1 Service\n"
    "    unavailable; Client host [203.0.113.45] blocked using zen.spamhaus.org\n"
    "    (in reply to RCPT TO command)\n"
)


def _pane(window: MainWindow) -> tuple[DiagnosePane, QPlainTextEdit, QTextBrowser]:
    pane = window.diagnose_pane
    window.tabs.setCurrentWidget(pane.parentWidget())
    source = window.findChild(QPlainTextEdit, "pasteInput")
    view = window.findChild(QTextBrowser, "diagnosisView")
    assert source is not None and view is not None
    return pane, source, view


def _paste(qtbot, pane: DiagnosePane, source: QPlainTextEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Paste ``text`` from the clipboard, as a user does, and wait for the diagnosis."""
    QGuiApplication.clipboard().setText(text)
    source.setFocus()
    with qtbot.waitSignal(pane.diagnosis_shown, timeout=10_000):
        source.paste()


def _button(pane: DiagnosePane, kind: str):  # type: ignore[no-untyped-def]
    found = [b for b in pane.advice_buttons if b.property("adviceKind") == kind]
    assert found, [b.property("adviceKind") for b in pane.advice_buttons]
    return found[0]


def test_paste_shows_the_diagnosis(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, source, view = _pane(window)
    _paste(qtbot, pane, source, SPAMHAUS)
    text = view.toPlainText()
    assert text.startswith("554 5.7.1")
    assert "RCPT TO" in text
    assert "Spamhaus ZEN (zen.spamhaus.org)" in text
    assert "Check 203.0.113.45 against blocklists" in text
    kinds = [b.property("adviceKind") for b in pane.advice_buttons]
    assert kinds[0] == "blacklist" and "explain" in kinds and "delist" in kinds
    for button in pane.advice_buttons:
        assert button.objectName().startswith("advice") and button.accessibleName()


def test_explain_button_lands_on_the_code_pane(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, source, _view = _pane(window)
    _paste(qtbot, pane, source, SPAMHAUS)
    qtbot.mouseClick(_button(pane, "explain"), LEFT)
    assert window.current_pane() is window.code_pane
    search = window.findChild(QLineEdit, "codeSearch")
    page = window.findChild(QTextBrowser, "codePage")
    assert search is not None and page is not None
    assert search.text() == "554 5.7.1"
    assert page.toPlainText().startswith("554 5.7.1")


def test_blacklist_button_fills_the_checks_pane(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, source, _view = _pane(window)
    _paste(qtbot, pane, source, SPAMHAUS)
    qtbot.mouseClick(_button(pane, "blacklist"), LEFT)
    assert window.current_pane() is window.checks_pane
    target = window.findChild(QLineEdit, "checkTarget")
    kind = window.findChild(QComboBox, "checkKind")
    assert target is not None and kind is not None
    assert target.text() == "203.0.113.45"  # the sender, never the receiver's 198.51.100.5
    assert kind.currentData() == "blocklist"
    assert not window.checks_pane.running  # filled in; the user starts the check


def test_domain_button_fills_the_checks_pane(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, source, _view = _pane(window)
    text = (CORPUS / "19-ms-5.7.515-auth-level.txt").read_text(encoding="utf-8")
    _paste(qtbot, pane, source, text)
    assert "5.7.515" in pane.diagnosis.explain_code  # type: ignore[union-attr]
    qtbot.mouseClick(_button(pane, "domain"), LEFT)
    assert window.current_pane() is window.checks_pane
    target = window.findChild(QLineEdit, "checkTarget")
    assert target is not None and target.text() == "shop.example.org"
    kind = window.findChild(QComboBox, "checkKind")
    assert kind is not None and kind.currentData() == "domain"
    assert not window.checks_pane.running


def test_compare_button_for_a_class_mismatch(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, source, view = _pane(window)
    _paste(qtbot, pane, source, "554 4.0.0 Message refused\n")
    assert "RFC 3463" in view.toPlainText()
    qtbot.mouseClick(_button(pane, "compare"), LEFT)
    assert window.current_pane() is window.compare_pane
    left = window.findChild(QComboBox, "compareLeft")
    right = window.findChild(QComboBox, "compareRight")
    assert left is not None and right is not None
    assert left.currentText().startswith("554") and right.currentText().startswith("4.0.0")


def test_decode_button_opens_the_decoder(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, source, _view = _pane(window)
    text = (CORPUS / "10-transcript-auth-login-5.7.139.txt").read_text(encoding="utf-8")
    _paste(qtbot, pane, source, text)
    assert window.diagnose_pane.diagnosis.provider == "microsoft"  # type: ignore[union-attr]
    qtbot.mouseClick(_button(pane, "decode"), LEFT)
    assert window.current_pane() is window.decoder_pane
    decoder_input = window.findChild(QPlainTextEdit, "decoderInput")
    decoder_output = window.findChild(QPlainTextEdit, "decoderOutput")
    assert decoder_input is not None and decoder_output is not None
    assert decoder_input.toPlainText().startswith("C: AUTH LOGIN")
    assert "LOGIN" in decoder_output.toPlainText()


def test_markup_is_shown_literally(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, source, view = _pane(window)
    _paste(qtbot, pane, source, "550 5.7.1 <b>x</b><img src=y>")
    assert "<b>x</b><img src=y>" in view.toPlainText()
    assert "<b>x</b>" not in view.toHtml()
    assert "<img" not in view.toHtml().replace("&lt;img", "")


def test_no_reply_says_so(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, source, view = _pane(window)
    _paste(qtbot, pane, source, "hello, my mail bounced")
    assert "No SMTP reply found" in pane.verdict.text()
    assert "No SMTP reply found" not in view.toPlainText()  # said once, in the banner
    assert pane.advice_buttons == []


def test_dropped_eml_file_is_diagnosed(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, source, view = _pane(window)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(CORPUS / "13-postfix-spamhaus-zen.eml"))])
    assert source.canInsertFromMimeData(mime)
    with qtbot.waitSignal(pane.diagnosis_shown, timeout=10_000):
        source.insertFromMimeData(mime)
    assert source.toPlainText().startswith("Return-Path: <>")
    assert view.toPlainText().startswith("554 5.7.1")
    assert pane.diagnosis is not None and pane.diagnosis.source == "message"


def test_open_dialog_reads_a_gb18030_file(window: MainWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pane, source, view = _pane(window)
    path = str(CORPUS / "42-netease-gb18030.txt")
    monkeypatch.setattr(
        "smtp_gui.ui.diagnose.pane.QFileDialog.getOpenFileName", lambda *a, **k: (path, "")
    )
    with qtbot.waitSignal(pane.diagnosis_shown, timeout=10_000):
        qtbot.mouseClick(pane.open_button, LEFT)
    assert "发件人当天内累计邮件数量超过限制" in source.toPlainText()
    assert "NetEase" in view.toPlainText()


def test_large_paste_is_diagnosed_in_the_background(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, source, view = _pane(window)
    filler = "S: 250 2.1.5 Ok\n" * (BACKGROUND_THRESHOLD // 16 + 10)
    text = filler + SPAMHAUS
    source.setPlainText(text)
    with qtbot.waitSignal(pane.diagnosis_shown, timeout=30_000):
        pane.diagnose_now()
        assert pane.status.text() == "Diagnosing…"  # the GUI thread did not do the work
    assert view.toPlainText().startswith("554 5.7.1")


def test_language_switch_rerenders(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, source, view = _pane(window)
    _paste(qtbot, pane, source, SPAMHAUS)
    english = view.toPlainText()
    switch = window.findChild(QComboBox, "languageSwitch")
    assert switch is not None
    switch.setCurrentIndex(switch.findData("zh"))
    QGuiApplication.processEvents()
    chinese = view.toPlainText()
    assert chinese != english and "黑名单" in chinese
    assert "黑名单" in _button(pane, "blacklist").description()
    switch.setCurrentIndex(switch.findData("en"))
    QGuiApplication.processEvents()
    assert view.toPlainText() == english


def test_clear_and_copy(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, source, view = _pane(window)
    _paste(qtbot, pane, source, SPAMHAUS)
    qtbot.mouseClick(pane.copy_button, LEFT)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("554 5.7.1") and "refused the mail because" in copied
    qtbot.mouseClick(pane.clear_button, LEFT)
    assert source.toPlainText() == "" and pane.diagnosis is None
    assert pane.advice_buttons == [] and not pane.copy_button.isEnabled()
