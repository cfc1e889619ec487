"""Blocklist checks against the loopback DNS server (tests/zones/dnsbl.zone): every status,
the RFC 5782 section 5 self-tests, IPv6, domain lists, TXT reasons and concurrency."""

from __future__ import annotations

import time
from collections.abc import Sequence

import pytest

from smtp_gui.core.dns.resolver import PUBLIC_RESOLVERS, Nameserver, ResolverConfig
from smtp_gui.core.dnsbl.answer import Health, ListingStatus
from smtp_gui.core.dnsbl.check import (
    CheckResolver,
    ProbeCache,
    QueryKind,
    ZoneCheck,
    ZoneResult,
    check_zone,
    plan_check,
    run_check,
)
from smtp_gui.core.dnsbl.query import parse_target
from smtp_gui.core.dnsbl.zones import zone_from_spec
from tests.dnsserver import LoopbackDNSServer

# An address from the app's own table of public resolvers. The test only checks the
# warning: nothing is ever sent to it (tests/netguard refuses anything past loopback).
PUBLIC = min(PUBLIC_RESOLVERS)

# The fake lists in tests/zones/dnsbl.zone, each read like the real list it mimics.
ZEN = "zen.dnsbl.test=zen.spamhaus.org"
SPAMCOP = "spamcop.dnsbl.test=bl.spamcop.net"
WORLD = "world.dnsbl.test=bl.spamcop.net"
REWRITE = "rewrite.dnsbl.test=bl.spamcop.net"
EMPTY = "empty.dnsbl.test=bl.spamcop.net"
SLOW = "slow.dnsbl.test=bl.spamcop.net"
BROKEN = "broken.dnsbl.test=bl.spamcop.net"
V6 = "v6.dnsbl.test=bl.ipv6.spameatingmonkey.net"
DBL = "dbl.dnsbl.test=dbl.spamhaus.org"
SURBL = "multi.dnsbl.test=multi.surbl.org"
URIBL = "uribl.dnsbl.test=multi.uribl.com"
DNSWL = "dnswl.dnsbl.test=list.dnswl.org"


def _run(config: ResolverConfig, target: str, specs: Sequence[str]) -> dict[str, ZoneResult]:
    report = run_check(config, plan_check(target, specs), cache=ProbeCache())
    return {r.zone.zone.split(".")[0]: r for r in report.results}


def _one(config: ResolverConfig, target: str, spec: str) -> ZoneResult:
    (result,) = run_check(config, plan_check(target, [spec]), cache=ProbeCache()).results
    return result


def test_listed_with_meanings_and_txt_reason(resolver_config: ResolverConfig) -> None:
    row = _one(resolver_config, "192.0.2.2", ZEN)
    assert row.status is ListingStatus.LISTED
    assert row.answers == ("127.0.0.2", "127.0.0.4")
    assert row.labels == ("Spamhaus SBL", "Spamhaus XBL")
    # The TXT record is split into two character-strings on the wire: joined back.
    assert row.txt == ("https://check.spamhaus.org/sbl/query/SBL0001",)
    assert row.health is Health.OK
    assert row.delist_url == "https://check.spamhaus.org/"
    assert row.resolver == resolver_config.describe()
    assert row.ms > 0
    data = row.to_dict("zh")
    assert data["zone"] == "zen.dnsbl.test" and data["status"] == "listed"
    assert "Spamhaus SBL：" in data["meaning"]


def test_not_listed(resolver_config: ResolverConfig, dns_server: LoopbackDNSServer) -> None:
    row = _one(resolver_config, "192.0.2.1", ZEN)
    assert row.status is ListingStatus.NOT_LISTED
    assert row.answers == () and row.txt == ()
    assert row.health is Health.OK
    # TXT leaves with A (one flight), but a clean address has no reason to show.
    assert row.txt == ()


@pytest.mark.parametrize(
    ("address", "code", "words"),
    [
        ("192.0.2.252", "127.255.255.252", "does not have"),
        ("192.0.2.254", "127.255.255.254", "public or shared resolver"),
        ("192.0.2.255", "127.255.255.255", "more queries"),
    ],
)
def test_spamhaus_error_codes_are_refused(
    resolver_config: ResolverConfig,
    dns_server: LoopbackDNSServer,
    address: str,
    code: str,
    words: str,
) -> None:
    row = _one(resolver_config, address, ZEN)
    assert row.status is ListingStatus.REFUSED
    assert row.answers == (code,)
    assert words in row.meaning.en
    assert row.txt == ()  # a refusal has no reason: a TXT answer is never shown for it


