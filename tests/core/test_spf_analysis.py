"""SPF without an IP (analyze), the domain-check row (spf_check) and the plain-text report."""

from __future__ import annotations

import json

import dns.resolver
import pytest

from smtp_gui.core.checks.status import Status
from smtp_gui.core.dns.resolver import Nameserver, ResolverConfig, build_resolver
from smtp_gui.core.records.spf_check import spf_check
from smtp_gui.core.report.model import Outside
from smtp_gui.core.report.text import render_text
from smtp_gui.core.spf.analysis import analyze
from smtp_gui.core.spf.evaluate import check_host
from smtp_gui.core.spf.report import spf_report
from smtp_gui.core.spf.trace_rows import analysis_rows, evaluation_rows
from tests.dnsserver import LoopbackDNSServer

pytestmark = pytest.mark.network


@pytest.fixture
def resolver(dns_server: LoopbackDNSServer) -> dns.resolver.Resolver:
    dns_server.behave("slow.spf.test", drop=True)
    dns_server.behave("dead.spf.test", drop=True)
    dns_server.behave("servfail.spf.test", rcode=2)
    return build_resolver(ResolverConfig((Nameserver(dns_server.host, dns_server.port),), 0.3))


@pytest.mark.parametrize(
    ("domain", "outcome", "lookups", "voids", "problems"),
    [
        ("good.spf.test", "ok", 3, 0, []),
        ("split.spf.test", "ok", 0, 0, []),
        ("loop.spf.test", "permerror", 2, 0, ["spf.warn.loop"]),
        ("selfredirect.spf.test", "permerror", 1, 0, ["spf.warn.loop"]),
        ("eleven.spf.test", "permerror", 11, 0, ["spf.warn.lookup_limit"]),
        (
            "void3.spf.test",
            "permerror",
            3,
            3,
            ["spf.warn.void", "spf.warn.void", "spf.warn.void", "spf.warn.void_limit"],
        ),
        ("multi.spf.test", "permerror", 0, 0, ["spf.warn.multiple"]),
        ("macro.spf.test", "ok", 1, 0, ["spf.warn.macro_target"]),
        ("timeout.spf.test", "ok", 1, 0, ["spf.warn.nested_fetch_failed"]),
        ("inclfail.spf.test", "ok", 1, 0, ["spf.warn.nested_fetch_failed"]),
        ("dead.spf.test", "temperror", 0, 0, ["spf.warn.fetch_failed"]),
        ("servfail.spf.test", "temperror", 0, 0, ["spf.warn.fetch_failed"]),
        ("plusall.spf.test", "ok", 0, 0, ["spf.warn.plus_all"]),
        ("ptr.spf.test", "ok", 1, 0, ["spf.warn.ptr"]),
        ("noall.spf.test", "ok", 0, 0, ["spf.warn.no_all"]),
        ("afterall.spf.test", "ok", 0, 0, ["spf.warn.after_all"]),
        ("syntax.spf.test", "permerror", 0, 0, ["spf.warn.syntax", "spf.warn.syntax"]),
        ("inclnone.spf.test", "permerror", 1, 0, ["spf.warn.include_none"]),
        ("manymx.spf.test", "permerror", 1, 0, ["spf.warn.mx_limit"]),
        ("nospf.spf.test", "none", 0, 0, []),
        ("nothere.spf.test", "none", 0, 0, []),
    ],
)
def test_analysis(
    resolver: dns.resolver.Resolver,
    domain: str,
    outcome: str,
    lookups: int,
    voids: int,
    problems: list[str],
) -> None:
    analysis = analyze(domain, resolver)
    assert (analysis.outcome, analysis.lookups, analysis.void_lookups) == (outcome, lookups, voids)
    assert [p.note.key for p in analysis.problems] == problems
    for problem in analysis.problems:
        assert problem.text("en") and problem.text("zh")


def test_broken_records_still_show_record_and_breakdown(resolver: dns.resolver.Resolver) -> None:
    analysis = analyze("syntax.spf.test", resolver)
    assert analysis.record == "v=spf1 ip4:192.0.2.1 foo:bar ip4:192.0.2.300 -all"
    assert [(n.term, n.kind) for n in analysis.nodes] == [
        ("ip4:192.0.2.1", "ip4"),
        ("foo:bar", "error"),
        ("ip4:192.0.2.300", "error"),
        ("-all", "all"),
    ]
    multi = analyze("multi.spf.test", resolver)
    assert sorted(multi.records) == ["v=spf1 -all", "v=spf1 ip4:192.0.2.1 -all"]


def test_lookups_are_counted_through_includes(resolver: dns.resolver.Resolver) -> None:
    analysis = analyze("good.spf.test", resolver)
    include = analysis.nodes[1]
    assert (include.lookups, include.total) == (1, 3)
    assert [(c.term, c.lookups) for c in include.children] == [
        ("ip6:2001:db8::/32", 0),
        ("a:mail.spf.test", 1),
        ("mx", 1),
        ("~all", 0),
    ]
    assert json.dumps(analysis.to_dict(None))  # JSON-safe, both languages


def test_unreachable_terms(resolver: dns.resolver.Resolver) -> None:
    analysis = analyze("afterall.spf.test", resolver)
    assert [n.reachable for n in analysis.nodes] == [True, False]


