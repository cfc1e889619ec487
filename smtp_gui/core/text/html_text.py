"""HTML bodies (Exchange and Microsoft 365 NDRs) reduced to plain text, never rendered.

``html.parser`` tokenizes; we keep character data, turn block elements into line breaks and
drop scripts, styles and comments. Nothing is fetched, nothing is interpreted as markup later:
the result is shown as plain text like any paste.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    {
        "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "footer", "h1",
        "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section",
        "table", "tbody", "td", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_SKIPPED = frozenset({"script", "style", "head", "title", "noscript", "template"})
# html.parser costs about a microsecond per tag; NDR bodies are far smaller than this.
MAX_HTML = 512 * 1024
_BROKEN_LT = re.compile(r"<(?=[^<>]*+(?:<|\Z))")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")
        elif tag == "a":
            # Keep a mailto: target, which NDRs use for the failed address.
            for name, value in attrs:
                if name == "href" and value and value.lower().startswith("mailto:"):
                    self.parts.append(value[7:][:320] + " ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _defuse(markup: str) -> str:
    """Escape every ``<`` that another ``<`` (or the end) follows before any ``>``.

    Such a ``<`` cannot open a well-formed tag, and runs of them (``<a <a <a``, ``<!--<!--``)
    make ``html.parser`` rescan from each one (quadratic time). The look-ahead is possessive
    and stops at the next ``<`` or ``>``, so each character is looked at a bounded number of
    times.
    """
    return _BROKEN_LT.sub("&lt;", markup)


def html_to_text(markup: str) -> str:
    """The text of an HTML document, one block per line."""
    parser = _TextParser()
    parser.feed(_defuse(markup[:MAX_HTML]))
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def looks_like_html(text: str) -> bool:
    """A paste that is an HTML document rather than text that mentions a tag."""
    head = text[:512].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body")) or (
        head.startswith("<") and "<body" in text[:4096].lower()
    )
