"""The probe's time limits against real slow servers on 127.0.0.1: each step at most its
timeout, the whole probe at most PROBE_FACTOR x that, and cancel noticed at once."""

from __future__ import annotations

import threading
import time

import pytest

from smtp_gui.core.deadline import PROBE_FACTOR
from smtp_gui.core.dns.config import resolver_config
from smtp_gui.core.probe.model import MxMode, ProbeOptions, ProbeOutcome, StepKind
from smtp_gui.core.probe.run import run_probe
from tests.dnsserver import LoopbackDNSServer
from tests.slow_smtp import NeverAccepting, slow_replies

pytestmark = pytest.mark.network
TIMEOUT = 0.5


def test_replies_each_just_in_time_cannot_add_up(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    """Finding: a probe whose replies each came just inside the step timeout took 20 s.
    Six replies at 0.4 s would take 2.4 s; the whole probe ends at 3 x 0.5 s."""
    server = smtp_servers.scripted(slow_replies(0.4))
    options = ProbeOptions(
        "127.0.0.1",
        port=server.port,
        mail_from="a@example.test",
        rcpt_to="b@example.test",
        timeout=TIMEOUT,
    )
    started = time.monotonic()
    result = run_probe(options)
    elapsed = time.monotonic() - started
    assert elapsed < PROBE_FACTOR * TIMEOUT + 0.4, f"{elapsed:.2f} s"
    assert result.outcome is ProbeOutcome.TIMEOUT
    assert "probe.summary.total_limit" in [note.key for note in result.summary]
    assert "1.5 s" in " ".join(note.text("en") for note in result.summary)
    assert all(step.ms <= TIMEOUT * 1000 + 100 for step in result.steps)


def test_mx_hosts_that_never_accept_share_the_probes_time(
    smtp_servers,  # type: ignore[no-untyped-def]
    dns_server: LoopbackDNSServer,
) -> None:
    """Finding: five MX hosts that never accept took 10.4 s (five timeouts)."""
    for index in range(5):
        dns_server.add("stuck.probe-mx.test", "MX", f"{index * 10} h{index}.stuck.probe-mx.test.")
        dns_server.add(f"h{index}.stuck.probe-mx.test", "A", "127.0.0.1")
    timeout = 0.4
    with NeverAccepting() as stuck:
        options = ProbeOptions(
            "stuck.probe-mx.test",
            port=stuck.port,
            mx=MxMode.YES,
            resolver=resolver_config(dns_server.nameserver, timeout),
            timeout=timeout,
        )
        started = time.monotonic()
        result = run_probe(options)
        elapsed = time.monotonic() - started
    assert elapsed < PROBE_FACTOR * timeout + 0.4, f"{elapsed:.2f} s"  # five timeouts: 2 s
    assert result.outcome is ProbeOutcome.TIMEOUT
    connects = [s for s in result.steps if s.kind is StepKind.CONNECT]
    assert 1 <= len(connects) < 5


def test_cancel_ends_a_slow_dialogue_at_once(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(slow_replies(5))
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    result = run_probe(ProbeOptions("127.0.0.1", port=server.port, timeout=10), cancel=cancel)
    assert time.monotonic() - started < 0.3 + 0.5
    assert result.outcome is ProbeOutcome.CANCELLED
