"""Issue 17: SPF includes are followed as their records arrive, not one after another.

A record with eight includes whose servers never answer ends after one timeout, not eight
(nor the 20-second cap of RFC 7208 4.6.4); the walk still reports each include as it did.
"""

from __future__ import annotations

import time

import dns.resolver
import pytest

from smtp_gui.core.dns.resolver import Nameserver, ResolverConfig, build_resolver
from smtp_gui.core.spf.analysis import analyze
from smtp_gui.core.spf.evaluate import check_host
from smtp_gui.core.spf.record import SpfResult
from tests.dnsserver import LoopbackDNSServer

pytestmark = pytest.mark.network

TIMEOUT = 0.5
INCLUDES = 8


def _resolver(dns_server: LoopbackDNSServer) -> dns.resolver.Resolver:
    config = ResolverConfig((Nameserver(dns_server.host, dns_server.port),), TIMEOUT)
    return build_resolver(config)


def _wide(dns_server: LoopbackDNSServer) -> str:
    """wide.pre.test: ``INCLUDES`` includes under dead.pre.test, whose queries are dropped."""
    includes = " ".join(f"include:t{i}.dead.pre.test" for i in range(INCLUDES))
    dns_server.add_txt("wide.pre.test", [f"v=spf1 {includes} -all"])
    dns_server.behave("dead.pre.test", drop=True)
    return "wide.pre.test"


def test_includes_that_all_time_out_cost_one_timeout(dns_server: LoopbackDNSServer) -> None:
    domain = _wide(dns_server)
    started = time.monotonic()
    analysis = analyze(domain, _resolver(dns_server))
    elapsed = time.monotonic() - started
    # One after another: INCLUDES x TIMEOUT = 4 s. All at once: one timeout.
    assert elapsed < 2 * TIMEOUT, elapsed
    failed = [p for p in analysis.problems if p.note.key == "spf.warn.nested_fetch_failed"]
    assert len(failed) == INCLUDES  # each include still reported, in the record's order
    assert analysis.lookups == INCLUDES


def test_every_include_is_asked_before_any_include_answers(
    dns_server: LoopbackDNSServer,
) -> None:
    """Counted at the server: the include targets' TXT queries all leave as soon as the
    record is in, before the first of them could have been answered (0.3 s each)."""
    includes = " ".join(f"include:i{i}.slow.pre.test" for i in range(4))
    dns_server.add_txt("tree.pre.test", [f"v=spf1 {includes} -all"])
    for i in range(4):
        dns_server.add_txt(f"i{i}.slow.pre.test", [f"v=spf1 ip4:198.51.100.{i} -all"])
    dns_server.behave("slow.pre.test", delay=0.3)
    evaluation = check_host(
        _resolver(dns_server), "198.51.100.3", "tree.pre.test", "a@tree.pre.test"
    )
    assert evaluation.result is SpfResult.PASS  # include:i3 matched; i0..i2 did not
    asked: dict[str, float] = {}
    for query in dns_server.queries:  # the first sending of each (a busy machine may resend)
        asked.setdefault(query.name, query.at)
    targets = [asked[f"i{i}.slow.pre.test"] for i in range(4)]
    assert max(targets) - min(targets) < 0.3  # one flight, not one round trip each
    # The trace is the walk's, as before: four includes, each a query of its own.
    includes_seen = [e for e in evaluation.trace if e.kind == "include"]
    assert [e.target for e in includes_seen] == [f"i{i}.slow.pre.test" for i in range(4)]
    assert all(not q.cached for e in includes_seen for q in e.queries)


def test_a_time_limit_still_says_time_limit(dns_server: LoopbackDNSServer) -> None:
    domain = _wide(dns_server)
    evaluation = check_host(_resolver(dns_server), "192.0.2.1", domain, "a@" + domain, time_limit=0)
    assert evaluation.result is SpfResult.TEMPERROR
    assert evaluation.reason.key == "spf.why.time_limit"
