"""Every CLI command's Chinese output follows Chinese punctuation (issue 19): no ASCII colon
after a Chinese character, no ASCII parentheses around Chinese text, no single dash after
Chinese. Real servers on 127.0.0.1 only (the loopback DNS and SMTP fixtures)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.dnsserver import LoopbackDNSServer

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus" / "bounces"
SAMPLES = ROOT / "tests" / "core" / "headers" / "samples"
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
CJK_COLON = re.compile(f"[{_CJK}]:")
ASCII_PARENS_AROUND_CJK = re.compile(rf"\([^()\n]*[{_CJK}][^()\n]*\)")
# A Markdown link, [text](url), is not a bracket in the text.
ASCII_BRACKETS_AROUND_CJK = re.compile(rf"\[[^\[\]\n]*[{_CJK}][^\[\]\n]*\](?!\()")
LONE_DASH_AFTER_CJK = re.compile(f"[{_CJK}] ?\u2014(?!\u2014)")


def zh(*args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "smtp_gui", *args, "--lang", "zh"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=90,
    )
    assert result.returncode in (0, 1), result.stderr
    assert result.stdout.strip(), result.stderr
    return result.stdout


def problems(text: str) -> list[str]:
    """Every place where ``text`` breaks Chinese punctuation."""
    found = []
    for pattern in (
        CJK_COLON,
        ASCII_PARENS_AROUND_CJK,
        ASCII_BRACKETS_AROUND_CJK,
        LONE_DASH_AFTER_CJK,
    ):
        found.extend(match.group(0) for match in pattern.finditer(text))
    return found


def test_the_check_finds_what_it_looks_for() -> None:
    assert problems("失败: 550") == ["败:"]
    assert problems("Spamhaus (黑名单)") == ["(黑名单)"]
    assert problems("- 220 [连接问候] mx") == ["[连接问候]"]
    assert problems("5.7.1 \u2014 拒绝") == [] and problems("拒绝 \u2014 5.7.1") == ["绝 \u2014"]
    assert problems("mx.example.com (192.0.2.1)：拒绝（永久失败）——5.7.1") == []


@pytest.mark.parametrize(
    "args",
    [
        ("explain", "554"),
        ("explain", "5.9.9"),
        ("explain", "535 5.7.8"),
        ("compare", "334", "554"),
        ("compare", "421", "5.7.1"),
        ("compare", "550", "5.1.1"),
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_code_pages(args: tuple[str, ...], fmt: str) -> None:
    out = zh(*args, "--format", fmt)
    assert not problems(out), problems(out)


@pytest.mark.parametrize(
    "name",
    [
        "01-single-line-user-unknown.txt",
        "09-transcript-greeting-spamhaus.txt",
        "10-transcript-auth-login-5.7.139.txt",
        "13-postfix-spamhaus-zen.eml",
        "17-ms-5.7.606-banned-ip.txt",
        "28-netease-dt-spm.txt",
    ],
)
def test_diagnose(name: str) -> None:
    out = zh("diagnose", str(CORPUS / name))
    # The bounce's own lines are quoted as they are: judge only the app's text.
    quoted = (CORPUS / name).read_text(encoding="utf-8", errors="replace")
    own = "\n".join(line for line in out.splitlines() if line.strip("- ") not in quoted)
    assert not problems(own), problems(own)


def test_decode() -> None:
    exchange = "AUTH LOGIN\n334 VXNlcm5hbWU6\nYWxpY2U=\n334 UGFzc3dvcmQ6\nc2VjcmV0\n535 5.7.8 no\n"
    out = zh("decode", "-", stdin=exchange)
    assert not problems(out), problems(out)


def test_headers() -> None:
    out = zh("headers", str(SAMPLES / "qq_netease.txt"))
    assert not problems(out), problems(out)


def _dns(server: LoopbackDNSServer) -> list[str]:
    return ["--nameserver", server.nameserver, "--timeout", "1"]


@pytest.mark.parametrize(
    "args",
    [
        ("check", "blacklist", "192.0.2.2", "--zones",
         "zen.dnsbl.test=zen.spamhaus.org,spamcop.dnsbl.test=bl.spamcop.net"),
        ("check", "domain", "rec-good.test", "--ip", "198.51.100.25"),
        ("check", "domain", "rec-nullmx.test"),
        ("check", "spf", "good.spf.test", "--ip", "198.51.100.25"),
        ("check", "spf", "syntax.spf.test"),
    ],
    ids=" ".join,
)  # fmt: skip
def test_checks(dns_server: LoopbackDNSServer, args: tuple[str, ...]) -> None:
    out = zh(*args, *_dns(dns_server))
    assert not problems(out), problems(out)


@pytest.mark.network
def test_probe(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd(starttls=True)
    cert, _key = smtp_servers.certificate
    out = zh(
        "probe", "127.0.0.1", "--port", str(server.port), "--timeout", "3",
        "--from", "bob@example.test", "--to", "carol@example.test", "--cafile", str(cert),
    )  # fmt: skip
    assert not problems(out), problems(out)
