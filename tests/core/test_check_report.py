"""Plain-text and Markdown reports of domain checks, with hostile record text."""

from __future__ import annotations

from smtp_gui.core.checks.report import check_title, report_markdown, report_text
from smtp_gui.core.checks.status import CheckResult, Detail, Problem, Status
from smtp_gui.core.text.messages import Note

HOSTILE = "v=DMARC1; p=reject <b>x</b><img src=y> | ``` `rm` \\ [link](http://e.x)"


def _results() -> list[CheckResult]:
    mx = CheckResult("mx", Status.PASS, Note("mx.summary", {"count": 1, "host": "mx.example",
                                                            "pref": 10}),
                     record="10 mx.example.", details=(Detail("MX 10", "mx.example"),))
    dmarc = CheckResult(
        "dmarc", Status.FAIL, Note("dmarc.summary_invalid", {"domain": "example.com"}),
        record=HOSTILE,
        problems=(Problem(Note("dmarc.unknown_tag", {"tag": "<script>"}), Status.WARN,
                          "RFC 7489 6.3"),),
        details=(Detail("p", "reject|x", Note("dmarc.meaning.p.reject", {})),),
    )
    error = CheckResult("tlsa", Status.ERROR, Note("findings.timeout", {
        "name": "_25._tcp.mx.example", "rdtype": "TLSA", "detail": ""}),
        problems=(Problem(Note("findings.timeout", {"name": "_25._tcp.mx.example",
                                                     "rdtype": "TLSA", "detail": ""}),
                          Status.ERROR),))
    return [mx, dmarc, error]


def test_plain_text() -> None:
    text = report_text("example.com", _results(), "en", "127.0.0.1:53")
    assert text.startswith("Domain checks for example.com\nResolver: 127.0.0.1:53\n")
    assert "[PASS] MX: 1 MX record(s)" in text
    assert "[COULD NOT CHECK] DANE (TLSA): Could not check" in text
    assert HOSTILE in text  # plain text carries the record as found
    assert text.count("timed out") == 1  # the summary is not repeated as a finding


def test_plain_text_in_chinese() -> None:
    text = report_text("example.com", _results(), "zh")
    assert text.startswith("example.com 的域名检查")
    assert "[通过] MX（收信服务器）：" in text and "[无法检查] DANE（TLSA）：" in text


def test_markdown_keeps_hostile_text_inert() -> None:
    markdown = report_markdown("example.com", _results(), "en")
    assert "| MX | PASS |" in markdown
    fence = "````"  # longer than the ``` inside the record
    assert f"{fence}\n{HOSTILE}\n{fence}" in markdown
    assert "<script>" not in markdown and "\\<script\\>" in markdown
    assert "`p` reject\\|x" in markdown
    for line in markdown.splitlines():
        if line.startswith("| "):
            assert line.count(" | ") == 2  # no cell broke the table


def test_titles() -> None:
    assert check_title("ptr", "zh") == "PTR（反向解析）"
    assert check_title("other", "en") == "other"
