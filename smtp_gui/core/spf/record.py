"""SPF records (RFC 7208 4.5, 4.6.1, 5, 6, 12): selecting the record and parsing its terms.

Parsing is pure: text in, terms with their positions out, or an InputError naming the first
mistake and where it is. A syntax error anywhere makes the whole record a permerror
(RFC 7208 4.6), which the evaluator reports with that position.
"""

from __future__ import annotations

import enum
import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from smtp_gui.core.spf.macros import ALL_LETTERS, MacroString, parse_macro_string
from smtp_gui.core.text.errors import InputError, input_error

# Our own cap (DESIGN.md, security): real records are a few hundred characters; RFC 7208
# 3.4 asks publishers to stay within one 512-byte UDP answer.
MAX_RECORD_LENGTH = 4096
VERSION = "v=spf1"


class SpfResult(enum.StrEnum):
    """The results of check_host() (RFC 7208 2.6, 8)."""

    PASS = "pass"
    FAIL = "fail"
    SOFTFAIL = "softfail"
    NEUTRAL = "neutral"
    NONE = "none"
    PERMERROR = "permerror"
    TEMPERROR = "temperror"


QUALIFIERS = {
    "+": SpfResult.PASS,
    "-": SpfResult.FAIL,
    "~": SpfResult.SOFTFAIL,
    "?": SpfResult.NEUTRAL,
}
MECHANISMS = ("all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists")
# RFC 7208 4.6.4: the terms that query DNS and count against the limit of 10
DNS_TERMS = frozenset({"include", "a", "mx", "ptr", "exists", "redirect"})


@dataclass(frozen=True, slots=True)
class Mechanism:
    text: str
    position: int
    qualifier: str  # "+", "-", "~" or "?"; "+" when none is written
    name: str  # lower case, one of MECHANISMS
    domain_spec: MacroString | None = None
    network: ipaddress.IPv4Network | ipaddress.IPv6Network | None = None
    cidr4: int | None = None  # a, mx: dual-cidr-length (RFC 7208 5.3, 5.4)
    cidr6: int | None = None

    @property
    def result(self) -> SpfResult:
        return QUALIFIERS[self.qualifier]

    @property
    def queries_dns(self) -> bool:
        return self.name in DNS_TERMS


@dataclass(frozen=True, slots=True)
class Modifier:
    text: str
    position: int
    name: str  # lower case
    value: MacroString

    @property
    def known(self) -> bool:
        return self.name in ("redirect", "exp")

    @property
    def queries_dns(self) -> bool:
        return self.name == "redirect"


Term = Mechanism | Modifier


class _Args(NamedTuple):
    """The parsed argument of a mechanism, in Mechanism's field order."""

    domain_spec: MacroString | None = None
    network: ipaddress.IPv4Network | ipaddress.IPv6Network | None = None
    cidr4: int | None = None
    cidr6: int | None = None


@dataclass(frozen=True, slots=True)
class SpfRecord:
    text: str
    terms: tuple[Term, ...]

    @property
    def mechanisms(self) -> tuple[Mechanism, ...]:
        return tuple(t for t in self.terms if isinstance(t, Mechanism))

    def modifier(self, name: str) -> Modifier | None:
        return next((t for t in self.terms if isinstance(t, Modifier) and t.name == name), None)

    @property
    def redirect(self) -> Modifier | None:
        return self.modifier("redirect")

    @property
    def exp(self) -> Modifier | None:
        return self.modifier("exp")


def is_spf_record(data: bytes) -> bool:
    """RFC 7208 4.5: begins with exactly "v=spf1" (any case), then a space or the end."""
    return data[:6].lower() == b"v=spf1" and data[6:7] in (b"", b" ")


def decode_record(data: bytes) -> str:
    """One character per byte, so that positions are byte offsets and non-ASCII is visible."""
    return data.decode("latin-1")


def published(text: str) -> str:
    """A record (or a term of one) read by ``decode_record``, as its owner wrote it: UTF-8.

    Parsing works on one character per byte; shown that way, a U+202E (three bytes) would
    be three characters of mojibake, one of them a C1 control. Bytes that are not UTF-8 stay
    one character per byte.
    """
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:  # not UTF-8 (or not from decode_record): as it is
        return text


