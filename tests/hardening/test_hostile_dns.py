"""Hostile DNS on the loopback server: every check says permerror, temperror or "could not
check" with a reason, never "no record" or "not listed", and none outlives its timeout.

The server (tests/dnsserver.py) serves records written to hurt: SPF include loops and
self-redirects, too many lookups, a 60 KB TXT record (only TCP can carry it), 300 TXT
strings, CNAME loops and long chains; and misbehaves per name: answers for the wrong
question, truncates UDP answers, sends garbage bytes, closes TCP mid-answer, answers
SERVFAIL or REFUSED. One more resolver points at a port where nothing listens.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import dns.rcode
import dns.resolver
import pytest

from smtp_gui.core.checks.status import CheckResult, Status
from smtp_gui.core.dns.lookup import Outcome, lookup
from smtp_gui.core.dns.resolver import Nameserver, ResolverConfig, build_resolver
from smtp_gui.core.dnsbl.answer import ListingStatus
from smtp_gui.core.dnsbl.check import CheckResolver, ProbeCache, ZoneResult, check_zone
from smtp_gui.core.dnsbl.query import parse_target
from smtp_gui.core.dnsbl.zones import zone_from_spec
from smtp_gui.core.records.dkim import dkim_check
from smtp_gui.core.records.dmarc import dmarc_check
from smtp_gui.core.records.domain_check import domain_checks, make_target, run_checks
from smtp_gui.core.records.mx import mx_check
from smtp_gui.core.records.spf_check import spf_check
from smtp_gui.core.spf.analysis import analyze
from smtp_gui.core.spf.evaluate import check_host
from smtp_gui.core.spf.record import SpfResult
from smtp_gui.core.spf.trace import Evaluation
from tests.dnsserver import LoopbackDNSServer

pytestmark = pytest.mark.network

TIMEOUT = 1.0
# A check whose first question gets no answer must end at the timeout; the margin is for a
# loaded CI machine, and is smaller than the timeout so that asking twice would be caught.
MARGIN = 0.7
IP = "192.0.2.1"
BIG = 60_000  # bytes of TXT: far more than UDP carries, so the client must retry over TCP

# Names that misbehave (each with everything below it): how, and what a check must say.
BEHAVIOURS: dict[str, dict[str, object]] = {
    "wrong-question": {"wrong_question": True},
    "garbage": {"garbage": True},
    "close-tcp": {"truncate": True, "close_tcp": True},
    "servfail": {"rcode": dns.rcode.SERVFAIL},
    "refused": {"rcode": dns.rcode.REFUSED},
    "drop": {"drop": True},
}


# Behaviours that leave the client waiting: each costs a timeout, so their tests run at once.
SILENT = ("wrong-question", "garbage", "drop")
FAST = tuple(label for label in BEHAVIOURS if label not in SILENT)


def _strings(text: str | bytes) -> list[bytes]:
    """``text`` as TXT character-strings of at most 255 bytes (RFC 1035 3.3.14)."""
    data = text.encode() if isinstance(text, str) else text
    return [data[i : i + 255] for i in range(0, len(data), 255)] or [b""]


def _serve(server: LoopbackDNSServer) -> None:
    add_txt = server.add_txt
    # SPF loops: itself, each other, a redirect to itself.
    add_txt("loop.spf.hostile.test", ["v=spf1 include:loop.spf.hostile.test -all"])
    add_txt("ping.spf.hostile.test", ["v=spf1 include:pong.spf.hostile.test -all"])
    add_txt("pong.spf.hostile.test", ["v=spf1 include:ping.spf.hostile.test -all"])
    add_txt("self.spf.hostile.test", ["v=spf1 redirect=self.spf.hostile.test"])
    # Ten, eleven and fifty DNS-querying terms (RFC 7208 4.6.4: at most ten).
    for count in (10, 11, 50):
        terms = " ".join(f"a:h{i}.hosts.hostile.test" for i in range(count))
        add_txt(f"terms{count}.spf.hostile.test", _strings(f"v=spf1 {terms} -all"))
    for i in range(50):
        server.add(f"h{i}.hosts.hostile.test", "A", "198.51.100.1")
    # Fifty includes, each of which exists.
    includes = " ".join(f"include:i{i}.spf.hostile.test" for i in range(50))
    add_txt("includes50.spf.hostile.test", _strings(f"v=spf1 {includes} -all"))
    for i in range(50):
        add_txt(f"i{i}.spf.hostile.test", ["v=spf1 ip4:198.51.100.0/24 -all"])
    # 60 KB of TXT (a record that is also far too long for SPF) and 300 TXT strings.
    add_txt("big.hostile.test", _strings("v=spf1 " + "ip4:198.51.100.1 " * (BIG // 17)))
    add_txt("_dmarc.big.hostile.test", _strings("v=DMARC1; p=reject; " + "x=1;" * (BIG // 4)))
    add_txt("sel._domainkey.big.hostile.test", _strings("v=DKIM1; p=" + "A" * BIG))
    many = ["v=spf1 ", *(f"ip4:10.0.0.{i % 10} " for i in range(298)), "ip4:" + IP]
    add_txt("many.hostile.test", many)
    # CNAME loops and a chain longer than any resolver follows, at every name a check asks.
    for name in ("cname-loop", "cname-chain"):
        for prefix in ("", "_dmarc.", "sel._domainkey."):
            base = f"{prefix}{name}.hostile.test"
            if name == "cname-loop":
                server.add(base, "CNAME", f"{base}.loop.")
                server.add(f"{base}.loop", "CNAME", f"{base}.")
            else:
                for i in range(40):
                    server.add(f"{i}.{base}" if i else base, "CNAME", f"{i + 1}.{base}.")
    # Each misbehaving name has records, so that a check that ignored the misbehaviour
    # would find them.
    for label, behaviour in BEHAVIOURS.items():
        domain = f"{label}.hostile.test"
        add_txt(domain, ["v=spf1 -all"])
        add_txt(f"_dmarc.{domain}", ["v=DMARC1; p=reject"])
        add_txt(f"sel._domainkey.{domain}", ["v=DKIM1; p=MFkw"])
        server.add(domain, "MX", "10 mx.hostile.test.")
        server.behave(domain, **behaviour)
        # An include of the misbehaving name makes the including record temperror too.
        add_txt(f"includes-{label}.spf.hostile.test", [f"v=spf1 include:{domain} -all"])
    server.add("mx.hostile.test", "A", "198.51.100.25")
    # Truncated over UDP, whole over TCP: a check must get the real answer.
    add_txt("truncated.hostile.test", ["v=spf1 ip4:" + IP + " -all"])
    server.behave("truncated.hostile.test", truncate=True)


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackDNSServer]:
    with LoopbackDNSServer() as dns_server:
        _serve(dns_server)
        yield dns_server


@pytest.fixture(scope="module")
def resolver(server: LoopbackDNSServer) -> dns.resolver.Resolver:
    return build_resolver(_config(server.port))


@pytest.fixture(scope="module")
def dead_port() -> int:
    """A UDP and TCP port on 127.0.0.1 where nothing listens."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _config(port: int) -> ResolverConfig:
    return ResolverConfig((Nameserver("127.0.0.1", port),), timeout=TIMEOUT)


