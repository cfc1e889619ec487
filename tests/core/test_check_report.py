"""Reports of domain checks (one row, the whole check) in text and Markdown, with hostile
record text."""

from __future__ import annotations

from smtp_gui.core.checks.report import check_report, check_title, domain_report, domain_verdict
from smtp_gui.core.checks.status import CheckResult, Detail, Problem, Status
from smtp_gui.core.report.markdown import render_markdown
from smtp_gui.core.report.model import Severity
from smtp_gui.core.report.runs import plain
from smtp_gui.core.report.text import render_text
from smtp_gui.core.text.messages import Note

HOSTILE = "v=DMARC1; p=reject <b>x</b><img src=y> | ``` `rm` \\ [link](http://e.x)"


def _results() -> list[CheckResult]:
    mx = CheckResult(
        "mx",
        Status.PASS,
        Note("mx.summary", {"count": 1, "host": "mx.example", "pref": 10}),
        record="10 mx.example.",
        details=(Detail("MX 10", "mx.example"),),
    )
    dmarc = CheckResult(
        "dmarc",
        Status.FAIL,
        Note("dmarc.summary_invalid", {"domain": "example.com"}),
        record=HOSTILE,
        problems=(
            Problem(Note("dmarc.unknown_tag", {"tag": "<script>"}), Status.WARN, "RFC 7489 6.3"),
        ),
        details=(Detail("p", "reject|x", Note("dmarc.meaning.p.reject", {})),),
    )
    error = CheckResult(
        "tlsa",
        Status.ERROR,
        Note("findings.timeout", {"name": "_25._tcp.mx.example", "rdtype": "TLSA", "detail": ""}),
        problems=(
            Problem(
                Note(
                    "findings.timeout",
                    {"name": "_25._tcp.mx.example", "rdtype": "TLSA", "detail": ""},
                ),
                Status.ERROR,
            ),
        ),
    )
    return [mx, dmarc, error]


def test_plain_text() -> None:
    text = render_text(domain_report("example.com", _results(), "en", "127.0.0.1:53"))
    assert text.startswith("Domain checks for example.com\n===")
    assert "\nResolver: 127.0.0.1:53\n" in text
    assert "MX: pass\n--------\n\u2714 1 MX record(s)" in text
    assert "DANE (TLSA): error: could not check\n" in text and "\u26a0 Could not check" in text
    assert HOSTILE in text  # plain text carries the record as found
    assert text.count("timed out") == 2  # in the table and as the verdict, not as a finding
    assert "Findings:\n- " in text and "RFC 7489 6.3" in text


def test_plain_text_in_chinese() -> None:
    text = render_text(domain_report("example.com", _results(), "zh"))
    assert text.startswith("example.com 的域名检查")
    assert "\nMX（收信服务器）：通过\n" in text and "\nDANE（TLSA）：错误：无法检查\n" in text


def test_unchecked_checks_are_named() -> None:
    report = domain_report("example.com", _results()[:1], "zh", unchecked=["ptr", "bimi"])
    text = render_text(report)
    assert text.endswith("未检查（已取消）：PTR（反向解析）、BIMI。\n")


def test_markdown_keeps_hostile_text_inert() -> None:
    markdown = render_markdown(domain_report("example.com", _results(), "en"))
    assert "| MX | pass |" in markdown
    fence = "````"  # longer than the ``` inside the record
    assert f"{fence}\n{HOSTILE}\n{fence}" in markdown
    assert "<script>" not in markdown and "\\<script\\>" in markdown
    assert "**p**: reject\\|x" in markdown
    for line in markdown.splitlines():
        if line.startswith("| "):
            assert line.replace("\\|", "").count(" | ") == 2  # no cell broke the table


def test_one_row() -> None:
    dmarc = _results()[1]
    text = render_text(check_report(dmarc, "en"))
    assert text.startswith("DMARC: fail\n")
    assert HOSTILE in text and "p: reject|x \u2014 " in text
    assert "Resolver: - \u00b7 0 ms" in text


def test_titles() -> None:
    assert check_title("ptr", "zh") == "PTR（反向解析）"
    assert check_title("other", "en") == "other"


def test_the_domain_verdict_says_what_fails_warns_or_is_in_order() -> None:
    def row(name: str, status: Status) -> CheckResult:
        return CheckResult(name, status, Note("report.resolver", {}))

    passing = [
        row("mx", Status.PASS),
        row("spf", Status.PASS),
    ]
    ok = domain_verdict("example.com", passing)
    assert ok.severity is Severity.OK
    assert plain(ok.text, "en").startswith("example.com's mail records are in order (2 checks)")
    assert plain(ok.text, "zh").startswith("example.com 的邮件记录没有问题（共 2 项检查）")
    warned = domain_verdict("example.com", [*passing, row("dmarc", Status.WARN)])
    assert warned.severity is Severity.WARNING and "warnings (DMARC)" in plain(warned.text, "en")
    failed = [
        row("dkim", Status.WARN),
        row("ptr", Status.FAIL),
    ]
    bad = domain_verdict("example.com", failed)
    assert bad.severity is Severity.ERROR  # a failure outweighs a warning listed before it
    assert plain(bad.text, "en").startswith("example.com: PTR (reverse DNS) failed.")
    unchecked = domain_verdict("example.com", [row("mx", Status.ERROR)])
    assert unchecked.severity is Severity.WARNING and "could not be checked" in plain(
        unchecked.text, "en"
    )
