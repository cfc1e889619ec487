"""Issue 14, "Fit every screen": the window fits 1024x640 logical pixels (a 1280x800 laptop at
125%, 1536x960 at 150%, 2048x1280 at 200%) in both languages, nothing outside it, no button,
tab or label text cut. Each scale factor runs in its own process (Qt reads QT_SCALE_FACTOR
once); tests/ui/screen_fit.py measures and prints JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("scale", ["1", "1.5", "2"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_window_fits_1024x640(lang: str, scale: str) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale)
    run = subprocess.run(
        [sys.executable, "-m", "tests.ui.screen_fit", lang],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    width, height = result["minimum"]
    assert width <= 1024 and height <= 640, result
    assert result["size"] == [1024, 640], result
    assert len(result["problems"]) == 7, result  # every pane was measured
    assert {pane: found for pane, found in result["problems"].items() if found} == {}


def test_long_status_is_elided_with_full_text_as_tooltip(qtbot) -> None:
    from smtp_gui.ui.elided_label import ElidedLabel

    label = ElidedLabel(objectName="status")
    qtbot.addWidget(label)
    text = "Permanent failure, code 554 5.7.1: Service unavailable; Client host blocked"
    label.setText(text)
    label.resize(120, 30)
    assert label.is_elided()
    assert label.shown_text().endswith("…")
    assert label.text() == text  # what screen readers and tests read stays whole
    assert label.minimumSizeHint().width() == 0  # it never widens the window
    label.resize(label.fontMetrics().horizontalAdvance(text) + 10, 30)
    assert not label.is_elided()
    assert label.shown_text() == text


def test_compare_pickers_cut_long_titles_and_keep_them_in_the_tooltip(window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QComboBox

    from smtp_gui.ui.document import plain_tooltip

    window.resize(1024, 640)
    window.show()
    pane = window.compare_pane
    window.show_comparison("5.7.26", "2.1.9")
    for picker in (pane.left, pane.right):
        assert isinstance(picker, QComboBox)
        label = picker.currentText()
        assert picker.toolTip() == plain_tooltip(label)  # the full title, shown literally
        assert picker.lineEdit().cursorPosition() == 0  # the code shows, not the title's end
        assert picker.minimumSizeHint().width() < picker.fontMetrics().horizontalAdvance(label)
    assert pane.codes() == ("5.7.26", "2.1.9")
    assert pane.minimumSizeHint().width() <= 1024