def _timed(run: Callable[[], object]) -> tuple[object, float]:
    started = time.monotonic()
    result = run()
    return result, time.monotonic() - started


# -- SPF: the RFC 7208 limits hold however hostile the records --------------------------------
@pytest.mark.parametrize(
    ("domain", "result", "reason"),
    [
        ("loop.spf.hostile.test", SpfResult.PERMERROR, "spf.why.lookup_limit"),
        ("ping.spf.hostile.test", SpfResult.PERMERROR, "spf.why.lookup_limit"),
        ("self.spf.hostile.test", SpfResult.PERMERROR, "spf.why.lookup_limit"),
        ("terms10.spf.hostile.test", SpfResult.FAIL, None),
        ("terms11.spf.hostile.test", SpfResult.PERMERROR, "spf.why.lookup_limit"),
        ("terms50.spf.hostile.test", SpfResult.PERMERROR, "spf.why.lookup_limit"),
        ("includes50.spf.hostile.test", SpfResult.PERMERROR, "spf.why.lookup_limit"),
        ("big.hostile.test", SpfResult.PERMERROR, None),
        ("many.hostile.test", SpfResult.PASS, None),
        ("truncated.hostile.test", SpfResult.PASS, None),
        ("cname-loop.hostile.test", SpfResult.TEMPERROR, "spf.why.record_temperror"),
        ("cname-chain.hostile.test", SpfResult.TEMPERROR, "spf.why.record_temperror"),
        *[
            (f"{label}.hostile.test", SpfResult.TEMPERROR, "spf.why.record_temperror")
            for label in FAST
        ],
        *[(f"includes-{label}.spf.hostile.test", SpfResult.TEMPERROR, None) for label in FAST],
    ],
)
def test_spf_evaluation_of_hostile_records(
    resolver: dns.resolver.Resolver, domain: str, result: SpfResult, reason: str | None
) -> None:
    evaluation, elapsed = _timed(lambda: check_host(resolver, IP, domain, "x@" + domain))
    _assert_evaluation(domain, evaluation, elapsed, result, reason)


