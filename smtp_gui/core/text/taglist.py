"""The tag=value list shared by DKIM, DMARC, MTA-STS, TLS-RPT and BIMI records (RFC 6376 3.2).

Parsing is lenient about whitespace (RFC 6376 3.2 allows FWS around tags, ``=`` and ``;``) and
strict about structure: a segment without ``=``, a bad tag name or a repeated tag is reported
with its position, never raised. Record parsers built on top decide what each finding means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# RFC 6376 3.2: tag-name = ALPHA *ALNUMPUNC; ALNUMPUNC = ALPHA / DIGIT / "_"
_TAG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# RFC 6376 3.2: VALCHAR = %x21-3A / %x3C-7E, with whitespace allowed between runs of them.
_BAD_VALUE_CHAR = re.compile(r"[^\x21-\x3a\x3c-\x7e \t\r\n]")
_WSP = " \t\r\n"
# RFC 1035 4.2.2: a DNS message (over TCP) is at most 65535 octets, so no TXT record that DNS
# delivers is longer; anything longer was not read from DNS and is refused unparsed.
MAX_RECORD = 65535


@dataclass(frozen=True, slots=True)
class Tag:
    name: str
    value: str
    position: int  # offset of the tag name in the record text


@dataclass(frozen=True, slots=True)
class TagListIssue:
    """Something structurally wrong, with where it is: ``kind`` is one of the constants below."""

    kind: str
    position: int
    text: str


NO_EQUALS = "no_equals"  # a segment "p" without "=value"
BAD_NAME = "bad_name"  # a tag name that is not ALPHA *ALNUMPUNC
DUPLICATE = "duplicate"  # RFC 6376 3.2: a repeated tag makes the whole list invalid
BAD_VALUE = "bad_value"  # control or non-ASCII characters in a value
TOO_LONG = "too_long"


@dataclass(frozen=True, slots=True)
class TagList:
    tags: tuple[Tag, ...]
    issues: tuple[TagListIssue, ...]

    def get(self, name: str) -> str | None:
        """The value of the first tag called ``name`` (tag names are case-sensitive, 3.2)."""
        for tag in self.tags:
            if tag.name == name:
                return tag.value
        return None

    def get_folded(self, name: str) -> str | None:
        """The value of the first tag whose name matches ``name`` ignoring case."""
        lowered = name.lower()
        for tag in self.tags:
            if tag.name.lower() == lowered:
                return tag.value
        return None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(tag.name for tag in self.tags)


def parse_tag_list(text: str, *, fold_names: bool = False) -> TagList:
    """Split ``text`` into tags; ``fold_names`` compares names ignoring case (DMARC's ABNF)."""
    if len(text) > MAX_RECORD:
        return TagList((), (TagListIssue(TOO_LONG, MAX_RECORD, ""),))
    tags: list[Tag] = []
    issues: list[TagListIssue] = []
    seen: set[str] = set()
    offset = 0
    for segment in text.split(";"):
        start = offset
        offset += len(segment) + 1
        stripped = segment.strip(_WSP)
        if not stripped:
            continue  # RFC 6376 3.2 allows a trailing ";"; empty segments carry nothing
        lead = start + (len(segment) - len(segment.lstrip(_WSP)))
        name_part, equals, value_part = stripped.partition("=")
        name = name_part.strip(_WSP)
        if not equals:
            issues.append(TagListIssue(NO_EQUALS, lead, stripped))
            continue
        if not _TAG_NAME.fullmatch(name):
            issues.append(TagListIssue(BAD_NAME, lead, name))
            continue
        value = value_part.strip(_WSP)
        bad = _BAD_VALUE_CHAR.search(value)
        if bad:
            issues.append(TagListIssue(BAD_VALUE, lead, name))
        key = name.lower() if fold_names else name
        if key in seen:
            issues.append(TagListIssue(DUPLICATE, lead, name))
            continue
        seen.add(key)
        tags.append(Tag(name.lower() if fold_names else name, value, lead))
    return TagList(tuple(tags), tuple(issues))


def split_list(value: str, separator: str) -> tuple[str, ...]:
    """``a : b:c`` -> ``("a", "b", "c")``: a list value with whitespace around separators."""
    return tuple(part.strip(_WSP) for part in value.split(separator))
