"""The AUTH decoder pane: drive ``decoderInput``, read ``decoderOutput``, keep secrets hidden."""

from __future__ import annotations

import base64
import logging
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
)

from smtp_gui.core.report.text import render_text
from smtp_gui.core.sasl.report import report
from smtp_gui.ui.decoder.outcome import decode, details, in_worker
from smtp_gui.ui.decoder.pane import BACKGROUND_THRESHOLD, DecoderPane
from smtp_gui.ui.main_window import MainWindow

PASSWORD = "Tr0ub4dor&3"


def b64(text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return base64.b64encode(data).decode("ascii")


PLAIN = "AUTH PLAIN " + b64(f"\0alice\0{PASSWORD}")
LOGIN = "\n".join(
    [
        "C: AUTH LOGIN",
        "S: 334 VXNlcm5hbWU6",
        "C: " + b64("alice"),
        "S: 334 UGFzc3dvcmQ6",
        "C: " + b64(PASSWORD),
        "S: 535 5.7.8 Error: authentication failed",
    ]
)
SECRET_FORMS = (PASSWORD, b64(PASSWORD), PLAIN.split(" ")[-1])


def _widgets(window: MainWindow) -> tuple[DecoderPane, QPlainTextEdit, QPlainTextEdit, QCheckBox]:
    pane = window.decoder_pane
    window.tabs.setCurrentWidget(pane.parentWidget())
    source = window.findChild(QPlainTextEdit, "decoderInput")
    output = window.findChild(QPlainTextEdit, "decoderOutput")
    reveal = window.findChild(QCheckBox, "revealSecrets")
    assert source is not None and output is not None and reveal is not None
    return pane, source, output, reveal


def _enter(qtbot, pane: DecoderPane, source: QPlainTextEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Put text in the input as a paste does and wait for the pane to decode it."""
    with qtbot.waitSignal(pane.output_updated, timeout=10_000):
        source.setPlainText(text)


def test_typing_a_334_line_decodes_it(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, source, output, _reveal = _widgets(window)
    source.setFocus()
    with qtbot.waitSignal(pane.output_updated, timeout=5_000):
        qtbot.keyClicks(source, "334 VXNlcm5hbWU6")
    text = output.toPlainText()
    assert "Username:" in text
    assert "The server asks for the user name" in text
    assert pane.mechanism_label.text() == "Mechanism: LOGIN"
    assert not pane.final_button.isVisible()


def test_markup_in_a_decoded_payload_is_shown_literally(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, source, output, _reveal = _widgets(window)
    _enter(qtbot, pane, source, "334 " + b64("<b>x</b><img src=y>"))
    assert "Decoded: <b>x</b><img src=y>" in output.toPlainText()
    # Not Base64 at all: the error names the character, and the text stays literal too.
    _enter(qtbot, pane, source, "<b>x</b><img src=y>")
    assert "'<'" in output.toPlainText()
    assert pane.input.extraSelections()
    assert pane.input.extraSelections()[0].cursor.selectedText() == "<"


def test_plain_separators_show_as_nul_markers(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """U+2400 is a box in every installed font: the view and Copy report say <NUL>."""
    pane, source, output, reveal = _widgets(window)
    _enter(qtbot, pane, source, PLAIN)
    assert "<NUL>alice<NUL>••••••••" in output.toPlainText()
    pane.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "<NUL>alice<NUL>••••••••" in copied
    reveal.setChecked(True)
    assert f"<NUL>alice<NUL>{PASSWORD}" in output.toPlainText()
    assert "\u2400" not in output.toPlainText() + copied
    reveal.setChecked(False)


@pytest.mark.parametrize("text", [PLAIN, LOGIN], ids=["plain", "login"])
def test_secrets_masked_until_revealed(window: MainWindow, qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    pane, source, output, reveal = _widgets(window)
    _enter(qtbot, pane, source, text)
    masked = output.toPlainText()
    for secret in SECRET_FORMS:
        assert secret not in masked
    assert "•••••••• (11 characters)" in masked
    qtbot.mouseClick(reveal, Qt.MouseButton.LeftButton)
    assert reveal.isChecked()
    assert PASSWORD in output.toPlainText()
    # The copied report stays masked even while the window shows the secret.
    pane.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "alice" in copied
    for secret in SECRET_FORMS:
        assert secret not in copied
    reveal.setChecked(False)
    assert PASSWORD not in output.toPlainText()


def test_view_and_copy_are_the_report_of_the_exchange(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The view shows render_text(report(...)) for the current language and reveal setting;
    Copy report is always the masked one; revealing changes only the secrets' lines."""
    pane, source, output, reveal = _widgets(window)
    _enter(qtbot, pane, source, LOGIN)
    exchange = pane.exchange
    assert exchange is not None
    for lang in ("en", "zh"):
        window.language_switch.setCurrentIndex(window.language_switch.findData(lang))
        QApplication.processEvents()
        full = render_text(report(exchange, lang, reveal=False))
        # The view holds the details: the verdict is the banner, the steps are the table.
        masked = render_text(details(report(exchange, lang, reveal=False)))
        revealed = render_text(details(report(exchange, lang, reveal=True)))
        reveal.setChecked(False)
        assert output.toPlainText() == masked
        # The summary is the report's mechanism row (there padded to line up with the next).
        assert pane.mechanism_label.text().replace(" ", "") == masked.splitlines()[3].replace(
            " ", ""
        )
        pane.copy_button.click()
        assert QApplication.clipboard().text() == full
        reveal.setChecked(True)
        assert output.toPlainText() == revealed
        pane.copy_button.click()
        assert QApplication.clipboard().text() == full
        # Only the lines with a secret differ; the masked view ends with the note saying so.
        # (The steps table's columns are as wide as their cells: compare the steps below it.)
        shown, unmasked = output.toPlainText().splitlines(), masked.splitlines()
        assert len(unmasked) == len(shown) + 2 and unmasked[-2] == ""
        start = next(i for i, line in enumerate(unmasked) if line.startswith("[1]"))
        assert shown[start] == unmasked[start]
        changed = [(a, b) for a, b in zip(unmasked[start:], shown[start:], strict=False) if a != b]
        assert len(changed) == 4  # the password's raw line, decoded text, field and meaning
        hidden_word = "hidden" if lang == "en" else "已隐藏"
        for hidden, plain in changed:
            assert "••••••••" in hidden or hidden_word in hidden
            assert "••••••••" not in plain and hidden_word not in plain
            assert PASSWORD in plain or b64(PASSWORD) in plain
    reveal.setChecked(False)
    window.language_switch.setCurrentIndex(window.language_switch.findData("en"))
    QApplication.processEvents()
    assert pane.mechanism_label.text() == "Mechanism: LOGIN"


def test_final_reply_opens_its_catalogue_page(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, source, _output, _reveal = _widgets(window)
    _enter(qtbot, pane, source, LOGIN)
    assert pane.final_button.isVisible()
    assert "535 5.7.8" in pane.final_button.text()
    qtbot.mouseClick(pane.final_button, Qt.MouseButton.LeftButton)
    assert window.current_pane() is window.code_pane
    page = window.findChild(QTextBrowser, "codePage")
    assert page is not None and "535" in page.toPlainText()


def test_clear_forgets_everything(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, source, output, reveal = _widgets(window)
    _enter(qtbot, pane, source, LOGIN)
    reveal.setChecked(True)
    pane.encoder.set_mode("login")
    qtbot.keyClicks(pane.encoder.secret, PASSWORD)
    qtbot.keyClicks(pane.encoder.user, "alice")
    qtbot.keyClicks(pane.cram_password, PASSWORD)
    qtbot.mouseClick(pane.clear_button, Qt.MouseButton.LeftButton)
    for line in (pane.encoder.secret, pane.encoder.user, pane.cram_password):
        assert line.text() == "" and not line.isUndoAvailable()
    assert source.toPlainText() == "" and output.toPlainText() == ""
    assert not source.document().isUndoAvailable()
    assert pane.exchange is None
    assert not reveal.isChecked()
    assert pane.encoder.secret.text() == "" and pane.encoder.outputs[1].text() == ""
    assert pane.mechanism_label.text() == ""


def test_no_secret_in_settings_file_or_log(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, settings, caplog
) -> None:
    pane, source, _output, reveal = _widgets(window)
    with caplog.at_level(logging.DEBUG):
        for text in (PLAIN, LOGIN):
            _enter(qtbot, pane, source, text)
            reveal.setChecked(True)
            reveal.setChecked(False)
        window.close()
    settings.backend.sync()
    stored = Path(settings.backend.fileName()).read_text(encoding="utf-8", errors="replace")
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    for secret in SECRET_FORMS + ("alice",):
        assert secret not in stored
        assert secret not in logged


def test_cram_md5_digest_check(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, source, _output, _reveal = _widgets(window)
    text = "\n".join(
        [
            "S: + PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+",
            "C: dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw",
        ]
    )
    _enter(qtbot, pane, source, text)
    assert pane.cram_row.isVisible()
    password = window.findChild(QLineEdit, "cramPassword")
    assert password is not None and password.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(password, "tanstaaftanstaaf")
    qtbot.mouseClick(pane.cram_check, Qt.MouseButton.LeftButton)
    assert "matches" in pane.cram_result.text() and "not" not in pane.cram_result.text()
    password.setText("wrong")
    pane.cram_check.click()
    assert "does not match" in pane.cram_result.text()


def test_encoder_builds_answers_and_copies_them(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, _source, _output, reveal = _widgets(window)
    encoder = pane.encoder
    encoder.set_mode("login")
    qtbot.keyClicks(encoder.user, "tim")
    qtbot.keyClicks(encoder.secret, "tanstaaftanstaaf")
    assert encoder.outputs[0].text() == "dGlt"
    assert encoder.outputs[1].text() == "dGFuc3RhYWZ0YW5zdGFhZg=="
    assert encoder.outputs[0].echoMode() == QLineEdit.EchoMode.Normal
    assert encoder.outputs[1].echoMode() == QLineEdit.EchoMode.Password
    assert encoder.secret.echoMode() == QLineEdit.EchoMode.Password
    encoder.copy_buttons[1].click()
    assert QApplication.clipboard().text() == "dGFuc3RhYWZ0YW5zdGFhZg=="
    reveal.setChecked(True)
    assert encoder.outputs[1].echoMode() == QLineEdit.EchoMode.Normal
    assert encoder.secret.echoMode() == QLineEdit.EchoMode.Normal
    encoder.set_mode("plain")
    assert encoder.outputs[0].text() == "AHRpbQB0YW5zdGFhZnRhbnN0YWFm"
    assert not encoder.outputs[1].isVisible()
    encoder.set_mode("xoauth2")
    encoder.user.setText("someuser@example.com")
    encoder.secret.setText("ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg")
    assert encoder.outputs[0].text().startswith("dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRo")
    encoder.set_mode("to_base64")
    encoder.text.setText("Username:")
    assert encoder.outputs[0].text() == "VXNlcm5hbWU6"
    encoder.set_mode("from_base64")
    encoder.text.setText("UGFzc3dvcmQ6")
    assert encoder.outputs[0].text() == "Password:"
    encoder.text.setText("dGl!t")
    assert "'!'" in encoder.status.text()


def test_output_follows_the_language(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, source, output, _reveal = _widgets(window)
    _enter(qtbot, pane, source, PLAIN)
    assert "Mechanism: PLAIN" in output.toPlainText()
    window.language_switch.setCurrentIndex(window.language_switch.findData("zh"))
    QApplication.processEvents()
    chinese = output.toPlainText()
    assert "机制：PLAIN" in chinese and "个字符" in chinese
    assert PASSWORD not in chinese
    assert pane.mechanism_label.text() != "Mechanism: PLAIN"
    window.language_switch.setCurrentIndex(window.language_switch.findData("en"))
    QApplication.processEvents()


@pytest.mark.usefixtures("settled_heap")
def test_large_paste_decodes_in_the_background_without_freezing(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot
) -> None:
    """1 MB of AUTH log: decoded in a worker; the GUI thread keeps ticking meanwhile."""
    pane, source, output, _reveal = _widgets(window)
    unit = LOGIN + "\n"
    text = unit * (1_000_000 // len(unit))
    assert len(text) > BACKGROUND_THRESHOLD
    with qtbot.waitSignal(pane.input.textChanged, timeout=10_000):
        source.setPlainText(text)
    # The paste box lays out its megabyte when the event loop next runs: the paste's cost,
    # paid once whatever the decoder does, so it is paid before the clock starts.
    for _ in range(3):
        QApplication.processEvents()
    gaps: list[float] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(10)

    def tick() -> None:
        gaps.append(clock.restart())

    ticker.timeout.connect(tick)
    start = time.perf_counter()
    with qtbot.waitSignal(pane.output_updated, timeout=20_000):
        clock.start()
        ticker.start()
        pane.decode_now()
        assert pane.status.text() == "Decoding…"
    elapsed = time.perf_counter() - start
    qtbot.wait(100)  # one more tick, so the gap that ends after the output is counted
    ticker.stop()
    assert "Mechanism: LOGIN" in output.toPlainText()
    assert PASSWORD not in output.toPlainText()
    assert pane.exchange is not None and len(pane.exchange.steps) > 1000
    # Copy report reuses the masked text the worker rendered: the report, as in the view.
    assert pane.report() == render_text(report(pane.exchange, "en"))
    assert output.toPlainText() == render_text(details(report(pane.exchange, "en")))
    print(
        f"\n1 MB paste: decoded in {elapsed:.2f} s; largest gap between 10 ms ticks "
        f"{max(gaps, default=0):.0f} ms over {len(gaps)} ticks"
    )
    # Decoding and rendering run in the worker; the GUI thread only puts the report into
    # the view (about 0.1 s on the development machine). Generous bound for slow CI.
    assert len(gaps) > 5
    assert max(gaps) < 500


def test_worker_stops_between_stages_once_cancelled() -> None:
    """The worker's task: the same outcome as inline work, or None once its batch is
    cancelled (it then skips building and rendering the report)."""
    unit = LOGIN + "\n"
    text = unit * (300_000 // len(unit))
    running = SimpleNamespace(cancelled=threading.Event())
    outcome = in_worker(text, "zh", False)(running)  # type: ignore[arg-type]
    assert outcome == decode(text, "zh", False)
    assert outcome is not None and outcome.exchange is not None
    again = in_worker(outcome.exchange, "en", True)(running)  # type: ignore[arg-type]
    assert again is not None and again.text == render_text(report(outcome.exchange, "en", True))
    stopped = SimpleNamespace(cancelled=threading.Event())
    stopped.cancelled.set()
    assert in_worker(text, "en", False)(stopped) is None  # type: ignore[arg-type]
    assert in_worker(outcome.exchange, "en", False)(stopped) is None  # type: ignore[arg-type]
