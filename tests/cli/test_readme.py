"""The README's promises that drift when code changes: its set-up installs into a virtual
environment, its command-line section shows every subcommand, its window section every tab."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from PySide6.QtCore import QSettings

from smtp_gui.app import create_main_window
from smtp_gui.cli import build_parser
from smtp_gui.ui.settings import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def _commands(parser: argparse.ArgumentParser, prefix: str = "smtp-gui") -> list[str]:
    """Every leaf command, e.g. ``smtp-gui check spf`` (aliases left out)."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:  # one per command, without its aliases
                child = action.choices[choice.dest]
                found += _commands(child, f"{prefix} {choice.dest}") or [f"{prefix} {choice.dest}"]
    return found


def test_set_up_installs_into_a_virtual_environment() -> None:
    first = re.search(r"```sh\n(.*?)\n", README, re.S)
    assert first is not None
    command = first.group(1)
    assert command.startswith("python3 -m venv .venv && ")
    # Every pip and smtp-gui of the line is the virtual environment's, never the system's.
    assert re.findall(r"(?:^|&& )(\S+)", command) == [
        "python3",
        ".venv/bin/pip",
        ".venv/bin/smtp-gui",
    ]


def test_command_line_section_shows_every_subcommand() -> None:
    examples = _section("Using the command line").split("```sh\n", 1)[1].split("```", 1)[0]
    commands = _commands(build_parser())
    assert len(commands) >= 8
    missing = [c for c in commands if not re.search(rf"^{re.escape(c)}\b", examples, re.M)]
    assert not missing, missing


def test_window_section_has_every_tab(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = create_main_window(settings, lang="en", defer_panes=True)
    qtbot.addWidget(window)
    tabs = [
        window.tabs.tabText(i).replace("&&", "\0").replace("&", "").replace("\0", "&")
        for i in range(window.tabs.count())
    ]
    window.close()
    bullets = re.findall(r"^- \*\*(.+?)\*\*", _section("Using the window"), re.M)
    assert "Diagnose" in tabs
    assert [t for t in tabs if t not in bullets] == []


def test_every_picture_the_readme_shows_exists_and_is_a_png() -> None:
    root = Path(__file__).resolve().parents[2]
    pictures = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", README)
    assert pictures and pictures[0].endswith("diagnose-en-light.png")  # the verdict, first
    for picture in pictures:
        assert (root / picture).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", picture
