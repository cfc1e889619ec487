"""check_host() against the loopback DNS server and tests/zones/spf.zone."""

from __future__ import annotations

import itertools
import time

import dns.resolver
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smtp_gui.core.dns.resolver import Nameserver, ResolverConfig, build_resolver
from smtp_gui.core.spf.evaluate import check_host, evaluate, parse_ip, split_sender
from smtp_gui.core.spf.record import SpfResult
from smtp_gui.core.spf.trace import TraceEntry
from smtp_gui.core.text.errors import InputError
from tests.dnsserver import LoopbackDNSServer

pytestmark = pytest.mark.network


@pytest.fixture
def resolver(dns_server: LoopbackDNSServer) -> dns.resolver.Resolver:
    """A short timeout so that the timeout cases stay fast."""
    return build_resolver(ResolverConfig((Nameserver(dns_server.host, dns_server.port),), 0.3))


@pytest.mark.parametrize(
    ("domain", "ip", "sender", "result", "lookups", "voids", "why"),
    [
        ("good.spf.test", "192.0.2.7", "", "pass", 0, 0, "spf.why.matched"),
        ("good.spf.test", "198.51.100.25", "", "pass", 2, 0, "spf.why.matched"),
        ("good.spf.test", "2001:db8::25", "", "pass", 1, 0, "spf.why.matched"),
        ("good.spf.test", "203.0.113.9", "", "fail", 3, 0, "spf.why.matched"),
        ("good.spf.test", "::ffff:192.0.2.7", "", "pass", 0, 0, "spf.why.matched"),
        ("split.spf.test", "203.0.113.5", "", "pass", 0, 0, "spf.why.matched"),
        ("split.spf.test", "192.0.2.1", "", "fail", 0, 0, "spf.why.matched"),
        ("loop.spf.test", "192.0.2.1", "", "permerror", 11, 0, "spf.why.lookup_limit"),
        ("selfredirect.spf.test", "192.0.2.9", "", "permerror", 11, 0, "spf.why.lookup_limit"),
        ("selfredirect.spf.test", "192.0.2.1", "", "pass", 0, 0, "spf.why.matched"),
        ("eleven.spf.test", "192.0.2.111", "", "permerror", 11, 0, "spf.why.lookup_limit"),
        ("eleven.spf.test", "192.0.2.110", "", "pass", 10, 0, "spf.why.matched"),
        ("void3.spf.test", "192.0.2.1", "", "permerror", 3, 3, "spf.why.void_limit"),
        ("multi.spf.test", "192.0.2.1", "", "permerror", 0, 0, "spf.why.multiple"),
        ("macro.spf.test", "192.0.2.1", "alice@macro.spf.test", "pass", 1, 0, "spf.why.matched"),
        ("macro.spf.test", "192.0.2.1", "bob@macro.spf.test", "fail", 1, 1, "spf.why.matched"),
        ("syntax.spf.test", "192.0.2.1", "", "permerror", 0, 0, "spf.why.syntax"),
        ("manymx.spf.test", "192.0.2.1", "", "permerror", 1, 0, "spf.why.mx_limit"),
        ("inclnone.spf.test", "192.0.2.1", "", "permerror", 1, 0, "spf.why.include_none"),
        ("nospf.spf.test", "192.0.2.1", "", "none", 0, 0, "spf.why.no_record"),
        ("nothere.spf.test", "192.0.2.1", "", "none", 0, 0, "spf.why.nxdomain"),
        ("noall.spf.test", "192.0.2.9", "", "neutral", 0, 0, "spf.why.default"),
        ("plusall.spf.test", "203.0.113.1", "", "pass", 0, 0, "spf.why.matched"),
    ],
)
def test_results(
    resolver: dns.resolver.Resolver,
    domain: str,
    ip: str,
    sender: str,
    result: str,
    lookups: int,
    voids: int,
    why: str,
) -> None:
    evaluation = check_host(resolver, ip, domain, sender or f"postmaster@{domain}", "mx.test")
    assert str(evaluation.result) == result, evaluation.reason_text("en")
    assert (evaluation.lookups, evaluation.void_lookups) == (lookups, voids)
    assert evaluation.reason.key == why
    assert evaluation.reason_text("en") and evaluation.reason_text("zh")