def _assert_evaluation(
    domain: str, evaluation: object, elapsed: float, result: SpfResult, reason: str | None
) -> None:
    assert isinstance(evaluation, Evaluation)
    assert evaluation.result is result, f"{domain}: {evaluation.reason_text('en')}"
    if reason is not None:
        assert evaluation.reason.key == reason, domain
    assert evaluation.reason_text("en") and evaluation.reason_text("zh")
    assert evaluation.lookups <= 11 and evaluation.void_lookups <= 3
    # A lookup that gets no answer ends the evaluation (RFC 7208 4.4, 5.2): one timeout.
    assert elapsed < TIMEOUT + MARGIN, f"{domain} took {elapsed:.2f} s"


def test_a_record_over_60_kb_arrives_over_tcp_whole(
    server: LoopbackDNSServer, resolver: dns.resolver.Resolver
) -> None:
    found = lookup(resolver, "big.hostile.test", "TXT")
    assert found.outcome is Outcome.ANSWER
    assert len(found.records[0]) > BIG - 100 and found.records[0].startswith("v=spf1 ip4:")
    assert any(q.name == "big.hostile.test" and q.transport == "tcp" for q in server.queries)
    evaluation = check_host(resolver, IP, "big.hostile.test", "x@big.hostile.test")
    assert evaluation.result is SpfResult.PERMERROR and evaluation.detail is not None
    assert "4096" in evaluation.reason_text("en")  # the record is refused for its size


def test_300_txt_strings_are_joined_without_spaces(resolver: dns.resolver.Resolver) -> None:
    """RFC 7208 3.3: the strings of one TXT record are concatenated as they are."""
    found = lookup(resolver, "many.hostile.test", "TXT")
    assert len(found.raw_txt[0]) == 300
    assert found.records[0] == b"".join(found.raw_txt[0]).decode()
    assert found.records[0].endswith("ip4:10.0.0.7 ip4:" + IP)


@pytest.mark.parametrize("domain", ["cname-loop.hostile.test", "cname-chain.hostile.test"])
def test_cname_loops_and_long_chains_are_errors_with_a_reason(
    resolver: dns.resolver.Resolver, domain: str
) -> None:
    found, elapsed = _timed(lambda: lookup(resolver, domain, "TXT"))
    assert found.outcome is Outcome.ERROR and "CNAME" in found.detail  # type: ignore[attr-defined]
    assert elapsed < TIMEOUT + MARGIN


def test_truncated_answers_are_asked_again_over_tcp(
    server: LoopbackDNSServer, resolver: dns.resolver.Resolver
) -> None:
    found = lookup(resolver, "truncated.hostile.test", "TXT")
    assert found.records == ("v=spf1 ip4:" + IP + " -all",)
    transports = {q.transport for q in server.queries if q.name == "truncated.hostile.test"}
    assert transports == {"udp", "tcp"}


def test_spf_analysis_of_fifty_includes_counts_them_all(resolver: dns.resolver.Resolver) -> None:
    analysis, elapsed = _timed(lambda: analyze("includes50.spf.hostile.test", resolver))
    assert analysis.outcome == "permerror"  # type: ignore[attr-defined]
    assert analysis.lookups == 50  # type: ignore[attr-defined]
    assert elapsed < 10


# -- every domain check and every blocklist row: "could not check", within the timeout -------
def _row_checks(domain: str, resolver: dns.resolver.Resolver) -> dict[str, Callable[[], object]]:
    return {
        "spf": lambda: spf_check(domain, resolver, ip=IP),
        "mx": lambda: mx_check(domain, resolver),
        "dmarc": lambda: dmarc_check(domain, resolver),
        "dkim": lambda: dkim_check(domain, resolver, ["sel"]),
    }


def _assert_could_not_check(name: str, result: object, elapsed: float) -> None:
    assert isinstance(result, CheckResult)
    summary = result.summary.text("en")
    assert result.status is Status.ERROR, f"{name}: {result.status} {summary}"
    assert summary and result.summary.text("zh")
    assert not summary.rstrip(". ").endswith(":"), f"{name}: no reason in {summary!r}"
    assert result.problems and all(p.text("en") for p in result.problems)
    assert elapsed < TIMEOUT + MARGIN, f"{name} took {elapsed:.2f} s"


def _run_all(checks: dict[str, Callable[[], object]]) -> dict[str, tuple[object, float]]:
    """Run the checks at once, as the window does; each timed on its own."""
    with ThreadPoolExecutor(max_workers=len(checks)) as pool:
        futures = {name: pool.submit(_timed, run) for name, run in checks.items()}
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize(
    "domain",
    [f"{label}.hostile.test" for label in FAST]
    + ["cname-loop.hostile.test", "cname-chain.hostile.test"],
)
def test_domain_checks_say_could_not_check(resolver: dns.resolver.Resolver, domain: str) -> None:
    for name, (result, elapsed) in _run_all(_row_checks(domain, resolver)).items():
        _assert_could_not_check(f"{name} of {domain}", result, elapsed)


