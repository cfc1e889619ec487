"""Code search: one keystroke over the whole catalogue, in the core and through the picker."""

from __future__ import annotations

import statistics
import time

from smtp_gui.core.codes.catalogue import catalogue
from tests.benchmarks.common import Row

# What people type, one keystroke at a time.
QUERIES = [
    "5",
    "55",
    "554",
    "5.",
    "5.7",
    "5.7.1",
    "r",
    "re",
    "rel",
    "rela",
    "relay",
    "b",
    "bl",
    "bla",
    "blacklist",
    "认",
    "认证",
    "拒",
    "拒绝",
    "mailbox full",
]


def measure(runs: int) -> list[Row]:
    cat = catalogue()
    timings = []
    for _ in range(max(5, runs * 5)):
        for query in QUERIES:
            start = time.perf_counter()
            cat.search(query)
            timings.append(time.perf_counter() - start)
    median = statistics.median(timings)
    rows = [
        Row(
            "code search, one keystroke (core)",
            f"{median * 1000:.3f} ms",
            f"{len(cat.entries)} codes",
            None,
            "< 1 ms median",
            median < 0.001,
        )
    ]
    rows.append(_through_the_picker(runs))
    return rows


def _through_the_picker(runs: int) -> Row:
    """The same keystrokes typed into the real ``codeSearch`` field, page render included."""
    import os
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from smtp_gui.app import create_main_window
    from smtp_gui.ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(QSettings(f"{tmp}/s.ini", QSettings.Format.IniFormat))
        window = create_main_window(settings, lang="en")
        window.show()
        search = window.code_pane.search
        timings = []
        for _ in range(max(3, runs)):
            for query in QUERIES:
                start = time.perf_counter()
                search.setText(query)
                app.processEvents()
                timings.append(time.perf_counter() - start)
        window.close()
    median = statistics.median(timings)
    return Row(
        "code search, one keystroke (GUI, page shown)",
        f"{median * 1000:.2f} ms",
        "-",
        None,
        "(informational)",
        None,
    )
