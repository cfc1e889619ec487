"""The MTA-STS policy fetch against a hostile HTTPS server on 127.0.0.1 (tests/httpsserver.py):
the host is resolved by the app's resolver (the loopback DNS server answers
mta-sts.rec-good.test with 127.0.0.1), the certificate is checked against a CA the test
made, and the server's port is an ephemeral one named in the policy URL."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import dns.resolver
import pytest

from smtp_gui.core.checks.status import Status
from smtp_gui.core.deadline import Deadline
from smtp_gui.core.dns.deadline_resolver import with_deadline
from smtp_gui.core.dns.resolver import ResolverConfig, build_resolver
from smtp_gui.core.records.https_fetch import fetch
from smtp_gui.core.records.mta_sts import mta_sts_check
from tests.httpsserver import GOOD_POLICY, Pki, PolicyServer, make_pki

pytestmark = pytest.mark.network
DOMAIN = "rec-good.test"
TIMEOUT = 0.5


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"), f"mta-sts.{DOMAIN}")


@pytest.fixture
def resolver(resolver_config: ResolverConfig) -> dns.resolver.Resolver:
    config = ResolverConfig(resolver_config.nameservers, timeout=TIMEOUT)
    return build_resolver(config)


@pytest.fixture
def serve(pki: Pki) -> Iterator[object]:
    started: list[PolicyServer] = []

    def start(behaviour: str) -> PolicyServer:
        server = PolicyServer(pki, behaviour).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def _fetch(server: PolicyServer, resolver: dns.resolver.Resolver, pki: Pki, **kw: object):  # type: ignore[no-untyped-def]
    url = server.url().format(domain=DOMAIN)
    return fetch(url, resolver, timeout=TIMEOUT, context=pki.client_context(), **kw)  # type: ignore[arg-type]


def test_a_whole_policy_is_fetched(serve, resolver, pki: Pki) -> None:  # type: ignore[no-untyped-def]
    server = serve("good")
    got = _fetch(server, resolver, pki)
    assert got.ok and got.body == GOOD_POLICY, got
    assert got.address == "127.0.0.1"
    assert server.requests[0].startswith(b"GET /.well-known/mta-sts.txt HTTP/1.1\r\n")
    assert f"Host: mta-sts.{DOMAIN}:{server.port}".encode() in server.requests[0]


@pytest.mark.parametrize("behaviour", ["trickle", "silent"])
def test_a_slow_server_costs_one_timeout_at_most(serve, resolver, pki, behaviour: str) -> None:  # type: ignore[no-untyped-def]
    """Finding: a 5 s per-read timeout ignored --timeout (150 s for a trickle, 5.3 s for a
    silent host with --timeout 2). Now the whole fetch ends within the timeout."""
    server = serve(behaviour)
    started = time.monotonic()
    got = _fetch(server, resolver, pki)
    elapsed = time.monotonic() - started
    assert got.failure == "timeout", got
    assert elapsed < TIMEOUT * 2, f"{behaviour}: {elapsed:.2f} s"


@pytest.mark.parametrize(
    ("behaviour", "failure", "words"),
    [
        ("huge", "too_big", "65536"),
        ("truncated", "truncated", f"{len(GOOD_POLICY)} of {len(GOOD_POLICY) + 500} bytes"),
        ("chunked_cut", "truncated", "closed"),
        ("headers_cut", "truncated", "response headers"),
    ],
)
def test_a_broken_response_is_not_a_policy(  # type: ignore[no-untyped-def]
    serve, resolver, pki, behaviour: str, failure: str, words: str
) -> None:
    """Finding: a body shorter than Content-Length, a chunked body cut off, and headers cut
    off mid-way were accepted (the last as an empty 200). Now: could not fetch, and why."""
    got = _fetch(serve(behaviour), resolver, pki)
    assert not got.ok and got.body is None
    assert got.failure == failure, got
    assert words in got.detail


@pytest.mark.parametrize("behaviour", ["truncated", "chunked_cut", "headers_cut"])
def test_the_check_says_the_policy_could_not_be_fetched(serve, resolver, pki, behaviour) -> None:  # type: ignore[no-untyped-def]
    server = serve(behaviour)
    result = mta_sts_check(DOMAIN, resolver, policy_url=server.url(), context=pki.client_context())
    assert result.status is Status.ERROR
    assert result.extra["fetch_failure"] == "truncated"
    assert result.problems[0].note.key == "mta_sts.fetch_truncated"
    assert "cut short" in result.problems[0].text("en")
    assert "截断" in result.problems[0].text("zh")
    assert "mode: enforce" not in (result.record or "")


def test_the_check_fetch_takes_the_resolvers_timeout(serve, resolver, pki) -> None:  # type: ignore[no-untyped-def]
    server = serve("trickle")
    started = time.monotonic()
    result = mta_sts_check(DOMAIN, resolver, policy_url=server.url(), context=pki.client_context())
    assert result.extra["fetch_failure"] == "timeout"
    assert time.monotonic() - started < TIMEOUT * 3


def test_the_deadline_the_resolver_carries_ends_the_fetch(serve, resolver, pki) -> None:  # type: ignore[no-untyped-def]
    server = serve("trickle")
    bounded = with_deadline(resolver, Deadline.after(0.2))
    started = time.monotonic()
    got = fetch(
        server.url().format(domain=DOMAIN), bounded, timeout=30, context=pki.client_context()
    )
    assert got.failure == "timeout"
    assert time.monotonic() - started < 0.2 + 0.5


@pytest.mark.parametrize("behaviour", ["trickle", "silent"])
def test_cancel_stops_a_fetch_at_once(serve, resolver, pki, behaviour: str) -> None:  # type: ignore[no-untyped-def]
    server = serve(behaviour)
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    got = fetch(
        server.url().format(domain=DOMAIN),
        resolver,
        timeout=30,
        context=pki.client_context(),
        deadline=Deadline.after(30, cancel),
    )
    elapsed = time.monotonic() - started
    assert got.failure == "timeout" and got.detail == "cancelled"
    assert elapsed < 0.3 + 0.5, f"{elapsed:.2f} s"


def test_an_untrusted_certificate_is_a_tls_failure(serve, resolver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = serve("good")
    other = make_pki(tmp_path, f"mta-sts.{DOMAIN}")  # a CA that did not sign the server's
    got = fetch(
        server.url().format(domain=DOMAIN),
        resolver,
        timeout=TIMEOUT,
        context=other.client_context(),
    )
    assert got.failure == "tls" and "certificate" in got.detail
