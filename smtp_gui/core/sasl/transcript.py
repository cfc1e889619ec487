"""Split a pasted AUTH exchange into lines with a direction.

Accepted forms: ``S:``/``C:``, ``<<<``/``>>>``, swaks' ``<-``/``->``/``<~``/``~>`` (and its
``<**``/``<~*`` error replies), or no markers at all, where a line that starts with a
three-digit code is the server's. Multi-line replies (``535-...`` then ``535 ...``,
RFC 5321 4.2.1) become one unit. A Base64 blob wrapped over several lines becomes one unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from smtp_gui.core.sasl.model import CLIENT, SERVER
from smtp_gui.core.text.errors import input_error
from smtp_gui.core.text.messages import Note

# Lines decoded one by one; an AUTH exchange has a dozen. A pasted day of logs is cut here
# (with a warning) so that tens of megabytes stay fast. A single Base64 blob has no limit.
MAX_LINES = 10_000

# A direction marker at the start of a line, with at most one space after it. Longer markers
# come first so that "<~*" is not read as "<~".
_MARKER = re.compile(r"[ \t]*(<<<|>>>|<\*\*|<~\*|<~|~>|<-|->|[SsCc]:)[ \t]?")
_MARKER_DIRECTION = {
    "<**": SERVER,
    "<~*": SERVER,
    "<~": SERVER,
    "<-": SERVER,
    "~>": CLIENT,
    "->": CLIENT,
    "s:": SERVER,
    "c:": CLIENT,
}
# RFC 5321 4.2: a reply is a three-digit code, then a space, a hyphen (more lines follow)
# or the end of the line. RFC 3463 2: an enhanced status code may follow.
_REPLY = re.compile(r"([0-9]{3})(?:([ -])(.*))?\Z", re.DOTALL)
_ENHANCED = re.compile(r"([245]\.[0-9]{1,3}\.[0-9]{1,3})(?:\s|\Z)")
_BLOB_CHARS = re.compile(r"[A-Za-z0-9+/=_\-\s]*")
_INNER_SPACE = re.compile(r"\S[ \t\f\v]+\S")
_NON_SPACE = re.compile(r"\S")
_WRAP_WIDTHS = frozenset({60, 64, 72, 76})


@dataclass(frozen=True, slots=True)
class Unit:
    """One logical line of the exchange.

    ``direction`` is None for a bare line whose direction is decided by its content.
    ``payload`` is what follows the reply code (server) or the whole line (client);
    ``payload_start`` is its index in ``raw``; ``offset``/``line``/``column`` locate the
    payload in the user's input for error messages.
    """

    direction: str | None
    raw: str
    code: str | None
    payload: str
    payload_start: int
    offset: int
    line: int
    column: int
    continuation: bool = False  # an IMAP "+ " continuation request (RFC 3501 7.5)


@dataclass(frozen=True, slots=True)
class Transcript:
    units: tuple[Unit, ...]
    marked: bool
    warnings: tuple[Note, ...]


@dataclass(slots=True)
class _Raw:
    direction: str | None
    text: str
    offset: int  # of text[0] in the input
    line: int
    column: int


def split_transcript(source: str) -> Transcript:
    """Lines of ``source`` with directions; raise InputError when there is nothing to decode."""
    blob = _as_blob(source)
    if blob is not None:
        return Transcript((blob,), False, ())
    raws, rest = _physical_lines(source)
    marked = any(raw.direction is not None for raw in raws)
    warnings: list[Note] = []
    skipped = 0
    kept: list[_Raw] = []
    for raw in raws:
        if raw.direction is None and not _REPLY.match(raw.text):
            if marked:
                # swaks prints "=== Trying ..." progress lines: not worth a warning.
                skipped += 0 if raw.text.startswith("===") else 1
                continue
            if raw.text.startswith("+") and raw.text[1:2] in ("", " "):
                raw.direction = SERVER
        elif raw.direction is None:
            raw.direction = SERVER
        kept.append(raw)
    if skipped:
        warnings.append(Note("sasl.skipped_unmarked", {"count": skipped}))
    if rest:
        warnings.append(Note("sasl.truncated", {"count": rest, "limit": MAX_LINES}))
    if not kept:
        raise input_error("sasl.empty_input")
    return Transcript(tuple(_units(kept)), marked, tuple(warnings))


def _as_blob(source: str) -> Unit | None:
    """The whole input as one Base64 unit: a single token, or one wrapped at a fixed width.

    Checked with whole-string regular expressions first, so that a 10 MB blob wrapped into
    130,000 lines costs no per-line work beyond measuring the lines.
    """
    if not _BLOB_CHARS.fullmatch(source) or _INNER_SPACE.search(source):
        return None
    first = _NON_SPACE.search(source)
    if first is None:
        raise input_error("sasl.empty_input")
    stripped = source.strip()
    lines = [line.strip() for line in stripped.split("\n")]
    lines = [line for line in lines if line]
    if len(lines) == 1:
        if _REPLY.match(lines[0]):
            return None  # a lone "334": an empty challenge, not Base64
    elif not _is_wrapped(lines):
        return None
    index = first.start()
    line = source.count("\n", 0, index) + 1
    column = index - source.rfind("\n", 0, index)
    return Unit(None, stripped, None, stripped, 0, index, line, column)


def _is_wrapped(lines: list[str]) -> bool:
    """Lines of one Base64 string wrapped at a fixed width (as RFCs and mailers print them)."""
    width = len(lines[0])
    # Two lines of equal-looking length are as likely two messages (a challenge and its
    # answer); only the usual wrap widths (MIME 76, PEM 64, ...) or three or more lines count.
    return (
        (width in _WRAP_WIDTHS or (len(lines) >= 3 and width >= 40))
        and width % 4 == 0
        and all(len(line) == width and "=" not in line for line in lines[:-1])
        and len(lines[-1]) <= width
    )


def _physical_lines(source: str) -> tuple[list[_Raw], int]:
    """Non-blank lines with their marker removed, at most MAX_LINES; and how many were left.

    ``<<<``/``>>>`` are mapped to server and client by majority: the side whose lines carry
    reply codes is the server.
    """
    out: list[_Raw] = []
    angle_votes = 0  # > 0: "<<<" lines look like the server's
    offset = 0
    lines = source.split("\n")
    rest = 0
    for number, text in enumerate(lines, start=1):
        if len(out) >= MAX_LINES:
            rest = sum(1 for line in lines[number - 1 :] if line.strip())
            break
        start = offset
        offset += len(text) + 1
        text = text.rstrip("\r")
        marker = _MARKER.match(text)
        direction: str | None = None
        column = 1
        if marker is not None:
            token = marker.group(1).lower()
            column = marker.end() + 1
            text = text[marker.end() :]
            if token in ("<<<", ">>>"):
                if _REPLY.match(text.rstrip()) is not None:
                    angle_votes += 1 if token == "<<<" else -1
                direction = token  # resolved below
            else:
                direction = _MARKER_DIRECTION[token]
        elif not text or text.isspace():
            continue
        stripped = text.rstrip()
        body = stripped.lstrip()
        column += len(stripped) - len(body)
        out.append(_Raw(direction, body, start + column - 1, number, column))
    if not out:
        raise input_error("sasl.empty_input")
    server_angle = "<<<" if angle_votes >= 0 else ">>>"
    for raw in out:
        if raw.direction in ("<<<", ">>>"):
            raw.direction = SERVER if raw.direction == server_angle else CLIENT
    return out, rest


def _units(raws: list[_Raw]) -> list[Unit]:
    """Turn lines into units, joining the lines of one multi-line reply."""
    units: list[Unit] = []
    index = 0
    while index < len(raws):
        raw = raws[index]
        reply = _REPLY.match(raw.text) if raw.direction == SERVER else None
        if reply is None:
            units.append(_plain_unit(raw))
            index += 1
            continue
        basic = reply.group(1)
        group = [raw]
        separator = reply.group(2)
        while separator == "-" and index + len(group) < len(raws):
            nxt = raws[index + len(group)]
            follow = _REPLY.match(nxt.text) if nxt.direction == SERVER else None
            if follow is None or follow.group(1) != basic:
                break
            group.append(nxt)
            separator = follow.group(2)
        units.append(_reply_unit(group))
        index += len(group)
    return units


def _plain_unit(raw: _Raw) -> Unit:
    if raw.direction == SERVER and raw.text.startswith("+"):
        # IMAP continuation request: "+ <base64>" (RFC 3501 7.5), the 334 of IMAP.
        payload = raw.text[1:].lstrip()
        start = len(raw.text) - len(payload)
        return Unit(
            SERVER,
            raw.text,
            None,
            payload,
            start,
            raw.offset + start,
            raw.line,
            raw.column + start,
            continuation=True,
        )
    return Unit(raw.direction, raw.text, None, raw.text, 0, raw.offset, raw.line, raw.column)


def _reply_unit(group: list[_Raw]) -> Unit:
    """A server reply of one or more lines; the payload is the text after the code."""
    texts = [line.text[4:] for line in group]
    first_start = min(len(group[0].text), 4)
    basic = group[0].text[:3]
    enhanced = _ENHANCED.match(texts[-1]) or _ENHANCED.match(texts[0])
    code = f"{basic} {enhanced.group(1)}" if enhanced else basic
    # A 334 challenge split over lines is one Base64 string; the decoder drops the breaks.
    payload = "\n".join(texts)
    first = group[0]
    raw = "\n".join(line.text for line in group)
    return Unit(
        SERVER,
        raw,
        code,
        payload,
        first_start,
        first.offset + first_start,
        first.line,
        first.column + first_start,
    )
