"""The one Deadline and the DNS under it: each finding of issue 12 at the core layer, against
the loopback DNS server's per-suffix delays and drops. Bounds are generous multiples."""

from __future__ import annotations

import threading
import time

import dns.resolver
import pytest

from smtp_gui.core.checks.status import Status
from smtp_gui.core.deadline import ROW_FACTOR, Deadline
from smtp_gui.core.dns.deadline_resolver import deadline_of, with_deadline
from smtp_gui.core.dns.lookup import Outcome, lookup
from smtp_gui.core.dns.resolver import Nameserver, ResolverConfig, build_resolver
from smtp_gui.core.dnsbl.answer import ListingStatus
from smtp_gui.core.dnsbl.check import CheckResolver, ProbeCache, check_zone, plan_check, run_check
from smtp_gui.core.dnsbl.query import parse_target
from smtp_gui.core.dnsbl.zones import zone_from_spec
from smtp_gui.core.records.domain_check import domain_checks, make_target, run_checks
from smtp_gui.core.spf.evaluate import check_host
from smtp_gui.core.text.errors import InputError
from tests.dnsserver import LoopbackDNSServer

pytestmark = pytest.mark.network


def _config(server: LoopbackDNSServer, timeout: float) -> ResolverConfig:
    return ResolverConfig((Nameserver(server.host, server.port),), timeout=timeout)


def _resolver(server: LoopbackDNSServer, timeout: float) -> dns.resolver.Resolver:
    return build_resolver(_config(server, timeout))


# --- the object itself ---------------------------------------------------------------------
def test_deadline_counts_down_and_caps() -> None:
    deadline = Deadline.after(0.3)
    assert 0.2 < deadline.remaining() <= 0.3
    assert deadline.capped(10) <= 0.3 and deadline.capped(0.05) == 0.05
    assert deadline.within(10).at == deadline.at  # a sub-deadline is never later
    assert deadline.within(0.1).at < deadline.at
    assert not deadline.expired()
    time.sleep(0.31)
    assert deadline.expired() and deadline.remaining() == 0.0 and deadline.capped(1) == 0.0


def test_cancel_expires_a_deadline_and_ends_its_sleep() -> None:
    cancel = threading.Event()
    deadline = Deadline.after(30, cancel)
    threading.Timer(0.1, cancel.set).start()
    started = time.monotonic()
    deadline.sleep(10)
    assert time.monotonic() - started < 1.0
    assert deadline.cancelled and deadline.expired() and deadline.within(5).cancelled


def test_a_resolver_carries_its_deadline_without_changing_the_original(
    dns_server: LoopbackDNSServer,
) -> None:
    resolver = _resolver(dns_server, 1.0)
    deadline = Deadline.after(5)
    bound = with_deadline(resolver, deadline)
    assert deadline_of(bound) is deadline and deadline_of(resolver) is None
    assert bound.nameservers == resolver.nameservers and bound.timeout == resolver.timeout
    assert lookup(bound, "zen.dnsbl.test", "NS").outcome  # it still answers


# --- DNS ----------------------------------------------------------------------------------
def test_a_dropped_query_ends_at_its_timeout_not_after_a_backoff(
    dns_server: LoopbackDNSServer,
) -> None:
    """Finding: with --timeout 0.5 a row reported 601-606 ms: dnspython sleeps a 0.1 s
    back-off after the timed-out try before it looks at its lifetime."""
    dns_server.behave("dead.dnsbl.test", drop=True)
    resolver = _resolver(dns_server, 0.5)
    started = time.monotonic()
    found = lookup(resolver, "2.0.0.127.dead.dnsbl.test", "A")
    elapsed = time.monotonic() - started
    assert found.outcome is Outcome.TIMEOUT
    assert found.ms <= 550, found.ms
    assert elapsed <= 0.55 + 0.1, elapsed


def test_cancel_ends_a_query_in_flight(dns_server: LoopbackDNSServer) -> None:
    dns_server.behave("dead.dnsbl.test", drop=True)
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    started = time.monotonic()
    found = lookup(_resolver(dns_server, 20), "x.dead.dnsbl.test", "A", Deadline.after(20, cancel))
    assert found.outcome is Outcome.TIMEOUT
    assert time.monotonic() - started < 0.2 + 0.5


