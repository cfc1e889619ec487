"""Guards against a broken Qt binding: PySide6 6.12.0 loses a reference to None on every
call of a method that returns nothing, and on Python 3.11 the interpreter aborts once the
count reaches zero. pyproject.toml keeps that release out; this test proves it stays out."""

from __future__ import annotations

import gc
import sys

from PySide6.QtGui import QTextCursor, QTextDocument


def test_void_calls_keep_none_alive() -> None:
    cursor = QTextCursor(QTextDocument())
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(1000):
        cursor.insertText("x")
    gc.collect()
    assert sys.getrefcount(None) - before > -100