def test_timeout(dns_server: LoopbackDNSServer, resolver_config: ResolverConfig) -> None:
    dns_server.behave("slow.dnsbl.test", drop=True)
    row = _one(resolver_config, "192.0.2.2", SLOW)
    assert row.status is ListingStatus.TIMEOUT
    assert "not the same as" in row.meaning.en


@pytest.mark.parametrize(("rcode", "words"), [(2, "SERVFAIL"), (5, "REFUSED")])
def test_servfail_and_dns_refused_are_errors(
    dns_server: LoopbackDNSServer, resolver_config: ResolverConfig, rcode: int, words: str
) -> None:
    dns_server.behave("broken.dnsbl.test", rcode=rcode)
    row = _one(resolver_config, "192.0.2.2", BROKEN)
    assert row.status is ListingStatus.ERROR
    assert words in row.meaning.en


def test_garbage_answer_is_could_not_check(
    dns_server: LoopbackDNSServer, resolver_config: ResolverConfig
) -> None:
    dns_server.behave("broken.dnsbl.test", garbage=True)
    assert _one(resolver_config, "192.0.2.2", BROKEN).status.could_not_check


@pytest.mark.parametrize(
    ("address", "answer", "words"),
    [
        ("192.0.2.99", "127.0.0.99", "Unknown code 127.0.0.99"),
        ("192.0.2.77", "203.0.113.7", "outside 127.0.0.0/8"),
    ],
)
def test_unknown_code_and_foreign_answer(
    resolver_config: ResolverConfig, address: str, answer: str, words: str
) -> None:
    row = _one(resolver_config, address, ZEN)
    assert row.status is ListingStatus.ERROR
    assert row.answers == (answer,)
    assert words in row.meaning.en


def test_list_that_lists_the_world_is_not_believed(resolver_config: ResolverConfig) -> None:
    row = _one(resolver_config, "192.0.2.2", WORLD)
    assert row.status is ListingStatus.ERROR
    assert row.health is Health.LISTS_WORLD
    assert row.answers == ("127.0.0.2",)
    assert "for everything" in row.meaning.en and "127.0.0.1" in row.meaning.en


def test_resolver_rewriting_nxdomain_is_detected(resolver_config: ResolverConfig) -> None:
    row = _one(resolver_config, "192.0.2.1", REWRITE)
    assert row.status is ListingStatus.ERROR
    assert row.health is Health.LISTS_WORLD
    assert row.answers == ("198.51.100.1",)
    assert "rewrites" in row.meaning.en


def test_list_without_test_entry_cannot_vouch_for_not_listed(
    resolver_config: ResolverConfig,
) -> None:
    row = _one(resolver_config, "192.0.2.1", EMPTY)
    assert row.status is ListingStatus.ERROR
    assert row.health is Health.NO_TEST_ENTRY
    assert "127.0.0.2" in row.meaning.en


def test_ipv6_target(resolver_config: ResolverConfig, dns_server: LoopbackDNSServer) -> None:
    plan = plan_check("2001:db8::2", [ZEN, V6, SPAMCOP])
    assert [z.zone for z in plan.skipped] == ["spamcop.dnsbl.test"]  # IPv4-only list
    rows = {r.zone.zone: r for r in run_check(resolver_config, plan, cache=ProbeCache()).results}
    assert rows["zen.dnsbl.test"].status is ListingStatus.LISTED
    assert rows["zen.dnsbl.test"].labels == ("Spamhaus CSS",)
    assert rows["v6.dnsbl.test"].status is ListingStatus.LISTED
    assert rows["v6.dnsbl.test"].health is Health.OK  # its ::ffff:7f00:2 test entry answered
    nibbles = "2" + ".0" * 23 + ".8.b.d.0.1.0.0.2"
    assert f"{nibbles}.v6.dnsbl.test" in dns_server.query_names()


def test_ipv6_clean(resolver_config: ResolverConfig) -> None:
    row = _one(resolver_config, "2001:db8::99", V6)
    assert row.status is ListingStatus.NOT_LISTED and row.health is Health.OK


@pytest.mark.parametrize(
    ("target", "spec", "status", "labels"),
    [
        ("spam.example", DBL, ListingStatus.LISTED, ("Spamhaus DBL",)),
        ("someone@phish.example", DBL, ListingStatus.LISTED, ("Spamhaus DBL",)),
        ("clean.example", DBL, ListingStatus.NOT_LISTED, ()),
        ("ipquery.example", DBL, ListingStatus.REFUSED, ()),
        ("phish.example", SURBL, ListingStatus.LISTED, ("SURBL PH", "SURBL ABUSE")),
        ("blocked.example", SURBL, ListingStatus.REFUSED, ()),
        ("oddbits.example", SURBL, ListingStatus.ERROR, ()),
        ("spam.example", URIBL, ListingStatus.REFUSED, ()),
    ],
)
def test_domain_lists(
    resolver_config: ResolverConfig,
    target: str,
    spec: str,
    status: ListingStatus,
    labels: tuple[str, ...],
) -> None:
    row = _one(resolver_config, target, spec)
    assert row.status is status
    assert row.labels == labels


