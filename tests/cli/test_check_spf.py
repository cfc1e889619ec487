"""``smtp-gui check spf`` as a user runs it, against the loopback DNS server, in both languages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.dnsserver import LoopbackDNSServer

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.network


def run(server: LoopbackDNSServer, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "smtp_gui",
            "check",
            "spf",
            *args,
            "--nameserver",
            server.nameserver,
            "--timeout",
            "0.5",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    ("domain", "ip", "result", "lookups", "voids"),
    [
        ("good.spf.test", "198.51.100.25", "pass", 2, 0),
        ("good.spf.test", "203.0.113.9", "fail", 3, 0),
        ("void3.spf.test", "192.0.2.1", "permerror", 3, 3),
        ("eleven.spf.test", "192.0.2.111", "permerror", 11, 0),
        ("nospf.spf.test", "192.0.2.1", "none", 0, 0),
        ("dead.spf.test", "192.0.2.1", "temperror", 0, 0),
    ],
)
def test_json_contract(
    dns_server: LoopbackDNSServer,
    lang: str,
    domain: str,
    ip: str,
    result: str,
    lookups: int,
    voids: int,
) -> None:
    dns_server.behave("dead.spf.test", drop=True)
    completed = run(dns_server, domain, "--ip", ip, "--json", "--lang", lang)
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    for key in ("result", "explanation", "lookups", "void_lookups", "trace"):
        assert key in data
    assert (data["result"], data["lookups"], data["void_lookups"]) == (result, lookups, voids)
    assert isinstance(data["trace"], list) and isinstance(data["explanation"], str)
    if lang == "zh":
        assert any("\u4e00" <= ch <= "\u9fff" for ch in data["explanation"])


def test_explanation_from_the_domain_and_macros(dns_server: LoopbackDNSServer) -> None:
    completed = run(
        dns_server,
        "macro.spf.test",
        "--ip",
        "192.0.2.1",
        "--sender",
        "bob@macro.spf.test",
        "--helo",
        "mail.example.org",
        "--json",
    )
    data = json.loads(completed.stdout)
    assert data["result"] == "fail" and data["explanation_from_domain"] is True
    assert data["explanation"] == (
        "192.0.2.1 may not send as bob@macro.spf.test (HELO mail.example.org, in-addr)"
    )
    assert data["trace"][0]["target"] == "1.2.0.192.bob._spf.macro.spf.test"


@pytest.mark.parametrize(
    ("lang", "heading", "result_line"),
    [
        ("en", "SPF check of good.spf.test", "Result: pass."),
        ("zh", "SPF 检查：good.spf.test", "结果：pass（通过）。"),
    ],
)
def test_plain_text_shows_the_trace_as_a_tree(
    dns_server: LoopbackDNSServer, lang: str, heading: str, result_line: str
) -> None:
    completed = run(dns_server, "good.spf.test", "--ip", "198.51.100.25", "--lang", lang)
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0].startswith(heading)
    assert any(line.startswith(f"\u2714 {result_line}") for line in lines)  # the verdict
    # The trace: the include's own term at the first level, its terms one level down.
    include = next(line for line in lines if line.startswith("include:_inc.spf.test "))
    nested = next(line for line in lines if line.startswith("\u21b3 a:mail.spf.test "))
    assert "A mail.spf.test = 198.51.100.25" in nested
    assert "TXT _inc.spf.test = v=spf1" in include


@pytest.mark.parametrize(("lang", "word"), [("en", "Syntax error"), ("zh", "语法错误")])
def test_without_ip_the_record_is_analysed(
    dns_server: LoopbackDNSServer, lang: str, word: str
) -> None:
    completed = run(dns_server, "syntax.spf.test", "--lang", lang)
    assert completed.returncode == 0, completed.stderr
    assert "v=spf1 ip4:192.0.2.1 foo:bar ip4:192.0.2.300 -all" in completed.stdout
    assert word in completed.stdout
    data = json.loads(run(dns_server, "eleven.spf.test", "--json").stdout)
    assert data["result"] is None and data["lookups"] == 11
    assert data["analysis"]["outcome"] == "permerror"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "args", [("good.spf.test", "--ip", "not-an-ip"), ("bad_domain",), ("[1.2.3.4]",)]
)
def test_bad_input_exits_2_with_one_line(
    dns_server: LoopbackDNSServer, lang: str, args: tuple[str, ...]
) -> None:
    completed = run(dns_server, *args, "--lang", lang)
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert len(completed.stderr.strip().splitlines()) == 1
    assert "Traceback" not in completed.stderr


def test_bad_nameserver_exits_2(dns_server: LoopbackDNSServer) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "smtp_gui", "check", "spf", "good.spf.test", "--nameserver", "x"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 2 and "Traceback" not in completed.stderr
