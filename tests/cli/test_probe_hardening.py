"""``smtp-gui probe`` against hostile servers and bad input (issue 12): secrets a server
echoes are masked in text and ``--json``; bad input is refused before the first packet."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile_servers import echo_secrets

ROOT = Path(__file__).resolve().parents[2]
USER = "alice@example.test"
PASSWORD = "s3cret-Pa55"
pytestmark = pytest.mark.network


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


SECRET_FORMS = [
    PASSWORD,
    b64(PASSWORD),
    b64(f"\0{USER}\0{PASSWORD}"),
    b64(f"user={USER}\x01auth=Bearer {PASSWORD}\x01\x01"),
]


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "smtp_gui", "probe", *args],
        cwd=ROOT,
        capture_output=True,
        input=stdin,
        timeout=60,
    )


@pytest.mark.parametrize("mechanism", ["plain", "login", "xoauth2"])
def test_echoed_secrets_are_masked_in_text_and_json(smtp_servers, mechanism: str) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(echo_secrets)
    args = [
        "127.0.0.1",
        "--port",
        str(server.port),
        "--timeout",
        "3",
        "--tls",
        "none",
        "--auth",
        mechanism,
        "--user",
        USER,
        "--password-stdin",
    ]
    for extra in ((), ("--json",), ("--json", "--lang", "zh")):
        result = run(*args, *extra, stdin=PASSWORD.encode() + b"\n")
        assert result.returncode == 1, result.stderr
        out = result.stdout.decode() + result.stderr.decode()
        assert "535" in out and "********" in out
        for form in SECRET_FORMS:
            assert form not in out, f"{form!r} printed with {extra}"
        if extra:
            assert json.loads(result.stdout)["secrets_masked"] is True
    # The server did echo them.
    assert any(form.encode() in b"".join(server.received) for form in SECRET_FORMS[1:])
