"""TLS-RPT and BIMI: the parsers, and the checks against the loopback server."""

from __future__ import annotations

import time

import dns.resolver
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp_gui.core.checks.status import CheckResult, Status
from smtp_gui.core.dns.resolver import ResolverConfig, build_resolver
from smtp_gui.core.records.policy_records import bimi_check, parse_bimi, parse_tlsrpt, tls_rpt_check
from tests.dnsserver import LoopbackDNSServer


@pytest.fixture
def resolver(resolver_config: ResolverConfig) -> dns.resolver.Resolver:
    return build_resolver(resolver_config)


def _keys(result: CheckResult) -> list[str]:
    return [p.note.key for p in result.problems]


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("v=TLSRPTv1; rua=mailto:tls@example.com", []),
        ("v=TLSRPTv1;rua=mailto:a@example.com, https://r.example.com/tls", []),
        ("v=TLSRPTv1", ["tlsrpt.no_rua"]),
        ("v=TLSRPTv1; rua=ftp://r.example.com/", ["tlsrpt.bad_uri"]),
        ("v=TLSRPTv1; rua=tls@example.com", ["tlsrpt.bad_uri"]),
        ("rua=mailto:a@example.com; v=TLSRPTv1", ["tlsrpt.version"]),
        ("v=TLSRPTv1; junk; rua=mailto:a@example.com", ["policy.syntax"]),
    ],
)
def test_parse_tlsrpt(text: str, problems: list[str]) -> None:
    parsed = parse_tlsrpt(text)
    assert [p.note.key for p in parsed.problems] == problems
    assert parsed.valid is (not problems)


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem", []),
        ("v=BIMI1; l=https://example.com/logo.svg", ["bimi.no_evidence"]),
        ("v=BIMI1; l=; a=;", ["bimi.declined"]),
        ("v=BIMI1; a=https://example.com/vmc.pem", ["bimi.no_logo"]),
        (
            "v=BIMI1; l=http://example.com/logo.svg; a=https://x.example/v.pem",
            ["bimi.logo_not_https"],
        ),
        (
            "v=BIMI1; l=https://example.com/logo.png; a=https://x.example/v.pem",
            ["bimi.logo_not_svg"],
        ),
        (
            "v=BIMI1; l=https://example.com/l.svg; a=ftp://x.example/v.pem",
            ["bimi.evidence_not_https"],
        ),
        ("v=BIMI2; l=https://example.com/l.svg; a=https://x.example/v.pem", ["bimi.version"]),
    ],
)
def test_parse_bimi(text: str, problems: list[str]) -> None:
    assert [p.note.key for p in parse_bimi(text).problems] == problems


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=300))
def test_parsers_never_raise(text: str) -> None:
    started = time.monotonic()
    for parsed in (parse_tlsrpt(text), parse_bimi(text)):
        assert all(p.text("zh") for p in parsed.problems)
        assert all(d.meaning is None or d.meaning.text("zh") for d in parsed.details)
    assert time.monotonic() - started < 0.5


def test_tls_rpt_good_bad_and_missing(resolver: dns.resolver.Resolver) -> None:
    good = tls_rpt_check("rec-good.test", resolver)
    assert good.status is Status.PASS
    assert [d.label for d in good.details] == ["v", "rua", "rua"]
    bad = tls_rpt_check("rec-bad.test", resolver)
    assert bad.status is Status.FAIL and _keys(bad) == ["tlsrpt.bad_uri"]
    assert tls_rpt_check("rec-nothing.test", resolver).status is Status.INFO


def test_bimi_good_bad_and_missing(resolver: dns.resolver.Resolver) -> None:
    good = bimi_check("rec-good.test", resolver)
    assert good.status is Status.PASS, [p.text("en") for p in good.problems]
    bad = bimi_check("rec-bad.test", resolver)
    assert bad.status is Status.FAIL
    assert _keys(bad) == ["bimi.logo_not_https", "bimi.no_evidence", "bimi.dmarc_weak"]
    assert bimi_check("rec-nothing.test", resolver).status is Status.INFO


def test_bimi_without_dmarc_enforcement(
    dns_server: LoopbackDNSServer, resolver: dns.resolver.Resolver
) -> None:
    dns_server.add_txt(
        "default._bimi.rec-rua.test",
        ["v=BIMI1; l=https://rec-rua.test/l.svg; a=https://rec-rua.test/a.pem"],
    )
    result = bimi_check("rec-rua.test", resolver)  # its DMARC policy is p=none
    assert result.status is Status.FAIL and _keys(result) == ["bimi.dmarc_weak"]


@pytest.mark.parametrize("check", [tls_rpt_check, bimi_check])
@pytest.mark.parametrize(
    ("behaviour", "failure"),
    [({"drop": True}, "timeout"), ({"rcode": 2}, "servfail"), ({"rcode": 5}, "refused")],
)
def test_could_not_check(
    dns_server: LoopbackDNSServer,
    resolver: dns.resolver.Resolver,
    check: object,
    behaviour: dict[str, object],
    failure: str,
) -> None:
    dns_server.behave("rec-slow.test", **behaviour)
    result = check("rec-slow.test", resolver)  # type: ignore[operator]
    assert result.status is Status.ERROR and result.extra["failure"] == failure
