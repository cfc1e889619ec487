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


def _signed_message(tmp_path: Path, server: object) -> Path:
    from tests.core.headers.signing import make_key, publish, sign
    from tests.core.headers.test_verification import ORIGINAL, RECEIVED

    publish(server, "s1", "sender.test", make_key().record)  # type: ignore[arg-type]
    server.add_txt("sender.test.", ["v=spf1 ip4:192.0.2.10 -all"])  # type: ignore[attr-defined]
    server.add_txt("_dmarc.sender.test.", ["v=DMARC1; p=reject"])  # type: ignore[attr-defined]
    message = RECEIVED + sign(ORIGINAL, "s1", "sender.test", make_key())
    path = tmp_path / "signed.eml"
    path.write_bytes(message.replace(b"Subject: Quarterly figures", b"Subject: Changed"))
    return path


@pytest.mark.network
def test_verify_json_names_each_dkim_failure_and_its_reason(tmp_path: Path, dns_server) -> None:  # type: ignore[no-untyped-def]
    path = _signed_message(tmp_path, dns_server)
    done = _run(str(path), "--verify", "--json", "--nameserver", dns_server.nameserver,
                "--timeout", "1")  # fmt: skip
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)["verification"]
    (dkim,) = found["dkim"]
    assert {k: dkim[k] for k in ("domain", "selector", "result", "reason")} == {
        "domain": "sender.test", "selector": "s1", "result": "fail", "reason": "headers_changed"
    }  # fmt: skip
    assert dkim["differs_from_receiver"] is True
    assert found["spf"]["result"] == "pass" and found["dmarc_alignment"]["result"] == "pass"
    assert found["arc"]["result"] == "none"
    text = _run(str(path), "--verify", "--lang", "zh", "--nameserver", dns_server.nameserver)
    assert "签名不一致：签名后已签名的信头字段被修改过" in text.stdout.decode()


@pytest.mark.network
def test_without_verify_no_query_is_sent(tmp_path: Path, dns_server) -> None:  # type: ignore[no-untyped-def]
    path = _signed_message(tmp_path, dns_server)
    done = _run(str(path), "--json", "--nameserver", dns_server.nameserver)
    assert done.returncode == 0, done.stderr
    assert "verification" not in json.loads(done.stdout)
    assert dns_server.query_names() == []
    _run(str(path), "--json", "--verify", "--nameserver", dns_server.nameserver)
    assert dns_server.query_names()  # the same server does hear --verify


def test_verify_bad_nameserver_is_refused_before_reading() -> None:
    done = _run("-", "--verify", "--nameserver", "not a server", stdin=b"")
    assert done.returncode == 2 and "not a server" in done.stderr.decode()
    assert done.stderr.decode().count("\n") == 1
