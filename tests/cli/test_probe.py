"""``smtp-gui probe`` as a user runs it, against real servers on 127.0.0.1, in both languages."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.smtpserver import (
    PASSWORD,
    UNKNOWN_RCPT,
    USER,
    drop_after_ehlo,
    free_port,
    garbage,
    greet_554,
    silent,
)

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.network


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smtp_gui", "probe", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
    )


def target(port: int, *more: str) -> list[str]:
    return ["127.0.0.1", "--port", str(port), "--timeout", "3", *more]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_json_contract(smtp_servers, lang: str) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd(starttls=True)
    cert, _key = smtp_servers.certificate
    result = run(
        *target(server.port, "--from", "bob@example.test", "--to", "carol@example.test"),
        "--cafile",
        str(cert),
        "--json",
        "--lang",
        lang,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"steps", "tls", "capabilities", "result"} <= set(data)
    assert all({"command", "reply_code", "enhanced", "text", "ms"} <= set(s) for s in data["steps"])
    assert data["tls"]["valid"] is True and data["tls"]["subject"] == "CN=mail.test"
    assert data["outcome"] == "accepted"
    expected = "accepts mail for" if lang == "en" else "接受从"
    assert expected in data["result"]
    assert [s["reply_code"] for s in data["steps"] if s["reply_code"]][-3:] == [250, 250, 221]


@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN"])
def test_password_from_stdin_is_never_printed(smtp_servers, mechanism: str) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd(starttls=True, auth=True)
    cert, _key = smtp_servers.certificate
    args = [
        *target(server.port, "--auth", mechanism.lower(), "--user", USER),
        "--password-stdin",
        "--cafile",
        str(cert),
    ]
    forms = [
        PASSWORD,
        base64.b64encode(PASSWORD.encode()).decode(),
        base64.b64encode(f"\0{USER}\0{PASSWORD}".encode()).decode(),
    ]
    for extra in (["--json"], [], ["--json", "--lang", "zh"]):
        result = run(*args, *extra, stdin=PASSWORD + "\n")
        assert result.returncode == 0, result.stdout + result.stderr
        assert not any(form in result.stdout + result.stderr for form in forms)
        assert "********" in result.stdout
    revealed = run(*args, "--json", "--reveal", stdin=PASSWORD + "\n")
    assert any(form in revealed.stdout for form in forms[1:])


@pytest.mark.parametrize(
    ("script", "outcome", "en", "zh"),
    [
        (greet_554, "greeting_rejected", "rejection greeting", "拒绝问候"),
        (silent, "timeout", "sent no greeting within 1 s", "1 秒内没有发送问候语"),
        (garbage, "garbage", "does not speak SMTP", "不是 SMTP 服务"),
        (drop_after_ehlo, "closed", "closed the connection after EHLO", "关闭了连接"),
    ],
)
def test_misbehaving_servers(smtp_servers, script, outcome, en, zh) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(script)
    args = ["127.0.0.1", "--port", str(server.port), "--timeout", "1", "--from", "a@b.test"]
    data = json.loads(run(*args, "--json").stdout)
    assert data["outcome"] == outcome and data["ok"] is False
    for lang, phrase in (("en", en), ("zh", zh)):
        result = run(*args, "--lang", lang)
        assert result.returncode == 1
        assert phrase in result.stdout, result.stdout
        assert "\x1b" not in result.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_recipient_rejected(smtp_servers, lang: str) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd()
    result = run(*target(server.port, "--from", "a@b.test", "--to", UNKNOWN_RCPT), "--lang", lang)
    assert result.returncode == 1
    assert "550 5.1.1" in result.stdout
    assert ("rejects the recipient" if lang == "en" else "拒绝了收件人") in result.stdout
    # the catalogue's page for the decisive reply
    assert ("What 550 5.1.1 means" if lang == "en" else "550 5.1.1 的含义") in result.stdout


def test_refused() -> None:
    result = run(*target(free_port()), "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["outcome"] == "refused"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["127.0.0.1", "--port", "0"], "Port 0"),
        (["127.0.0.1", "--timeout", "0"], "timeout"),
        (["two words"], "not a host name"),
        (["127.0.0.1", "--from", "a@b\r\nRCPT TO:<x@y>"], "control character"),
        (["127.0.0.1", "--auth", "plain"], "needs a user name"),
        (["127.0.0.1", "--auth", "plain", "--user", "u"], "password"),
        (["127.0.0.1", "--user", "u"], "--auth"),
        (["127.0.0.1", "--password", "secret"], "no password on the command line"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "words",
    [
        ["--password", "S3cret"],
        ["--password=S3cret"],
        ["--pass", "S3cret"],
        ["--passw=S3cret"],
        ["--passwd", "S3cret"],
        ["-p", "S3cret"],
        ["-pS3cret"],
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_password_argument_is_refused_without_repeating_it(words: list[str], lang: str) -> None:
    # Before: "unrecognized arguments: S3cret", "ignored explicit argument 'S3cret'", and
    # "--password S3cret HOST" read --password as --password-stdin and S3cret as the target.
    for args in (
        ["127.0.0.1", "--auth", "plain", "--user", "u", *words, "--lang", lang],
        [*words, "127.0.0.1", "--lang", lang],
    ):
        result = run(*args)
        assert result.returncode == 2, result.stderr
        assert "S3cret" not in result.stdout + result.stderr
        expected = "--password-stdin" if lang == "en" else "从标准输入传入"
        assert result.stderr.count("\n") == 1 and expected in result.stderr


def test_password_stdin_may_still_be_abbreviated(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd(starttls=True, auth=True)
    cert, _key = smtp_servers.certificate
    args = [*target(server.port, "--auth", "plain", "--user", USER), "--cafile", str(cert)]
    result = run(*args, "--password-std", "--json", stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_text_is_the_streamed_transcript_then_the_report(smtp_servers, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The lines streamed as the probe runs are the report's transcript lines (the same as
    JSON's ``line``); after them comes the probe report, without the transcript again."""
    server = smtp_servers.aiosmtpd(starttls=True)
    cert, _key = smtp_servers.certificate
    args = [*target(server.port, "--to", UNKNOWN_RCPT), "--cafile", str(cert), "--lang", lang]
    lines = [line["line"] for line in json.loads(run(*args, "--json").stdout)["transcript"]]
    text = run(*args).stdout
    streamed, _blank, tail = text.partition("\n\n")
    assert streamed.splitlines() == lines
    title, connection, transcript = (
        ("Probe result", "Connection", "Transcript")
        if lang == "en"
        else ("探测结果", "连接", "会话记录")
    )
    head = tail.split("\n")
    assert head[0] == title and head[3].startswith("✖ ")  # the title, then the verdict
    assert f"\n{connection}\n" in tail and "\nTLS\n---\n" in tail
    assert transcript not in tail and "RCPT TO:<nobody@example.test>" in tail  # the steps table
