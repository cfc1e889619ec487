"""The floor for start-up and memory: a bare PySide6 window that creates the widgets the
app's first paint shows (same Qt classes, same count, from ``census()``) with a QTabWidget
of 7 tabs and a menu bar, but none of our code. What the app costs beyond this is ours.

    python tests/benchmarks/floor_window.py census   # prints the app's widget census (JSON)
    python tests/benchmarks/floor_window.py '<json>'  # the floor window: ok after first paint
"""

from __future__ import annotations

import json
import sys
from collections import Counter

from PySide6 import QtWidgets
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from tests.benchmarks.bare_window import _FirstPaint

TABS = 7
# Made by their owners (scroll bars, splitter handles; viewports are named qt_...): the
# floor's scroll areas, editors and splitters make their own.
_PARTS = frozenset({"QScrollBar", "QSplitterHandle"})


def _qt_class(widget: QWidget) -> str:
    """The Qt class a widget is (the first PySide6 class of a Python subclass)."""
    return next(c.__name__ for c in type(widget).__mro__ if c.__module__.startswith("PySide6"))


def census() -> dict[str, int]:
    """Qt class -> count of the app's widgets at its first paint (the app's own window,
    tab bar internals and menus included; the floor's window makes those itself)."""
    from PySide6.QtCore import QSettings, QTemporaryDir

    from smtp_gui.app import create_main_window
    from smtp_gui.ui.settings import Settings

    app = QApplication(sys.argv[:1])
    folder = QTemporaryDir()
    settings = Settings(QSettings(folder.filePath("s.ini"), QSettings.Format.IniFormat))
    window = create_main_window(settings, lang="en", defer_panes=True)
    window.show()
    app.processEvents()
    slot = window.tabs.widget(0)
    counts = Counter(
        _qt_class(w)
        for w in slot.findChildren(QWidget)
        if not w.objectName().startswith("qt_") and _qt_class(w) not in _PARTS
    )
    window.close()
    return dict(counts)


def main(spec: str) -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    tabs = QTabWidget()
    tabs.setDocumentMode(True)
    pages = [QWidget() for _ in range(TABS)]
    for number, page in enumerate(pages):
        tabs.addTab(page, f"Tab &{number}")
    layout = QVBoxLayout(pages[0])
    for name, count in json.loads(spec).items():
        for _ in range(count):
            layout.addWidget(getattr(QtWidgets, name)())
    window.setCentralWidget(tabs)
    for title in ("&File", "&View", "&Help"):
        window.menuBar().addMenu(title).addAction("Item")
    window.resize(1100, 760)
    watcher = _FirstPaint(app)
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    if sys.argv[1] == "census":
        print(json.dumps(census()))
        raise SystemExit(0)
    raise SystemExit(main(sys.argv[1]))