def test_domain_list_txt_and_health(resolver_config: ResolverConfig) -> None:
    row = _one(resolver_config, "spam.example", DBL)
    assert row.txt == ("https://check.spamhaus.org/dbl/query/example",)
    assert row.health is Health.OK  # test.dbl listed, invalid.dbl not


def test_uribl_refusing_its_test_entry_leaves_health_unknown(
    resolver_config: ResolverConfig,
) -> None:
    # invalid.uribl answers 127.0.0.1, URIBL's refusal: not "lists the world".
    row = _one(resolver_config, "spam.example", URIBL)
    assert row.health is not Health.LISTS_WORLD


def test_allowlist(resolver_config: ResolverConfig) -> None:
    row = _one(resolver_config, "192.0.2.5", DNSWL)
    assert row.status is ListingStatus.NOT_LISTED and row.allowlisted
    assert row.answers == ("127.0.15.2",)


def test_txt_reason_is_made_printable(
    dns_server: LoopbackDNSServer, resolver_config: ResolverConfig
) -> None:
    dns_server.add("7.2.0.192.spamcop.dnsbl.test", "A", "127.0.0.2")
    dns_server.add_txt("7.2.0.192.spamcop.dnsbl.test", ["<b>x</b>", b"\x1b[2J", "\xe5\x9e\x83"])
    row = _one(resolver_config, "192.0.2.7", SPAMCOP)
    assert row.status is ListingStatus.LISTED
    assert row.txt == (
        "<b>x</b>\\x1b[2J\u00e5\u009e\u0083".replace("\u009e", "\\x9e").replace("\u0083", "\\x83"),
    )


def _asked(dns_server: LoopbackDNSServer, count: int) -> list[tuple[str, str]]:
    """The first ``count`` questions the server saw, sorted (they leave in one flight, in
    any order); waits briefly for the server's threads to log them."""
    ends = time.monotonic() + 2.0
    while len(dns_server.queries) < count and time.monotonic() < ends:
        time.sleep(0.01)
    return sorted((q.name, q.rdtype) for q in dns_server.queries[:count])


def _settled(cache: ProbeCache, count: int) -> None:
    """A test entry still in flight when its row was decided lands in the cache after."""
    ends = time.monotonic() + 2.0
    while len(cache) < count and time.monotonic() < ends:
        time.sleep(0.01)


def test_a_row_asks_everything_in_one_flight(
    resolver_config: ResolverConfig, dns_server: LoopbackDNSServer
) -> None:
    handle = CheckResolver.from_config(resolver_config)
    cache = ProbeCache()
    clean = parse_target("192.0.2.1")
    zone = zone_from_spec(ZEN)
    assert check_zone(handle, clean, zone, cache).status is ListingStatus.NOT_LISTED
    # A, TXT and both RFC 5782 section 5 test entries leave together (one round trip).
    assert _asked(dns_server, 4) == [
        ("1.0.0.127.zen.dnsbl.test", "A"),
        ("1.2.0.192.zen.dnsbl.test", "A"),
        ("1.2.0.192.zen.dnsbl.test", "TXT"),
        ("2.0.0.127.zen.dnsbl.test", "A"),
    ]
    _settled(cache, 2)
    # The test entries are cached while the app runs: the next check asks A and TXT only.
    listed = check_zone(handle, parse_target("192.0.2.2"), zone, cache)
    assert listed.status is ListingStatus.LISTED and listed.health is Health.OK
    assert listed.txt  # the reason came with the listing, in the same flight
    assert sorted((q.name, q.rdtype) for q in dns_server.queries[4:]) == [
        ("2.2.0.192.zen.dnsbl.test", "A"),
        ("2.2.0.192.zen.dnsbl.test", "TXT"),
    ]