def test_silence_costs_one_timeout_everywhere(
    server: LoopbackDNSServer, resolver: dns.resolver.Resolver, dead_port: int
) -> None:
    """Wrong-question answers, garbage, dropped queries and a port with nothing listening:
    every SPF evaluation, domain check and blocklist row says so within one timeout. All at
    once (each timed on its own), so that the suite pays one timeout, not thirty."""
    dead = build_resolver(_config(dead_port))
    tasks: dict[str, Callable[[], object]] = {}
    for label in SILENT:
        domain = f"{label}.hostile.test"
        tasks[f"spf:{domain}"] = lambda d=domain: check_host(resolver, IP, d, "x@" + d)
        included = f"includes-{label}.spf.hostile.test"
        tasks[f"spf:{included}"] = lambda d=included: check_host(resolver, IP, d, "x@" + d)
        for name, run in _row_checks(domain, resolver).items():
            tasks[f"row:{name} of {domain}"] = run
        tasks[f"list:{domain}"] = lambda z=domain: _zone_row(z, server.port)
    for name, run in _row_checks("example.test", dead).items():
        tasks[f"row:{name} with nothing listening"] = run
    tasks["list:nothing listening"] = lambda: _zone_row("bl.hostile.test", dead_port)
    target = make_target("example.test", ip=IP, selectors=["sel"])
    tasks["domain:nothing listening"] = lambda: run_checks(domain_checks(target), dead)
    failures: list[str] = []
    for name, (result, elapsed) in _run_all(tasks).items():
        kind, _, what = name.partition(":")
        try:
            if kind == "spf":
                reason = None if what.startswith("includes-") else "spf.why.record_temperror"
                _assert_evaluation(what, result, elapsed, SpfResult.TEMPERROR, reason)
            elif kind == "row":
                _assert_could_not_check(what, result, elapsed)
            elif kind == "list":
                row, own = result  # type: ignore[misc]
                assert row.status is ListingStatus.TIMEOUT and row.meaning.en, what
                assert own < TIMEOUT + MARGIN, f"{what} took {own:.2f} s"
            else:  # the whole ``check domain``: every row that asks DNS is error
                for row in result:  # type: ignore[attr-defined]
                    assert row.status is Status.ERROR, (row.name, row.summary.text("en"))
                assert elapsed < TIMEOUT + MARGIN + 1.0  # mta-sts: DNS, then no HTTPS
        except AssertionError as error:
            failures.append(f"{name}: {error}")
    assert failures == []


def test_huge_policy_records_are_findings_not_crashes(resolver: dns.resolver.Resolver) -> None:
    dmarc = dmarc_check("big.hostile.test", resolver)
    assert dmarc.status is Status.FAIL and dmarc.problems
    dkim = dkim_check("big.hostile.test", resolver, ["sel"])
    assert dkim.status in (Status.FAIL, Status.WARN) and dkim.problems
    spf = spf_check("big.hostile.test", resolver)
    assert spf.status is Status.FAIL


def _zone_row(zone: str, port: int) -> tuple[ZoneResult, float]:
    handle = CheckResolver.from_config(_config(port))
    target = parse_target(IP)
    started = time.monotonic()
    result = check_zone(handle, target, zone_from_spec(zone), ProbeCache())
    return result, time.monotonic() - started


@pytest.mark.parametrize(
    ("zone", "status"),
    [
        ("close-tcp.hostile.test", ListingStatus.ERROR),
        ("servfail.hostile.test", ListingStatus.ERROR),
        ("refused.hostile.test", ListingStatus.ERROR),
    ],
)
def test_blocklist_rows_say_could_not_check(
    server: LoopbackDNSServer, zone: str, status: ListingStatus
) -> None:
    result, elapsed = _zone_row(zone, server.port)
    assert result.status is status, result.meaning.en
    assert result.status.could_not_check
    assert result.meaning.en and result.meaning.zh and not result.meaning.en.endswith(": ")
    assert elapsed < TIMEOUT + MARGIN


def test_a_listing_with_60_kb_and_300_strings_of_reason(server: LoopbackDNSServer) -> None:
    zone = "reasons.bl.hostile.test"
    server.add(f"2.0.0.127.{zone}", "A", "127.0.0.2")
    for address, reason in (("1.2.0.192", ["why? "] * 300), ("2.2.0.192", _strings("x" * BIG))):
        server.add(f"{address}.{zone}", "A", "127.0.0.2")
        server.add_txt(f"{address}.{zone}", reason)
    handle = CheckResolver.from_config(_config(server.port))
    for ip in ("192.0.2.1", "192.0.2.2"):
        result = check_zone(handle, parse_target(ip), zone_from_spec(zone), ProbeCache())
        assert result.status is ListingStatus.LISTED
        assert len(result.txt) == 1 and len(result.txt[0]) <= 513  # capped, with "…"
