"""``--help`` explains every argument: each has a help text, a value's default is shown, and a
positional has a name a user can read in "the following arguments are required: ..."."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from smtp_gui.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def _actions(
    parser: argparse.ArgumentParser, path: str = "smtp-gui"
) -> Iterator[tuple[str, argparse.Action]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _actions(child, f"{path} {name}")
        elif action.help != argparse.SUPPRESS:
            yield path, action


ACTIONS = list(_actions(build_parser()))
IDS = [f"{path} {action.option_strings or action.dest}" for path, action in ACTIONS]


def test_every_command_is_walked() -> None:
    commands = {path for path, _ in ACTIONS}
    for name in ("explain", "compare", "decode", "diagnose", "probe", "check spf"):
        assert f"smtp-gui {name}" in commands


@pytest.mark.parametrize(("path", "action"), ACTIONS, ids=IDS)
def test_argument_is_explained(path: str, action: argparse.Action) -> None:
    assert action.help, f"{path}: {action.option_strings or action.dest} has no help text"
    valued = action.nargs != 0 and action.default not in (None, False, [], argparse.SUPPRESS)
    if action.option_strings and valued:
        # Shown by "%(default)s" or written out: either way the user sees the value.
        assert "%(default)s" in action.help or str(action.default) in action.help, action.help
    if not action.option_strings:
        assert action.metavar and action.metavar.upper() == action.metavar, action.dest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smtp_gui", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_missing_code_is_named() -> None:
    result = run("compare", "334")
    assert result.returncode == 2
    assert result.stderr == "smtp-gui: the following arguments are required: CODE_B\n"


def test_check_timeout_help_shows_its_default() -> None:
    result = run("check", "spf", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "--timeout SECONDS seconds each DNS query" in text
    assert "within 3x" in text  # the bound of the whole command
    assert "(default: 3.0)" in text
