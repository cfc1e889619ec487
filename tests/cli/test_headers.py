"""``smtp-gui headers``: JSON keys, formats, languages and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "core" / "headers" / "samples"


def _run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "smtp_gui", "headers", *args],
        cwd=ROOT, input=stdin, capture_output=True, timeout=60,
    )  # fmt: skip


def test_json_keys() -> None:
    done = _run(str(SAMPLES / "gmail.txt"), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    for key in ("hops", "entry_hop", "auth_results", "identity", "provider_verdicts",
                "findings", "verdict"):  # fmt: skip
        assert key in data
    assert set(data["hops"][0]) >= {"index", "from", "by", "ip", "with", "tls", "time",
                                    "delay_s", "skew"}  # fmt: skip
    assert set(data["auth_results"][0]) >= {"authserv_id", "trusted", "spf", "dkim", "dmarc",
                                            "arc", "raw"}  # fmt: skip


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_formats_from_stdin(fmt: str) -> None:
    done = _run("-", "--format", fmt, "--lang", "zh", stdin=(SAMPLES / "skew.txt").read_bytes())
    assert done.returncode == 0, done.stderr
    assert "时钟相差 3595 秒" in done.stdout.decode()


@pytest.mark.parametrize(
    ("stdin", "expected"),
    [
        (b"", "smtp-gui: standard input is empty"),
        (b"hello world\nno headers here\n", "smtp-gui: standard input holds no message header"),
        (b"\x00\x01\x02" * 100, "smtp-gui: standard input is a binary file"),
    ],
)
def test_bad_input_is_one_line(stdin: bytes, expected: str) -> None:
    done = _run("-", stdin=stdin)
    assert done.returncode == 2
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith(expected)


def test_missing_file_is_one_line() -> None:
    done = _run(str(SAMPLES / "nope.eml"))
    assert done.returncode == 2 and done.stderr.decode().count("\n") == 1
