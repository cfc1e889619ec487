"""What was given, read as a header block: a paste (headers with or without the body), a
whole message or ``.eml``, an mbox with one message, a ``.txt`` of headers, or an Outlook
``.msg``. Bad input is one ``InputError`` that says what was wrong and where."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from smtp_gui.core.diagnose.analyse import decode_bytes
from smtp_gui.core.headers.fields import HeaderBlock, split_fields
from smtp_gui.core.headers.msg import is_compound_file, transport_headers
from smtp_gui.core.text.errors import input_error

MAX_INPUT = 10 * 1024 * 1024  # the limit: 10 MB

# RFC 4155 (mbox): a message starts with a line "From " sender date, with no colon after From.
_MBOX_FROM = re.compile(r"^From [^\s:]*\s.*$", re.MULTILINE)


class SourceKind(StrEnum):
    TEXT = "text"  # a paste, .eml or .txt
    MBOX = "mbox"
    MSG = "msg"


@dataclass(frozen=True, slots=True)
class Source:
    kind: SourceKind
    block: HeaderBlock
    messages: int  # messages in an mbox (only the first is read)
    text: str = ""  # the message as read (its first in an mbox), line ends as "\n": for DKIM


def read_source(data: str | bytes, name: str = "input") -> Source:
    """The header block of ``data``; ``name`` (a file name, or "input") is said in errors."""
    if len(data) > MAX_INPUT:
        raise input_error("headers.too_large", name=name, size=len(data) // (1024 * 1024), limit=10)
    kind = SourceKind.TEXT
    if isinstance(data, bytes):
        if is_compound_file(data):
            text = transport_headers(data, name)
            kind = SourceKind.MSG
        else:
            if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise input_error("headers.binary", name=name)
            text = decode_bytes(data)
    else:
        text = data
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    messages = 1
    first_line = 1
    head = text.lstrip("\n")
    if head.startswith("From ") and _MBOX_FROM.match(head):
        kind = SourceKind.MBOX
        skipped = len(text) - len(head)
        first_line = text.count("\n", 0, skipped) + 2
        head = head.partition("\n")[2]
        following = _MBOX_FROM.search(head)
        messages = 1 + len(_MBOX_FROM.findall(head))
        if following is not None:
            head = head[: following.start()]
        text = head
    if not text.strip():
        raise input_error("headers.empty", name=name)
    block = split_fields(text, first_line)
    if not block.fields:
        raise input_error("headers.no_fields", name=name)
    return Source(kind, block, messages, text)
