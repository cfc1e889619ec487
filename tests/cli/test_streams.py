"""Standard input and output that cannot be used: a full disk, a closed stdout or stdin, a
reader that goes away. One line on stderr and a non-zero exit; never a traceback, and never
Python's own "Exception ignored ... flush" at exit. Run with stdout buffered (as users run
it) and unbuffered (PYTHONUNBUFFERED, as some CI does)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_sh(
    redirect: str, *args: str, buffered: bool, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``smtp-gui ARGS REDIRECT`` as a shell runs it (``>/dev/full``, ``>&-``, ``<&-``)."""
    env = dict(os.environ)
    env.pop("PYTHONUNBUFFERED", None)
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    return subprocess.run(
        ["sh", "-c", f'exec "$0" -m smtp_gui "$@" {redirect}', sys.executable, *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        stdout=subprocess.DEVNULL if ">" in redirect else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
    )


def assert_one_line(result: subprocess.CompletedProcess[str], status: int, text: str) -> None:
    assert result.returncode == status, result.stderr
    assert result.stderr == f"smtp-gui: {text}\n"


FULL = "cannot write the output: No space left on device"
CLOSED_OUT = "cannot write the output: standard output is closed"
CLOSED_IN = (
    "standard input is closed: give the text as an argument, or a file, or redirect one "
    "into it (< file)"
)


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize(
    ("redirect", "args", "status", "message"),
    [
        (">/dev/full", ["explain", "554"], 1, FULL),
        (">/dev/full", ["explain", "554", "--json"], 1, FULL),
        (">/dev/full", ["compare", "334", "554", "--lang", "en"], 1, FULL),
        (">&-", ["explain", "554"], 1, CLOSED_OUT),
        (">&-", ["decode", "334 VXNlcm5hbWU6", "--json"], 1, CLOSED_OUT),
        ("<&-", ["decode", "-"], 2, CLOSED_IN),
        ("<&-", ["decode"], 2, CLOSED_IN),
        ("<&-", ["diagnose", "-"], 2, CLOSED_IN),
        ("<&-", ["diagnose", "--json"], 2, CLOSED_IN),
        (
            "<&-",
            ["probe", "127.0.0.1", "--port", "1", "--auth", "plain", "--user", "u"]
            + ["--password-stdin"],
            2,
            "standard input is closed: --password-stdin reads the password from its first line",
        ),
    ],
)
def test_unusable_stream_is_one_line(
    redirect: str, args: list[str], status: int, message: str, buffered: bool
) -> None:
    result = run_sh(redirect, *args, "--lang", "en", buffered=buffered)
    assert_one_line(result, status, message)


def test_full_disk_in_chinese() -> None:
    result = run_sh(">/dev/full", "explain", "554", "--lang", "zh", buffered=True)
    assert result.returncode == 1
    assert result.stderr.startswith("smtp-gui: 无法写出结果：")
    assert result.stderr.count("\n") == 1


def test_probe_without_terminal_or_stdin_asks_for_password_stdin() -> None:
    result = run_sh(
        "<&-", "probe", "127.0.0.1", "--port", "1", "--auth", "plain", "--user", "u",
        "--lang", "en", buffered=True,
    )  # fmt: skip
    assert result.returncode == 2
    assert "--password-stdin" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
def test_reader_going_away_is_silent(buffered: bool) -> None:
    """``smtp-gui ... | head -c1``: the reader has what it wanted; nothing to report."""
    env = dict(os.environ)
    env.pop("PYTHONUNBUFFERED", None)
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    child = subprocess.Popen(
        [sys.executable, "-m", "smtp_gui", "explain", "554", "--json"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # before the child has started writing: its write gets EPIPE
    with child.stderr:
        stderr = child.stderr.read().decode()
    assert child.wait(timeout=60) == 0, stderr
    assert stderr == ""
