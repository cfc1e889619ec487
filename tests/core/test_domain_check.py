"""The domain-check plan and runner: independent rows, parallel, could-not-check for each."""

from __future__ import annotations

import threading
import time

import dns.resolver
import pytest

from smtp_gui.core.checks.status import CheckResult, Status
from smtp_gui.core.dns.resolver import Nameserver, ResolverConfig, build_resolver
from smtp_gui.core.records.domain_check import (
    CHECK_NAMES,
    DomainCheck,
    domain_checks,
    make_target,
    normalize_domain,
    run_check,
    run_checks,
)
from smtp_gui.core.text.errors import InputError
from smtp_gui.core.text.messages import Note
from tests.dnsserver import LoopbackDNSServer


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("Example.COM.", "example.com"),
        ("user@example.com", "example.com"),
        ("  mail.example.co.uk ", "mail.example.co.uk"),
        ("bücher.example", "xn--bcher-kva.example"),
        ("_dmarc.example.com", "_dmarc.example.com"),
    ],
)
def test_normalize_domain(text: str, domain: str) -> None:
    assert normalize_domain(text) == domain


@pytest.mark.parametrize("text", ["", "exa mple.com", "-bad.example", "a..b", "x" * 64 + ".com"])
def test_bad_domains_are_input_errors(text: str) -> None:
    with pytest.raises(InputError) as caught:
        normalize_domain(text)
    assert caught.value.text("zh")


def test_make_target_validates_every_field() -> None:
    target = make_target(
        "Example.com",
        ip="2001:DB8::1",
        sender="Bounce@Mail.Example.com",
        helo="MX.example.com",
        selectors=["s1", "S1", "google"],
    )
    assert target.ip == "2001:db8::1"
    assert target.sender == "Bounce@mail.example.com"
    assert target.helo == "mx.example.com"
    assert target.selectors == ("s1", "google")
    for bad in ({"ip": "300.1.1.1"}, {"selector": ["a b"]}, {"sender": "x@bad domain"}):
        with pytest.raises(InputError):
            make_target(
                "example.com",
                ip=bad.get("ip"),
                sender=bad.get("sender"),
                selectors=bad.get("selector", ()),
            )


def test_plan_has_every_row_in_order() -> None:
    checks = domain_checks(make_target("example.com"))
    assert tuple(c.name for c in checks) == CHECK_NAMES
    assert [c.name for c in domain_checks(make_target("example.com"), ["tlsa", "mx"])] == [
        "tlsa",
        "mx",
    ]
    with pytest.raises(InputError):
        domain_checks(make_target("example.com"), ["mx", "nope"])


@pytest.fixture
def resolver(resolver_config: ResolverConfig) -> dns.resolver.Resolver:
    return build_resolver(resolver_config)


def test_every_row_against_the_good_domain(resolver: dns.resolver.Resolver) -> None:
    target = make_target("rec-good.test", ip="198.51.100.25", sender="b@rec-good.test")
    names = [n for n in CHECK_NAMES if n != "mta-sts"]  # its fetch is tested in test_mta_sts
    results = run_checks(domain_checks(target, names), resolver, "loopback")
    assert [r.name for r in results] == names
    by_name = {r.name: r for r in results}
    for name in ("mx", "dmarc", "dkim", "ptr", "tls-rpt", "bimi"):
        assert by_name[name].status is Status.PASS, (name, by_name[name].problems)
    assert by_name["tlsa"].status is Status.WARN  # the loopback server does not sign
    assert all(r.resolver == "loopback" and r.ms > 0 for r in results)


def test_ptr_without_ip_is_info(resolver: dns.resolver.Resolver) -> None:
    (result,) = run_checks(domain_checks(make_target("rec-good.test"), ["ptr"]), resolver)
    assert result.status is Status.INFO and result.summary.key == "ptr.no_ip"


def test_spf_row_evaluates_the_ip(resolver: dns.resolver.Resolver) -> None:
    target = make_target("rec-good.test", ip="198.51.100.25", sender="b@rec-good.test")
    (result,) = run_checks(domain_checks(target, ["spf"]), resolver)
    assert result.name == "spf" and result.status is Status.PASS
    assert result.extra["result"] == "pass"
    assert result.record == "v=spf1 ip4:198.51.100.0/24 -all"
    outside = make_target("rec-good.test", ip="192.0.2.1", sender="b@rec-good.test")
    (failed,) = run_checks(domain_checks(outside, ["spf"]), resolver)
    assert failed.extra["result"] == "fail" and failed.status is Status.FAIL


def test_a_crashing_check_becomes_an_error_row(resolver: dns.resolver.Resolver) -> None:
    def broken(_resolver: dns.resolver.Resolver) -> CheckResult:
        raise RuntimeError("boom")

    result = run_check(DomainCheck("mx", broken), resolver)
    assert result.status is Status.ERROR and result.extra["failure"] == "internal"
    assert "RuntimeError: boom" in result.summary.text("en")


def test_rows_run_at_once_and_report_as_they_finish(resolver: dns.resolver.Resolver) -> None:
    started = threading.Barrier(3, timeout=5)

    def slow(name: str, delay: float) -> DomainCheck:
        def run(_resolver: dns.resolver.Resolver) -> CheckResult:
            started.wait()  # all three must be running together to get past this
            time.sleep(delay)
            return CheckResult(name, Status.PASS, Note("mx.null", {"domain": name}))

        return DomainCheck(name, run)

    finished: list[str] = []
    checks = [slow("a", 0.3), slow("b", 0.0), slow("c", 0.15)]
    results = run_checks(checks, resolver, on_result=lambda i, r: finished.append(r.name))
    assert [r.name for r in results] == ["a", "b", "c"]
    assert finished == ["b", "c", "a"]


# --- a domain whose every query times out, is SERVFAIL or REFUSED: each row says so -------
ROWS = list(CHECK_NAMES)


@pytest.mark.parametrize(
    ("behaviour", "failure"),
    [({"drop": True}, "timeout"), ({"rcode": 2}, "servfail"), ({"rcode": 5}, "refused")],
)
def test_each_check_says_could_not_check(
    dns_server: LoopbackDNSServer, behaviour: dict[str, object], failure: str
) -> None:
    dns_server.behave("rec-slow.test", **behaviour)
    dns_server.behave("29.100.51.198.in-addr.arpa", **behaviour)
    config = ResolverConfig((Nameserver(dns_server.host, dns_server.port),), timeout=0.4)
    target = make_target("rec-slow.test", ip="198.51.100.29", sender="a@rec-slow.test")
    results = run_checks(domain_checks(target, ROWS), build_resolver(config))
    for result in results:
        assert result.status is Status.ERROR, (result.name, result.summary.text("en"))
        if result.name != "spf":
            assert result.extra["failure"] == failure, result.name
        assert result.summary.text("en").startswith("Could not check")
        assert result.summary.text("zh").startswith("无法检查")
