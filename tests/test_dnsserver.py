"""The loopback DNS server itself: real queries over UDP and TCP, and each misbehaviour."""

from __future__ import annotations

import time

import dns.message
import dns.query
import dns.rcode
import pytest

from tests.dnsserver import LoopbackDNSServer


def _ask(
    server: LoopbackDNSServer, name: str, rdtype: str, *, tcp: bool = False
) -> dns.message.Message:
    query = dns.message.make_query(name, rdtype)
    send = dns.query.tcp if tcp else dns.query.udp
    return send(query, server.host, port=server.port, timeout=2)


def test_answers_from_zone_files_over_udp_and_tcp(dns_server: LoopbackDNSServer) -> None:
    for tcp in (False, True):
        reply = _ask(dns_server, "basics.test", "MX", tcp=tcp)
        assert reply.rcode() == dns.rcode.NOERROR
        assert [r.to_text() for r in reply.answer[0]] == ["10 mx1.basics.test."]
    assert [(q.name, q.transport) for q in dns_server.queries] == [
        ("basics.test", "udp"),
        ("basics.test", "tcp"),
    ]


def test_nxdomain_nodata_and_cname(dns_server: LoopbackDNSServer) -> None:
    assert _ask(dns_server, "nothing.basics.test", "A").rcode() == dns.rcode.NXDOMAIN
    nodata = _ask(dns_server, "mx1.basics.test", "TXT")
    assert nodata.rcode() == dns.rcode.NOERROR and not nodata.answer
    chained = _ask(dns_server, "alias.basics.test", "A")
    assert [rr.rdtype for rr in chained.answer] == [5, 1]


def test_txt_split_into_strings(dns_server: LoopbackDNSServer) -> None:
    reply = _ask(dns_server, "long.basics.test", "TXT")
    assert reply.answer[0][0].strings == (b"first part ", b"second part")


@pytest.mark.parametrize("rcode", [dns.rcode.SERVFAIL, dns.rcode.REFUSED])
def test_forced_rcode(dns_server: LoopbackDNSServer, rcode: int) -> None:
    dns_server.behave("basics.test", rcode=rcode)
    assert _ask(dns_server, "basics.test", "A").rcode() == rcode


def test_drop_means_timeout(dns_server: LoopbackDNSServer) -> None:
    dns_server.behave("basics.test", drop=True)
    with pytest.raises(dns.exception.Timeout):
        dns.query.udp(
            dns.message.make_query("basics.test", "A"),
            dns_server.host,
            port=dns_server.port,
            timeout=0.3,
        )


def test_delay_is_concurrent(dns_server: LoopbackDNSServer) -> None:
    dns_server.behave("basics.test", delay=0.2)
    import concurrent.futures

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(10) as pool:
        replies = list(pool.map(lambda _: _ask(dns_server, "basics.test", "A"), range(10)))
    elapsed = time.monotonic() - start
    assert all(r.rcode() == dns.rcode.NOERROR for r in replies)
    assert 0.2 <= elapsed < 1.0


def test_truncate_forces_tcp(dns_server: LoopbackDNSServer) -> None:
    dns_server.behave("basics.test", truncate=True)
    reply, used_tcp = dns.query.udp_with_fallback(
        dns.message.make_query("basics.test", "MX"),
        dns_server.host,
        port=dns_server.port,
        timeout=2,
    )
    assert used_tcp and reply.answer