_MODIFIER = re.compile(r"([A-Za-z][A-Za-z0-9\-_.]*)=(.*)", re.DOTALL)
_DIRECTIVE = re.compile(r"([+\-~?]?)([A-Za-z][A-Za-z0-9]*)(.*)", re.DOTALL)
_DUAL_CIDR = re.compile(r"(?:/([0-9]+))?(?://([0-9]+))?")
_SPEC_CIDR = re.compile(r"(.*?)((?:/[0-9]+)?(?://[0-9]+)?)", re.DOTALL)
_IP4 = re.compile(
    r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])){3}"
)  # noqa: E501
_IP6_CHARS = re.compile(r"[0-9A-Fa-f:.]+")
_TOPLABEL = re.compile(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9\-]*[A-Za-z0-9]")


def tokenize(text: str) -> Iterator[tuple[int, str]]:
    """The terms after the version, with their offsets; separators are spaces only."""
    i, size = len(VERSION), len(text)
    while i < size:
        if text[i] == " ":
            i += 1
            continue
        end = text.find(" ", i)
        end = size if end < 0 else end
        yield i, text[i:end]
        i = end


def parse_record(text: str) -> SpfRecord:
    """Parse a whole record (RFC 7208 12 ABNF); the first error raises InputError."""
    if len(text) > MAX_RECORD_LENGTH:
        limit = MAX_RECORD_LENGTH
        raise input_error("spf.syntax.too_long", position=limit, limit=limit)
    if not is_spf_record(text.encode("latin-1", errors="replace")):
        raise input_error("spf.syntax.no_version", position=0)
    terms = tuple(parse_term(token, position) for position, token in tokenize(text))
    check_modifiers(terms)
    return SpfRecord(text, terms)


def check_modifiers(terms: tuple[Term, ...]) -> None:
    """RFC 7208 6: "redirect" and "exp" MUST NOT appear more than once each."""
    seen: set[str] = set()
    for term in terms:
        if isinstance(term, Modifier) and term.known:
            if term.name in seen:
                raise input_error("spf.syntax.duplicate", position=term.position, name=term.name)
            seen.add(term.name)


def parse_term(token: str, position: int) -> Term:
    """One directive or modifier (RFC 7208 4.6.1)."""
    modifier = _MODIFIER.fullmatch(token)
    if modifier:
        return _parse_modifier(token, position, modifier.group(1), modifier.group(2))
    directive = _DIRECTIVE.fullmatch(token)
    if directive is None:
        raise input_error("spf.syntax.bad_term", position=position, term=_clip(token))
    qualifier, name, rest = directive.groups()
    name = name.lower()  # RFC 7208 4.6.1: names are case-insensitive
    if name not in MECHANISMS:
        raise input_error("spf.syntax.unknown_mechanism", position=position, term=_clip(token))
    arg_at = position + len(qualifier) + len(name)
    args = _ARGUMENT_PARSERS[name](rest, arg_at, token)
    return Mechanism(token, position, qualifier or "+", name, *args)


def _parse_modifier(token: str, position: int, name: str, value: str) -> Modifier:
    lower = name.lower()
    at = position + len(name) + 1
    if lower in ("redirect", "exp"):
        # RFC 7208 6.1, 6.2: redirect/exp "=" domain-spec; a bad one is an error, not an
        # unknown modifier (the test suite's redirect-syntax-error, exp-syntax-error)
        spec = parse_domain_spec(value, at, token)
    else:
        # RFC 7208 6.3 / A: unknown-modifier = name "=" macro-string, never expanded
        spec = parse_macro_string(value, letters=ALL_LETTERS, offset=at)
    return Modifier(token, position, lower, spec)


def parse_domain_spec(text: str, offset: int, term: str) -> MacroString:
    """RFC 7208 7.1: domain-spec = macro-string domain-end."""
    if not text:
        raise input_error("spf.syntax.empty_domain", position=offset, term=_clip(term))
    spec = parse_macro_string(text, offset=offset)
    if spec.ends_with_macro:
        return spec
    tail = spec.literal_tail()
    if tail.endswith("."):
        tail = tail[:-1]
    dot = tail.rfind(".")
    # domain-end = ( "." toplabel [ "." ] ) / macro-expand
    if dot < 0 or not _TOPLABEL.fullmatch(tail[dot + 1 :]):
        raise input_error("spf.syntax.bad_domain", position=offset, term=_clip(term))
    return spec


def _cidr(digits: str | None, limit: int, position: int, term: str) -> int | None:
    if digits is None:
        return None
    # RFC 7208 5.6 / 12: "0" or no leading zero, at most 32 (IPv4) or 128 (IPv6)
    if (len(digits) > 1 and digits[0] == "0") or len(digits) > 3 or int(digits) > limit:
        raise input_error("spf.syntax.bad_cidr", position=position, term=_clip(term))
    return int(digits)