@pytest.mark.parametrize(
    ("behaviour", "domain", "ip", "why"),
    [
        ({"drop": True}, "dead.spf.test", "192.0.2.1", "spf.why.record_temperror"),
        ({"rcode": 2}, "servfail.spf.test", "192.0.2.1", "spf.why.record_temperror"),
        ({"rcode": 5}, "servfail.spf.test", "192.0.2.1", "spf.why.record_temperror"),
        ({"drop": True}, "timeout.spf.test", "192.0.2.1", "spf.why.record_temperror"),
        ({"rcode": 2}, "inclfail.spf.test", "192.0.2.9", "spf.why.record_temperror"),
    ],
)
def test_dns_failures_are_temperror_not_none(
    dns_server: LoopbackDNSServer,
    resolver: dns.resolver.Resolver,
    behaviour: dict[str, object],
    domain: str,
    ip: str,
    why: str,
) -> None:
    for suffix in ("dead.spf.test", "servfail.spf.test", "slow.spf.test"):
        dns_server.behave(suffix, **behaviour)
    started = time.monotonic()
    evaluation = check_host(resolver, ip, domain, f"postmaster@{domain}")
    assert evaluation.result is SpfResult.TEMPERROR
    assert evaluation.reason.key == why
    assert time.monotonic() - started < 3


def test_a_failing_include_is_not_reached_when_an_earlier_term_matches(
    dns_server: LoopbackDNSServer, resolver: dns.resolver.Resolver
) -> None:
    dns_server.behave("servfail.spf.test", rcode=2)
    assert (
        check_host(resolver, "192.0.2.1", "inclfail.spf.test", "a@inclfail.spf.test").result
        is SpfResult.PASS
    )


def test_trace_is_a_tree_with_lookups_per_term(resolver: dns.resolver.Resolver) -> None:
    evaluation = check_host(resolver, "198.51.100.25", "good.spf.test", "x@good.spf.test")
    assert evaluation.record == "v=spf1 ip4:192.0.2.0/24 include:_inc.spf.test -all"
    assert evaluation.record_query is not None and evaluation.record_query.rdtype == "TXT"
    first, include = evaluation.trace
    assert (first.term, first.matched, first.cost) == ("ip4:192.0.2.0/24", False, 0)
    assert (include.kind, include.matched, include.cost, include.result) == (
        "include",
        True,
        1,
        SpfResult.PASS,
    )
    assert include.record == "v=spf1 ip6:2001:db8::/32 a:mail.spf.test mx ~all"
    assert [c.term for c in include.children] == ["ip6:2001:db8::/32", "a:mail.spf.test"]
    a_term = include.children[1]
    assert a_term.target == "mail.spf.test"
    assert [(q.name, q.rdtype, q.answers) for q in a_term.queries] == [
        ("mail.spf.test.", "A", ("198.51.100.25",))
    ]
    assert include.subtree_cost() == evaluation.lookups == 2
    data = evaluation.to_dict("zh")
    assert data["trace"][1]["children"][1]["queries"][0]["answers"] == ["198.51.100.25"]


def test_a_loop_shows_every_level_and_stops_at_the_limit(resolver: dns.resolver.Resolver) -> None:
    evaluation = check_host(resolver, "192.0.2.1", "loop.spf.test", "x@loop.spf.test")
    depth, entry = 0, evaluation.trace[0]
    while entry.children:
        assert entry.result is SpfResult.PERMERROR
        depth, entry = depth + 1, entry.children[0]
    assert depth == 10
    assert entry.note is not None and entry.note.key == "spf.why.lookup_limit"


def test_macros_and_the_explanation(resolver: dns.resolver.Resolver) -> None:
    evaluation = check_host(
        resolver, "192.0.2.1", "macro.spf.test", "bob@macro.spf.test", "mail.example.org"
    )
    assert evaluation.result is SpfResult.FAIL
    exists = evaluation.trace[0]
    assert exists.target == "1.2.0.192.bob._spf.macro.spf.test"
    assert evaluation.explanation == (
        "192.0.2.1 may not send as bob@macro.spf.test (HELO mail.example.org, in-addr)"
    )
    exp = evaluation.trace[-1]
    assert (exp.kind, exp.target, exp.cost) == ("exp", "why.macro.spf.test", 0)
    assert evaluation.to_dict("en")["explanation"] == evaluation.explanation


def test_syntax_error_reports_domain_and_position(resolver: dns.resolver.Resolver) -> None:
    evaluation = check_host(resolver, "192.0.2.1", "syntax.spf.test", "x@syntax.spf.test")
    assert (evaluation.error_domain, evaluation.error_position) == ("syntax.spf.test", 21)
    assert evaluation.detail is not None
    assert evaluation.detail.key == "spf.syntax.unknown_mechanism"
    assert "foo:bar" in evaluation.reason_text("en") and "foo:bar" in evaluation.reason_text("zh")
    assert evaluation.record is not None  # the record is shown even though it is broken


