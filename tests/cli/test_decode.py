"""``smtp-gui decode`` as a user runs it: JSON in both languages, masking, exit codes."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest

from smtp_gui.core.report.text import render_text
from smtp_gui.core.sasl.decode import decode_exchange
from smtp_gui.core.sasl.report import report

ROOT = Path(__file__).resolve().parents[2]

PASSWORD = "Tr0ub4dor&3"
PLAIN = "AUTH PLAIN " + base64.b64encode(f"\0alice\0{PASSWORD}".encode()).decode()
LOGIN = "\n".join(
    [
        "S: 220 mx.example.com ESMTP",
        "C: EHLO client.example.com",
        "S: 250-mx.example.com",
        "S: 250 AUTH LOGIN PLAIN",
        "C: AUTH LOGIN",
        "S: 334 VXNlcm5hbWU6",
        "C: " + base64.b64encode(b"alice").decode(),
        "S: 334 UGFzc3dvcmQ6",
        "C: " + base64.b64encode(PASSWORD.encode()).decode(),
        "S: 535 5.7.8 Error: authentication failed",
    ]
)


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smtp_gui", "decode", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _secret_forms() -> list[str]:
    """The password and the Base64 that carries it, alone or inside the PLAIN string."""
    return [
        PASSWORD,
        base64.b64encode(PASSWORD.encode()).decode(),
        PLAIN.split(" ")[-1],
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("text", [PLAIN, LOGIN], ids=["plain", "login"])
def test_json_has_the_design_keys_and_no_secret(text: str, lang: str) -> None:
    result = run("--json", "--lang", lang, stdin=text)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["mechanism"] in ("PLAIN", "LOGIN")
    assert data["steps"]
    for step in data["steps"]:
        assert {"direction", "raw", "code", "decoded", "mechanism", "fields"} <= set(step)
        assert step["direction"] in ("server", "client")
    for secret in _secret_forms():
        assert secret not in result.stdout
        assert secret not in result.stderr
    assert "••••••••" in result.stdout
    if lang == "zh":
        assert "个字符" in result.stdout
        assert any("\u4e00" <= ch <= "\u9fff" for ch in data["steps"][-1]["meaning"])


@pytest.mark.parametrize("text", [PLAIN, LOGIN], ids=["plain", "login"])
def test_plain_text_output_is_masked(text: str) -> None:
    result = run("--lang", "en", stdin=text)
    assert result.returncode == 0, result.stderr
    for secret in _secret_forms():
        assert secret not in result.stdout
    assert "Mechanism:" in result.stdout
    assert "masked" in result.stdout


@pytest.mark.parametrize("as_json", [True, False])
def test_reveal_shows_the_secret(as_json: bool) -> None:
    args = ["--reveal", "--lang", "en"] + (["--json"] if as_json else [])
    result = run(*args, stdin=LOGIN)
    assert result.returncode == 0, result.stderr
    assert PASSWORD in result.stdout
    if as_json:
        data = json.loads(result.stdout)
        values = [f["value"] for step in data["steps"] for f in step["fields"]]
        assert PASSWORD in values
        assert data["final_reply"]["code"] == "535 5.7.8"


def test_text_argument_and_dash() -> None:
    words = run("334", "VXNlcm5hbWU6", "--json")
    assert words.returncode == 0, words.stderr
    assert json.loads(words.stdout)["steps"][0]["decoded"] == "Username:"
    dash = run("-", "--json", stdin="VXNlcm5hbWU6\n")
    assert json.loads(dash.stdout)["mechanism"] == "LOGIN"


@pytest.mark.parametrize(
    ("args", "stdin", "needle"),
    [
        (["dGl!t"], None, "'!' at line 1, column 4"),
        (["--lang", "zh", "dGl!t"], None, "第 1 行第 4 列"),
        ([], "   \n", "Nothing to decode"),
        (["AUTH PLAIN AHR%pbQ=="], None, "'%'"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], stdin: str | None, needle: str) -> None:
    result = run(*args, stdin=stdin)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("smtp-gui: ")
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("reveal", [False, True])
def test_text_is_the_report_and_json_the_exchange(lang: str, reveal: bool) -> None:
    """The text is core.report.text's rendering of the decoder's report; the JSON is the
    exchange's DESIGN.md dictionary, untouched by the report."""
    args = ["--lang", lang] + (["--reveal"] if reveal else [])
    exchange = decode_exchange(LOGIN)
    text = run(*args, stdin=LOGIN)
    assert text.returncode == 0, text.stderr
    assert text.stdout == render_text(report(exchange, lang, reveal=reveal))
    assert (PASSWORD in text.stdout) is reveal
    data = run(*args, "--json", stdin=LOGIN)
    assert json.loads(data.stdout) == exchange.to_dict(lang, reveal=reveal)
