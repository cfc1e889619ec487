"""The report model: a title and a tuple of blocks, built once per result and language.

Inline text is a span or a tuple of spans. A plain ``str`` is our own prose, already in the
report's language; a ``Text`` is our prose in both languages (the report's ``lang`` picks
one); ``Outside`` is text from outside the app (a paste, a DNS record, a server's reply),
which every renderer shows literally and never as markup; ``Link`` is text with a URL,
clickable only for http and https; ``Marked`` gives its text a severity (a colour where
the output has colours). Renderers escape every span; ``Outside`` also tells them to set
the text apart (a monospace run in the window and in HTML).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeAlias
from urllib.parse import urlsplit

from smtp_gui.core.text.bilingual import Text, normalize_lang
from smtp_gui.core.text.safe_text import shown


class Severity(StrEnum):
    """How a verdict or a marked piece of text reads: fine, for information, a warning, a
    failure."""

    OK = "ok"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Outside:
    """Text that came from outside the app: shown literally, never interpreted."""

    text: str


@dataclass(frozen=True, slots=True)
class Link:
    """``text`` pointing at ``url``; a link only for http(s), otherwise both shown as text."""

    text: str | Text | Outside
    url: str

    @property
    def web(self) -> bool:
        """Whether ``url`` is an absolute http(s) URL without spaces or hidden characters."""
        url = self.url
        if not url or shown(url) != url or any(ch.isspace() for ch in url):
            return False
        try:
            parts = urlsplit(url)
        except ValueError:  # e.g. an unbalanced IPv6 bracket
            return False
        return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


@dataclass(frozen=True, slots=True)
class Marked:
    """Text with a severity: a red "no", an orange warning sentence."""

    text: Inline
    severity: Severity


Span: TypeAlias = str | Text | Outside | Link | Marked
Inline: TypeAlias = Span | tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Verdict:
    """The one sentence that sums the result up."""

    text: Inline
    severity: Severity


@dataclass(frozen=True, slots=True)
class Row:
    label: Inline
    value: Inline


@dataclass(frozen=True, slots=True)
class Rows:
    """Label/value pairs: ``Phase: RCPT TO``."""

    rows: tuple[Row, ...]

    @classmethod
    def of(cls, *pairs: tuple[Inline, Inline]) -> Rows:
        return cls(tuple(Row(label, value) for label, value in pairs))


@dataclass(frozen=True, slots=True)
class Heading:
    """A section (level 1) or a subsection (level 2) heading."""

    text: Inline
    level: int = 1

    def __post_init__(self) -> None:
        if self.level not in (1, 2):
            raise ValueError(f"heading level must be 1 or 2, not {self.level}")


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: Inline


@dataclass(frozen=True, slots=True)
class Bullets:
    """A list; ``ordered`` numbers it (steps to follow)."""

    items: tuple[Inline, ...]
    ordered: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A header and rows of the same width."""

    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]

    def __post_init__(self) -> None:
        if not self.header:
            raise ValueError("a table needs at least one column")
        for row in self.rows:
            if len(row) != len(self.header):
                raise ValueError(f"table row has {len(row)} cells, header {len(self.header)}")


@dataclass(frozen=True, slots=True)
class Code:
    """Preformatted lines shown as they are (a transcript, a record): one line per item."""

    lines: tuple[Inline, ...]


Block: TypeAlias = Verdict | Rows | Heading | Paragraph | Bullets | Table | Code | Link
BLOCK_TYPES = (Verdict, Rows, Heading, Paragraph, Bullets, Table, Code, Link)


@dataclass(frozen=True, slots=True)
class Report:
    """What one result says, in one language (``en`` or ``zh``)."""

    title: Inline
    blocks: tuple[Block, ...]
    lang: str = "en"

    def __post_init__(self) -> None:
        object.__setattr__(self, "lang", normalize_lang(self.lang))
        for block in self.blocks:
            if not isinstance(block, BLOCK_TYPES):
                raise TypeError(f"not a report block: {type(block).__name__}")