def test_time_limit_gives_temperror(resolver: dns.resolver.Resolver) -> None:
    evaluation = check_host(
        resolver, "192.0.2.1", "good.spf.test", "x@good.spf.test", time_limit=0.0
    )
    assert evaluation.result is SpfResult.TEMPERROR
    assert evaluation.reason.key == "spf.why.time_limit"


def test_each_name_is_asked_once(
    dns_server: LoopbackDNSServer, resolver: dns.resolver.Resolver
) -> None:
    check_host(resolver, "192.0.2.9", "selfredirect.spf.test", "x@selfredirect.spf.test")
    names = [n for n in dns_server.query_names() if n == "selfredirect.spf.test"]
    assert len(names) == 1


@pytest.mark.parametrize(
    ("sender", "helo", "expected"),
    [
        ("alice@example.com", "h.example", ("alice@example.com", "alice", "example.com")),
        ("", "h.example", ("postmaster@h.example", "postmaster", "h.example")),
        ("@example.net", "h", ("postmaster@example.net", "postmaster", "example.net")),
        ("example.org", "h", ("postmaster@example.org", "postmaster", "example.org")),
        (
            "Macro Error@e8.example.com",
            "h",
            ("Macro Error@e8.example.com", "Macro Error", "e8.example.com"),
        ),
    ],
)
def test_identities(sender: str, helo: str, expected: tuple[str, str, str]) -> None:
    # RFC 7208 2.4 (null MAIL FROM uses the HELO name) and 4.3 (no local part: postmaster)
    assert split_sender(sender, helo) == expected


@pytest.mark.parametrize("text", ["", "nope", "192.0.2", "fe80::1%eth0", "1.2.3.4/24"])
def test_bad_ips_are_input_errors(text: str) -> None:
    with pytest.raises(InputError):
        parse_ip(text)


def test_ipv4_mapped_is_ipv4() -> None:
    assert str(parse_ip("::FFFF:192.0.2.1")) == "192.0.2.1"


def test_evaluate_uses_helo_when_mail_from_is_null(resolver: dns.resolver.Resolver) -> None:
    evaluation = evaluate(resolver, "192.0.2.7", "", "good.spf.test")
    assert (evaluation.domain, evaluation.result) == ("good.spf.test", SpfResult.PASS)


_names = itertools.count()
_FUZZ_TOKENS = st.sampled_from(
    [
        "all",
        "-all",
        "~all",
        "?all",
        "a",
        "mx",
        "ptr",
        "a:good.spf.test",
        "mx:good.spf.test",
        "include:_inc.spf.test",
        "include:loop.spf.test",
        "redirect=selfredirect.spf.test",
        "exists:%{ir}.%{l1r+-}._spf.macro.spf.test",
        "ip4:192.0.2.0/24",
        "ip6:2001:db8::/32",
        "a:%{d}",
        "exp=why.macro.spf.test",
        "a:nx.spf.test",
        "a/24//64",
        "%{p}",
        "%{x}",
        ":",
        "/",
        "=",
        "%",
        "a:" + "x" * 70 + ".spf.test",
        "exists:%{s}%{s}%{s}%{s}.spf.test",
    ]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.lists(_FUZZ_TOKENS, max_size=14).map(" ".join),
        st.text(alphabet=st.characters(min_codepoint=1, max_codepoint=0x7F), max_size=80),
    ),
    st.sampled_from(["192.0.2.1", "198.51.100.25", "2001:db8::25"]),
)
def test_any_record_gives_a_result_never_an_exception(
    dns_server: LoopbackDNSServer, resolver: dns.resolver.Resolver, text: str, ip: str
) -> None:
    name = f"f{next(_names)}.fuzz.spf.test"
    dns_server.add_txt(name, [("v=spf1 " + text).encode("latin-1")[:255]])
    started = time.monotonic()
    evaluation = check_host(resolver, ip, name, "someone@" + name, "helo.test")
    assert evaluation.result is not SpfResult.NONE
    assert evaluation.lookups <= 11 and evaluation.void_lookups <= 3
    assert time.monotonic() - started < 5
    assert _count(evaluation.trace) < 200


def _count(entries: tuple[TraceEntry, ...]) -> int:
    return sum(1 + _count(e.children) for e in entries)
