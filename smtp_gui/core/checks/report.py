"""Domain-check results as plain text and Markdown: the CLI's output and "Copy report".

Record text and findings come from DNS and are untrusted: Markdown puts records in code
fences longer than any backtick run inside them and escapes table cells; nothing here
produces HTML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from smtp_gui.core.checks.status import CheckResult
from smtp_gui.core.text.messages import has_message, message_text


def _t(key: str, lang: str, **params: object) -> str:
    return message_text(f"report.{key}", lang, **params)


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def check_title(name: str, lang: str) -> str:
    """``mx`` -> ``MX``; ``ptr`` -> ``反向解析（PTR）`` in Chinese."""
    key = f"report.check.{name}"
    return message_text(key, lang) if has_message(key) else name


def status_word(status: str, lang: str) -> str:
    return _t(f"status.{status}", lang)


def _findings(result: CheckResult, lang: str) -> list[str]:
    """The problems' sentences, without the one that merely repeats the summary."""
    summary = result.summary.text(lang)
    return [p.text(lang) for p in result.problems if p.note.text(lang) != summary]


def report_text(domain: str, results: Sequence[CheckResult], lang: str, resolver: str = "") -> str:
    """A plain-text report: one block per check with record, problems and details."""
    colon = _colon(lang)
    lines = [_t("title", lang, domain=domain)]
    if resolver:
        lines.append(f"{_t('resolver', lang)}{colon}{resolver}")
    for result in results:
        lines.append("")
        lines.append(
            f"[{status_word(str(result.status), lang)}] "
            f"{check_title(result.name, lang)}{colon}{result.summary.text(lang)}"
        )
        if result.record:
            lines.append(f"  {_t('record', lang)}{colon.rstrip()}")
            lines.extend(f"    {line}" for line in result.record.splitlines())
        problems = _findings(result, lang)
        if problems:
            lines.append(f"  {_t('problems', lang)}{colon.rstrip()}")
            lines.extend(f"    - {p}" for p in problems)
        if result.details:
            lines.append(f"  {_t('details', lang)}{colon.rstrip()}")
            for detail in result.details:
                meaning = f" — {detail.meaning.text(lang)}" if detail.meaning else ""
                lines.append(f"    {detail.label}{colon}{detail.value}{meaning}")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """A Markdown table cell: no line breaks, pipes and backslashes escaped."""
    flat = " ".join(text.split())
    return flat.replace("\\", "\\\\").replace("|", "\\|")


def _inline(text: str) -> str:
    """Markdown-inert text for list items: escape the characters Markdown acts on."""
    return re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", " ".join(text.split()))


def _fence(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def report_markdown(
    domain: str, results: Sequence[CheckResult], lang: str, resolver: str = ""
) -> str:
    """A Markdown report for a ticket: a summary table, then each check in full."""
    lines = [f"## {_inline(_t('title', lang, domain=domain))}", ""]
    if resolver:
        lines.extend([f"{_t('resolver', lang)}{_colon(lang)}`{_cell(resolver)}`", ""])
    lines.append(f"| {_t('check', lang)} | {_t('status', lang)} | {_t('summary', lang)} |")
    lines.append("|---|---|---|")
    for result in results:
        lines.append(
            f"| {_cell(check_title(result.name, lang))} "
            f"| {_cell(status_word(str(result.status), lang))} "
            f"| {_cell(result.summary.text(lang))} |"
        )
    for result in results:
        lines.extend(
            [
                "",
                f"### {_inline(check_title(result.name, lang))} — "
                f"{status_word(str(result.status), lang)}",
                "",
                _inline(result.summary.text(lang)),
            ]
        )
        if result.record:
            fence = _fence(result.record)
            lines.extend(["", fence, result.record, fence])
        problems = _findings(result, lang)
        if problems:
            lines.append("")
            lines.extend(f"- {_inline(p)}" for p in problems)
        if result.details:
            lines.append("")
            for detail in result.details:
                meaning = f" — {_inline(detail.meaning.text(lang))}" if detail.meaning else ""
                lines.append(f"- `{_cell(detail.label)}` {_inline(detail.value)}{meaning}")
    return "\n".join(lines) + "\n"
