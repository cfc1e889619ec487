"""The one DNS engine (core/dns/engine.py): every check shares its threads, and work on it
that waits on work on it cannot deadlock."""

from __future__ import annotations

import sys
import threading
import time
from types import FrameType
from typing import Any

import pytest

from smtp_gui.core.checks.status import Status
from smtp_gui.core.dns.config import ResolverConfig
from smtp_gui.core.dns.engine import DNS_WORKERS, THREAD_PREFIX, dns_executor, run_together
from smtp_gui.core.dns.resolver import build_resolver
from smtp_gui.core.dnsbl.answer import ListingStatus
from smtp_gui.core.dnsbl.check import ProbeCache, plan_check, run_check
from smtp_gui.core.records.domain_check import domain_checks, make_target, run_checks
from tests.dnsserver import LoopbackDNSServer

LISTS = [
    "zen.dnsbl.test=zen.spamhaus.org",
    "spamcop.dnsbl.test=bl.spamcop.net",
    "dnswl.dnsbl.test=list.dnswl.org",
]


@pytest.mark.network
def test_checks_back_to_back_reuse_the_one_executor(
    dns_server: LoopbackDNSServer, resolver_config: ResolverConfig
) -> None:
    """Twenty checks (blocklists and domain records, both of which used to start pools of
    their own per call) start no thread at all once the engine has its threads."""
    # Every answer waits 50 ms: all of a check's queries are in flight together, each time.
    dns_server.behave("dnsbl.test", delay=0.05)
    dns_server.behave("rec-good.test", delay=0.05)
    plan = plan_check("192.0.2.1", LISTS)
    checks = domain_checks(make_target("rec-good.test"), ("mx",))
    resolver = build_resolver(resolver_config)

    def two_checks() -> None:
        report = run_check(resolver_config, plan, cache=ProbeCache())
        assert [r.status for r in report.results] == [ListingStatus.NOT_LISTED] * 3
        (mx,) = run_checks(checks, resolver)
        assert mx.status is Status.PASS, mx.problems

    two_checks()  # the engine makes its threads once
    before = _engine_threads()
    started: list[str] = []

    def on_thread_start(_frame: FrameType, _event: str, _arg: Any) -> None:
        started.append(threading.current_thread().name)
        sys.setprofile(None)  # one call is enough: this thread is counted

    threading.setprofile(on_thread_start)  # called first thing in every thread started now
    try:
        for _ in range(10):
            two_checks()
    finally:
        threading.setprofile(None)
    # The loopback DNS server answers each query in a thread of its own: not the app's.
    assert [name for name in started if "process_request_thread" not in name] == []
    assert _engine_threads() == before and 0 < len(before) <= DNS_WORKERS


def _engine_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name.startswith(THREAD_PREFIX)}


def test_work_on_the_engine_waiting_on_the_engine_never_deadlocks() -> None:
    """More callers than the engine has threads, each asking two more things at once: the
    callers run what the engine cannot start, so every caller ends."""
    release = threading.Event()

    def leaf() -> str:
        release.wait(0.05)
        return threading.current_thread().name

    def caller() -> list[str]:
        return run_together([leaf, leaf, leaf])

    started = time.monotonic()
    futures = [dns_executor().submit(caller) for _ in range(DNS_WORKERS * 2)]
    results = [f.result(timeout=30) for f in futures]
    assert all(len(r) == 3 for r in results)
    assert time.monotonic() - started < 30


def test_run_together_keeps_the_order_asked() -> None:
    def after(delay: float, value: int) -> Any:
        return lambda: (time.sleep(delay), value)[1]

    assert run_together([after(0.05, 1), after(0.0, 2), after(0.02, 3)]) == [1, 2, 3]
    assert run_together([]) == []
