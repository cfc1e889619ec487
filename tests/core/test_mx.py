"""MX check against the loopback server: hosts, null MX, implicit MX, aliases, failures."""

from __future__ import annotations

import dns.resolver
import pytest

from smtp_gui.core.checks.status import Status
from smtp_gui.core.dns.resolver import ResolverConfig, build_resolver
from smtp_gui.core.records.mx import MxRecord, mx_check, parse_mx
from tests.dnsserver import LoopbackDNSServer


@pytest.fixture
def resolver(resolver_config: ResolverConfig) -> dns.resolver.Resolver:
    return build_resolver(resolver_config)


def _keys(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.note.key for p in result.problems]


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        (
            ("20 b.example.", "10 A.Example."),
            [MxRecord(10, "a.example"), MxRecord(20, "b.example")],
        ),
        (("0 .",), [MxRecord(0, "")]),
        # escapes kept whole (RFC 1035 5.1); rstrip(".") ate the escaped dot of "mx\\.."
        (
            ("10 mx\\;1.example.", "20 mx\\.."),
            [MxRecord(10, "mx\\;1.example"), MxRecord(20, "mx\\.")],
        ),
        (("x y",), []),
    ],
)
def test_parse_mx(records: tuple[str, ...], expected: list[MxRecord]) -> None:
    assert list(parse_mx(records)) == expected


def test_ip_literal_targets_are_recognised() -> None:
    assert MxRecord(10, "192.0.2.1").is_ip_literal
    assert MxRecord(10, "[ipv6:2001:db8::1]").is_ip_literal
    assert not MxRecord(10, "mx.example").is_ip_literal


def test_good_domain_lists_hosts_with_addresses(resolver: dns.resolver.Resolver) -> None:
    result = mx_check("rec-good.test", resolver)
    assert result.status is Status.PASS
    assert result.record == "10 mx1.rec-good.test.\n20 mx2.rec-good.test."
    assert result.extra["hosts"] == [
        {
            "preference": 10,
            "host": "mx1.rec-good.test",
            "addresses": ["198.51.100.25", "2001:db8::25"],
            "cname": None,
        },
        {
            "preference": 20,
            "host": "mx2.rec-good.test",
            "addresses": ["198.51.100.26"],
            "cname": None,
        },
    ]
    assert [d.label for d in result.details] == ["MX 10", "MX 20"]
    assert "mx1.rec-good.test" in result.summary.text("en")


def test_null_mx_explains_556_and_5_1_10(resolver: dns.resolver.Resolver) -> None:
    result = mx_check("rec-nullmx.test", resolver)
    assert result.status is Status.INFO
    assert result.extra["null_mx"] is True
    texts = [p.text("en") for p in result.problems]
    assert any("556 5.1.10" in t and "(RFC 7505 4.1)" in t for t in texts)
    assert any("550 5.7.27" in t for t in texts)
    assert "空 MX" in result.summary.text("zh")


def test_null_mx_mixed_with_other_mx_fails(resolver: dns.resolver.Resolver) -> None:
    result = mx_check("rec-nullmix.test", resolver)
    assert result.status is Status.FAIL
    assert _keys(result) == ["mx.null_mixed"]
    assert result.problems[0].rfc == "RFC 7505 3"


def test_cname_and_ip_literal_targets_warn(resolver: dns.resolver.Resolver) -> None:
    result = mx_check("rec-cnamemx.test", resolver)
    assert result.status is Status.WARN
    assert _keys(result) == ["mx.cname", "mx.ip_literal"]
    assert result.extra["hosts"][0]["cname"] == "real.rec-cnamemx.test"
    assert result.extra["hosts"][0]["addresses"] == ["198.51.100.32"]


def test_no_mx_falls_back_to_address(resolver: dns.resolver.Resolver) -> None:
    result = mx_check("rec-nomx.test", resolver)
    assert result.status is Status.WARN
    assert result.extra["implicit"] is True
    assert result.problems[0].rfc == "RFC 5321 5.1"
    assert result.extra["hosts"][0]["addresses"] == ["198.51.100.40"]


def test_no_mx_and_no_address_fails(resolver: dns.resolver.Resolver) -> None:
    result = mx_check("rec-nothing.test", resolver)
    assert result.status is Status.FAIL
    assert _keys(result) == ["mx.no_mx_no_address"]


def test_dangling_mx_host_fails(resolver: dns.resolver.Resolver) -> None:
    result = mx_check("rec-dangling.test", resolver)
    assert result.status is Status.FAIL
    assert _keys(result) == ["mx.host_no_address"]


def test_nxdomain_fails(resolver: dns.resolver.Resolver) -> None:
    assert mx_check("rec-absent.test", resolver).status is Status.FAIL


@pytest.mark.parametrize(
    ("behaviour", "failure", "word"),
    [
        ({"drop": True}, "timeout", "timed out"),
        ({"rcode": 2}, "servfail", "SERVFAIL"),
        ({"rcode": 5}, "refused", "REFUSED"),
    ],
)
def test_could_not_check_is_error_never_no_record(
    dns_server: LoopbackDNSServer,
    resolver: dns.resolver.Resolver,
    behaviour: dict[str, object],
    failure: str,
    word: str,
) -> None:
    dns_server.behave("rec-slow.test", **behaviour)
    result = mx_check("rec-slow.test", resolver)
    assert result.status is Status.ERROR
    assert result.extra["failure"] == failure
    assert word in result.summary.text("en")
    assert "无法检查" in result.summary.text("zh")


def test_host_lookup_failure_is_reported_per_host(
    dns_server: LoopbackDNSServer, resolver: dns.resolver.Resolver
) -> None:
    dns_server.behave("mx2.rec-good.test", rcode=2)
    result = mx_check("rec-good.test", resolver)
    assert result.status is Status.ERROR
    assert {p.note.key for p in result.problems} == {"findings.servfail"}
    assert result.extra["hosts"][0]["addresses"] == ["198.51.100.25", "2001:db8::25"]
