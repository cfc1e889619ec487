"""Refresh the Qt Linguist files: ``python scripts/translations.py``.

Runs ``pyside6-lupdate`` over the GUI sources into ``resources/translations/*.ts`` (keeping
every existing translation) and ``pyside6-lrelease`` to compile the ``.qm`` files the app
loads. Translate new strings in the ``.ts`` (Qt Linguist, or by hand), then run it again.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations"
LOCALES = ("zh_CN",)


def sources() -> list[str]:
    files = sorted((ROOT / "smtp_gui" / "ui").rglob("*.py")) + [ROOT / "smtp_gui" / "app.py"]
    return [str(f.relative_to(ROOT)) for f in files]


def tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidate = Path(sys.executable).with_name(name)
    if candidate.exists():
        return str(candidate)
    raise SystemExit(f"{name} not found: install PySide6-Essentials")


def lupdate(ts_file: Path) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *sources(),
            "-no-obsolete",
            "-locations",
            "none",
            "-ts",
            str(ts_file),
        ],
        cwd=ROOT,
        check=True,
    )


def lrelease(ts_file: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts_file), "-qm", str(ts_file.with_suffix(".qm"))],
        cwd=ROOT,
        check=True,
    )


def main() -> int:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    for locale in LOCALES:
        ts_file = TS_DIR / f"smtp_gui_{locale}.ts"
        lupdate(ts_file)
        lrelease(ts_file)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
