"""Measure the window on a 1024x640 logical screen: ``python -m tests.ui.screen_fit LANG``.

Run in a subprocess per ``QT_SCALE_FACTOR`` (Qt reads it once, at start-up) by
test_screen_fit.py; prints one JSON object: the window's minimum size, its size after
``resize(1024, 640)``, and for each pane (filled with long sample input) every visible widget
that sticks out of the window and every button, tab or label whose text does not fit.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

SCREEN = (1024, 640)
CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "bounces"
LONG_BOUNCE = CORPUS / "13-postfix-spamhaus-zen.eml"  # a status line longer than the window


def _plain(text: str) -> str:
    """A button's or tab's text as drawn: "&&" is one "&", a single "&" marks the mnemonic."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def measure(lang: str) -> dict[str, object]:
    from PySide6.QtCore import QPoint, QRect, QSettings
    from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabBar, QWidget

    from smtp_gui.app import create_main_window
    from smtp_gui.ui.elided_label import ElidedLabel
    from smtp_gui.ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    folder = tempfile.mkdtemp()
    backend = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
    window = create_main_window(Settings(backend), lang=lang)
    window.resize(*SCREEN)
    window.show()
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    # Long sample input: the longest picker titles, a bounce with a long one-line summary.
    window.compare_pane.set_codes("5.7.26", "2.1.9")
    diagnose = window.diagnose_pane
    diagnose.open_file(str(LONG_BOUNCE))
    ends = time.monotonic() + 10
    while diagnose.diagnosis is None and time.monotonic() < ends:
        app.processEvents()
    problems: dict[str, list[str]] = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        for _ in range(3):
            app.processEvents()
        name = type(window.current_pane()).__name__
        found = problems.setdefault(name, [])
        inside = window.rect()
        for widget in window.findChildren(QWidget):
            if not widget.isVisible() or widget.window() is not window:
                continue
            where = f"{type(widget).__name__} {widget.objectName()!r}"
            box = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
            if not inside.contains(box):
                found.append(f"{where} at {box.getRect()} is outside {inside.getRect()}")
            metrics = widget.fontMetrics()
            if isinstance(widget, QAbstractButton) and widget.text():
                need = metrics.horizontalAdvance(_plain(widget.text()))
                if need > widget.width():
                    found.append(f"{where} {widget.text()!r} needs {need} > {widget.width()}")
            elif isinstance(widget, QTabBar):
                for tab in range(widget.count()):
                    need = metrics.horizontalAdvance(_plain(widget.tabText(tab)))
                    if need > widget.tabRect(tab).width():
                        found.append(f"tab {widget.tabText(tab)!r} is cut")
            elif (
                isinstance(widget, QLabel)
                and not isinstance(widget, ElidedLabel)
                and not widget.wordWrap()
                and widget.text()
                and not widget.text().lstrip().startswith("<")
            ):
                text = _plain(widget.text()) if widget.buddy() else widget.text()
                need = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
                width = widget.contentsRect().width()
                if need > width:
                    found.append(f"{where} {widget.text()[:40]!r} needs {need} > {width}")
    result = {
        "scale": os.environ.get("QT_SCALE_FACTOR", "1"),
        "lang": lang,
        "minimum": [hint.width(), hint.height()],
        "size": [window.width(), window.height()],
        "problems": problems,
    }
    window.close()
    return result


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(json.dumps(measure(sys.argv[1])))
