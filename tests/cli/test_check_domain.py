"""``smtp-gui check domain`` as a user runs it, against the loopback DNS server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.dnsserver import LoopbackDNSServer

ROOT = Path(__file__).resolve().parents[2]
NAMES = {"mx", "spf", "dmarc", "dkim", "ptr", "mta-sts", "tls-rpt", "bimi", "tlsa"}
STATUSES = {"pass", "warn", "fail", "error", "info"}


def run(server: LoopbackDNSServer | None, *args: str) -> subprocess.CompletedProcess[str]:
    resolver = ["--nameserver", server.nameserver, "--timeout", "1"] if server else []
    return subprocess.run(
        [sys.executable, "-m", "smtp_gui", "check", "domain", *args, *resolver],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_json_contract(dns_server: LoopbackDNSServer, lang: str) -> None:
    result = run(
        dns_server,
        "rec-good.test",
        "--ip",
        "198.51.100.25",
        "--sender",
        "bounce@rec-good.test",
        "--selector",
        "google",
        "--json",
        "--lang",
        lang,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["domain"] == "rec-good.test"
    assert data["ip"] == "198.51.100.25" and data["selectors"] == ["google"]
    assert {c["name"] for c in data["checks"]} == NAMES
    for check in data["checks"]:
        assert {"name", "status", "record", "problems", "details"} <= set(check)
        assert check["status"] in STATUSES
        assert all(isinstance(p, str) for p in check["problems"])
    by_name = {c["name"]: c for c in data["checks"]}
    assert by_name["mx"]["status"] == "pass"
    assert by_name["dmarc"]["record"].startswith("v=DMARC1; p=reject")
    assert by_name["dkim"]["selectors"][0]["keys"][0]["bits"] == 2048
    assert by_name["ptr"]["fcrdns"] is True
    summary = by_name["dmarc"]["summary"]
    assert ("策略" in summary) if lang == "zh" else ("policy" in summary)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plain_text_in_both_languages(dns_server: LoopbackDNSServer, lang: str) -> None:
    result = run(dns_server, "rec-nullmx.test", "--only", "mx,dmarc", "--lang", lang)
    assert result.returncode == 0, result.stderr
    if lang == "zh":
        assert "rec-nullmx.test 的域名检查" in result.stdout
        assert "556 5.1.10" in result.stdout and "空 MX" in result.stdout
    else:
        assert result.stdout.startswith("Domain checks for rec-nullmx.test")
        assert "\nMX: info\n--------\n\u2139 rec-nullmx.test publishes a null MX" in result.stdout


def test_could_not_check_is_error_in_json(dns_server: LoopbackDNSServer) -> None:
    dns_server.behave("rec-slow.test", rcode=2)
    result = run(dns_server, "rec-slow.test", "--only", "mx,dmarc,tls-rpt", "--json")
    data = json.loads(result.stdout)
    assert [c["status"] for c in data["checks"]] == ["error"] * 3
    assert all(c["failure"] == "servfail" for c in data["checks"])
    assert all("SERVFAIL" in c["summary"] for c in data["checks"])


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["exa mple.com"], "not a domain name"),
        (["example.com", "--ip", "1.2.3.999"], "not an IP address"),
        (["example.com", "--selector", "a b"], "not a DKIM selector"),
        (["example.com", "--only", "mx,nope"], "Unknown check"),
        (["example.com", "--nameserver", "nowhere"], "not a nameserver"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], words: str) -> None:
    result = run(None, *args, "--lang", "en")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in result.stderr


def test_bad_input_in_chinese() -> None:
    result = run(None, "exa mple.com", "--lang", "zh")
    assert result.returncode == 2 and "不是域名" in result.stderr


@pytest.mark.parametrize("name", ["mail\\;evil.rec-good.test", "out.mail\\."])
def test_ptr_name_with_escapes_is_shown_whole(dns_server: LoopbackDNSServer, name: str) -> None:
    """Issue 12: a PTR name with an escaped character is printed whole (text and JSON)."""
    dns_server.add("61.100.51.198.in-addr.arpa", "PTR", f"{name}.")
    dns_server.add(name, "A", "198.51.100.61")
    args = ("rec-good.test", "--ip", "198.51.100.61", "--only", "ptr")
    data = json.loads(run(dns_server, *args, "--json").stdout)
    (ptr,) = data["checks"]
    assert ptr["status"] == "pass" and ptr["ptr"] == [name]
    assert f"reverse DNS {name}, which" in ptr["summary"]
    text = run(dns_server, *args).stdout
    assert f"has reverse DNS {name}, which resolves back to it." in text
    assert f"PTR: {name} -> 198.51.100.61" in text
