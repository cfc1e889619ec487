"""``Authentication-Results`` (RFC 8601 2.2) and ``ARC-Authentication-Results`` (RFC 8617
4.1.1) read into method results.

``authres`` reads what follows RFC 8601. What it rejects is read again by a lenient parser of
our own, which never gives up on one bad property: Microsoft 365 and Exchange write no
authserv-id, bare properties (``action=oreject``, ``compauth=pass reason=100``) and
unquoted multi-word reasons; others put comments without spaces (``pass(p=REJECT)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

import authres

_ARC_INSTANCE = re.compile(r"^\s*i\s*=\s*(\d{1,3})\s*;\s*", re.IGNORECASE)
_METHOD = re.compile(r"^([A-Za-z0-9_-]+)(?:\s*/\s*\d+)?\s*=\s*([A-Za-z0-9_-]*)")
_PROPERTY = re.compile(r"^(?:([A-Za-z0-9_-]+)\s*\.\s*)?([A-Za-z0-9_.-]+)\s*=\s*")


class ParsedBy(StrEnum):
    AUTHRES = "authres"  # RFC 8601 syntax, read by the authres package
    LENIENT = "lenient"  # not RFC 8601 (Microsoft 365 and others): read by our own parser


@dataclass(frozen=True, slots=True)
class Prop:
    """One property: ``ptype.name=value`` (RFC 8601 2.2), or a bare ``name=value`` (ptype "")."""

    ptype: str
    name: str
    value: str
    comment: str = ""


@dataclass(frozen=True, slots=True)
class MethodResult:
    method: str  # lower case: spf, dkim, dmarc, arc, bimi, compauth, iprev ...
    result: str  # lower case: pass, fail, softfail, none, ...
    comment: str
    reason: str
    props: tuple[Prop, ...]

    def prop(self, ptype: str, name: str) -> str | None:
        for item in self.props:
            if item.ptype.lower() == ptype and item.name.lower() == name:
                return item.value
        return None


@dataclass(frozen=True, slots=True)
class AuthHeader:
    """One Authentication-Results or ARC-Authentication-Results field."""

    arc_instance: int | None  # the i= of an ARC-Authentication-Results field, else None
    authserv_id: str  # lower case; "" when the field has none (Microsoft 365)
    results: tuple[MethodResult, ...]
    parsed_by: ParsedBy
    problem: str  # why authres refused it ("" when it did not)
    raw: str
    index: int  # the field's position in the header block (0 = top)


def parse_auth_header(value: str, index: int = 0, arc: bool = False) -> AuthHeader:
    """Read one field's value (unfolded); never raises."""
    instance = None
    body = value
    if arc and (match := _ARC_INSTANCE.match(value)):
        instance = int(match.group(1))
        body = value[match.end() :]
    try:
        header = authres.all_features().parse_value(body)
    except Exception as exc:  # authres raises its own and Python's errors on odd input
        serv, results = _lenient(body)
        return AuthHeader(instance, serv, results, ParsedBy.LENIENT, str(exc)[:200], value, index)
    strict = [_from_authres(r) for r in header.results if getattr(r, "method", None)]
    # authres drops comments ("(p=REJECT sp=REJECT dis=NONE)") and bare properties
    # ("action=none"); where our reading agrees on the method and result, it adds them.
    _serv, lenient = _lenient(body)
    merged = tuple(
        mine if (mine := _same(item, lenient, number)) is not None else item
        for number, item in enumerate(strict)
    )
    serv = str(header.authserv_id or "").lower()
    return AuthHeader(instance, serv, merged, ParsedBy.AUTHRES, "", value, index)


def _same(
    item: MethodResult, lenient: tuple[MethodResult, ...], number: int
) -> MethodResult | None:
    if number < len(lenient):
        mine = lenient[number]
        if (mine.method, mine.result) == (item.method, item.result):
            return mine
    return None