@pytest.mark.parametrize("delay", [0.3, 0.45])
def test_a_listed_blocklist_row_stays_within_its_timeout(
    dns_server: LoopbackDNSServer, delay: float
) -> None:
    """A listed row asks A, then TXT: both within one timeout, not one each."""
    dns_server.behave("zen.dnsbl.test", delay=delay)
    handle = CheckResolver.from_config(_config(dns_server, 0.5))
    zone = zone_from_spec("zen.dnsbl.test=zen.spamhaus.org")
    started = time.monotonic()
    row = check_zone(handle, parse_target("192.0.2.2"), zone, ProbeCache())
    assert time.monotonic() - started <= 0.55 + 0.1
    assert row.ms <= 550, row.ms
    assert row.status in (ListingStatus.LISTED, ListingStatus.TIMEOUT)


def test_a_dead_list_keeps_the_whole_blocklist_check_within_the_timeout(
    dns_server: LoopbackDNSServer,
) -> None:
    dns_server.behave("spamcop.dnsbl.test", drop=True)
    plan = plan_check("192.0.2.2", ["zen.dnsbl.test=zen.spamhaus.org", "spamcop.dnsbl.test"])
    started = time.monotonic()
    report = run_check(_config(dns_server, 0.5), plan, cache=ProbeCache())
    assert time.monotonic() - started <= 0.55 + 0.2
    rows = {r.zone.zone: r for r in report.results}
    assert rows["spamcop.dnsbl.test"].status is ListingStatus.TIMEOUT
    assert rows["zen.dnsbl.test"].status is ListingStatus.LISTED
    assert all(r.ms <= 550 for r in report.results), [r.ms for r in report.results]


def test_more_than_five_hundred_lists_is_bad_input() -> None:
    """Finding: 10,000 lists in --zones never finished. Now it is refused before any query."""
    specs = [f"l{i}.dnsbl.test" for i in range(501)]
    with pytest.raises(InputError) as raised:
        plan_check("192.0.2.2", specs)
    assert "501" in raised.value.text("en") and "500" in raised.value.text("zh")
    assert len(plan_check("192.0.2.2", specs[:500]).zones) == 500


# --- SPF and the domain rows --------------------------------------------------------------
def _include_chain(server: LoopbackDNSServer, depth: int) -> str:
    """slow.spf-chain.test includes l1..., each include one more query (all delayed)."""
    for level in range(depth):
        name = f"l{level}.slow.spf-chain.test"
        server.add_txt(name, [f"v=spf1 include:l{level + 1}.slow.spf-chain.test -all"])
    server.add_txt(f"l{depth}.slow.spf-chain.test", ["v=spf1 ip4:192.0.2.1 -all"])
    return "l0.slow.spf-chain.test"


def test_spf_ends_by_the_deadline_its_resolver_carries(dns_server: LoopbackDNSServer) -> None:
    """Finding: check spf with each answer at 1.8 s took 41.7 s with --timeout 2."""
    domain = _include_chain(dns_server, 8)
    dns_server.behave("slow.spf-chain.test", delay=0.3)
    resolver = with_deadline(_resolver(dns_server, 0.5), Deadline.after(1.0))
    started = time.monotonic()
    evaluation = check_host(resolver, "192.0.2.1", domain, f"x@{domain}")
    assert time.monotonic() - started < 1.0 + 0.5
    assert str(evaluation.result) == "temperror"  # nine queries at 0.3 s do not fit in 1 s


def test_a_domain_row_ends_within_twice_the_timeout(dns_server: LoopbackDNSServer) -> None:
    domain = _include_chain(dns_server, 8)
    dns_server.behave("slow.spf-chain.test", delay=0.3)
    checks = domain_checks(make_target(domain, ip="192.0.2.1"), ("spf", "mx"))
    started = time.monotonic()
    rows = run_checks(checks, _resolver(dns_server, 0.5))
    assert time.monotonic() - started < ROW_FACTOR * 0.5 + 0.5
    assert all(r.ms < ROW_FACTOR * 500 + 100 for r in rows), [r.ms for r in rows]
    assert rows[0].status is Status.ERROR  # temperror: could not check in time


def test_cancel_stops_every_row_at_once(dns_server: LoopbackDNSServer) -> None:
    dns_server.behave("rec-good.test", drop=True)
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    run_checks(
        domain_checks(make_target("rec-good.test")),
        _resolver(dns_server, 20),
        deadline=Deadline.after(60, cancel),
    )
    assert time.monotonic() - started < 0.3 + 0.7
