"""An error repeats at most 100 characters of what was typed, cut with an ellipsis, with
control characters made visible: never a 131,000-character argument back on the terminal."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from smtp_gui.commands.common import echoed_words
from smtp_gui.core.text.safe_text import ECHO_LIMIT, echoed

ROOT = Path(__file__).resolve().parents[2]
HUGE = "a" * 131_000


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smtp_gui", *args, "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["explain", HUGE],
        ["compare", "554", HUGE],
        ["check", "spf", HUGE],
        ["check", "spf", "example.com", "--ip", HUGE],
        ["check", "domain", HUGE],
        ["check", "domain", "example.com", "--only", HUGE],
        ["check", "blacklist", HUGE],
        ["check", "blacklist", "192.0.2.1", "--nameserver", HUGE],
        ["check", "blacklist", "192.0.2.1", "--zones", HUGE],
        ["check", "spf", "example.com", "--timeout", HUGE],
        ["check", HUGE],
        ["probe", HUGE],
        ["probe", "127.0.0.1", "--from", HUGE],
        ["probe", "127.0.0.1", "--tls", HUGE],
        ["probe", "127.0.0.1", "--port", HUGE],
        ["diagnose", f"/nonexistent/{HUGE}"],
        ["explain", "554", HUGE[:20], HUGE],
        ["decode", "--unknown-option", HUGE],
    ],
    ids=lambda args: " ".join(a if len(a) < 30 else "HUGE" for a in args),
)
def test_huge_argument_is_echoed_short(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2, result.stderr[:300]
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    longest = max((len(m) for m in re.findall(r"a+", result.stderr)), default=0)
    assert longest <= ECHO_LIMIT, result.stderr[:300]
    assert len(result.stderr) < 400, result.stderr[:300]


def test_control_characters_in_an_argument_are_shown_as_marks() -> None:
    result = run("explain", "554", "--lang", "\x1b[31mred\u202e\nline")
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert "\u241b[31mred[U+202E]\u240aline" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("554", "554"),
        ("a" * ECHO_LIMIT, "a" * ECHO_LIMIT),
        ("a" * (ECHO_LIMIT + 1), "a" * (ECHO_LIMIT - 1) + "\u2026"),
        (HUGE, "a" * (ECHO_LIMIT - 1) + "\u2026"),
        ("x\ty\r\nz\x00", "x\u2409y\u240d\u240az\u2400"),
        ("\u202e" * 30, ("[U+202E]" * 13)[: ECHO_LIMIT - 1] + "\u2026"),
    ],
)
def test_echoed(value: str, expected: str) -> None:
    assert echoed(value) == expected
    assert len(echoed(value)) <= ECHO_LIMIT


def test_echoed_words_replaces_raw_and_quoted_forms() -> None:
    word = "b" * 500
    message = f"invalid choice: {word!r}; unrecognized arguments: {word} 554"
    short = echoed(word)
    assert echoed_words(message, ["explain", word, "554"]) == (
        f"invalid choice: '{short}'; unrecognized arguments: {short} 554"
    )
