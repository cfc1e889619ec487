"""The report model and its renderers: one way to lay out every result the app shows.

A feature turns its result into a ``Report`` (``model``): a title and a tuple of blocks
(verdict, label/value rows, headings, paragraphs, bullets, tables, code, links) whose text
is our own prose or text from outside (pastes, DNS records, server replies) marked as
``Outside``. Each output has one renderer: ``text`` (CLI and Copy; terminal-safe),
``markdown`` (tickets), ``html`` (Save report); the Qt renderer is ``ui/report_view.py``.
Language-dependent punctuation lives in ``labels`` only.

May import: ``text`` and the standard library; never Qt, never a feature's package.
"""

from __future__ import annotations

from smtp_gui.core.report.model import (
    Block,
    Bullets,
    Code,
    Heading,
    Inline,
    Link,
    Marked,
    Outside,
    Paragraph,
    Report,
    Row,
    Rows,
    Severity,
    Span,
    Table,
    Verdict,
)

__all__ = [
    "Block",
    "Bullets",
    "Code",
    "Heading",
    "Inline",
    "Link",
    "Marked",
    "Outside",
    "Paragraph",
    "Report",
    "Row",
    "Rows",
    "Severity",
    "Span",
    "Table",
    "Verdict",
]
