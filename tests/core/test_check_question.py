"""A domain check weighed by what the bounce is about (core/checks/question.py): the question
from a reply, the sender from a bounce, the rows' order and severity, and the verdict that
names the rows explaining the bounce. The results come from the loopback DNS server
(tests/zones/checks-question.zone and checks-domain.zone)."""

from __future__ import annotations

import pytest

from smtp_gui.core.checks.question import (
    CheckContext,
    Question,
    bounce_question,
    explained_verdict,
    sender_of,
    weigh,
)
from smtp_gui.core.checks.report import domain_report
from smtp_gui.core.checks.status import CheckResult, Status
from smtp_gui.core.dns.resolver import Nameserver, ResolverConfig, build_resolver
from smtp_gui.core.records.domain_check import CHECK_NAMES, domain_checks, make_target, run_checks
from smtp_gui.core.report.model import Severity, Verdict
from smtp_gui.core.report.runs import plain
from tests.dnsserver import LoopbackDNSServer

IP = "203.0.113.45"
AUTH = CheckContext("acme-widgets.com", IP, "alice@acme-widgets.com", Question.AUTHENTICATION,
                    "550 5.7.26")  # fmt: skip


@pytest.mark.parametrize(
    ("enhanced", "text", "tags", "listed", "question"),
    [
        ("5.7.26", "This mail is unauthenticated", (), False, Question.AUTHENTICATION),
        ("5.7.23", "", (), False, Question.AUTHENTICATION),
        ("5.7.1", "Message rejected due to SPF policy", (), False, Question.AUTHENTICATION),
        ("5.7.1", "DMARC policy of the sender's domain", (), False, Question.AUTHENTICATION),
        ("5.7.1", "rejected", ("auth",), False, Question.AUTHENTICATION),
        ("5.7.25", "", (), False, Question.PTR),
        ("5.7.1", "Client host rejected: cannot find your reverse DNS", (), False, Question.PTR),
        ("", "550 no PTR record for 203.0.113.45", (), False, Question.PTR),
        ("5.7.1", "blocked using zen.spamhaus.org", (), True, Question.BLOCKLIST),
        ("5.7.1", "poor reputation", ("ip_reputation",), False, Question.BLOCKLIST),
        ("5.7.27", "Sender address has null MX", (), False, Question.NONE),
        ("5.1.1", "User unknown", ("address",), False, Question.NONE),
    ],
)
def test_bounce_question(
    enhanced: str, text: str, tags: tuple[str, ...], listed: bool, question: Question
) -> None:
    assert bounce_question(enhanced, text, tags, listed) is question


def test_sender_of_skips_the_recipient_and_other_domains() -> None:
    emails = ("bob@gmail.com", "postmaster@relay.example", "alice@acme-widgets.com")
    assert sender_of("acme-widgets.com", emails, "bob@gmail.com") == "alice@acme-widgets.com"
    assert sender_of("acme-widgets.com", ("news@mail.acme-widgets.com",)) == (
        "news@mail.acme-widgets.com"
    )
    assert sender_of("acme-widgets.com", ("x@notacme-widgets.com",)) == ""
    assert sender_of("gmail.com", emails, "bob@gmail.com") == ""


@pytest.fixture
def acme(dns_server: LoopbackDNSServer) -> list[CheckResult]:
    """Every check of acme-widgets.com for the bounced IP: SPF softfails, no DKIM key at the
    common selectors, no PTR for the IP."""
    config = ResolverConfig((Nameserver(dns_server.host, dns_server.port),), timeout=1.0)
    target = make_target("acme-widgets.com", ip=IP, sender="alice@acme-widgets.com")
    return run_checks(domain_checks(target), build_resolver(config), "loopback")


def _statuses(results: tuple[CheckResult, ...] | list[CheckResult]) -> list[tuple[str, Status]]:
    return [(r.name, r.status) for r in results]


