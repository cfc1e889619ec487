"""Nothing hostile reaches the terminal (issue 12): every command's text output, whatever DNS,
a server, a certificate or the user's own input carries, has no control character but line
feed and tab, and no bidi override; ``--json`` keeps the values exact.

Records come from tests/zones/hostile-terminal.zone on the loopback DNS server; server text
from tests/hostile_servers.py on 127.0.0.1.
"""

from __future__ import annotations

import ast
import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest

from smtp_gui.core.text.safe_text import BIDI_CONTROLS
from tests.dnsserver import LoopbackDNSServer
from tests.hostile_servers import HOSTILE, hostile_text
from tests.smtpserver import LoopbackSMTP, make_certificate

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = "hostile-terminal.test"
SPF = "v=spf1 ip4:192.0.2.77 \x1b[2J\x1b]0;spf-title\x07 \u202espf-rlo -all"
pytestmark = pytest.mark.network


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "smtp_gui", *args],
        cwd=ROOT,
        capture_output=True,
        input=stdin,
        timeout=60,
    )


def assert_terminal_safe(data: bytes, where: str) -> str:
    """``data`` (what a terminal would get) has no control byte but LF and tab, and no
    bidi override or C1 control once decoded."""
    bad = sorted({b for b in data if b < 0x20 and b not in (0x0A, 0x09)} | ({0x7F} & set(data)))
    assert not bad, f"{where}: raw control bytes {bad}"
    text = data.decode("utf-8")
    assert not [c for c in text if c in BIDI_CONTROLS], f"{where}: a bidi control"
    assert not [c for c in text if 0x80 <= ord(c) <= 0x9F], f"{where}: a C1 control"
    return text


