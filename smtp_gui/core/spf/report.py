"""The report of ``check spf``: an evaluation for an IP (RFC 7208 4), or the record's static
analysis without one, with the trace as a table of ``trace_rows``.

Records, TXT answers and explanations come from DNS: they go in as ``Outside``, and the
renderers (``core.report``) make their control characters and bidi overrides visible.
"""

from __future__ import annotations

from smtp_gui.core.checks.status import Problem
from smtp_gui.core.report.model import (
    Block,
    Bullets,
    Heading,
    Inline,
    Outside,
    Paragraph,
    Report,
    Row,
    Rows,
    Severity,
    Table,
    Verdict,
)
from smtp_gui.core.spf.analysis_result import Analysis
from smtp_gui.core.spf.lookups import MAX_DNS_TERMS, MAX_VOID_LOOKUPS
from smtp_gui.core.spf.trace import Evaluation
from smtp_gui.core.spf.trace_rows import (
    TraceRow,
    analysis_rows,
    evaluation_rows,
    trace_columns,
)
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.messages import message

_RESULT_SEVERITY = {
    "pass": Severity.OK,
    "neutral": Severity.INFO,
    "none": Severity.ERROR,
    "softfail": Severity.WARNING,
    "fail": Severity.ERROR,
    "permerror": Severity.ERROR,
    "temperror": Severity.WARNING,
}
_OUTCOME_SEVERITY = {
    "ok": Severity.OK,
    "none": Severity.ERROR,
    "permerror": Severity.ERROR,
    "temperror": Severity.WARNING,
}


def spf_report(
    analysis: Analysis, resolver: str, lang: str, evaluation: Evaluation | None = None
) -> Report:
    """``check spf DOMAIN [--ip IP]``: the evaluation and its trace when there is one, else
    the analysis and its terms; the record's problems in both cases."""
    if evaluation is None:
        return _analysis_report(analysis, resolver, lang)
    return _evaluation_report(evaluation, analysis, resolver, lang)


def trace_table(rows: tuple[TraceRow, ...]) -> Table:
    """The trace as a table; a term's depth shows as ``↳`` before it (one ``·`` more for
    each level further down), since a table cell keeps no leading spaces in Markdown."""
    return Table(
        trace_columns(),
        tuple((_indented(row.depth, row.term), *row.cells()[1:]) for row in rows),
    )


def _indented(depth: int, term: Inline) -> Inline:
    if depth < 2:
        return term
    mark = "\u00b7 " * (depth - 2) + "\u21b3 "
    return (mark, *(term if isinstance(term, tuple) else (term,)))


def _label(key: str) -> Text:
    return message(f"spf.report.{key}")


def _counts(lookups: int, voids: int) -> tuple[Row, Row]:
    return (
        Row(_label("lookups"), f"{lookups}/{MAX_DNS_TERMS}"),
        Row(_label("void_lookups"), f"{voids}/{MAX_VOID_LOOKUPS}"),
    )


def _problems(problems: tuple[Problem, ...]) -> tuple[Block, ...]:
    items = tuple(Text(p.text("en"), p.text("zh")) for p in problems)
    listed: Block = Bullets(items) if items else Paragraph(_label("no_problems"))
    return Heading(_label("problems")), listed


def _evaluation_report(
    evaluation: Evaluation, analysis: Analysis | None, resolver: str, lang: str
) -> Report:
    e = evaluation
    result = str(e.result)
    name, meaning = message(f"spf.result_name.{result}"), message(f"spf.result.{result}")
    verdict = Text(
        message("spf.report.result", name=name.en, meaning=meaning.en).en,
        message("spf.report.result", name=name.zh, meaning=meaning.zh).zh,
    )
    rows = [
        Row(_label("resolver"), Outside(resolver)),
        Row(_label("record"), Outside(e.record or "-")),
        Row(_label("reason"), Text(e.reason_text("en"), e.reason_text("zh"))),
    ]
    if e.explanation is not None:
        rows.append(Row(_label("explanation"), Outside(e.explanation)))
    rows.extend(_counts(e.lookups, e.void_lookups))
    blocks: list[Block] = [
        Verdict(verdict, _RESULT_SEVERITY.get(result, Severity.WARNING)),
        Rows(tuple(rows)),
        Heading(_label("trace")),
        trace_table(evaluation_rows(e)),
    ]
    if analysis is not None and analysis.problems:
        blocks.extend(_problems(analysis.problems))
    title = message(
        "spf.report.heading", domain=e.domain, ip=e.ip, sender=e.sender, helo=e.helo or "-"
    )
    return Report(title, tuple(blocks), lang)


def _analysis_report(analysis: Analysis, resolver: str, lang: str) -> Report:
    a = analysis
    records = a.records or ((a.record,) if a.record else ())
    rows = [Row(_label("resolver"), Outside(resolver))]
    rows.extend(Row(_label("record"), Outside(record)) for record in records or ("-",))
    rows.extend(_counts(a.lookups, a.void_lookups))
    blocks: list[Block] = [
        Verdict(
            message(f"spf.report.outcome_{a.outcome}"),
            _OUTCOME_SEVERITY.get(a.outcome, Severity.WARNING),
        ),
        Rows(tuple(rows)),
    ]
    blocks.extend((Heading(_label("terms")), trace_table(analysis_rows(a))))
    blocks.extend(_problems(a.problems))
    return Report(message("spf.report.heading_static", domain=a.domain), tuple(blocks), lang)
