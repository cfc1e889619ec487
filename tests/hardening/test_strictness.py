"""The suite's own settings bite: a Qt warning, a Python warning, an exception in a slot or
an unraisable exception fails a test; a falsified property is reported with its shrunk value,
not as an INTERNALERROR.

Each case is a tiny test file run by pytest in a subprocess with this project's
configuration (pyproject.toml), one run for all of them.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

CASES = """
import gc
import warnings

from hypothesis import given, strategies as st
from PySide6.QtCore import QObject, QTimer, Signal, qWarning


def test_qt_warning(qtbot):
    qWarning("something is wrong")


def test_python_warning():
    warnings.warn("deprecated thing", DeprecationWarning, stacklevel=1)


class Emitter(QObject):
    fired = Signal()


def test_exception_in_a_slot(qtbot):
    emitter = Emitter()

    def slot():
        raise RuntimeError("in a slot")

    emitter.fired.connect(slot)
    emitter.fired.emit()


def test_unraisable_exception():
    class Broken:
        def __del__(self):
            raise RuntimeError("in __del__")

    Broken()
    gc.collect()


@given(st.integers())
def test_falsified_property(n):
    assert n < 1000


def test_quiet(qtbot):
    QTimer.singleShot(1, lambda: None)
    qtbot.wait(5)
"""


def test_warnings_and_errors_fail_tests(tmp_path: Path) -> None:
    (tmp_path / "test_cases.py").write_text(CASES)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-c",
            str(REPO / "pyproject.toml"),
            "--rootdir",
            str(tmp_path),
            "-p",
            "no:cacheprovider",
            "-q",
            "-rA",
            str(tmp_path / "test_cases.py"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = done.stdout + done.stderr
    assert "INTERNALERROR" not in output, output[-3000:]
    outcomes = dict(
        (name, outcome)
        for outcome, name in re.findall(r"^(PASSED|FAILED|ERROR) \S+::(\w+)", output, re.M)
    )
    assert outcomes == {
        "test_qt_warning": "FAILED",
        "test_python_warning": "FAILED",
        "test_exception_in_a_slot": "FAILED",
        "test_unraisable_exception": "FAILED",
        "test_falsified_property": "FAILED",
        "test_quiet": "PASSED",
    }, output[-3000:]
    # The failure names the smallest falsifying value as a call that reproduces it (whatever
    # words Hypothesis puts before it: "Falsifying example:", "Failing test case:", ...).
    # pytest prefixes each line of the assertion's message with "E".
    falsified = re.sub(r"(?m)^E ", " ", output.split("_ test_falsified_property _", 1)[-1])
    assert re.search(r"test_falsified_property\(\s*n=1000,?\s*\)", falsified), output[-3000:]