def _dual(rest: str, position: int, term: str) -> tuple[int | None, int | None]:
    match = _DUAL_CIDR.fullmatch(rest)
    if match is None:
        raise input_error("spf.syntax.bad_cidr", position=position, term=_clip(term))
    return _cidr(match.group(1), 32, position, term), _cidr(match.group(2), 128, position, term)


def _args_all(rest: str, position: int, term: str) -> _Args:
    if rest:  # RFC 7208 5.1: all = "all"
        raise input_error("spf.syntax.all_args", position=position, term=_clip(term))
    return _Args()


def _args_target(rest: str, position: int, term: str) -> _Args:
    """include, exists: ":" domain-spec, nothing else (RFC 7208 5.2, 5.7)."""
    if not rest.startswith(":"):
        raise input_error("spf.syntax.needs_domain", position=position, term=_clip(term))
    return _Args(parse_domain_spec(rest[1:], position + 1, term))


def _args_ptr(rest: str, position: int, term: str) -> _Args:
    """ptr [ ":" domain-spec ] (RFC 7208 5.5)."""
    if not rest:
        return _Args()
    if not rest.startswith(":"):
        raise input_error("spf.syntax.bad_argument", position=position, term=_clip(term))
    return _args_target(rest, position, term)


def _args_host(rest: str, position: int, term: str) -> _Args:
    """a, mx: [ ":" domain-spec ] [ dual-cidr-length ] (RFC 7208 5.3, 5.4)."""
    spec: MacroString | None = None
    if rest.startswith(":"):
        split = _SPEC_CIDR.fullmatch(rest[1:])
        assert split is not None  # the pattern matches any text
        spec_text, cidr_text = split.groups()
        spec = parse_domain_spec(spec_text, position + 1, term)
        rest, position = cidr_text, position + 1 + len(spec_text)
    cidr4, cidr6 = _dual(rest, position, term)
    return _Args(spec, None, cidr4, cidr6)


def _split_network(rest: str, position: int, term: str) -> tuple[str, str | None]:
    if not rest.startswith(":") or len(rest) < 2:
        raise input_error("spf.syntax.needs_network", position=position, term=_clip(term))
    body = rest[1:]
    slash = body.rfind("/")
    if slash >= 0:
        return body[:slash], body[slash + 1 :]
    return body, None


def _args_ip4(rest: str, position: int, term: str) -> _Args:
    """ip4 ":" ip4-network [ ip4-cidr-length ] (RFC 7208 5.6)."""
    address, cidr_text = _split_network(rest, position, term)
    if not _IP4.fullmatch(address):
        raise input_error("spf.syntax.bad_ip4", position=position + 1, term=_clip(term))
    cidr = 32 if cidr_text is None else _cidr_digits(cidr_text, 32, position, term)
    return _Args(network=ipaddress.IPv4Network(f"{address}/{cidr}", strict=False))


def _args_ip6(rest: str, position: int, term: str) -> _Args:
    """ip6 ":" ip6-network [ ip6-cidr-length ] (RFC 7208 5.6)."""
    address, cidr_text = _split_network(rest, position, term)
    try:
        if not _IP6_CHARS.fullmatch(address):
            raise ValueError(address)
        parsed = ipaddress.IPv6Address(address)
    except ValueError:
        raise input_error("spf.syntax.bad_ip6", position=position + 1, term=_clip(term)) from None
    cidr = 128 if cidr_text is None else _cidr_digits(cidr_text, 128, position, term)
    return _Args(network=ipaddress.IPv6Network(f"{parsed}/{cidr}", strict=False))


def _cidr_digits(text: str, limit: int, position: int, term: str) -> int:
    if not text.isdigit() or not text.isascii():
        raise input_error("spf.syntax.bad_cidr", position=position, term=_clip(term))
    value = _cidr(text, limit, position, term)
    assert value is not None
    return value


_ARGUMENT_PARSERS = {
    "all": _args_all,
    "include": _args_target,
    "exists": _args_target,
    "a": _args_host,
    "mx": _args_host,
    "ptr": _args_ptr,
    "ip4": _args_ip4,
    "ip6": _args_ip6,
}


def _clip(text: str, limit: int = 80) -> str:
    shown = "".join(c if "\x20" <= c <= "\x7e" else f"\\x{ord(c):02x}" for c in text[:limit])
    return shown + ("…" if len(text) > limit else "")


def syntax_error_of(error: InputError) -> tuple[str, int | None]:
    """The message key and position of a parse error, for the trace."""
    return error.key or "spf.syntax.bad_term", error.position
