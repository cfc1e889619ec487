"""lookup() against the loopback server: each outcome, never an exception."""

from __future__ import annotations

import pytest

from smtp_gui.core.dns.lookup import Outcome, lookup
from smtp_gui.core.dns.resolver import ResolverConfig, build_resolver
from tests.dnsserver import LoopbackDNSServer


@pytest.fixture
def resolver(resolver_config: ResolverConfig):  # type: ignore[no-untyped-def]
    return build_resolver(resolver_config)


def test_answer_nxdomain_nodata(resolver) -> None:  # type: ignore[no-untyped-def]
    mx = lookup(resolver, "basics.test", "MX")
    assert mx.outcome is Outcome.ANSWER and mx.records == ("10 mx1.basics.test.",)
    assert lookup(resolver, "missing.basics.test", "A").outcome is Outcome.NXDOMAIN
    assert lookup(resolver, "mx1.basics.test", "TXT").outcome is Outcome.NODATA


def test_txt_strings_are_joined_and_kept(resolver) -> None:  # type: ignore[no-untyped-def]
    txt = lookup(resolver, "long.basics.test", "TXT")
    assert txt.records == ("first part second part",)
    assert txt.raw_txt == ((b"first part ", b"second part"),)


@pytest.mark.parametrize(
    ("behaviour", "outcome"),
    [
        ({"rcode": 2}, Outcome.SERVFAIL),
        ({"rcode": 5}, Outcome.REFUSED),
        ({"drop": True}, Outcome.TIMEOUT),
        ({"garbage": True}, Outcome.TIMEOUT),
    ],
)
def test_failures_are_could_not_check(
    dns_server: LoopbackDNSServer,
    resolver,
    behaviour: dict[str, object],
    outcome: Outcome,  # type: ignore[no-untyped-def]
) -> None:
    dns_server.behave("basics.test", **behaviour)
    result = lookup(resolver, "basics.test", "A")
    assert result.outcome is outcome
    assert result.could_not_check


def test_nothing_listening_is_timeout_or_error() -> None:
    from smtp_gui.core.dns.resolver import Nameserver

    config = ResolverConfig((Nameserver("127.0.0.1", 9),), timeout=0.5)
    result = lookup(build_resolver(config), "basics.test", "A")
    assert result.could_not_check
