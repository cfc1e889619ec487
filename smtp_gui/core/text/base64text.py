"""Tolerant Base64 for pasted AUTH lines, and safe views of the bytes it decodes to.

People paste Base64 out of logs and mail clients: wrapped, unpadded, or in the URL-safe
alphabet. We decode all of that (with a warning where a server would object) and reject only
characters no Base64 alphabet has, naming the character and where it is.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from smtp_gui.core.text.errors import input_error
from smtp_gui.core.text.messages import Note

# RFC 4648 4 (standard alphabet) and 5 (URL- and filename-safe: "-" and "_" for "+" and "/").
_NOT_BASE64 = re.compile(r"[^A-Za-z0-9+/=\-_\s]")
_WHITESPACE = re.compile(r"\s+")
_INNER_WHITESPACE = re.compile(r"\S\s+\S")
# Every character str.isspace() and the regex \s accept, written out (computing it at import
# would cost start-up time).
_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# Padding is only allowed at the very end (RFC 4648 3.2): only "=" and whitespace may trail
# the data. Found with str.rstrip, not a regex such as "=[=\s]*[^=\s]", which backtracks
# quadratically over a long run of "=" (a megabyte of them took hours).
_PAD_OR_SPACE = "=" + _SPACES
_URL_SAFE = str.maketrans("-_", "+/")

# Control characters become their Unicode "control picture" (U+2400 + code) so that NUL, SOH
# and friends are visible in decoded text and cannot upset a terminal or a widget.
_VISIBLE = {code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)}
_VISIBLE[0x7F] = 0x2421
_VISIBLE.update({code: 0xFFFD for code in range(0x80, 0xA0)})
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Controls that make a payload binary rather than text; NUL and SOH are separators in
# PLAIN (RFC 4616 2) and OAUTHBEARER (RFC 7628 3.1), so they do not count.
_BINARY_CONTROLS = re.compile(r"[\x02-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")

_PRINTABLE = bytes(b if 0x20 <= b < 0x7F else 0x2E for b in range(256))

HEX_DUMP_LIMIT = 64 * 1024


@dataclass(frozen=True, slots=True)
class Base64Decoded:
    """The bytes a Base64 string stands for, their UTF-8 text if they are text, and warnings."""

    data: bytes
    text: str | None
    warnings: tuple[Note, ...] = ()

    @property
    def is_binary(self) -> bool:
        return self.text is None


def decode_base64(source: str, *, offset: int = 0, line: int = 1, column: int = 1) -> Base64Decoded:
    """Decode ``source`` tolerantly; raise InputError for a character outside every alphabet.

    ``offset``, ``line`` and ``column`` say where ``source`` starts in the user's whole input,
    so that an error can point at the right place.
    """
    bad = _NOT_BASE64.search(source)
    if bad is not None:
        raise _bad_character(source, bad.start(), offset, line, column)
    misplaced = source.find("=", 0, len(source.rstrip(_PAD_OR_SPACE)))
    if misplaced >= 0:
        raise _bad_character(
            source, misplaced, offset, line, column, key="base64text.misplaced_padding"
        )
    warnings: list[Note] = []
    stripped = source.strip()
    if _INNER_WHITESPACE.search(stripped) and "\n" not in stripped:
        warnings.append(Note("base64text.inner_spaces"))
    compact = _WHITESPACE.sub("", stripped)
    if "-" in compact or "_" in compact:
        warnings.append(Note("base64text.url_safe"))
        compact = compact.translate(_URL_SAFE)
    body = compact.rstrip("=")
    padding = len(compact) - len(body)
    remainder = len(body) % 4
    if remainder == 1:
        raise input_error(
            "base64text.bad_length",
            position=offset,
            length=len(body),
            line=line,
            column=column,
        )
    needed = (4 - remainder) % 4
    if padding != needed:
        key = "base64text.missing_padding" if padding == 0 else "base64text.wrong_padding"
        warnings.append(Note(key, {"found": padding, "needed": needed}))
    try:
        data = base64.b64decode(body + "=" * needed, validate=True)
    except binascii.Error:  # pragma: no cover - every input was checked above
        raise input_error(
            "base64text.bad_length", position=offset, length=len(body), line=line, column=column
        ) from None
    return Base64Decoded(data, utf8_text(data), tuple(warnings))


def _bad_character(
    source: str,
    index: int,
    offset: int,
    line: int,
    column: int,
    *,
    key: str = "base64text.bad_character",
) -> Exception:
    """InputError naming the character at ``source[index]`` and its line and column."""
    newlines = source.count("\n", 0, index)
    if newlines:
        line += newlines
        column = index - source.rfind("\n", 0, index)
    else:
        column += index
    return input_error(
        key,
        position=offset + index,
        char=describe_character(source[index]),
        line=line,
        column=column,
    )


def describe_character(char: str) -> str:
    """A character as the user can read it: ``'!'`` or ``U+0007``."""
    if char.isprintable() and not char.isspace():
        return f"'{char}'"
    return f"U+{ord(char):04X}"


def utf8_text(data: bytes) -> str | None:
    """``data`` as text when it is UTF-8 without binary control characters, else None."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _BINARY_CONTROLS.search(text):
        return None
    return text


def encode_base64(data: bytes | str) -> str:
    """Standard Base64 (RFC 4648 4) of bytes, or of text as UTF-8."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return base64.b64encode(data).decode("ascii")


def visible(text: str) -> str:
    """``text`` with control characters shown as control pictures (NUL as U+2400 ...)."""
    if not _CONTROLS.search(text):
        return text  # the common case; translate() with a dict is slow per call
    return text.translate(_VISIBLE)


# The control pictures need a font that has them, and none of the fonts the window falls back
# on does (DejaVu, WenQuanYi Micro Hei): a NUL would be an empty box. The decoder writes
# each control by its ASCII name instead (ISO 646 / ECMA-6 abbreviations): PLAIN's
# separators (RFC 4616 2) read as <NUL>, OAUTHBEARER's (RFC 7628 3.1) as <SOH>.
# fmt: off
_C0_NAMES = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
    "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
    "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
    "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
)
# fmt: on
_NAMED = {code: f"<{name}>" for code, name in enumerate(_C0_NAMES) if code not in (0x09, 0x0A)}
_NAMED.update({0x2400 + code: f"<{name}>" for code, name in enumerate(_C0_NAMES)})
_NAMED.update({0x7F: "<DEL>", 0x2421: "<DEL>"})
_NAMEABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2400-\u241f\u2421]")


def named_controls(text: str) -> str:
    """``text`` with each control character (tab and line feed aside), or its control
    picture, written as its ASCII name in angle brackets: NUL as ``<NUL>``, in any font."""
    if not _NAMEABLE.search(text):
        return text
    return text.translate(_NAMED)


def printable(data: bytes) -> str:
    """ASCII view of bytes: printable characters as themselves, everything else as ``.``."""
    return data.translate(_PRINTABLE).decode("ascii")


def hex_dump(data: bytes, *, limit: int = HEX_DUMP_LIMIT) -> str:
    """An ``xxd``-style dump of at most ``limit`` bytes: offset, 16 bytes in hex, ASCII view."""
    rows = []
    shown = data[:limit]
    for start in range(0, len(shown), 16):
        chunk = shown[start : start + 16]
        left = " ".join(f"{b:02x}" for b in chunk[:8])
        right = " ".join(f"{b:02x}" for b in chunk[8:])
        rows.append(f"{start:08x}  {left:<23}  {right:<23}  |{printable(chunk)}|")
    return "\n".join(rows)
