"""Diagnosis: 1 MB and 10 MB pastes in the core (budget: linear, 1 MB under 0.2 s), and the
window's responsiveness while the diagnose pane works on a 1 MB paste in the background.

    python tests/benchmarks/bench_diagnose.py [--runs N]

A benchmark, not a test: it prints a table and exits 0 whatever the times are.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.common import Row, print_table, repeat  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "bounces"
TRANSCRIPT = (
    "S: 220 mx1.example.com ESMTP Postfix\n"
    "C: EHLO client.example.org\n"
    "S: 250-mx1.example.com\n"
    "S: 250-PIPELINING\n"
    "S: 250 8BITMIME\n"
    "C: MAIL FROM:<alice@example.org>\n"
    "S: 250 2.1.0 Ok\n"
    "C: RCPT TO:<frank@example.com>\n"
    "S: 550 5.1.1 <frank@example.com>: Recipient address rejected: User unknown\n"
    "C: QUIT\n"
    "S: 221 2.0.0 Bye\n"
)
PROSE = (
    "Hi support, our newsletter to the partners bounced again this morning and I do not "
    "know why; we changed nothing since version 4.2 of the mailer. Can you have a look?\n"
)


def _bounces() -> str:
    """Every text bounce of the corpus, without the lines that start a quoted original
    (otherwise the diagnosis would stop reading there and the benchmark would flatter it)."""
    from smtp_gui.core.diagnose.bounce_formats import starts_original_message

    parts = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        lines = [ln for ln in text.splitlines() if not starts_original_message(ln.strip().lower())]
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n\n"


def shapes(size: int) -> dict[str, str]:
    """Pastes of ``size`` characters: the common case, the densest case, and no replies."""
    units = {
        "bounces, NDRs, DSNs, logs (the corpus)": _bounces(),
        "SMTP transcript, a reply every other line": TRANSCRIPT,
        "prose without a reply": PROSE,
    }
    return {name: (unit * (size // len(unit) + 1))[:size] for name, unit in units.items()}


def measure(runs: int) -> list[Row]:
    from smtp_gui.core.diagnose.analyse import diagnose

    diagnose("550 5.1.1 warm-up example.com")  # loads the provider data and the suffix list

    def timed(text: str) -> float:
        start = time.perf_counter()
        diagnose(text)
        return time.perf_counter() - start

    rows = []
    small, large = shapes(1_000_000), shapes(10_000_000)
    for name in small:
        one = repeat(lambda name=name: timed(small[name]), runs)
        ten = repeat(lambda name=name: timed(large[name]), max(1, runs // 2))
        rows.append(
            Row(f"diagnose 1 MB: {name}", one.fmt(), "-", None, "< 0.2 s", one.median < 0.2)
        )
        ratio = ten.median / one.median
        rows.append(
            Row(
                f"diagnose 10 MB: {name}",
                ten.fmt(),
                "1 MB",
                ratio,
                "<= 12x (linear), < 2 s",
                ratio <= 12 and ten.median < 2.0,
            )
        )
    rows.append(_window_gap())
    return rows


def _window_gap() -> Row:
    """Largest gap between 10 ms timer ticks while the pane diagnoses a 1 MB paste."""
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
        pane = window.diagnose_pane
        text = shapes(1_000_000)["SMTP transcript, a reply every other line"]
        pane.input.blockSignals(True)
        pane.input.setPlainText(text)
        pane.input.blockSignals(False)
        app.processEvents()
        gaps: list[int] = []
        clock = QElapsedTimer()
        ticker = QTimer()
        ticker.setInterval(10)
        ticker.timeout.connect(lambda: gaps.append(clock.restart()))
        loop = QEventLoop()
        pane.diagnosis_shown.connect(lambda: QTimer.singleShot(100, loop.quit))
        clock.start()
        ticker.start()
        pane.diagnose_now()
        loop.exec()
        ticker.stop()
        window.close()
    worst = max(gaps[1:] or [0])
    return Row(
        "GUI gap while diagnosing 1 MB (worker)",
        f"{worst} ms",
        "10 ms timer",
        None,
        "<= 50 ms",
        worst <= 50,
        "the widget draws the result afterwards in the GUI thread",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print_table(measure(args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
