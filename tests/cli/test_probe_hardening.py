"""``smtp-gui probe`` against hostile servers and bad input (issue 12): secrets a server
echoes are masked in text and ``--json``; bad input is refused before the first packet."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile_servers import (
    echo_secrets,
    starttls_with,
    tls_server_context,
    unreadable_subject_certificate,
)

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


# -- bad input is refused before the first packet ---------------------------------------------
def _fifo(tmp: Path) -> str:
    os.mkfifo(tmp / "fifo")
    return str(tmp / "fifo")


def _file(tmp: Path, data: bytes) -> str:
    (tmp / "ca.pem").write_bytes(data)
    return str(tmp / "ca.pem")


@pytest.mark.parametrize(
    ("cafile", "en"),
    [
        (lambda tmp: str(tmp / "missing.pem"), "does not exist"),
        (lambda tmp: str(tmp), "not a regular file"),
        (lambda tmp: "/dev/null", "not a regular file"),
        (_fifo, "not a regular file"),  # was: hung
        (lambda tmp: _file(tmp, b""), "no CA certificate that TLS can use"),
        (lambda tmp: _file(tmp, b"-----BEGIN CERTIFICATE-----\nxx\n"), "no CA certificate"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_cafile_exits_2_without_connecting(
    smtp_servers, tmp_path: Path, cafile, en, lang
) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(echo_secrets)
    path = cafile(tmp_path)
    result = run(
        "127.0.0.1", "--port", str(server.port), "--timeout", "3", "--cafile", path, "--lang", lang
    )
    assert result.returncode == 2
    assert result.stdout == b""
    err = result.stderr.decode()
    assert err.startswith("smtp-gui: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert (en in err) if lang == "en" else ("CA 文件" in err)
    assert server.connections == 0


@pytest.mark.parametrize("mechanism", ["plain", "login", "xoauth2"])
def test_password_that_is_not_utf8_exits_2_without_connecting(smtp_servers, mechanism) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(echo_secrets)
    result = run(
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
        stdin=b"caf\xe9-latin1\n",
    )
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err == "smtp-gui: --password-stdin is not valid UTF-8 text; nothing was sent.\n"
    assert server.connections == 0


def test_user_name_that_is_not_utf8_exits_2_without_connecting(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(echo_secrets)
    result = subprocess.run(
        [
            sys.executable.encode(),
            b"-m",
            b"smtp_gui",
            b"probe",
            b"127.0.0.1",
            b"--port",
            str(server.port).encode(),
            b"--tls",
            b"none",
            b"--auth",
            b"plain",
            b"--user",
            b"al\xffce",
            b"--password-stdin",
        ],
        cwd=ROOT,
        capture_output=True,
        input=b"pw\n",
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and b"UTF-8" in result.stderr
    assert server.connections == 0


# -- a certificate cryptography cannot read ----------------------------------------------------
def test_unreadable_certificate_is_a_finding(smtp_servers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cert, key = unreadable_subject_certificate(tmp_path)
    server = smtp_servers.scripted(starttls_with(tls_server_context(cert, key)))
    args = ["127.0.0.1", "--port", str(server.port), "--timeout", "3", "--cafile", str(cert)]
    result = run(*args, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)  # was: a traceback and no JSON
    assert data["tls"]["valid"] is True
    assert data["tls"]["certificate"]["unreadable"] == {
        "subject": "ASN.1 InvalidValue",
        "issuer": "ASN.1 InvalidValue",
    }
    result = run(*args, "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert "无法读取证书的使用者：ASN.1 InvalidValue" in result.stdout.decode()
