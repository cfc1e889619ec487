"""The one DNS engine (core/dns/engine.py): one thread running one asyncio loop that every
DNS query goes through, however many checks run; it can be stopped and started again."""

from __future__ import annotations

import sys
import threading
import time
from concurrent.futures import CancelledError
from types import FrameType
from typing import Any

import pytest

from smtp_gui.core.checks.status import Status
from smtp_gui.core.deadline import Deadline
from smtp_gui.core.dns.config import ResolverConfig
from smtp_gui.core.dns.engine import THREAD_NAME, engine
from smtp_gui.core.dns.lookup import Outcome, lookup
from smtp_gui.core.dns.parallel import lookup_all
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


def _engine_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == THREAD_NAME]


@pytest.mark.network
def test_checks_back_to_back_share_one_engine_thread(
    dns_server: LoopbackDNSServer, resolver_config: ResolverConfig
) -> None:
    """Twenty checks (blocklists and domain records) all ask through one thread, and start
    no thread once the first check has started the engine."""
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

    two_checks()
    (thread,) = _engine_threads()
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
    assert _engine_threads() == [thread]


@pytest.mark.network
def test_a_hundred_queries_in_flight_on_the_one_thread(
    dns_server: LoopbackDNSServer, resolver_config: ResolverConfig
) -> None:
    """All in flight together: a hundred 100 ms answers take about one round trip."""
    dns_server.behave("dnsbl.test", delay=0.1)
    resolver = build_resolver(resolver_config)
    questions = [(f"{i}.99.51.198.zen.dnsbl.test", "A") for i in range(100)]
    started = time.monotonic()
    answers = lookup_all(resolver, questions)
    assert time.monotonic() - started < 0.6
    assert [a.outcome for a in answers] == [Outcome.NXDOMAIN] * 100
    assert [a.name for a in answers] == [name for name, _t in questions]  # order asked
    assert len(_engine_threads()) == 1


@pytest.mark.network
def test_cancel_ends_a_query_at_once(
    dns_server: LoopbackDNSServer, resolver_config: ResolverConfig
) -> None:
    dns_server.behave("slow.dnsbl.test", drop=True)
    resolver = build_resolver(ResolverConfig(resolver_config.nameservers, timeout=5.0))
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    started = time.monotonic()
    found = lookup(resolver, "2.0.0.127.slow.dnsbl.test", "A", Deadline.after(5.0, cancel))
    assert found.outcome is Outcome.TIMEOUT
    assert time.monotonic() - started < 0.5


def test_stop_ends_the_thread_and_the_next_use_starts_it_again() -> None:
    async def forever() -> None:
        await __import__("asyncio").sleep(3600)

    future = engine().submit(forever())
    (thread,) = _engine_threads()
    started = time.monotonic()
    assert engine().stop(1.0)
    assert time.monotonic() - started < 1.0
    assert not thread.is_alive() and _engine_threads() == []
    assert future.cancelled()

    async def answer() -> int:
        return 42

    assert engine().call(answer()) == 42
    assert len(_engine_threads()) == 1


def test_a_stopped_engine_never_leaves_a_caller_waiting() -> None:
    async def forever() -> None:
        await __import__("asyncio").sleep(3600)

    outcome: list[str] = []

    def caller() -> None:
        try:
            engine().call(forever())
        except CancelledError:
            outcome.append("cancelled")

    waiting = threading.Thread(target=caller)
    waiting.start()
    time.sleep(0.1)
    engine().stop(1.0)
    waiting.join(1.0)
    assert outcome == ["cancelled"]


def test_call_on_the_loop_itself_is_refused() -> None:
    async def nested() -> str:
        async def inner() -> None:
            return None

        try:
            engine().call(inner())
        except RuntimeError:
            return "refused"
        return "waited"

    assert engine().call(nested()) == "refused"
