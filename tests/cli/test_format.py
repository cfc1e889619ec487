"""``--format text|markdown|json|html`` on every subcommand: one report, four renderings.

Each subcommand runs as a user runs it (a subprocess; the checks against the loopback DNS
server, the probe against a real SMTP server on 127.0.0.1). HTML must parse and carry the
report's title, Markdown must start with it as a heading, ``--format json`` must print what
``--json`` prints, and secrets stay masked in every format.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.dnsserver import LoopbackDNSServer
from tests.smtpserver import SMTPServers

ROOT = Path(__file__).resolve().parents[2]
BOUNCE = ROOT / "tests/corpus/bounces/01-single-line-user-unknown.txt"
# AUTH PLAIN of user "user", password "hunter2pw" (RFC 4616 2: authzid NUL authcid NUL passwd).
PLAIN = "C: AUTH PLAIN AHVzZXIAaHVudGVyMnB3\n"
# Values that differ from one run to the next (how long each answer took).
TIMINGS = frozenset({"ms", "elapsed_ms", "total_ms", "time", "duration_ms"})


def _cli(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smtp_gui", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
        check=False,
    )


class _Page(HTMLParser):
    """The page's <title>, its first <h1> as text, and every tag, parsed strictly enough:
    an unclosed tag or stray end tag shows as a mismatch in ``open_tags``."""

    VOID = frozenset({"meta", "br"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.h1 = ""
        self.open_tags: list[str] = []
        self.mismatched: list[str] = []
        self._h1_done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.open_tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open_tags or self.open_tags[-1] != tag:
            self.mismatched.append(tag)
            return
        self.open_tags.pop()
        if tag == "h1":
            self._h1_done = True

    def handle_data(self, data: str) -> None:
        if self.open_tags and self.open_tags[-1] == "title":
            self.title += data
        elif "h1" in self.open_tags and not self._h1_done:
            self.h1 += data


def _timeless(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _timeless(v) for k, v in data.items() if k not in TIMINGS}
    if isinstance(data, list):
        return [_timeless(v) for v in data]
    return data


def _check_formats(
    run: Callable[[list[str]], subprocess.CompletedProcess[str]],
    title_part: str,
    ok: tuple[int, ...] = (0,),
) -> dict[str, str]:
    """Run one command in every format; the outputs by format."""
    out: dict[str, str] = {}
    for fmt in ("text", "markdown", "html", "json"):
        done = run(["--format", fmt])
        assert done.returncode in ok, done.stderr
        out[fmt] = done.stdout
    legacy = run(["--json"])
    assert legacy.returncode in ok, legacy.stderr
    assert _timeless(json.loads(out["json"])) == _timeless(json.loads(legacy.stdout))

    page = _Page()
    page.feed(out["html"])
    page.close()
    assert out["html"].startswith("<!doctype html>")
    assert page.open_tags == [] and page.mismatched == []
    title = " ".join(page.title.split())
    assert title_part in title
    assert " ".join(page.h1.split()) == title

    first = out["markdown"].splitlines()[0]
    assert first.startswith("# ") and title_part in first
    assert title_part in out["text"]
    assert "<" not in out["text"].splitlines()[0]
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_explain(lang: str) -> None:
    out = _check_formats(lambda f: _cli(["explain", "554", "--lang", lang, *f]), "554")
    assert f'<html lang="{lang}' in out["html"]


def test_compare() -> None:
    out = _check_formats(lambda f: _cli(["compare", "334", "554", *f]), "334 ⟷ 554")
    assert "|" in out["markdown"]  # the comparison table


def test_decode_masks_the_password_in_every_format() -> None:
    out = _check_formats(lambda f: _cli(["decode", *f], stdin=PLAIN), "AUTH")
    for fmt, text in out.items():
        assert "hunter2pw" not in text, fmt
        assert "user" in text, fmt
    revealed = _cli(["decode", "--reveal", "--format", "html"], stdin=PLAIN)
    assert "hunter2pw" in revealed.stdout  # the check above can fail


def test_diagnose() -> None:
    out = _check_formats(lambda f: _cli(["diagnose", str(BOUNCE), *f]), "5.1.1")
    assert '<p class="verdict' in out["html"] and out["markdown"].count("\n> ") >= 1


def test_check_blacklist(dns_server: LoopbackDNSServer) -> None:
    args = [
        "check",
        "blacklist",
        "192.0.2.2",
        "--zones",
        "zen.dnsbl.test=zen.spamhaus.org",
        "--nameserver",
        dns_server.nameserver,
        "--timeout",
        "0.5",
    ]
    out = _check_formats(lambda f: _cli([*args, *f]), "192.0.2.2")
    # The TXT reason is a link in HTML, escaped text everywhere
    assert 'href="https://check.spamhaus.org/"' in out["html"]


def test_check_domain(dns_server: LoopbackDNSServer) -> None:
    args = [
        "check",
        "domain",
        "rec-good.test",
        "--only",
        "mx,spf,dmarc",
        "--nameserver",
        dns_server.nameserver,
        "--timeout",
        "1",
    ]
    out = _check_formats(lambda f: _cli([*args, *f]), "rec-good.test")
    assert dns_server.nameserver in out["html"]  # the resolver row


def test_check_spf(dns_server: LoopbackDNSServer) -> None:
    args = [
        "check",
        "spf",
        "good.spf.test",
        "--ip",
        "198.51.100.25",
        "--nameserver",
        dns_server.nameserver,
        "--timeout",
        "0.5",
    ]
    _check_formats(lambda f: _cli([*args, *f]), "good.spf.test")


def test_probe(smtp_servers: SMTPServers) -> None:
    server = smtp_servers.aiosmtpd()
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
        "bob@example.test",
        "--to",
        "carol@example.test",
    ]
    out = _check_formats(lambda f: _cli([*args, *f]), "Probe result")
    # Markdown and HTML come whole, with the transcript the text format streamed
    assert "MAIL FROM" in out["markdown"] and "MAIL FROM" in out["html"]


@pytest.mark.parametrize(
    "command",
    [
        ["explain", "554"],
        ["compare", "334", "554"],
        ["decode", "334 VXNlcm5hbWU6"],
        ["diagnose", str(BOUNCE)],
        ["check", "spf", "x.test"],
        ["probe", "127.0.0.1"],
    ],
)
def test_bogus_format_is_one_line_and_exit_2(command: list[str]) -> None:
    done = _cli([*command, "--format", "bogus"])
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "--format" in done.stderr
    assert "Traceback" not in done.stderr


def test_json_with_another_format_is_refused() -> None:
    done = _cli(["explain", "554", "--json", "--format", "html"])
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.count("\n") == 1 and "--format html" in done.stderr
