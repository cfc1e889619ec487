"""SPF macro strings (RFC 7208 7): parsed with positions, then expanded for one check.

A macro string is checked for syntax when the record is parsed (RFC 7208 4.6: errors
anywhere in a record are errors) and expanded only when its term is evaluated.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from smtp_gui.core.text.errors import input_error

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# RFC 7208 7.1: macro-letter; 7.2: c, r and t only in explanation strings (exp= TXT text).
ALL_LETTERS = "slodiphcrtv"
DOMAIN_LETTERS = "slodiphv"
DELIMITERS = ".-+,/_="
MAX_DOMAIN_LENGTH = 253  # RFC 7208 7.3: expanded names are truncated on the left to fit
_MAX_DIGITS = 1_000_000  # "all parts" for an absurd DIGIT transformer (RFC 7208 7.3 asks >= 127)

_BODY = re.compile(r"([A-Za-z])([0-9]*)([rR]?)([.\-+,/_=]*)")


@dataclass(frozen=True, slots=True)
class Literal:
    """Text copied as is; ``escape`` marks the two-character forms ``%%``, ``%_``, ``%-``."""

    text: str
    escape: bool = False


@dataclass(frozen=True, slots=True)
class Macro:
    """One ``%{...}`` expansion: letter, transformers and delimiters (RFC 7208 7.1)."""

    letter: str  # lower case
    url_escape: bool  # written in upper case (RFC 7208 7.3)
    digits: int | None
    reverse: bool
    delimiters: str
    position: int
    text: str


Part = Literal | Macro


@dataclass(frozen=True, slots=True)
class MacroString:
    text: str
    parts: tuple[Part, ...]

    @property
    def has_macros(self) -> bool:
        return any(isinstance(p, Macro) for p in self.parts)

    @property
    def ends_with_macro(self) -> bool:
        """True when the last token is a macro-expand (RFC 7208 7.1 domain-end)."""
        if not self.parts:
            return False
        last = self.parts[-1]
        return isinstance(last, Macro) or last.escape

    def literal_tail(self) -> str:
        """The literal text after the last macro-expand."""
        tail: list[str] = []
        for part in reversed(self.parts):
            if isinstance(part, Macro) or part.escape:
                break
            tail.append(part.text)
        return "".join(reversed(tail))


def parse_macro_string(
    text: str, *, letters: str = DOMAIN_LETTERS, offset: int = 0, spaces: bool = False
) -> MacroString:
    """Parse ``text`` (RFC 7208 7.1 macro-string; with ``spaces``, explain-string).

    Raises InputError with the position (``offset`` + index) of the first error.
    """
    parts: list[Part] = []
    literal: list[str] = []
    i, size = 0, len(text)

    def flush() -> None:
        if literal:
            parts.append(Literal("".join(literal)))
            literal.clear()

    while i < size:
        char = text[i]
        if char == "%":
            nxt = text[i + 1] if i + 1 < size else ""
            if nxt in ("%", "_", "-"):
                flush()
                parts.append(Literal({"%": "%", "_": " ", "-": "%20"}[nxt], escape=True))
                i += 2
                continue
            if nxt != "{":
                # RFC 7208 7.1: a "%" not followed by "{", "%", "-" or "_" is a syntax error
                raise input_error("spf.syntax.bad_percent", position=offset + i)
            end = text.find("}", i + 2)
            if end < 0:
                raise input_error("spf.syntax.macro_unterminated", position=offset + i)
            flush()
            parts.append(_macro(text[i : end + 1], letters, offset + i))
            i = end + 1
            continue
        if (spaces and char == " ") or "\x21" <= char <= "\x7e":
            literal.append(char)
            i += 1
            continue
        raise input_error("spf.syntax.bad_char", position=offset + i, char=_show(char))
    flush()
    return MacroString(text, tuple(parts))


def _macro(token: str, letters: str, position: int) -> Macro:
    match = _BODY.fullmatch(token[2:-1])
    if match is None:
        raise input_error("spf.syntax.bad_macro", position=position, macro=token)
    letter, digits, reverse, delimiters = match.groups()
    if letter.lower() not in letters:
        key = "spf.syntax.exp_only_macro" if letter.lower() in "crt" else "spf.syntax.bad_letter"
        raise input_error(key, position=position, macro=token)
    count: int | None = None
    if digits:
        significant = digits.lstrip("0")
        if not significant:
            # RFC 7208 7.3: if a DIGIT is given, the value MUST be nonzero
            raise input_error("spf.syntax.zero_digits", position=position, macro=token)
        count = _MAX_DIGITS if len(significant) > 6 else int(significant)
    return Macro(
        letter.lower(), letter.isupper(), count, bool(reverse), delimiters, position, token
    )


def _show(char: str) -> str:
    code = ord(char)
    return f"U+{code:04X}" if code < 0x20 or code > 0x7E else char


@dataclass(frozen=True, slots=True)
class MacroContext:
    """The values macros expand to (RFC 7208 7.2); ``validated`` finds %{p} lazily."""

    sender: str
    local: str
    sender_domain: str
    domain: str
    ip: IPAddress
    helo: str
    receiver: str = "unknown"
    timestamp: int = 0
    validated: Callable[[str], str] | None = None

    def with_domain(self, domain: str) -> MacroContext:
        return MacroContext(
            self.sender,
            self.local,
            self.sender_domain,
            domain,
            self.ip,
            self.helo,
            self.receiver,
            self.timestamp,
            self.validated,
        )


def ip_dotted(ip: IPAddress) -> str:
    """%{i}: dotted quad, or 32 dot-separated nibbles for IPv6 (RFC 7208 7.3).

    The nibbles are upper case as the RFC 7208 test suite expects (v-macro-ip6); DNS
    names are case-insensitive, so only explanation text can show the difference.
    """
    if ip.version == 4:
        return str(ip)
    return ".".join(ip.packed.hex().upper())


def letter_value(letter: str, ctx: MacroContext) -> str:
    """The unexpanded value of one macro letter (RFC 7208 7.2)."""
    if letter == "s":
        return ctx.sender
    if letter == "l":
        return ctx.local
    if letter == "o":
        return ctx.sender_domain
    if letter == "d":
        return ctx.domain
    if letter == "i":
        return ip_dotted(ctx.ip)
    if letter == "p":
        return ctx.validated(ctx.domain) if ctx.validated else "unknown"
    if letter == "v":
        return "in-addr" if ctx.ip.version == 4 else "ip6"
    if letter == "h":
        return ctx.helo
    if letter == "c":
        return str(ctx.ip)  # RFC 7208 7.3: dotted quad, or RFC 5952 text for IPv6
    if letter == "r":
        return ctx.receiver
    if letter == "t":
        return str(ctx.timestamp)
    raise ValueError(f"not a macro letter: {letter}")  # parse_macro_string rejects these


def expand_macro(macro: Macro, ctx: MacroContext) -> str:
    """RFC 7208 7.3: split on the delimiters, reverse, keep the right-hand parts, join."""
    value = letter_value(macro.letter, ctx)
    if macro.digits is not None or macro.reverse or macro.delimiters:
        delims = macro.delimiters or "."
        pieces = re.split("[" + re.escape(delims) + "]", value)
        if macro.reverse:
            pieces.reverse()
        if macro.digits is not None and macro.digits < len(pieces):
            pieces = pieces[-macro.digits :]
        value = ".".join(pieces)
    if macro.url_escape:
        # RFC 7208 7.3: escape everything outside RFC 3986 "unreserved"
        value = quote(value, safe="")
    return value


def expand(macro_string: MacroString, ctx: MacroContext) -> str:
    return "".join(
        part.text if isinstance(part, Literal) else expand_macro(part, ctx)
        for part in macro_string.parts
    )


def to_domain(expanded: str) -> str:
    """An expanded domain-spec as the name to query (RFC 7208 7.3).

    One trailing dot is dropped; a name over 253 characters loses labels on the left.
    """
    name = expanded[:-1] if expanded.endswith(".") else expanded
    if len(name) <= MAX_DOMAIN_LENGTH:
        return name
    # the first label boundary that leaves at most 253 characters (one pass, however long)
    dot = name.find(".", len(name) - MAX_DOMAIN_LENGTH - 1)
    return name[dot + 1 :] if dot >= 0 else name.rsplit(".", 1)[-1]
