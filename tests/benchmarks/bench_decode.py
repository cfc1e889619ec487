"""AUTH decoding: 1 MB and 10 MB pastes in the core, and the window's responsiveness meanwhile."""

from __future__ import annotations

import base64
import time

from tests.benchmarks.common import Row, repeat

LOGIN = (
    "\n".join(
        [
            "C: AUTH LOGIN",
            "S: 334 VXNlcm5hbWU6",
            "C: YWxpY2U=",
            "S: 334 UGFzc3dvcmQ6",
            "C: VHIwdWI0ZG9yJjM=",
            "S: 535 5.7.8 Error: authentication failed",
        ]
    )
    + "\n"
)


def _shapes(size: int) -> dict[str, str]:
    """The worst shape (thousands of tiny steps) and the biggest (one wrapped blob)."""
    blob = base64.b64encode(bytes(range(256)) * (size * 3 // 4 // 256 + 1)).decode()[:size]
    blob = blob[: len(blob) // 4 * 4]
    return {
        "log of LOGIN exchanges": LOGIN * (size // len(LOGIN)),
        "one Base64 blob, 76 wide": "\n".join(blob[i : i + 76] for i in range(0, len(blob), 76)),
    }


def measure(runs: int) -> list[Row]:
    from smtp_gui.core.report.text import render_text
    from smtp_gui.core.sasl.decode import decode_exchange
    from smtp_gui.core.sasl.report import report

    def timed(text: str) -> float:
        start = time.perf_counter()
        exchange = decode_exchange(text)
        render_text(report(exchange, "en"))
        return time.perf_counter() - start

    rows = []
    small, large = _shapes(1_000_000), _shapes(10_000_000)
    for name in small:
        one = repeat(lambda name=name: timed(small[name]), runs)
        ten = repeat(lambda name=name: timed(large[name]), max(1, runs // 2))
        rows.append(
            Row(f"decode + report, 1 MB: {name}", one.fmt(), "-", None, "< 0.5 s", one.median < 0.5)
        )
        ratio = ten.median / one.median
        rows.append(
            Row(
                f"decode + report, 10 MB: {name}",
                ten.fmt(),
                "1 MB",
                ratio,
                "<= 12x (linear)",
                ratio <= 12,
            )
        )
    rows.append(_window_gap())
    return rows


def _window_gap() -> Row:
    """Largest gap between 10 ms timer ticks while the pane decodes a 1 MB paste."""
    import os
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from smtp_gui.app import create_main_window
    from smtp_gui.ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(QSettings(f"{tmp}/s.ini", QSettings.Format.IniFormat))
        window = create_main_window(settings, lang="en")
        window.show()
        pane = window.decoder_pane
        pane.input.setPlainText(_shapes(1_000_000)["log of LOGIN exchanges"])
        app.processEvents()
        gaps: list[int] = []
        clock = QElapsedTimer()
        ticker = QTimer()
        ticker.setInterval(10)
        ticker.timeout.connect(lambda: gaps.append(clock.restart()))
        loop = QEventLoop()
        pane.output_updated.connect(lambda: QTimer.singleShot(100, loop.quit))
        clock.start()
        ticker.start()
        start = time.perf_counter()
        pane.decode_now()
        loop.exec()
        elapsed = time.perf_counter() - start - 0.1
        ticker.stop()
        window.close()
    worst = max(gaps, default=0)
    return Row(
        "window while decoding 1 MB (largest tick gap)",
        f"{worst} ms",
        f"done in {elapsed:.2f} s",
        None,
        "< 200 ms",
        worst < 200,
    )