def test_a_cold_check_sends_every_query_before_any_answer(
    resolver_config: ResolverConfig, dns_server: LoopbackDNSServer
) -> None:
    """Issue 17: every answer waits 300 ms at the server; by the time the first one could
    be in, the server has seen every list's test entries, A and TXT (one flight)."""
    dns_server.behave("dnsbl.test", delay=0.3)
    specs = [ZEN, SPAMCOP, DNSWL]
    started = time.monotonic()
    report = run_check(resolver_config, plan_check("192.0.2.2", specs), cache=ProbeCache())
    elapsed = time.monotonic() - started
    first_answer = started + 0.3
    before = [q for q in dns_server.queries if q.at < first_answer]
    names = {(q.name, q.rdtype) for q in before}
    for zone in ("zen", "spamcop", "dnswl"):
        assert (f"2.2.0.192.{zone}.dnsbl.test", "A") in names
        assert (f"2.2.0.192.{zone}.dnsbl.test", "TXT") in names
        assert (f"2.0.0.127.{zone}.dnsbl.test", "A") in names
        assert (f"1.0.0.127.{zone}.dnsbl.test", "A") in names
    assert len(before) == len(dns_server.queries) == 12  # nothing asked after an answer
    assert [r.status for r in report.results][:2] == [ListingStatus.LISTED] * 2
    assert all(r.health is Health.OK for r in report.results[:2])
    assert elapsed < 0.3 * 2, elapsed  # one round trip, not three


def test_timeouts_are_not_cached(
    resolver_config: ResolverConfig, dns_server: LoopbackDNSServer
) -> None:
    cache = ProbeCache()
    zone = zone_from_spec(ZEN)
    check = ZoneCheck(parse_target("192.0.2.1"), zone, "k", cache)
    assert check.wanted(eager=True) == [QueryKind.A, QueryKind.MUST_LIST]
    assert check.wanted() == [QueryKind.A]
    dns_server.behave("2.0.0.127.zen.dnsbl.test", drop=True)
    handle = CheckResolver.from_config(ResolverConfig(resolver_config.nameservers, timeout=0.3))
    row = check_zone(handle, parse_target("192.0.2.1"), zone, cache)
    # The must-list entry timed out: "not listed" stands, vouched for by nothing more than
    # the must-not-list entry that answered in the same flight, and no timeout is cached.
    assert row.status is ListingStatus.NOT_LISTED and row.health is not Health.NO_TEST_ENTRY
    _settled(cache, 1)
    assert cache.get(handle.key, zone.zone, QueryKind.MUST_LIST) is None
    assert cache.get(handle.key, zone.zone, QueryKind.MUST_NOT_LIST) is False


def test_two_checks_never_share_results(resolver_config: ResolverConfig) -> None:
    first = _run(resolver_config, "192.0.2.2", [ZEN, SPAMCOP])
    second = _run(resolver_config, "192.0.2.1", [ZEN, SPAMCOP])
    assert {r.status for r in first.values()} == {ListingStatus.LISTED}
    assert {r.status for r in second.values()} == {ListingStatus.NOT_LISTED}


def test_rows_keep_the_plan_order_and_stream(
    resolver_config: ResolverConfig, dns_server: LoopbackDNSServer
) -> None:
    dns_server.behave("zen.dnsbl.test", delay=0.2)
    seen: list[str] = []
    report = run_check(
        resolver_config,
        plan_check("192.0.2.2", [ZEN, SPAMCOP, DBL]),
        on_result=lambda r: seen.append(r.zone.zone),
        cache=ProbeCache(),
    )
    assert seen[0] == "spamcop.dnsbl.test"  # the fast list arrives first ...
    assert [r.zone.zone for r in report.results] == ["zen.dnsbl.test", "spamcop.dnsbl.test"]
    assert [z.zone for z in report.plan.skipped] == ["dbl.dnsbl.test"]


def _many_zones(dns_server: LoopbackDNSServer, count: int, delay: float) -> list[str]:
    specs = []
    for i in range(count):
        zone = f"z{i:02d}.many.dnsbl.test"
        dns_server.add(f"2.0.0.127.{zone}", "A", "127.0.0.2")
        dns_server.add(f"2.2.0.192.{zone}", "A", "127.0.0.2")
        specs.append(f"{zone}=bl.spamcop.net")
    dns_server.behave("many.dnsbl.test", delay=delay)
    return specs


def test_fifty_lists_take_about_one_round_trip(
    dns_server: LoopbackDNSServer, resolver_config: ResolverConfig
) -> None:
    specs = _many_zones(dns_server, 50, 0.05)
    started = time.monotonic()
    report = run_check(resolver_config, plan_check("192.0.2.1", specs), cache=ProbeCache())
    elapsed = time.monotonic() - started
    assert [r.status for r in report.results] == [ListingStatus.NOT_LISTED] * 50
    assert report.checked == 50
    # Sequentially: 50 x 4 x 50 ms = 10 s. The loopback server answers each query in a thread
    # of this process, so its own work (200 queries) is part of what is timed here.
    assert elapsed < 0.8, elapsed


