"""Reports as Markdown for tickets (CommonMark with GitHub's tables).

Every run is escaped, ours and outside text alike: each character Markdown or HTML acts on
(``\\ ` * _ [ ] < > # | ! ~ & $``) gets a backslash; ``://`` and ``www.`` are broken so
that no URL from outside becomes a link; each line's first character is defused where it
would start a list, a setext underline or a code block. A line break is a CommonMark hard
break (a backslash at the end of the line) with the next line indented into the same
block; in a table cell, where no break is possible, it is shown as ␤. The output holds no
HTML at all. Code goes into a fence longer than any backtick run inside it. Only a
``Link`` to an http(s) URL becomes ``[text](url)``, and so does a link found in the text
(``runs``: an RFC reference, or an http(s) URL whose text is the URL itself).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from smtp_gui.core.report.labels import SEVERITY_MARKS, colon
from smtp_gui.core.report.model import (
    Block,
    Bullets,
    Code,
    Heading,
    Inline,
    Link,
    Paragraph,
    Report,
    Rows,
    Table,
    Verdict,
)
from smtp_gui.core.report.runs import plain, runs

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|!~&$])")
# At the start of a line: a list marker, a setext underline, an ordered-list number.
_OPENER = re.compile(r"[-+=]|\d{1,9}[.)]")
_BACKTICKS = re.compile(r"`+")
# GitHub's extended autolinks turn ``www.`` and ``scheme://`` into links; an escaped dot or
# slash stops them (an e-mail address still becomes a mailto: link there).
_WWW = re.compile(r"(www)\.", re.IGNORECASE)
# Kept as they are in a link destination; everything else (parentheses, <>, spaces,
# backslashes, quotes, non-ASCII) is percent-encoded. quote() keeps letters, digits, _.-~.
_URL_SAFE = "!#$%&'*+,/:;=?@[]"


def escape(text: str) -> str:
    """``text`` (already visible) as Markdown that renders to exactly ``text``, line breaks
    aside (see ``_inline``)."""
    text = _SPECIAL.sub(r"\\\1", text).replace("://", ":\\//").replace("\r", "\u240d")
    return _WWW.sub(r"\1\\.", text) if "." in text else text


def _start(line: str) -> str:
    """``line`` placed where a block may start: leading blanks dropped (four would make a
    code block), an opening list marker or setext underline escaped."""
    line = line.lstrip(" \t")
    match = _OPENER.match(line)
    if match is None:
        return line
    end = match.end() - 1
    return line[:end] + "\\" + line[end:]


def _escaped(inline: Inline, lang: str) -> str:
    parts = []
    for run in runs(inline, lang):
        text = escape(run.text)
        if run.url is not None:
            text = f"[{text}]({quote(run.url, safe=_URL_SAFE)})"
        parts.append(text)
    return "".join(parts)


def _inline(inline: Inline, lang: str, indent: str = "", at_start: bool = True) -> str:
    """``inline`` as Markdown; each further line follows a hard break and ``indent`` (what
    keeps it inside a list item or a quote). ``at_start``: the first line starts a block."""
    first, *rest = _escaped(inline, lang).rstrip("\n").split("\n")
    # An empty line becomes a lone hard break: a blank line would end the block.
    lines = [_start(first) if at_start else first, *(_start(line) for line in rest)]
    return f"\\\n{indent}".join(lines)


def _one_line(inline: Inline, lang: str) -> str:
    """``inline`` where no line break is possible (a heading, a table cell)."""
    return _escaped(inline, lang).replace("\n", "\u2424").strip()


def fence(lines: list[str]) -> str:
    """A backtick fence longer than any backtick run in ``lines`` (at least three)."""
    longest = max((len(m) for line in lines for m in _BACKTICKS.findall(line)), default=0)
    return "`" * max(3, longest + 1)


def _rows(block: Rows, lang: str) -> list[str]:
    lines = []
    for row in block.rows:
        label = _one_line(row.label, lang)
        value = _inline(row.value, lang, at_start=not label)
        lines.append(f"**{label}**{colon(lang)}{value}" if label else value)
    # One paragraph, a hard break after each row.
    return [line + "\\" for line in lines[:-1]] + lines[-1:]


def _table(block: Table, lang: str) -> list[str]:
    header = [_one_line(cell, lang) or " " for cell in block.header]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines.extend(
        "| " + " | ".join(_one_line(cell, lang) for cell in row) + " |" for row in block.rows
    )
    return lines


def _block(block: Block, lang: str, previous: Block | None) -> list[str]:
    if isinstance(block, Verdict):
        return [f"> {SEVERITY_MARKS[block.severity]} {_inline(block.text, lang, '> ', False)}"]
    if isinstance(block, Rows):
        return _rows(block, lang) if block.rows else []
    if isinstance(block, Heading):
        return ["#" * (block.level + 1) + " " + _one_line(block.text, lang)]
    if isinstance(block, Paragraph | Link):
        text = _inline(block.text if isinstance(block, Paragraph) else block, lang)
        return [text] if text else []
    if isinstance(block, Bullets):
        # A list right after another of the same kind takes the other marker, else
        # CommonMark would join the two into one list.
        again = isinstance(previous, Bullets) and previous.ordered == block.ordered
        lines = []
        for number, item in enumerate(block.items, start=1):
            if block.ordered:
                prefix = f"{number}{')' if again else '.'} "
            else:
                prefix = "* " if again else "- "
            lines.append(prefix + _inline(item, lang, " " * len(prefix)))
        return lines
    if isinstance(block, Table):
        return _table(block, lang)
    if isinstance(block, Code):
        code = [
            part.replace("\r", "\u240d")
            for line in block.lines
            for part in plain(line, lang).split("\n")
        ]
        marks = fence(code)
        return [marks, *code, marks]
    raise TypeError(f"not a report block: {type(block).__name__}")


def render_markdown(report: Report) -> str:
    """The report as a Markdown document, ending in a line break."""
    lang = report.lang
    title = _inline(report.title, lang)
    out = [f"# {title}"] if title else []
    previous: Block | None = None
    for block in report.blocks:
        lines = _block(block, lang, previous)
        if lines:
            if out:
                out.append("")
            out.extend(lines)
        previous = block
    return "\n".join(out) + "\n"
