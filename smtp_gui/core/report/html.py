"""Reports as a standalone HTML document: what "Save report" writes (and prints to PDF).

Every run, ours and outside text alike, is made visible (``shown``) and then
``html.escape``d, so text can never become a tag or an attribute; outside text is set in
monospace. Only a ``Link`` to an http(s) URL, or a link found in the text (an RFC
reference, an http(s) URL shown as itself), becomes ``<a href>``; other targets are shown
as text. The document uses only the tags in ``TAGS``, no script, and fetches nothing.
"""

from __future__ import annotations

from html import escape

from smtp_gui.core.report.labels import SEVERITY_MARKS, language_tag
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
from smtp_gui.core.report.runs import Run, plain, runs

TAGS = frozenset(
    {
        "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "table",
        "thead", "tbody", "tr", "th", "td", "ul", "ol", "li", "pre", "a", "span", "br",
    }
)  # fmt: skip
"""Every tag this renderer writes: the tests hold its output to them."""

# The app's status colours (4.5:1 or better on white, and their light twins on a dark page).
_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
  padding: 0 1rem; color: #1f1f1f; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .6rem; }
h2 { font-size: 1.2rem; margin: 1.4rem 0 .4rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; }
p, li, td, th { overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: .4rem 0; }
th, td { text-align: left; vertical-align: top; padding: .25rem .6rem;
  border: 1px solid #c8c8c8; }
table.rows th, table.rows td { border: none; padding: .1rem 1rem .1rem 0; }
pre, .outside { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .92em; }
pre { background: #f4f4f4; padding: .6rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.verdict { font-weight: bold; font-size: 1.1rem; }
.ok { color: #1b7f3b; } .info { color: #1f5fae; }
.warning { color: #a86400; } .error { color: #b3261e; }
@media (prefers-color-scheme: dark) {
  body { color: #e6e6e6; background: #1e1e1e; } pre { background: #2a2a2a; }
  th, td { border-color: #555; } a { color: #8ab4f8; }
  .ok { color: #6ccf8a; } .info { color: #8ab4f8; }
  .warning { color: #f2b84b; } .error { color: #f28b82; }
}
"""


def _text(text: str) -> str:
    """Visible text escaped for HTML; a line break as ``<br>``, a carriage return seen."""
    return escape(text.replace("\r", "\u240d"), quote=True).replace("\n", "<br>\n")


def _classes(run: Run) -> str:
    names = (["outside"] if run.outside else []) + ([str(run.severity)] if run.severity else [])
    return f' class="{" ".join(names)}"' if names else ""


def _inline(inline: Inline, lang: str) -> str:
    parts = []
    for run in runs(inline, lang):
        text, classes = _text(run.text), _classes(run)
        if run.url is not None:
            url = escape(run.url, quote=True)
            parts.append(f'<a href="{url}" title="{url}"{classes}>{text}</a>')
        elif classes:
            parts.append(f"<span{classes}>{text}</span>")
        else:
            parts.append(text)
    return "".join(parts)


def _rows(block: Rows, lang: str) -> list[str]:
    cells = (
        f'<tr><th scope="row">{_inline(row.label, lang)}</th>'
        f"<td>{_inline(row.value, lang)}</td></tr>"
        for row in block.rows
    )
    return ['<table class="rows"><tbody>', *cells, "</tbody></table>"]


def _table(block: Table, lang: str) -> list[str]:
    head = "".join(f"<th>{_inline(cell, lang)}</th>" for cell in block.header)
    body = (
        "<tr>" + "".join(f"<td>{_inline(cell, lang)}</td>" for cell in row) + "</tr>"
        for row in block.rows
    )
    return [f"<table><thead><tr>{head}</tr></thead><tbody>", *body, "</tbody></table>"]


def _code(block: Code, lang: str) -> str:
    lines = []
    for line in block.lines:
        parts = []
        for run in runs(line, lang):
            text = escape(run.text.replace("\r", "\u240d"), quote=True)
            # In <pre> all is monospace and links are text; only a severity needs a span.
            parts.append(f'<span class="{run.severity}">{text}</span>' if run.severity else text)
        lines.append("".join(parts))
    return "<pre>" + "\n".join(lines) + "</pre>"


def _block(block: Block, lang: str) -> list[str]:
    if isinstance(block, Verdict):
        mark = SEVERITY_MARKS[block.severity]
        return [f'<p class="verdict {block.severity}">{mark} {_inline(block.text, lang)}</p>']
    if isinstance(block, Rows):
        return _rows(block, lang) if block.rows else []
    if isinstance(block, Heading):
        tag = f"h{block.level + 1}"
        return [f"<{tag}>{_inline(block.text, lang)}</{tag}>"]
    if isinstance(block, Paragraph):
        return [f"<p>{_inline(block.text, lang)}</p>"]
    if isinstance(block, Link):
        return [f"<p>{_inline(block, lang)}</p>"]
    if isinstance(block, Bullets):
        tag = "ol" if block.ordered else "ul"
        items = (f"<li>{_inline(item, lang)}</li>" for item in block.items)
        return [f"<{tag}>", *items, f"</{tag}>"]
    if isinstance(block, Table):
        return _table(block, lang)
    if isinstance(block, Code):
        return [_code(block, lang)]
    raise TypeError(f"not a report block: {type(block).__name__}")


def render_html(report: Report) -> str:
    """The report as a complete HTML5 document in UTF-8."""
    lang = report.lang
    lines = [
        "<!doctype html>",
        f'<html lang="{language_tag(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(' '.join(plain(report.title, lang).split()))}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
    ]
    title = _inline(report.title, lang)
    if title:
        lines.append(f"<h1>{title}</h1>")
    for block in report.blocks:
        lines.extend(_block(block, lang))
    lines.extend(("</body>", "</html>"))
    return "\n".join(lines) + "\n"
