"""The footer of a saved report: the app's version, when it was saved, the resolver that
answered (where there is one) and the inputs, added as blocks so that every renderer lays
it out and escapes it like the rest (``render_html`` of the result is what Save report
writes). Inputs are what the user typed; a multi-line one (a pasted bounce) is set as code.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from smtp_gui.core.report.model import Block, Code, Heading, Inline, Outside, Report, Row, Rows
from smtp_gui.core.text.messages import message

# A pasted input is kept in the footer up to this many characters (a bounce is far less).
MAX_INPUT = 20_000


def saved_at_text(when: datetime) -> str:
    """``2025-03-01 14:05:09 +0800``: the time with its offset (a naive time is taken as
    local), the same in both languages."""
    return (when if when.tzinfo else when.astimezone()).strftime("%Y-%m-%d %H:%M:%S %z")


def with_footer(
    report: Report,
    *,
    version: str,
    when: datetime,
    resolver: str = "",
    inputs: Sequence[tuple[Inline, str]] = (),
) -> Report:
    """``report`` with an "About this report" section at its end. Secrets never reach it:
    the panes give their inputs without passwords, and the reports are masked."""
    rows = [
        Row(message("report_footer.app"), message("report_footer.app_value", version=version)),
        Row(message("report_footer.saved_at"), saved_at_text(when)),
    ]
    if resolver:
        rows.append(Row(message("report_footer.resolver"), Outside(resolver)))
    rows.append(Row(message("report_footer.secrets"), message("report_footer.secrets_masked")))
    long_inputs: list[Block] = []
    for label, value in inputs:
        if not value:
            continue
        if "\n" in value.strip("\n"):
            kept = value[:MAX_INPUT] + ("\n…" if len(value) > MAX_INPUT else "")
            long_inputs.append(Heading(label, level=2))
            long_inputs.append(Code(tuple(Outside(line) for line in kept.splitlines())))
        else:
            rows.append(Row(label, Outside(value.strip())))
    footer: tuple[Block, ...] = (
        Heading(message("report_footer.heading")),
        Rows(tuple(rows)),
        *long_inputs,
    )
    return Report(report.title, report.blocks + footer, report.lang)
