"""Inline text resolved for rendering: spans flattened into runs of visible text.

Every renderer goes through ``runs()``, so every piece of text, ours or from outside, has
its control characters and bidi overrides made visible before any escaping of its own.
RFC references and http(s) URLs in the text become link runs (``links.found_links``),
marked ``found``: their words already say where they point, so plain text shows the words
only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from smtp_gui.core.report.labels import brackets
from smtp_gui.core.report.links import found_links
from smtp_gui.core.report.model import Inline, Link, Marked, Outside, Severity, Span
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.safe_text import shown

_SURROGATE = re.compile("[\ud800-\udfff]")


def visible(text: str) -> str:
    """``shown(text)``, and a lone surrogate (bytes decoded with ``surrogateescape``) as
    U+FFFD, so that every output can be encoded as UTF-8."""
    text = shown(text)
    if text.isascii() or _SURROGATE.search(text) is None:  # isascii: no regex for most text
        return text
    return _SURROGATE.sub("\ufffd", text)


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one look. ``url`` is set only for an http(s) link; ``found``:
    a link found in the text (an RFC reference, a URL), not a ``Link`` of the report."""

    text: str
    outside: bool = False
    severity: Severity | None = None
    url: str | None = None
    found: bool = False


def _raw(span: str | Text | Outside, lang: str) -> tuple[str, bool]:
    if isinstance(span, Outside):
        return span.text, True
    if isinstance(span, Text):
        return span.get(lang), False
    return span, False


def _plain(span: str | Text | Outside, lang: str) -> tuple[str, bool]:
    text, outside = _raw(span, lang)
    return visible(text), outside


def _add(span: Span, lang: str, severity: Severity | None, out: list[Run]) -> None:
    if isinstance(span, Marked):
        for inner in span.text if isinstance(span.text, tuple) else (span.text,):
            _add(inner, lang, span.severity, out)
    elif isinstance(span, Link):
        text, outside = _plain(span.text, lang)
        if span.web:
            out.append(Run(text, outside, severity, span.url))
            return
        # Not a web link: the text, then the target in parentheses, as text.
        url = visible(span.url)
        opening, closing = brackets(lang, text)
        out.append(Run(text, outside, severity))
        out.append(Run(" " if opening == "(" else "", False, severity))
        out.extend(
            (Run(opening, False, severity), Run(url, True, severity), Run(closing, False, severity))
        )
    else:
        text, outside = _raw(span, lang)
        for piece, url in found_links(text, references=not outside):
            out.append(Run(visible(piece), outside, severity, url, found=url is not None))


def runs(inline: Inline, lang: str) -> list[Run]:
    """``inline`` as runs, Text resolved in ``lang``; empty runs dropped."""
    out: list[Run] = []
    for span in inline if isinstance(inline, tuple) else (inline,):
        _add(span, lang, None, out)
    return [run for run in out if run.text]


def plain(inline: Inline, lang: str) -> str:
    """``inline`` as one visible string (a link as its text only)."""
    return "".join(run.text for run in runs(inline, lang))
