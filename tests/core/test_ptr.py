"""PTR and forward-confirmed reverse DNS against the loopback server."""

from __future__ import annotations

import dns.resolver
import pytest

from smtp_gui.core.checks.status import CheckResult, Status
from smtp_gui.core.dns.resolver import ResolverConfig, build_resolver
from smtp_gui.core.records.ptr import looks_generic, normalize_ip, ptr_check
from smtp_gui.core.text.errors import InputError
from tests.dnsserver import LoopbackDNSServer


@pytest.fixture
def resolver(resolver_config: ResolverConfig) -> dns.resolver.Resolver:
    return build_resolver(resolver_config)


def _keys(result: CheckResult) -> list[str]:
    return [p.note.key for p in result.problems]


def test_forward_confirmed(resolver: dns.resolver.Resolver) -> None:
    result = ptr_check("198.51.100.25", resolver)
    assert result.status is Status.PASS
    assert result.extra == {"ip": "198.51.100.25", "ptr": ["mx1.rec-good.test"], "fcrdns": True}
    assert result.record == "mx1.rec-good.test."
    assert _keys(result) == ["ptr.bulk_rules"]
    assert "Gmail" in result.problems[-1].text("en")


def test_ipv6_forward_confirmed(resolver: dns.resolver.Resolver) -> None:
    result = ptr_check("2001:db8::25", resolver)
    assert result.status is Status.PASS and result.extra["fcrdns"] is True


def test_ptr_that_points_elsewhere_fails(resolver: dns.resolver.Resolver) -> None:
    result = ptr_check("198.51.100.26", resolver)
    assert result.status is Status.FAIL
    assert _keys(result) == ["ptr.not_confirmed", "ptr.bulk_rules"]
    assert "198.51.100.99" in result.details[0].value


def test_no_ptr_fails_with_5_7_25(resolver: dns.resolver.Resolver) -> None:
    result = ptr_check("198.51.100.27", resolver)
    assert result.status is Status.FAIL
    assert result.problems[0].rfc == "RFC 7372 3.3"
    assert "5.7.25" in result.problems[1].text("en")


def test_generic_name_warns(resolver: dns.resolver.Resolver) -> None:
    result = ptr_check("198.51.100.28", resolver)
    assert result.status is Status.WARN
    assert "ptr.generic" in _keys(result)


@pytest.mark.parametrize(
    ("name", "ip", "generic"),
    [
        ("198-51-100-28.dynamic.example.net", "198.51.100.28", True),
        ("28.100.51.198.example.net", "198.51.100.28", True),
        ("dsl-pool.example.net", "192.0.2.1", True),
        ("mail.example.com", "192.0.2.1", False),
        ("mx1.example.com", "2001:db8::1", False),
    ],
)
def test_looks_generic(name: str, ip: str, generic: bool) -> None:
    assert looks_generic(name, ip) is generic


def test_normalize_ip() -> None:
    assert normalize_ip(" [2001:DB8::1] ") == "2001:db8::1"
    assert normalize_ip("IPv6:2001:db8::1") == "2001:db8::1"
    with pytest.raises(InputError):
        normalize_ip("198.51.100.300")


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
    dns_server.behave("29.100.51.198.in-addr.arpa", **behaviour)
    result = ptr_check("198.51.100.29", resolver)
    assert result.status is Status.ERROR
    assert result.extra["failure"] == failure


def test_forward_lookup_failure_is_could_not_confirm(
    dns_server: LoopbackDNSServer, resolver: dns.resolver.Resolver
) -> None:
    dns_server.behave("unmatched.rec-good.test", rcode=2)
    result = ptr_check("198.51.100.26", resolver)
    assert result.status is Status.ERROR
    assert "ptr.not_confirmed" not in _keys(result)


@pytest.mark.parametrize(
    "name",
    [
        "mail\\;evil.rec-good.test",  # issue 12: a name with an escaped ";"
        "a\\;b\\;c.rec-good.test",
        "semi\\;colon\\032space.rec-good.test",
        "out.mail\\.",  # an escaped dot last: rstrip(".") cut it to "out.mail\"
    ],
)
def test_escaped_characters_keep_the_whole_name(
    resolver: dns.resolver.Resolver, dns_server: LoopbackDNSServer, name: str
) -> None:
    """The PTR name is shown whole, in presentation form, and asked forward as itself."""
    dns_server.add("60.100.51.198.in-addr.arpa", "PTR", f"{name}.")
    dns_server.add(name, "A", "198.51.100.60")
    result = ptr_check("198.51.100.60", resolver)
    assert result.status is Status.PASS, [p.text("en") for p in result.problems]
    assert result.extra == {"ip": "198.51.100.60", "ptr": [name], "fcrdns": True}
    assert result.record == f"{name}."
    assert (
        result.summary.text("en")
        == f"198.51.100.60 has reverse DNS {name}, which resolves back to it."
    )
    assert name in result.summary.text("zh")
    assert result.details[0].value == f"{name} -> 198.51.100.60"
    asked = [q.name for q in dns_server.queries if q.rdtype == "A"]
    assert asked == [name.lower()]