@pytest.mark.parametrize(
    ("domain", "ip", "status", "summary"),
    [
        ("good.spf.test", None, Status.PASS, "spf.check.valid"),
        ("noall.spf.test", None, Status.WARN, "spf.check.warnings"),
        ("plusall.spf.test", None, Status.FAIL, "spf.check.risky"),
        ("syntax.spf.test", None, Status.FAIL, "spf.check.broken"),
        ("nospf.spf.test", None, Status.FAIL, "spf.check.none"),
        ("dead.spf.test", None, Status.ERROR, "spf.check.fetch_error"),
        ("servfail.spf.test", None, Status.ERROR, "spf.check.fetch_error"),
        ("timeout.spf.test", None, Status.WARN, "spf.check.warnings"),
        ("good.spf.test", "192.0.2.7", Status.PASS, "spf.check.evaluated"),
        ("good.spf.test", "203.0.113.9", Status.FAIL, "spf.check.evaluated"),
        ("ptr.spf.test", "203.0.113.9", Status.WARN, "spf.check.evaluated"),
        ("plusall.spf.test", "203.0.113.9", Status.WARN, "spf.check.evaluated"),
        ("eleven.spf.test", "192.0.2.101", Status.WARN, "spf.check.evaluated"),
        ("eleven.spf.test", "192.0.2.111", Status.FAIL, "spf.check.evaluated"),
        ("timeout.spf.test", "192.0.2.1", Status.ERROR, "spf.check.evaluated"),
        ("dead.spf.test", "192.0.2.1", Status.ERROR, "spf.check.fetch_error"),
    ],
)
def test_spf_check_status(
    resolver: dns.resolver.Resolver, domain: str, ip: str | None, status: Status, summary: str
) -> None:
    result = spf_check(domain, resolver, ip=ip)
    assert (result.name, result.status, result.summary.key) == ("spf", status, summary)
    for lang in ("en", "zh"):
        data = result.to_dict(lang)
        json.dumps(data)
        assert {"name", "status", "record", "problems", "details"} <= data.keys()
        assert data["result"] == (
            str(check_host(resolver, ip, domain, "p@x").result) if ip else None
        )


def test_spf_check_carries_trace_and_record(resolver: dns.resolver.Resolver) -> None:
    result = spf_check("good.spf.test", resolver, ip="198.51.100.25", sender="a@good.spf.test")
    assert result.record == "v=spf1 ip4:192.0.2.0/24 include:_inc.spf.test -all"
    assert result.extra["trace"][1]["children"][1]["matched"] is True
    assert result.extra["lookups"] == 2
    assert result.resolver.startswith("127.0.0.1:")
    labels = [d.label for d in result.details]
    assert labels[:3] == ["result", "ip", "sender"]


def test_reports_in_both_languages(resolver: dns.resolver.Resolver) -> None:
    evaluation = check_host(resolver, "198.51.100.25", "good.spf.test", "x@good.spf.test")
    analysis = analyze("good.spf.test", resolver)
    english = render_text(spf_report(analysis, "127.0.0.1", "en", evaluation))
    chinese = render_text(spf_report(analysis, "127.0.0.1", "zh", evaluation))
    assert "Result: pass." in english and "结果：pass（通过）。" in chinese
    # the tree: nested terms are one level deeper than their include, and marked so
    rows = evaluation_rows(evaluation)
    include = next(row for row in rows if row.term == Outside("include:_inc.spf.test"))
    a_term = next(row for row in rows if row.term == Outside("a:mail.spf.test"))
    assert (include.depth, a_term.depth) == (1, 2) and a_term.matched is True
    lines = english.splitlines()
    assert any(line.startswith("include:_inc.spf.test ") for line in lines)
    assert any(line.startswith("\u21b3 a:mail.spf.test ") for line in lines)
    syntax = analyze("syntax.spf.test", resolver)
    static = render_text(spf_report(syntax, "127.0.0.1", "zh"))
    assert "语法错误" in static and "foo:bar" in static
    notes = [row for row in analysis_rows(syntax) if row.note]
    assert len(notes) == 2 and all(row.depth == 2 for row in notes)


def test_untrusted_text_is_shown_visibly(
    dns_server: LoopbackDNSServer, resolver: dns.resolver.Resolver
) -> None:
    dns_server.add_txt("controls.spf.test", [b"v=spf1 \x1b[2J-all \r\x9b \xe6\x99\xae ok"])
    report = render_text(spf_report(analyze("controls.spf.test", resolver), "127.0.0.1", "en"))
    assert "\x1b" not in report and "\r" not in report and "\x9b" not in report
    assert "\u241b[2J-all \u240d\ufffd" in report and "普 ok" in report


def test_control_characters_in_a_record_do_not_reach_the_terminal(
    dns_server: LoopbackDNSServer, resolver: dns.resolver.Resolver
) -> None:
    dns_server.add_txt("evil.spf.test", [b"v=spf1 a:x.spf.test\x1b[2J -all"])
    evaluation = check_host(resolver, "192.0.2.1", "evil.spf.test", "x@evil.spf.test")
    analysis = analyze("evil.spf.test", resolver)
    report = render_text(spf_report(analysis, "127.0.0.1", "en", evaluation))
    assert "\x1b" not in report and "\u241b[2J" in report
