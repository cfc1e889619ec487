"""``--nameserver`` values that name no nameserver: exit 2, one line, nothing sent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.dnsserver import LoopbackDNSServer

ROOT = Path(__file__).resolve().parents[2]


def _check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smtp_gui", "check", *args, "--timeout", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        ("224.0.0.1", "multicast"),
        ("fe80::1%eth0", "interface zone"),
        ("255.255.255.255", "broadcast"),
        ("::", "unspecified"),
    ],
)
@pytest.mark.parametrize("kind", ["domain", "blacklist"])
def test_refused_before_any_query(
    dns_server: LoopbackDNSServer, kind: str, bad: str, words: str
) -> None:
    """Issue 12: each was accepted and a query sent. The loopback server is named first, so
    a query would reach it: it must see none."""
    target = "rec-good.test" if kind == "domain" else "192.0.2.2"
    done = _check(kind, target, "--nameserver", dns_server.nameserver, "--nameserver", bad)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and bad in lines[0] and words in lines[0], done.stderr
    assert dns_server.queries == []


def test_unspecified_address_is_not_taken_for_this_machine(dns_server: LoopbackDNSServer) -> None:
    """0.0.0.0 reaches the local machine on Linux: it used to ask the loopback server."""
    done = _check("domain", "rec-good.test", "--nameserver", f"0.0.0.0:{dns_server.port}")
    assert done.returncode == 2 and "unspecified" in done.stderr
    assert dns_server.queries == []


def test_in_chinese(dns_server: LoopbackDNSServer) -> None:
    done = _check(
        "spf", "good.spf.test", "--ip", "192.0.2.1", "--nameserver", "224.0.0.1", "--lang", "zh"
    )
    assert done.returncode == 2 and "组播地址" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