def resolver(server: LoopbackDNSServer) -> list[str]:
    return ["--nameserver", server.nameserver, "--timeout", "1"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_check_domain_every_record_kind(dns_server: LoopbackDNSServer, lang: str) -> None:
    result = run(
        "check", "domain", DOMAIN, "--selector", "sel", "--lang", lang, *resolver(dns_server)
    )
    assert result.returncode == 0, result.stderr
    text = assert_terminal_safe(result.stdout, "check domain")
    # Each kind's record is shown, its escapes as marks: SPF, DMARC, DKIM n=, MTA-STS id,
    # TLS-RPT and BIMI.
    for mark in ("spf-title", "dmarc-title", "dkim-note", "sts-title", "rpt-title", "bimi-title"):
        assert f"\u241b]0;{mark}" in text or f"\u241b[2J{mark}" in text, mark
    assert text.count("\u241b[2J") >= 6
    # The SPF record's U+202E is one mark, as in `check spf`, not three characters of
    # mojibake (its UTF-8 bytes read one per character).
    assert "␇ [U+202E]spf-rlo -all" in text
    assert "\u00e2" not in text


def test_check_domain_json_is_exact(dns_server: LoopbackDNSServer) -> None:
    result = run("check", "domain", DOMAIN, "--only", "spf,dmarc", "--json", *resolver(dns_server))
    assert result.returncode == 0, result.stderr
    assert_terminal_safe(result.stdout, "check domain --json")
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["spf"]["record"] == SPF
    assert checks["spf"]["analysis"]["record"] == SPF
    assert "\x1b]0;dmarc-title\x07\u202e" in checks["dmarc"]["record"]


def test_check_spf_text_and_json(dns_server: LoopbackDNSServer) -> None:
    for extra in ((), ("--ip", "192.0.2.77")):
        result = run("check", "spf", DOMAIN, *extra, *resolver(dns_server))
        assert result.returncode == 0, result.stderr
        text = assert_terminal_safe(result.stdout, f"check spf {extra}")
        assert "[U+202E]spf-rlo" in text and "\u00e2" not in text
    result = run("check", "spf", DOMAIN, "--ip", "192.0.2.77", "--json", *resolver(dns_server))
    data = json.loads(result.stdout)
    assert data["record"] == SPF


def test_check_blacklist(dns_server: LoopbackDNSServer) -> None:
    zone = "hostile.bl.test"
    dns_server.add(f"2.0.0.127.{zone}", "A", "127.0.0.2")
    dns_server.add(f"1.2.0.192.{zone}", "A", "127.0.0.2")
    dns_server.add_txt(f"1.2.0.192.{zone}", [HOSTILE])
    result = run("check", "blacklist", "192.0.2.1", "--zones", zone, *resolver(dns_server))
    assert result.returncode == 0, result.stderr
    text = assert_terminal_safe(result.stdout, "check blacklist")
    assert "pwned" in text


def test_decode() -> None:
    blob = base64.b64encode(HOSTILE.encode()).decode()
    for given in (f"334 {blob}", f"AUTH PLAIN {blob}", HOSTILE):
        result = run("decode", "-", stdin=given.encode())
        assert_terminal_safe(result.stdout, f"decode {given!r}")
        assert_terminal_safe(result.stderr, f"decode {given!r} (stderr)")


def test_diagnose() -> None:
    bounce = f"550 5.7.1 {HOSTILE}\r\n\u202e<judy@example.net>: 550 {HOSTILE}\n".encode()
    result = run("diagnose", "-", stdin=bounce)
    assert result.returncode == 0, result.stderr
    text = assert_terminal_safe(result.stdout, "diagnose")
    assert "pwned" in text
    result = run("diagnose", "-", "--json", stdin=bounce)
    assert_terminal_safe(result.stdout, "diagnose --json")
    assert HOSTILE in json.loads(result.stdout)["primary"]["text"]


@pytest.mark.parametrize("code", [f"55{HOSTILE}4", f"554 {HOSTILE}", "5.7.1\u202e"])
def test_explain_and_compare_echo_input_safely(code: str) -> None:
    for args in (("explain", code), ("compare", "554", code), ("explain", code, "--json")):
        result = run(*args)
        assert result.returncode == 2
        message = assert_terminal_safe(result.stderr, f"{args} (stderr)")
        assert message.startswith("smtp-gui: ") and message.count("\n") == 1


def test_argparse_errors_echo_input_safely() -> None:
    result = run("probe", "127.0.0.1", "--tls", HOSTILE)
    assert result.returncode == 2
    assert_terminal_safe(result.stderr, "argparse error")


def test_probe_server_text(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(hostile_text)
    args = [
        "probe",
        "127.0.0.1",
        "--port",
        str(server.port),
        "--timeout",
        "3",
        "--tls",
        "none",
        "--from",
        "a@example.test",
        "--to",
        "b@example.test",
    ]
    result = run(*args)
    assert result.returncode == 1, result.stderr
    text = assert_terminal_safe(result.stdout, "probe")
    assert "pwned" in text and "[U+202E]" in text
    result = run(*args, "--json")
    assert_terminal_safe(result.stdout, "probe --json")
    assert json.loads(result.stdout)["outcome"] == "recipient_rejected"


def test_probe_certificate_subject(smtp_servers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pair = make_certificate(tmp_path, common_name="\x1b[31mred\u202eevil")
    server = LoopbackSMTP(starttls=pair).start()
    try:
        result = run(
            "probe",
            "127.0.0.1",
            "--port",
            str(server.port),
            "--timeout",
            "3",
            "--cafile",
            str(pair[0]),
        )
    finally:
        server.stop()
    assert result.returncode == 0, result.stderr
    text = assert_terminal_safe(result.stdout, "probe certificate")
    assert "\u241b[31mred[U+202E]evil" in text


def test_commands_write_only_through_the_safe_writers() -> None:
    """The one point: no command module writes to stdout/stderr or prints by itself, so a
    new record type or command cannot bypass safe_text.terminal."""
    for path in sorted((ROOT / "smtp_gui" / "commands").glob("*.py")):
        if path.name == "common.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = ast.unparse(func)
                assert name != "print", f"{path.name}: print()"
                assert not (
                    name.startswith(("sys.stdout.", "sys.stderr.")) and name.endswith("write")
                ), f"{path.name}: {name}"


def test_check_blacklist_caps_answers_per_row(dns_server: LoopbackDNSServer) -> None:
    """A list answering with 4,000 A records: 20 shown, then "and 3,980 more"; JSON keeps
    them all."""
    zone = "many.bl.test"
    many = [f"127.1.{i // 256}.{i % 256}" for i in range(4000)]
    dns_server.add(f"2.0.0.127.{zone}", "A", "127.0.0.2")
    dns_server.add(f"1.2.0.192.{zone}", "A", *many)
    args = ("check", "blacklist", "192.0.2.1", "--zones", zone, *resolver(dns_server))
    result = run(*args, "--lang", "en")
    assert result.returncode == 0, result.stderr
    text = assert_terminal_safe(result.stdout, "check blacklist")
    assert max(len(line) for line in text.splitlines()) < 1500
    assert "and 3,980 more" in text
    assert "及另外 3,980 个" in run(*args, "--lang", "zh").stdout.decode()
    data = json.loads(run(*args, "--json").stdout)
    assert sorted(data["results"][0]["answers"]) == sorted(many)
