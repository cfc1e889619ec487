"""DANE/TLSA: the record parser, and the check against loopback servers (one that validates)."""

from __future__ import annotations

from collections.abc import Iterator

import dns.flags
import dns.message
import dns.name
import dns.resolver
import pytest

from smtp_gui.core.checks.status import CheckResult, Status
from smtp_gui.core.dns.resolver import Nameserver, ResolverConfig, build_resolver
from smtp_gui.core.records.dane import parse_tlsa, tlsa_check
from tests.dnsserver import Behaviour, LoopbackDNSServer

SHA256 = "22c4614379ba19952941fbd8981a3cd6c0188e25b47d46269166e4acae5cad19"


def _keys(result: CheckResult) -> list[str]:
    return [p.note.key for p in result.problems]


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (f"3 1 1 {SHA256}", []),
        (f"2 0 1 {SHA256}", []),
        (f"3 1 2 {SHA256 * 2}", []),
        (f"1 0 1 {SHA256}", ["tlsa.pkix_usage"]),
        (f"4 1 1 {SHA256}", ["tlsa.bad_usage"]),
        (f"3 2 1 {SHA256}", ["tlsa.bad_selector"]),
        ("3 1 9 abcd", ["tlsa.bad_mtype"]),
        ("3 1 1 abcd", ["tlsa.bad_length"]),
        ("3 0 0 3082", ["tlsa.full_cert"]),
        ("3 1", ["tlsa.syntax"]),
        ("x y z 00", ["tlsa.syntax"]),
    ],
)
def test_parse_tlsa(text: str, problems: list[str]) -> None:
    assert [p.note.key for p in parse_tlsa(text).problems] == problems


def test_resolver_asks_for_the_ad_bit(resolver_config: ResolverConfig) -> None:
    # RFC 6840 5.7: without AD (or DO) in the query, a validating resolver does not set AD.
    assert build_resolver(resolver_config).flags == dns.flags.RD | dns.flags.AD


@pytest.fixture
def resolver(resolver_config: ResolverConfig) -> dns.resolver.Resolver:
    return build_resolver(resolver_config)


def test_unvalidated_answers_warn(resolver: dns.resolver.Resolver) -> None:
    result = tlsa_check("rec-good.test", resolver)
    assert result.status is Status.WARN
    assert _keys(result) == ["tlsa.not_validated", "tlsa.not_validated"]
    assert result.extra["dnssec_validated"] is False
    hosts = result.extra["hosts"]
    assert [h["host"] for h in hosts] == ["mx1.rec-good.test", "mx2.rec-good.test"]
    assert hosts[0]["tlsa"] == [f"3 1 1 {SHA256}"]
    assert "_25._tcp.mx1.rec-good.test: 3 1 1" in (result.record or "")


def test_unusable_records_fail(resolver: dns.resolver.Resolver) -> None:
    result = tlsa_check("rec-bad.test", resolver)
    assert result.status is Status.FAIL
    assert "tlsa.none_usable" in _keys(result)
    inner = [
        p.note.params["finding"].note.key for p in result.problems if p.note.key == "tlsa.at_host"
    ]
    assert sorted(inner) == ["tlsa.bad_mtype", "tlsa.bad_usage", "tlsa.pkix_usage"]


@pytest.mark.parametrize(
    ("domain", "key"),
    [
        ("rec-nullmx.test", "tlsa.null_mx"),
        ("rec-nothing.test", "tlsa.none"),  # no MX: the domain itself is looked up
        ("rec-cnamemx.test", "tlsa.none"),
        ("rec-absent.test", "tlsa.no_domain"),
    ],
)
def test_not_applicable_or_absent_is_info(
    resolver: dns.resolver.Resolver, domain: str, key: str
) -> None:
    result = tlsa_check(domain, resolver)
    assert result.status is Status.INFO and result.summary.key == key


def test_partial_coverage_warns(resolver: dns.resolver.Resolver) -> None:
    result = tlsa_check("rec-danepart.test", resolver)
    assert _keys(result) == ["tlsa.not_validated", "tlsa.partial"]
    assert result.problems[1].note.params["host"] == "mx2.rec-danepart.test"


@pytest.mark.parametrize(
    ("behaviour", "failure"),
    [({"drop": True}, "timeout"), ({"rcode": 2}, "servfail"), ({"rcode": 5}, "refused")],
)
def test_could_not_check(
    dns_server: LoopbackDNSServer,
    resolver: dns.resolver.Resolver,
    behaviour: dict[str, object],
    failure: str,
) -> None:
    dns_server.behave("rec-slow.test", **behaviour)
    result = tlsa_check("rec-slow.test", resolver)
    assert result.status is Status.ERROR and result.extra["failure"] == failure


def test_tlsa_lookup_failure_alone_is_could_not_check(
    dns_server: LoopbackDNSServer, resolver: dns.resolver.Resolver
) -> None:
    dns_server.behave("_25._tcp.mx.rec-slow.test", rcode=2)
    result = tlsa_check("rec-slow.test", resolver)
    assert result.status is Status.ERROR and result.extra["failure"] == "servfail"


# --- a loopback server that plays a validating resolver for one signed zone -----------------
class _ValidatingServer(LoopbackDNSServer):
    """Sets AD on answers under ``signed`` when the query asked for it (RFC 6840 5.7)."""

    signed = dns.name.from_text("rec-good.test")

    def answer(self, wire: bytes, transport: str) -> tuple[Behaviour, bytes | None]:
        behaviour, reply = super().answer(wire, transport)
        if reply is None:
            return behaviour, reply
        query = dns.message.from_wire(wire)
        if query.flags & dns.flags.AD and query.question[0].name.is_subdomain(self.signed):
            response = dns.message.from_wire(reply)
            response.flags |= dns.flags.AD
            return behaviour, response.to_wire()
        return behaviour, reply


@pytest.fixture
def validating_resolver() -> Iterator[dns.resolver.Resolver]:
    server = _ValidatingServer()
    server.load_zone_dir()
    server.start()
    try:
        config = ResolverConfig((Nameserver(server.host, server.port),), timeout=1.0)
        yield build_resolver(config)
    finally:
        server.stop()


def test_validated_answers_pass(validating_resolver: dns.resolver.Resolver) -> None:
    result = tlsa_check("rec-good.test", validating_resolver)
    assert result.status is Status.PASS, [p.text("en") for p in result.problems]
    assert result.extra["dnssec_validated"] is True
    assert all(h["dnssec_validated"] for h in result.extra["hosts"])
    assert "validated by DNSSEC" in result.summary.text("en")
