"""Links found in text: RFC references and http(s) URLs, wherever a report's text has them.

``found_links(text)`` splits text into pieces, each with the URL it links to or None.
An RFC reference ("RFC 5321 4.2.3", "RFC 5321 §4.2.3", "RFC 3463 section 3.8",
"RFC 3463 第 3.8 节", "RFC 7293") links to the RFC Editor's page of that RFC, at the
section when one is named. A URL in the text (a DNSBL's TXT reason, a server's reply) links
only when it is an absolute http(s) URL that ``Link.web`` accepts; anything else (a
``javascript:`` or ``data:`` target, a URL with hidden characters) stays text. The URL
found is the text shown, so the text and the target can never disagree.
"""

from __future__ import annotations

import re

from smtp_gui.core.report.model import Link
from smtp_gui.core.text.safe_text import shown

RFC_EDITOR = "https://www.rfc-editor.org/rfc/rfc{number}"
# An RFC number, then optionally a section: "4.2.3", "§4.2.3", "section 3.8", "第 3.8 节".
# The section's first number has at most two digits and no digit or ".digit" follows it, so
# "RFC 4954 defines 432" links RFC 4954 alone.
_RFC = re.compile(
    r"(?<![A-Za-z0-9])RFC ?(?P<number>[1-9]\d{0,4})(?!\d)"
    r"(?:(?:,? ?\u00a7 ?|,? [Ss]ection | 第 ?| )"
    r"(?P<section>\d{1,2}(?:\.\d{1,3})*)(?!\.?\d)(?P<tail> ?节)?)?"
)
# An http(s) URL: printable ASCII without spaces, quotes, angle brackets or backslashes.
_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", re.IGNORECASE)
_TRAILING = ".,;:!?'"  # punctuation that ends a sentence, not a URL


def rfc_url(number: str, section: str = "") -> str:
    """``https://www.rfc-editor.org/rfc/rfc5321#section-4.2.3``."""
    url = RFC_EDITOR.format(number=int(number))
    return f"{url}#section-{section}" if section else url


def _url_end(url: str) -> str:
    """``url`` without the punctuation that follows it in a sentence: a trailing full stop
    or comma, a closing parenthesis or bracket it does not open."""
    pairs = {")": "(", "]": "["}
    while url:
        last = url[-1]
        unopened = last in pairs and url.count(pairs[last]) < url.count(last)
        if last not in _TRAILING and not unopened:
            break
        url = url[:-1]
    return url


def _matches(text: str, references: bool) -> list[tuple[int, int, str]]:
    """(start, end, url) of every link in ``text``, in order, none overlapping."""
    found: list[tuple[int, int, str]] = []
    if "://" in text:
        for match in _URL.finditer(text):
            following = text[match.end() : match.end() + 1]
            if following and shown(following) != following:
                continue  # a control or bidi character inside it: text, not a link
            url = _url_end(match.group())
            if url and Link(url, url).web:
                found.append((match.start(), match.start() + len(url), url))
    if references and "RFC" in text:
        for match in _RFC.finditer(text):
            if any(start < match.end() and match.start() < end for start, end, _ in found):
                continue  # inside a URL
            url = rfc_url(match["number"], match["section"] or "")
            found.append((match.start(), match.end(), url))
    return sorted(found)


def found_links(text: str, references: bool = True) -> list[tuple[str, str | None]]:
    """``text`` in pieces, each with the URL it links to (None: plain text). Pieces joined
    give ``text`` back. ``references=False`` (outside text: a bounce, a server's reply)
    links its URLs only; RFC references are linked in the app's own text."""
    if "://" not in text and ("RFC" not in text or not references):  # most text
        return [(text, None)]
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for start, end, url in _matches(text, references):
        if start > position:
            pieces.append((text[position:start], None))
        pieces.append((text[start:end], url))
        position = end
    if position < len(text) or not pieces:
        pieces.append((text[position:], None))
    return pieces
