"""Plain-text reports of an SPF evaluation or analysis: the CLI's output and a copyable report.

Records and TXT answers are untrusted: control characters are shown escaped (``\\x1b``),
never written to the terminal as they are.
"""

from __future__ import annotations

from smtp_gui.core.spf.analysis import Analysis, AnalysisNode
from smtp_gui.core.spf.lookups import MAX_DNS_TERMS, MAX_VOID_LOOKUPS, Query
from smtp_gui.core.spf.trace import Evaluation, TraceEntry
from smtp_gui.core.text.messages import message_text

INDENT = "  "


def printable(text: str) -> str:
    """``text`` with C0/C1 control characters and DEL escaped, so a terminal shows them."""
    return "".join(
        f"\\x{ord(c):02x}" if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 else c for c in text
    )


def _query_line(query: Query, pad: str, lang: str) -> str:
    shown = ", ".join(query.answers) if query.answers else query.outcome
    cached = message_text("spf.trace.cached", lang) if query.cached else ""
    return printable(f"{pad}? {query.rdtype} {query.name} = {shown}") + cached


def trace_lines(entries: tuple[TraceEntry, ...], lang: str, depth: int = 0) -> list[str]:
    """The trace as an indented tree: one line per term, its queries and notes below it."""
    lines: list[str] = []
    for entry in entries:
        pad = INDENT * depth
        facts: list[str] = []
        if entry.target and entry.kind not in ("ip4", "ip6", "all"):
            facts.append(f"→ {entry.target}")
        if entry.cost:
            facts.append(message_text("spf.trace.cost", lang, count=entry.cost))
        if entry.void:
            facts.append(message_text("spf.trace.void", lang, count=entry.void))
        if entry.matched is not None:
            key = "spf.trace.match" if entry.matched else "spf.trace.no_match"
            facts.append(message_text(key, lang))
        if entry.result is not None:
            facts.append(f"[{entry.result}]")
        lines.append(printable(f"{pad}{entry.term}  " + "  ".join(facts)).rstrip())
        lines.extend(_query_line(q, pad + INDENT, lang) for q in entry.queries)
        if entry.note is not None:
            lines.append(printable(f"{pad}{INDENT}! {entry.note.text(lang)}"))
        if entry.record is not None:
            label = message_text("spf.trace.record", lang)
            lines.append(printable(f"{pad}{INDENT}{label} {entry.record}"))
        lines.extend(trace_lines(entry.children, lang, depth + 1))
    return lines


def analysis_lines(nodes: tuple[AnalysisNode, ...], lang: str, depth: int = 0) -> list[str]:
    """The analysed terms as a tree with their lookup counts and problems."""
    lines: list[str] = []
    for node in nodes:
        pad = INDENT * depth
        facts: list[str] = []
        if node.total:
            facts.append(
                message_text("spf.report.node_lookups", lang, own=node.lookups, total=node.total)
            )
        if node.void:
            facts.append(message_text("spf.trace.void", lang, count=node.void))
        if not node.reachable:
            facts.append(message_text("spf.report.unreachable", lang))
        lines.append(printable(f"{pad}{node.term}  " + "  ".join(facts)).rstrip())
        lines.extend(printable(f"{pad}{INDENT}! {p.text(lang)}") for p in node.problems)
        if node.record is not None:
            label = message_text("spf.trace.record", lang)
            lines.append(printable(f"{pad}{INDENT}{label} {node.record}"))
        lines.extend(analysis_lines(node.children, lang, depth + 1))
    return lines


def _label(key: str, lang: str, **params: object) -> str:
    return message_text(key, lang, **params)


def evaluation_report(
    evaluation: Evaluation, analysis: Analysis | None, resolver: str, lang: str
) -> str:
    """The plain-text report of ``check spf DOMAIN --ip IP``."""
    e = evaluation
    lines = [
        _label(
            "spf.report.heading",
            lang,
            domain=e.domain,
            ip=e.ip,
            sender=e.sender,
            helo=e.helo or "-",
        ),
        _label("spf.report.resolver", lang, resolver=resolver),
        printable(_label("spf.report.record", lang, record=e.record or "-")),
        _label(
            "spf.report.result",
            lang,
            name=message_text(f"spf.result_name.{e.result}", lang),
            meaning=message_text(f"spf.result.{e.result}", lang),
        ),
        printable(_label("spf.report.reason", lang, reason=e.reason_text(lang))),
    ]
    if e.explanation is not None:
        lines.append(printable(_label("spf.report.explanation", lang, text=e.explanation)))
    lines.append(
        _label(
            "spf.report.lookups",
            lang,
            lookups=e.lookups,
            limit=MAX_DNS_TERMS,
            voids=e.void_lookups,
            void_limit=MAX_VOID_LOOKUPS,
        )
    )
    lines.append(_label("spf.report.trace", lang))
    if e.record_query is not None:
        lines.append(_query_line(e.record_query, INDENT, lang))
    lines.extend(trace_lines(e.trace, lang, 1))
    if analysis is not None and analysis.problems:
        lines.append(_label("spf.report.problems", lang))
        lines.extend(printable(f"{INDENT}- {p.text(lang)}") for p in analysis.problems)
    return "\n".join(lines)


def analysis_report(analysis: Analysis, resolver: str, lang: str) -> str:
    """The plain-text report of ``check spf DOMAIN`` without an IP."""
    a = analysis
    lines = [
        _label("spf.report.heading_static", lang, domain=a.domain),
        _label("spf.report.resolver", lang, resolver=resolver),
    ]
    records = a.records or ((a.record,) if a.record else ())
    for record in records or ("-",):
        lines.append(printable(_label("spf.report.record", lang, record=record)))
    lines.append(_label(f"spf.report.outcome_{a.outcome}", lang))
    lines.append(
        _label(
            "spf.report.lookups",
            lang,
            lookups=a.lookups,
            limit=MAX_DNS_TERMS,
            voids=a.void_lookups,
            void_limit=MAX_VOID_LOOKUPS,
        )
    )
    if a.nodes:
        lines.append(_label("spf.report.terms", lang))
        lines.extend(analysis_lines(a.nodes, lang, 1))
    lines.append(_label("spf.report.problems", lang))
    if a.problems:
        lines.extend(printable(f"{INDENT}- {p.text(lang)}") for p in a.problems)
    else:
        lines.append(INDENT + _label("spf.report.no_problems", lang))
    return "\n".join(lines)
