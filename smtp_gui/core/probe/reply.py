"""SMTP replies as a client reads them: one or more lines, one code (RFC 5321 4.2).

A reply is ``code "-" text`` lines ending with one ``code " " text`` (or a bare code) line.
Whatever the server sends is untrusted: control characters are made visible, lines and
replies are capped, and a line that is not a reply line is reported, not guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from smtp_gui.core.codes.parse import parse_enhanced

# RFC 5321 4.2: Reply-line = *( Reply-code "-" [ textstring ] CRLF )
#                            Reply-code [ SP textstring ] CRLF; the code is 2-5, 0-5, 0-9.
_REPLY_LINE = re.compile(r"([2-5][0-9][0-9])(?:([ -])(.*))?\Z", re.DOTALL)
# RFC 2034 4: an enhanced status code starts the text of every line when the server offers
# ENHANCEDSTATUSCODES; many servers send one without offering it, so it is read either way.
_ENHANCED_PREFIX = re.compile(r"([245]\.[0-9]{1,3}\.[0-9]{1,3})(?:\s+|\Z)")
# Control characters become their Unicode "control picture" so that a hostile server cannot
# move a terminal's cursor or hide text; tab stays a tab.
_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_C1 = re.compile(r"[\x80-\x9f]")

MAX_LINE = 4096  # RFC 5321 4.5.3.1.5: a reply line is at most 512 octets; allow generous slack
MAX_LINES = 200  # more continuation lines than any real EHLO answer has


def visible(text: str) -> str:
    """``text`` with control characters shown as control pictures (U+2400 block)."""
    text = _CONTROLS.sub(
        lambda m: chr(0x2400 + ord(m.group())) if m.group() != "\x7f" else "\u2421", text
    )
    return _C1.sub("\ufffd", text)


def decode_line(data: bytes) -> str:
    """Server bytes as text: UTF-8 (RFC 6531 servers), else Latin-1, controls made visible."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return visible(text)


@dataclass(frozen=True, slots=True)
class ReplyLine:
    """One line of a reply as read from the wire (CRLF removed)."""

    code: int
    last: bool
    text: str


def parse_reply_line(line: str) -> ReplyLine | None:
    """``250-SIZE 1000`` -> ReplyLine; None when the line is not an SMTP reply line."""
    match = _REPLY_LINE.match(line)
    if match is None:
        return None
    code, separator, text = match.groups()
    return ReplyLine(int(code), separator != "-", text or "")


@dataclass(frozen=True, slots=True)
class ServerReply:
    """A complete reply: its code, its enhanced code if the text starts with one, its lines."""

    code: int
    lines: tuple[str, ...]  # the text of each line, without the code and separator
    enhanced: str | None = None
    mixed_codes: bool = False  # RFC 5321 4.2.1: every line should carry the same code

    @property
    def cls(self) -> int:
        return self.code // 100

    @property
    def positive(self) -> bool:
        return self.code < 400

    @property
    def text(self) -> str:
        """The text of all lines, one per line, enhanced codes kept as the server sent them."""
        return "\n".join(self.lines)

    @property
    def code_text(self) -> str:
        """``550 5.1.1`` or ``250``: what to look up in the catalogue."""
        return f"{self.code} {self.enhanced}" if self.enhanced else str(self.code)

    def wire_lines(self) -> tuple[str, ...]:
        """The lines as the server sent them: ``250-first``, ..., ``250 last``."""
        count = len(self.lines)
        out = []
        for index, text in enumerate(self.lines):
            separator = " " if index == count - 1 else "-"
            out.append(f"{self.code}{separator}{text}" if text else f"{self.code}")
        return tuple(out)


def build_reply(lines: list[ReplyLine]) -> ServerReply:
    """Join the lines of one reply; the last line's code is the reply's code."""
    if not lines:
        raise ValueError("a reply has at least one line")
    code = lines[-1].code
    mixed = any(line.code != code for line in lines)
    enhanced = _enhanced_of(code, lines[0].text)
    return ServerReply(code, tuple(line.text for line in lines), enhanced, mixed)


def _enhanced_of(code: int, text: str) -> str | None:
    """The enhanced code at the start of ``text`` if its class agrees with ``code``."""
    match = _ENHANCED_PREFIX.match(text)
    if match is None:
        return None
    found = parse_enhanced(match.group(1))
    # RFC 3463 3: the class of the enhanced code must match the reply's first digit.
    if found is None or found.cls != code // 100:
        return None
    return str(found)
