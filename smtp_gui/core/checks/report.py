"""Domain checks as reports: one check row (``check_report``: the checks pane's details) and
the whole domain check (``domain_report``: ``check domain``'s text and "Copy report").

Both lay a check out the same way: its verdict, the record as found, the findings with
their RFC sections, the details with their meaning. Records and detail values come from
DNS and go in as ``Outside``; the renderers in ``core.report`` escape them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from smtp_gui.core.checks.question import CheckContext, explained_verdict, weigh
from smtp_gui.core.checks.status import CheckResult, Status
from smtp_gui.core.report.labels import colon, dash, list_separator
from smtp_gui.core.report.model import (
    Block,
    Bullets,
    Code,
    Heading,
    Inline,
    Marked,
    Outside,
    Paragraph,
    Report,
    Row,
    Rows,
    Severity,
    Table,
    Verdict,
)
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.messages import has_message, message

SEVERITIES = {
    Status.PASS: Severity.OK,
    Status.INFO: Severity.INFO,
    Status.WARN: Severity.WARNING,
    Status.FAIL: Severity.ERROR,
    Status.ERROR: Severity.WARNING,  # could not check: neither good nor bad news
}


def check_title(name: str, lang: str) -> str:
    """``mx`` -> ``MX``; ``ptr`` -> ``反向解析（PTR）`` in Chinese."""
    return check_name(name).get(lang)


def check_name(name: str) -> Text:
    """A check's name in both languages: ``ptr`` -> "PTR (reverse DNS)"."""
    key = f"report.check.{name}"
    return message(key) if has_message(key) else Text(name, name)


def status_word(status: Status | str) -> Text:
    """``error`` -> "error: could not check"; as the checks table shows it."""
    return message(f"domain_kind.status.{status}")


def _heading(result: CheckResult, lang: str) -> Inline:
    """``DMARC: pass``."""
    return check_name(result.name), colon(lang), status_word(result.status)


class _Said(Protocol):
    """A Note or a Problem: a sentence in either language."""

    def text(self, lang: str) -> str: ...


def _both(said: _Said) -> Text:
    return Text(said.text("en"), said.text("zh"))


def _check_blocks(result: CheckResult, lang: str, *, where: bool) -> list[Block]:
    """One check: verdict, record, findings (without the one the verdict says), details;
    ``where``: and which resolver answered, how fast."""
    summary = _both(result.summary)
    blocks: list[Block] = [Verdict(summary, SEVERITIES[result.status])]
    if result.record:
        lines = tuple(Outside(line) for line in result.record.splitlines())
        blocks.extend((Heading(message("report.record"), 2), Code(lines)))
    findings = [
        Marked(_both(p), SEVERITIES[p.severity]) if p.severity is not Status.INFO else _both(p)
        for p in result.problems
        if p.note.text(lang) != summary.get(lang)
    ]
    if findings:
        blocks.extend((Heading(message("report.problems"), 2), Bullets(tuple(findings))))
    if result.details:
        rows = tuple(
            Row(
                Outside(d.label),
                (Outside(d.value), dash(lang), _both(d.meaning)) if d.meaning else Outside(d.value),
            )
            for d in result.details
        )
        blocks.extend((Heading(message("report.details"), 2), Rows(rows)))
    if where:
        answered = (Outside(result.resolver or "-"), f" \u00b7 {result.ms:.0f} ms")
        blocks.append(Rows((Row(message("report.resolver"), answered),)))
    return blocks


def check_report(result: CheckResult, lang: str) -> Report:
    """One check row in full: the checks pane's details of the selected row."""
    return Report(_heading(result, lang), tuple(_check_blocks(result, lang, where=True)), lang)


def domain_verdict(domain: str, results: Sequence[CheckResult]) -> Verdict:
    """The whole domain check in one sentence: what failed (the first one's finding), or
    what only warns, or what could not be checked, or that all is in order; and who acts."""
    by_status = {
        status: [r for r in results if r.status is status]
        for status in (Status.FAIL, Status.WARN, Status.ERROR)
    }
    for status, severity in (
        (Status.FAIL, Severity.ERROR),
        (Status.WARN, Severity.WARNING),
        (Status.ERROR, Severity.WARNING),
    ):
        rows = by_status[status]
        if rows:
            key = f"report.verdict.{status}"
            names, first = [check_name(r.name) for r in rows], _both(rows[0].summary)
            return Verdict(
                Text(*(_said(key, domain, names, first, lang) for lang in ("en", "zh"))), severity
            )
    return Verdict(message("report.verdict.pass", domain=domain, count=len(results)), Severity.OK)


def _said(key: str, domain: str, names: list[Text], first: Text, lang: str) -> str:
    named = list_separator(lang).join(name.get(lang) for name in names)
    return message(key, domain=domain, names=named, first=first.get(lang)).get(lang)


def domain_report(
    domain: str,
    results: Sequence[CheckResult],
    lang: str,
    resolver: str = "",
    unchecked: Sequence[str] = (),
    context: CheckContext | None = None,
) -> Report:
    """Every check of a domain: a summary table, then each check in full; ``unchecked``
    names the checks that were cancelled before they ran. With the ``context`` of a bounce,
    the rows are weighed by its question (question.weigh) under a verdict that says which
    of them explain the bounce."""
    blocks: list[Block] = []
    verdict = None
    if context is not None:
        weighed = weigh(results, context)
        results = weighed.results
        verdict = explained_verdict(weighed, context, domain)
    if results or verdict is not None:
        blocks.append(verdict if verdict is not None else domain_verdict(domain, results))
    if resolver:
        blocks.append(Rows((Row(message("report.resolver"), Outside(resolver)),)))
    if results:
        header = (message("report.check"), message("report.status"), message("report.summary"))
        table = tuple(
            (
                check_name(r.name),
                Marked(status_word(r.status), SEVERITIES[r.status]),
                _both(r.summary),
            )
            for r in results
        )
        blocks.append(Table(header, table))
    for result in results:
        blocks.append(Heading(_heading(result, lang)))
        blocks.extend(_check_blocks(result, lang, where=False))
    if unchecked:
        names = list_separator(lang).join(check_title(name, lang) for name in unchecked)
        blocks.append(Paragraph(message("domain_kind.report_unchecked", names=names)))
    return Report(message("report.title", domain=domain), tuple(blocks), lang)
