"""A header block split into fields, unfolded leniently (RFC 5322 2.2.3), and encoded words
decoded (RFC 2047) for the fields people read.

Pastes fold oddly: tabs or many spaces, lines broken by a mail client's copy, a line without
a name inside a field. A line that does not start ``Name:`` continues the field above it;
nothing is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.utils import getaddresses, parseaddr

# RFC 5322 3.6.8: ftext is any printable ASCII but ":"; obs-optional allows WSP before ":".
_NAME = re.compile(r"([!-9;-~]{1,76})[ \t]*:")


@dataclass(frozen=True, slots=True)
class HeaderField:
    """One header field: ``index`` counts from the top (0 = the newest), ``line`` is where it
    starts in the input (1-based)."""

    name: str
    value: str
    index: int
    line: int

    @property
    def key(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class HeaderBlock:
    fields: tuple[HeaderField, ...]
    has_body: bool
    skipped_lines: int  # lines before the first field that were not a header (a note, a blank)

    def all(self, name: str) -> tuple[HeaderField, ...]:
        key = name.lower()
        return tuple(f for f in self.fields if f.key == key)

    def first(self, name: str) -> HeaderField | None:
        key = name.lower()
        for item in self.fields:
            if item.key == key:
                return item
        return None


_MAX_SKIPPED = 20  # lines of a note pasted above the headers ("Here are the headers:")


def split_fields(text: str, first_line: int = 1) -> HeaderBlock:
    """The fields of the header block at the start of ``text`` (up to its first empty line)."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and start < _MAX_SKIPPED and not _NAME.match(lines[start]):
        start += 1
    if start == _MAX_SKIPPED or start == len(lines):
        start = 0
    names: list[str] = []
    parts: list[list[str]] = []
    starts: list[int] = []
    has_body = False
    for number in range(start, len(lines)):
        line = lines[number].rstrip("\r")
        if not line.strip():
            if parts:
                has_body = any(item.strip() for item in lines[number + 1 : number + 50])
                break
            continue
        match = _NAME.match(line) if line[0] not in " \t" else None
        if match is None:
            if parts:  # RFC 5322 2.2.3 folding, or a line a copy broke: it continues the field
                parts[-1].append(line)
            continue
        names.append(match.group(1))
        parts.append([line[match.end() :]])
        starts.append(number + first_line)
    fields = tuple(
        HeaderField(name, _unfold(chunks), index, line)
        for index, (name, chunks, line) in enumerate(zip(names, parts, starts, strict=True))
    )
    return HeaderBlock(fields, has_body, start)


def _unfold(chunks: list[str]) -> str:
    """RFC 5322 2.2.3: unfolding removes the line breaks; runs of folding white space read as
    one space, so a field folded with a tab and eight spaces reads like the same on one line."""
    if len(chunks) == 1:
        return chunks[0].strip()
    return " ".join(chunk.strip() for chunk in chunks if chunk.strip())


def decoded(value: str) -> str:
    """``value`` with RFC 2047 encoded words decoded; undecodable words stay as written."""
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (ValueError, LookupError, UnicodeError, AssertionError):
        return value


@dataclass(frozen=True, slots=True)
class Mailbox:
    display: str
    address: str

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2].lower().rstrip(".>") if "@" in self.address else ""


def mailbox(value: str) -> Mailbox:
    """The first mailbox of an address field, display name decoded."""
    display, address = parseaddr(value)
    if not address and "@" in value:
        found = re.search(r"[^\s<>\"',;]+@[^\s<>\"',;]+", value)
        address = found.group() if found else ""
    return Mailbox(decoded(display).strip(), address.strip())


def mailboxes(value: str) -> tuple[Mailbox, ...]:
    return tuple(Mailbox(decoded(d).strip(), a.strip()) for d, a in getaddresses([value]) if a or d)