def test_fifty_listed_lists_take_about_two_round_trips(
    dns_server: LoopbackDNSServer, resolver_config: ResolverConfig
) -> None:
    specs = _many_zones(dns_server, 50, 0.05)
    started = time.monotonic()
    report = run_check(resolver_config, plan_check("192.0.2.2", specs), cache=ProbeCache())
    assert report.listed == 50
    assert time.monotonic() - started < 0.6


def test_one_dead_list_costs_only_the_timeout(
    dns_server: LoopbackDNSServer, resolver_config: ResolverConfig
) -> None:
    dns_server.behave("slow.dnsbl.test", drop=True)
    config = ResolverConfig(resolver_config.nameservers, timeout=0.5)
    arrived: dict[str, float] = {}
    started = time.monotonic()
    report = run_check(
        config,
        plan_check("192.0.2.2", [ZEN, SPAMCOP, SLOW, DNSWL]),
        on_result=lambda r: arrived.setdefault(r.zone.zone, time.monotonic() - started),
        cache=ProbeCache(),
    )
    elapsed = time.monotonic() - started
    assert report.results[2].status is ListingStatus.TIMEOUT
    assert elapsed < 0.5 * 1.1 + 0.15, elapsed  # dnspython adds a short back-off
    assert arrived["zen.dnsbl.test"] < 0.25 and arrived["spamcop.dnsbl.test"] < 0.25


def test_report_counts_and_json(resolver_config: ResolverConfig) -> None:
    report = run_check(
        resolver_config, plan_check("192.0.2.2", [ZEN, SPAMCOP, EMPTY]), cache=ProbeCache()
    )
    assert (report.listed, report.checked) == (2, 2)
    data = report.to_dict("en")
    assert {"ip", "resolver", "results", "listed", "checked"} <= data.keys()
    assert data["ip"] == "192.0.2.2" and data["resolver"] == resolver_config.describe()
    for row in data["results"]:
        assert {"zone", "status", "answers", "meaning", "txt", "delist_url", "ms"} <= row.keys()
    assert data["summary"].startswith(
        "192.0.2.2: listed on 2 of 2 lists (2 major: Spamhaus SBL, Spamhaus XBL, SpamCop). "
        "1 list could not be checked: error."
    )
    assert data["warnings"] == []


def test_public_resolver_warning_is_given_without_sending_anything() -> None:
    from smtp_gui.core.dnsbl.check import resolver_warnings

    config = ResolverConfig((Nameserver(PUBLIC), Nameserver("192.0.2.53")))
    (warning,) = resolver_warnings(config)
    assert PUBLIC in warning.en and "192.0.2.53" not in warning.en
    assert "公共 DNS" in warning.zh
    assert resolver_warnings(ResolverConfig((Nameserver("127.0.0.1", 5353),))) == ()


def _refusing_list(dns_server: LoopbackDNSServer, zone: str, code: str) -> None:
    """A list the app does not know that answers ``code`` to every question, its RFC 5782
    test entries included (as Spamhaus does for a query through a public resolver)."""
    for entry in ("1.0.0.127", "2.0.0.127", "1.2.0.192"):
        dns_server.add(f"{entry}.{zone}", "A", code)


@pytest.mark.parametrize(
    ("code", "words", "zh"),
    [
        ("127.255.255.254", "public or shared resolver", "公共或共享 DNS"),
        ("127.255.255.255", "rate limited", "受到频率限制"),
        ("127.255.255.252", "zone name they do not have", "拼写"),
        ("127.255.255.7", "see the list's own documentation", "请查阅该名单的说明"),
    ],
)
def test_unknown_list_operator_code_is_refused(
    resolver_config: ResolverConfig,
    dns_server: LoopbackDNSServer,
    code: str,
    words: str,
    zh: str,
) -> None:
    """Issue 12: 127.255.255.0/24 from a list not in zones.json was read as a listing (and
    its test entry as "lists the world"); it is an operator's refusal code."""
    _refusing_list(dns_server, "custom.dnsbl.test", code)
    row = _one(resolver_config, "192.0.2.1", "custom.dnsbl.test")
    assert not row.zone.shipped
    assert row.status is ListingStatus.REFUSED
    assert row.health is not Health.LISTS_WORLD
    assert row.answers == (code,)
    assert words in row.meaning.en and code in row.meaning.en
    assert "Not a listing" in row.meaning.en
    assert zh in row.meaning.zh and "并非列入" in row.meaning.zh
    assert row.txt == ()  # a refusal has no reason to show