def _from_authres(item: object) -> MethodResult:
    props = tuple(
        Prop(str(p.type), str(p.name), str(p.value or ""), str(p.comment or ""))
        for p in getattr(item, "properties", ()) or ()
    )
    return MethodResult(
        method=str(getattr(item, "method", "")).lower(),
        result=str(getattr(item, "result", "") or "").lower(),
        comment=str(getattr(item, "result_comment", "") or ""),
        reason=str(getattr(item, "reason", "") or ""),
        props=props,
    )


def _split(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside comments and quoted strings."""
    parts: list[str] = []
    depth = 0
    quoted = False
    start = 0
    escaped = False
    for position, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif quoted:
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == separator and depth == 0:
            parts.append(text[start:position])
            start = position + 1
    parts.append(text[start:])
    return parts


def _take_comments(text: str) -> tuple[str, str]:
    """(text before the first top-level comment ends, comment text) from the start of ``text``:
    leading comments are gathered and removed."""
    comments: list[str] = []
    text = text.lstrip()
    while text.startswith("("):
        depth = 0
        for position, char in enumerate(text):
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    comments.append(text[1:position].strip())
                    text = text[position + 1 :].lstrip()
                    break
        else:  # an unclosed comment: the rest is comment
            comments.append(text[1:].strip())
            text = ""
    return text, " ".join(comments)


def _value(text: str) -> tuple[str, str]:
    """A property value from the start of ``text`` (quoted, or up to white space); the rest."""
    text = text.lstrip()
    if text.startswith('"'):
        end = 1
        while end < len(text) and text[end] != '"':
            end += 2 if text[end] == "\\" else 1
        return text[1:end].replace('\\"', '"'), text[end + 1 :]
    match = re.match(r"[^\s()]*", text)
    word = match.group() if match else ""
    return word, text[len(word) :]


def _lenient_result(text: str) -> MethodResult | None:
    text, _lead = _take_comments(text)
    head = _METHOD.match(text)
    if head is None:
        return None
    method, result = head.group(1).lower(), head.group(2).lower()
    rest, comment = _take_comments(text[head.end() :])
    props: list[Prop] = []
    reason = ""
    while rest:
        match = _PROPERTY.match(rest)
        if match is None:  # a word that is no property: skip it, keep reading the rest
            skipped = re.match(r"\S+", rest)
            rest, more = _take_comments(rest[skipped.end() if skipped else 1 :])
            comment = " ".join(c for c in (comment, more) if c)
            continue
        value, rest = _value(rest[match.end() :])
        ptype, name = (match.group(1) or ""), match.group(2)
        if not ptype and name.lower() == "reason":
            reason = value
            if rest and not _PROPERTY.match(rest.lstrip()):  # an unquoted multi-word reason
                words = re.match(r"[^()=]*?(?=\s+\S+\s*=|\s*\(|$)", rest)
                extra = words.group() if words else ""
                reason = f"{reason} {extra.strip()}".strip()
                rest = rest[len(extra) :]
        rest, prop_comment = _take_comments(rest)
        if name.lower() != "reason" or ptype:
            props.append(Prop(ptype, name, value, prop_comment))
        elif prop_comment:
            comment = " ".join(c for c in (comment, prop_comment) if c)
    return MethodResult(method, result, comment, reason, tuple(props))


def _lenient(body: str) -> tuple[str, tuple[MethodResult, ...]]:
    """(authserv-id, results) of a field authres refused."""
    parts = _split(body, ";")
    serv = ""
    first, _comment = _take_comments(parts[0])
    if parts and "=" not in first.split("(")[0]:
        serv = first.split()[0].lower() if first.split() else ""
        parts = parts[1:]
    results = []
    for part in parts:
        if not part.strip() or part.strip().lower() == "none":
            continue
        found = _lenient_result(part)
        if found is not None:
            results.append(found)
    return serv, tuple(results)
