"""Reports as plain text: the CLI's output and what the Copy buttons put on the clipboard.

Terminal-safe: every run goes through ``terminal()``, so no control character (ESC, DEL,
C1, a carriage return) or bidi override from outside reaches the terminal; only the line
breaks this renderer writes itself are raw. Nothing is wrapped (terminals wrap); text that
spans several lines is indented under its label, bullet or paragraph, so that text from
outside cannot pass for a line of the report.
"""

from __future__ import annotations

import unicodedata

from smtp_gui.core.report.labels import SEVERITY_MARKS, colon, parenthesized
from smtp_gui.core.report.model import (
    Block,
    Bullets,
    Code,
    Heading,
    Inline,
    Link,
    Outside,
    Paragraph,
    Report,
    Rows,
    Table,
    Verdict,
)
from smtp_gui.core.report.runs import runs, visible
from smtp_gui.core.text.bilingual import Text

MAX_LABEL_WIDTH = 28  # labels wider than this are not padded to line values up
MAX_COLUMN_WIDTH = 40  # nor are table cells
CODE_INDENT = "    "
PARAGRAPH_INDENT = "  "  # before a paragraph's second and further lines


def terminal(text: str) -> str:
    """``text`` safe to print: control characters, ESC, DEL, C1 controls and bidi overrides
    as visible marks (``safe_text.shown``), a carriage return as ␍ (it would move the
    cursor back over what was printed), tabs expanded. Line breaks stay."""
    return _terminal_visible(visible(text))


def _terminal_visible(text: str) -> str:
    """``terminal()`` for text that already went through ``visible()``."""
    if "\r" in text:
        text = text.replace("\r", "\u240d")
    if "\t" in text:
        text = text.expandtabs(8)
    return text


def width(text: str, cap: int = MAX_COLUMN_WIDTH) -> int:
    """Columns ``text`` takes in a terminal (CJK counts two), counted up to ``cap + 1``."""
    if text.isascii():  # the common case, without a Unicode lookup per character
        return min(len(text), cap + 1)
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        if total > cap:
            break
    return total


def _inline(inline: Inline, lang: str) -> str:
    # Most values are one run with no link and no severity: no Run objects for them.
    if isinstance(inline, str):
        return _terminal_visible(visible(inline))
    if isinstance(inline, Outside):
        return _terminal_visible(visible(inline.text))
    if isinstance(inline, Text):
        return _terminal_visible(visible(inline.get(lang)))
    parts: list[str] = []
    for run in runs(inline, lang):
        text = _terminal_visible(run.text)  # runs() made it visible already
        if run.url is not None and not run.found and run.url != run.text:
            text = parenthesized(terminal(run.url), lang, beside=text)
        parts.append(text)
    return "".join(parts)


def _one_line(inline: Inline, lang: str) -> str:
    """``inline`` where a line break has no place (a title, a heading, a table cell)."""
    return _inline(inline, lang).replace("\n", "\u2424")


def _hanging(prefix: str, text: str, indent: str | None = None) -> list[str]:
    """``prefix`` then ``text``, its further lines indented to line up under the first (or
    by ``indent``): only this renderer starts a line at the margin."""
    if "\n" not in text:
        return [prefix + text]
    if indent is None:
        indent = " " * width(prefix, cap=1000)
    first, *rest = text.split("\n")
    return [prefix + first, *(indent + line for line in rest)]


def _rows(block: Rows, lang: str) -> list[str]:
    sep = colon(lang)
    labels = [_inline(row.label, lang) + sep for row in block.rows]
    widths = [width(label, MAX_LABEL_WIDTH) for label in labels]
    pad = min(max(widths, default=0), MAX_LABEL_WIDTH)
    lines: list[str] = []
    for label, label_width, row in zip(labels, widths, block.rows, strict=True):
        prefix = label + " " * (pad - label_width) if label_width < pad else label
        lines.extend(_hanging(prefix, _inline(row.value, lang)))
    return lines


def _table(block: Table, lang: str) -> list[str]:
    grid = [[_one_line(cell, lang) for cell in row] for row in (block.header, *block.rows)]
    widths = [
        min(max(width(row[column]) for row in grid), MAX_COLUMN_WIDTH)
        for column in range(len(block.header))
    ]
    rule = ["-" * max(1, w) for w in widths]
    lines = []
    for row in (grid[0], rule, *grid[1:]):
        cells = []
        for cell, column_width in zip(row, widths, strict=True):
            cell_width = width(cell)
            cells.append(
                cell + " " * (column_width - cell_width) if cell_width < column_width else cell
            )
        lines.append("  ".join(cells).rstrip())
    return lines


def _block(block: Block, lang: str) -> list[str]:
    if isinstance(block, Verdict):
        return _hanging(SEVERITY_MARKS[block.severity] + " ", _inline(block.text, lang))
    if isinstance(block, Rows):
        return _rows(block, lang)
    if isinstance(block, Heading):
        text = _one_line(block.text, lang)
        if block.level == 1:
            return [text, "-" * min(width(text, 80), 80)]
        return [text + colon(lang).rstrip()]
    if isinstance(block, Paragraph | Link):
        text = _inline(block.text if isinstance(block, Paragraph) else block, lang)
        return _hanging("", text, PARAGRAPH_INDENT)
    if isinstance(block, Bullets):
        lines: list[str] = []
        for number, item in enumerate(block.items, start=1):
            prefix = f"{number}. " if block.ordered else "- "
            lines.extend(_hanging(prefix, _inline(item, lang)))
        return lines
    if isinstance(block, Table):
        return _table(block, lang)
    if isinstance(block, Code):
        return [
            CODE_INDENT + part for line in block.lines for part in _inline(line, lang).split("\n")
        ]
    raise TypeError(f"not a report block: {type(block).__name__}")


def render_text(report: Report) -> str:
    """The report as plain text, ending in a line break."""
    lang = report.lang
    title = _one_line(report.title, lang)
    lines = [title, "=" * min(width(title, 80), 80)] if title else []
    previous: Block | None = None
    for block in report.blocks:
        if lines and not isinstance(previous, Heading):
            lines.append("")  # blocks apart; a heading's content right below it
        lines.extend(_block(block, lang))
        previous = block
    return "\n".join(lines) + "\n"
