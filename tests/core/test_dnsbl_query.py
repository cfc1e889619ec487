"""Targets and query names (RFC 5782 2.1, 2.2, 2.4) and the section 5 test entries."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp_gui.core.dnsbl.query import (
    Target,
    TargetKind,
    parse_target,
    probe_targets,
    query_name,
    reversed_name,
)
from smtp_gui.core.dnsbl.zones import Zone, ZoneKind, find_zone
from smtp_gui.core.text.errors import InputError

IP_ZONE = Zone("bl.example", "bl", ZoneKind.IP, ipv4=True, ipv6=True)
V6_ZONE = Zone("v6.example", "v6", ZoneKind.IP, ipv4=False, ipv6=True)
DOMAIN_ZONE = Zone("dbl.example", "dbl", ZoneKind.DOMAIN, ipv4=False)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("192.0.2.1", TargetKind.IPV4, "192.0.2.1"),
        ("  192.0.2.1\n", TargetKind.IPV4, "192.0.2.1"),
        ("[192.0.2.1]", TargetKind.IPV4, "192.0.2.1"),
        ("2001:DB8::1", TargetKind.IPV6, "2001:db8::1"),
        ("[2001:db8:0:0::1]", TargetKind.IPV6, "2001:db8::1"),
        ("::ffff:192.0.2.7", TargetKind.IPV4, "192.0.2.7"),
        ("Example.COM", TargetKind.DOMAIN, "example.com"),
        ("example.com.", TargetKind.DOMAIN, "example.com"),
        ("user@Mail.Example.org", TargetKind.DOMAIN, "mail.example.org"),
        ("<bounce@example.net>", TargetKind.DOMAIN, "example.net"),
        ("bücher.example", TargetKind.DOMAIN, "xn--bcher-kva.example"),
    ],
)
def test_parse_target(text: str, kind: TargetKind, value: str) -> None:
    assert parse_target(text) == Target(kind, value)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "dnsbl.empty_target"),
        ("   ", "dnsbl.empty_target"),
        ("192.0.2.0/24", "dnsbl.network_target"),
        ("fe80::1%eth0", "dnsbl.bad_target"),
        ("localhost", "dnsbl.bad_target"),
        ("192.0.2", "dnsbl.bad_target"),
        ("999.1.1.1", "dnsbl.bad_target"),
        ("exa mple.com", "dnsbl.bad_target"),
        ("-bad.example", "dnsbl.bad_target"),
        ("a..example", "dnsbl.bad_target"),
        ("user@", "dnsbl.bad_target"),
        ("x" * 400, "dnsbl.bad_target"),
        ("<b>x</b>.example", "dnsbl.bad_target"),
    ],
)
def test_parse_target_rejects(text: str, key: str) -> None:
    with pytest.raises(InputError) as info:
        parse_target(text)
    assert info.value.key == key
    assert info.value.text("zh") != info.value.text("en")


@pytest.mark.parametrize(
    ("target", "name"),
    [
        # RFC 5782 2.1: octets reversed.
        (Target(TargetKind.IPV4, "192.0.2.99"), "99.2.0.192.bl.example"),
        # RFC 5782 2.4's own example: every nibble of the full address, reversed.
        (
            Target(TargetKind.IPV6, "2001:db8:1:2:3:4:567:89ab"),
            "b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.bl.example",
        ),
        (Target(TargetKind.DOMAIN, "example.com"), "example.com.bl.example"),
    ],
)
def test_query_name(target: Target, name: str) -> None:
    assert query_name(target, IP_ZONE) == name


def test_ipv6_name_has_32_nibbles() -> None:
    assert len(reversed_name(Target(TargetKind.IPV6, "::1")).split(".")) == 32


@pytest.mark.parametrize(
    ("zone", "must", "must_not"),
    [
        (IP_ZONE, "2.0.0.127", "1.0.0.127"),
        (DOMAIN_ZONE, "test", "invalid"),
        (V6_ZONE, "2.0.0.0.0.0.f.7.f.f.f.f" + ".0" * 20, "1.0.0.0.0.0.f.7.f.f.f.f" + ".0" * 20),
    ],
)
def test_probe_entries(zone: Zone, must: str, must_not: str) -> None:
    listed, unlisted = probe_targets(zone)
    assert reversed_name(listed) == must
    assert reversed_name(unlisted) == must_not


@pytest.mark.parametrize(
    ("text", "zone", "applies"),
    [
        ("192.0.2.1", "zen.spamhaus.org", True),
        ("2001:db8::1", "zen.spamhaus.org", True),
        ("2001:db8::1", "bl.spamcop.net", False),
        ("192.0.2.1", "bl.ipv6.spameatingmonkey.net", False),
        ("192.0.2.1", "dbl.spamhaus.org", False),
        ("example.com", "dbl.spamhaus.org", True),
        ("example.com", "zen.spamhaus.org", False),
    ],
)
def test_applies_to(text: str, zone: str, applies: bool) -> None:
    found = find_zone(zone)
    assert found is not None
    assert parse_target(text).applies_to(found) is applies


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=400))
def test_parse_target_never_crashes(text: str) -> None:
    started = time.monotonic()
    try:
        target = parse_target(text)
    except InputError:
        return
    finally:
        assert time.monotonic() - started < 0.5
    assert target.value == target.value.strip()
    assert len(query_name(target, IP_ZONE)) < 1100
