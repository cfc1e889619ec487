"""smtp_gui.core stays free of Qt: importing all of it in a fresh interpreter loads no PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import smtp_gui.core

ROOT = Path(__file__).resolve().parents[2]


def test_core_never_imports_qt() -> None:
    modules = [m.name for m in pkgutil.walk_packages(smtp_gui.core.__path__, "smtp_gui.core.")]
    assert len(modules) >= 50
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_headless_commands_never_import_qt() -> None:
    code = (
        "import sys\n"
        "from smtp_gui.cli import main\n"
        "main(['explain', '554', '--json'])\n"
        "print('QT', sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "QT []" in result.stdout
