"""Every tab is a ``Pane``: the window wires it through the protocol, never by method names."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtWidgets import QWidget

from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.pane import PANES, Pane

ROOT = Path(__file__).resolve().parents[2]


def test_every_tab_is_a_pane_and_closes_through_the_protocol(window: MainWindow) -> None:
    panes = [getattr(window, name) for name, _module, _cls in PANES]
    assert all(isinstance(pane, Pane) and isinstance(pane, QWidget) for pane in panes)
    assert {type(p).__name__ for p in panes} == {cls for _name, _module, cls in PANES}


def test_the_window_looks_up_no_method_by_name() -> None:
    """``getattr(pane, "shutdown", None)`` and ``getattr(self, f"_wire_{name}")`` were how
    the window found what to call; a renamed method was then silently never called."""
    tree = ast.parse((ROOT / "smtp_gui/ui/main_window.py").read_text(encoding="utf-8"))
    lookups = [
        ast.unparse(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("getattr", "hasattr")
        and not ast.unparse(node).startswith("getattr(importlib.import_module(")
    ]
    assert lookups == []
