"""Every UI string has a finished Chinese translation, and the .ts matches the sources."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "smtp_gui_zh_CN.ts"
sys.path.insert(0, str(ROOT / "scripts"))

import translations  # noqa: E402


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()
    found = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def test_no_string_is_left_unfinished() -> None:
    messages = _messages(TS)
    assert len(messages) > 40
    for (context, source), message in messages.items():
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), (
            context,
            source,
        )
        assert (translation.text or "").strip(), (context, source)


def test_ts_is_up_to_date_with_the_sources(tmp_path: Path) -> None:
    if (
        shutil.which("pyside6-lupdate") is None
        and not Path(sys.executable).with_name("pyside6-lupdate").exists()
    ):
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [
            translations.tool("pyside6-lupdate"),
            *translations.sources(),
            "-no-obsolete",
            "-locations",
            "none",
            "-ts",
            str(fresh),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert set(_messages(fresh)) == set(_messages(TS)), "run python scripts/translations.py"


def test_compiled_qm_exists_and_is_newer() -> None:
    qm = TS.with_suffix(".qm")
    assert qm.exists() and qm.stat().st_size > 100