def test_without_a_question_nothing_moves(acme: list[CheckResult]) -> None:
    assert [r.name for r in acme] == list(CHECK_NAMES)
    for context in (None, CheckContext("acme-widgets.com", IP)):
        weighed = weigh(acme, context)
        assert weighed.results == tuple(acme)
        assert weighed.explaining == ()
    report = domain_report("acme-widgets.com", acme, "en", "loopback")
    assert report == domain_report("acme-widgets.com", acme, "en", "loopback", context=None)
    # The whole domain's verdict, not one of a bounce: PTR fails, SPF only warns here.
    verdict = report.blocks[0]
    assert isinstance(verdict, Verdict) and verdict.severity is Severity.ERROR
    assert plain(verdict.text, "en").startswith("acme-widgets.com: PTR (reverse DNS) failed.")
    assert "bounce" not in plain(verdict.text, "en")


def test_an_authentication_bounce_puts_spf_dkim_dmarc_first(acme: list[CheckResult]) -> None:
    own = dict(_statuses(acme))
    assert (own["spf"], own["dkim"], own["ptr"]) == (Status.WARN, Status.INFO, Status.FAIL)
    weighed = weigh(acme, AUTH)
    assert [r.name for r in weighed.results][:4] == ["spf", "dkim", "dmarc", "mx"]
    assert dict(_statuses(weighed.results)) == {
        **own, "spf": Status.FAIL, "dkim": Status.FAIL  # the softfail and no DKIM explain it
    }  # fmt: skip
    assert [r.name for r in weighed.explaining] == ["spf", "dkim"]


def test_the_verdict_names_the_explaining_rows(acme: list[CheckResult]) -> None:
    verdict = explained_verdict(weigh(acme, AUTH), AUTH, "acme-widgets.com")
    assert verdict is not None and verdict.severity is Severity.ERROR
    assert plain(verdict.text, "en") == (
        "SPF for 203.0.113.45 is softfail and no DKIM key was found for acme-widgets.com: "
        "these explain the 550 5.7.26 bounce. The sender's domain must publish SPF that "
        "allows the sending server and sign its mail with DKIM."
    )
    assert plain(verdict.text, "zh").startswith("203.0.113.45 的 SPF 结果为 softfail")
    assert "解释了 550 5.7.26 退信" in plain(verdict.text, "zh")
    report = domain_report("acme-widgets.com", acme, "en", "loopback", context=AUTH)
    assert report.blocks[0] == verdict  # the banner's sentence, on top of the report


def test_a_ptr_bounce_puts_ptr_first_and_explains_it(acme: list[CheckResult]) -> None:
    context = CheckContext("acme-widgets.com", IP, "", Question.PTR, "550 5.7.25")
    weighed = weigh(acme, context)
    assert weighed.results[0].name == "ptr" and weighed.results[0].status is Status.FAIL
    assert [r.name for r in weighed.results[1:]] == [n for n in CHECK_NAMES if n != "ptr"]
    assert dict(_statuses(weighed.results))["spf"] is Status.WARN  # not what it is about
    verdict = explained_verdict(weighed, context, "acme-widgets.com")
    assert verdict is not None
    assert plain(verdict.text, "en").startswith(
        "203.0.113.45 has no confirmed PTR (reverse DNS) name: these explain the 550 5.7.25"
    )


def test_a_blocklist_bounce_puts_ptr_first(acme: list[CheckResult]) -> None:
    context = CheckContext("acme-widgets.com", IP, "", Question.BLOCKLIST, "554 5.7.1")
    weighed = weigh(acme, context)
    assert weighed.results[0].name == "ptr"
    assert [r.name for r in weighed.explaining] == ["ptr"]


def test_records_that_pass_explain_nothing(dns_server: LoopbackDNSServer) -> None:
    """example-shop.test passes SPF for its ESP's IP and has a DKIM key (selector s1)."""
    config = ResolverConfig((Nameserver(dns_server.host, dns_server.port),), timeout=1.0)
    target = make_target("example-shop.test", ip="203.0.113.140", selectors=["s1"])
    results = run_checks(domain_checks(target), build_resolver(config), "loopback")
    context = CheckContext("example-shop.test", "203.0.113.140", "", Question.AUTHENTICATION,
                           "550 5.7.26")  # fmt: skip
    weighed = weigh(results, context)
    assert weighed.explaining == ()
    assert [r.status for r in weighed.results[:3]] == [Status.PASS] * 3
    verdict = explained_verdict(weighed, context, "example-shop.test")
    assert verdict is not None and verdict.severity is Severity.INFO
    assert plain(verdict.text, "en").startswith(
        "No record of example-shop.test explains the 550 5.7.26 bounce"
    )
