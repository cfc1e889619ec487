"""``smtp-gui check blacklist`` in a subprocess against the loopback DNS server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from smtp_gui.core.dns.resolver import PUBLIC_RESOLVERS
from tests.dnsserver import LoopbackDNSServer

# An address from the app's own table of public resolvers. The test only checks the
# warning: nothing is ever sent to it (tests/netguard refuses anything past loopback).
PUBLIC = min(PUBLIC_RESOLVERS)

ROOT = Path(__file__).resolve().parents[2]
ZONES = ",".join(
    [
        "zen.dnsbl.test=zen.spamhaus.org",
        "spamcop.dnsbl.test=bl.spamcop.net",
        "slow.dnsbl.test=bl.spamcop.net",
        "world.dnsbl.test=bl.spamcop.net",
    ]
)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smtp_gui", "check", "blacklist", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _loopback(server: LoopbackDNSServer) -> list[str]:
    return ["--nameserver", server.nameserver, "--timeout", "0.5"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_json(dns_server: LoopbackDNSServer, lang: str) -> None:
    dns_server.behave("slow.dnsbl.test", drop=True)
    done = _cli("192.0.2.2", "--zones", ZONES, "--json", "--lang", lang, *_loopback(dns_server))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["ip"] == "192.0.2.2"
    assert data["resolver"] == dns_server.nameserver
    assert (data["listed"], data["checked"]) == (2, 2)
    rows = {row["zone"]: row for row in data["results"]}
    assert list(rows) == [
        "zen.dnsbl.test",
        "spamcop.dnsbl.test",
        "slow.dnsbl.test",
        "world.dnsbl.test",
    ]
    for row in data["results"]:
        assert {"zone", "status", "answers", "meaning", "txt", "delist_url", "ms"} <= row.keys()
    zen = rows["zen.dnsbl.test"]
    assert zen["status"] == "listed" and zen["answers"] == ["127.0.0.2", "127.0.0.4"]
    assert zen["txt"] == ["https://check.spamhaus.org/sbl/query/SBL0001"]
    assert zen["delist_url"] == "https://check.spamhaus.org/"
    assert rows["slow.dnsbl.test"]["status"] == "timeout"
    assert rows["world.dnsbl.test"]["status"] == "error"
    if lang == "zh":
        assert "Spamhaus SBL：" in zen["meaning"] and "解析器" in data["summary"]
    else:
        assert data["summary"].startswith("192.0.2.2: listed on 2 of 2 lists (2 major:")
    assert done.stderr == ""


@pytest.mark.parametrize(
    ("target", "status"),
    [("192.0.2.254", "refused"), ("192.0.2.1", "not_listed"), ("192.0.2.99", "error")],
)
def test_statuses(dns_server: LoopbackDNSServer, target: str, status: str) -> None:
    done = _cli(
        target, "--zones", "zen.dnsbl.test=zen.spamhaus.org", "--json", *_loopback(dns_server)
    )
    assert json.loads(done.stdout)["results"][0]["status"] == status


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plain_text_table(dns_server: LoopbackDNSServer, lang: str) -> None:
    done = _cli("192.0.2.254", "--zones", ZONES, "--lang", lang, *_loopback(dns_server))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "Blocklist check of 192.0.2.254" if lang == "en" else "192.0.2.254 的黑名单检查"
    )
    assert lines[3].startswith("\u26a0 192.0.2.254")  # the summary first: could not check
    header = next(line for line in lines if line.startswith(("zone", "名单")))
    assert header.split()[:2] == (["zone", "status"] if lang == "en" else ["名单", "状态"])
    zen = next(line for line in lines if line.startswith("zen.dnsbl.test"))
    assert ("refused" if lang == "en" else "被拒绝") in zen and "127.255.255.254" in zen
    assert ("public or shared resolver" if lang == "en" else "公共或共享 DNS") in done.stdout


def test_domain_and_ipv6(dns_server: LoopbackDNSServer) -> None:
    domain = _cli(
        "postmaster@spam.example",
        "--zones",
        "dbl.dnsbl.test=dbl.spamhaus.org",
        "--json",
        *_loopback(dns_server),
    )
    data = json.loads(domain.stdout)
    assert data["kind"] == "domain" and data["results"][0]["status"] == "listed"
    ipv6 = _cli(
        "2001:db8::2",
        "--zones",
        "zen.dnsbl.test=zen.spamhaus.org",
        "--json",
        *_loopback(dns_server),
    )
    assert json.loads(ipv6.stdout)["results"][0]["status"] == "listed"


def test_public_resolver_is_warned_about(dns_server: LoopbackDNSServer) -> None:
    # The only list named is an IP list and the target a domain: nothing is queried, so the
    # public resolver below is never sent a packet; the warning comes before any query.
    done = _cli("example.com", "--zones", "zen.spamhaus.org", "--nameserver", PUBLIC, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["results"] == [] and data["skipped"] == ["zen.spamhaus.org"]
    assert PUBLIC in data["warnings"][0]
    assert "public resolver" in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["not an address"],
        ["192.0.2.0/24"],
        [""],
        ["192.0.2.1", "--zones", ""],
        ["192.0.2.1", "--zones", "bad zone!"],
        ["192.0.2.1", "--zones", "x.example=nosuch.example"],
        ["192.0.2.1", "--nameserver", "dns.example"],
        ["192.0.2.1", "--nameserver", "127.0.0.1:99999"],
        ["192.0.2.1", "--timeout", "0"],
        ["192.0.2.1", "--timeout", "soon"],
        [],
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_input_exits_2(args: list[str], lang: str) -> None:
    done = _cli(*args, "--lang", lang, "--json")
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_unknown_list_refusal_code(dns_server: LoopbackDNSServer, lang: str) -> None:
    """Issue 12: a --zones list not in resources/dnsbl/zones.json that answers 127.255.255.254
    (as Spamhaus does to a public resolver) is refused, not listed, not "lists the world"."""
    for entry in ("1.0.0.127", "2.0.0.127", "1.2.0.192"):
        dns_server.add(f"{entry}.custom.dnsbl.test", "A", "127.255.255.254")
    args = ("192.0.2.1", "--zones", "custom.dnsbl.test", "--lang", lang, *_loopback(dns_server))
    done = _cli(*args, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    (row,) = data["results"]
    assert (row["zone"], row["status"], row["answers"]) == (
        "custom.dnsbl.test",
        "refused",
        ["127.255.255.254"],
    )
    assert (data["listed"], data["checked"]) == (0, 0)
    words = "public or shared resolver" if lang == "en" else "公共或共享 DNS"
    assert words in row["meaning"]
    text = _cli(*args)
    line = next(line for line in text.stdout.splitlines() if line.startswith("custom.dnsbl"))
    assert ("refused" if lang == "en" else "被拒绝") in line and "127.255.255.254" in line
