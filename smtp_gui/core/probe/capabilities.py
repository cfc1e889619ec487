"""The service extensions a server lists in its EHLO reply, each explained in words.

RFC 5321 4.1.1.1: after the first line (the server's name and greeting), each line is
``ehlo-keyword *(SP ehlo-param)``; keywords are case-insensitive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from smtp_gui.core.probe.reply import ServerReply
from smtp_gui.core.text.digits import parse_digits
from smtp_gui.core.text.messages import Note, has_message

# RFC 5321 4.1.1.1: ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
_KEYWORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*\Z")

# Where each extension is defined, for the explanation's reference.
REFERENCES: dict[str, str] = {
    "SIZE": "RFC 1870",
    "STARTTLS": "RFC 3207",
    "AUTH": "RFC 4954",
    "8BITMIME": "RFC 6152",
    "SMTPUTF8": "RFC 6531",
    "PIPELINING": "RFC 2920",
    "CHUNKING": "RFC 3030",
    "BINARYMIME": "RFC 3030",
    "REQUIRETLS": "RFC 8689",
    "ENHANCEDSTATUSCODES": "RFC 2034",
    "DSN": "RFC 3461",
    "DELIVERBY": "RFC 2852",
    "ETRN": "RFC 1985",
    "ATRN": "RFC 2645",
    "HELP": "RFC 5321",
    "VRFY": "RFC 5321",
    "EXPN": "RFC 5321",
    "MT-PRIORITY": "RFC 6710",
    "FUTURERELEASE": "RFC 4865",
    "LIMITS": "RFC 9422",
    "MTRK": "RFC 3885",
    "RRVS": "RFC 7293",
    "BURL": "RFC 4468",
    "NO-SOLICITING": "RFC 3865",
    "CONPERM": "RFC 4141",
    "CONNEG": "RFC 4141",
    "XCLIENT": "Postfix",
    "XFORWARD": "Postfix",
    "XEXCH50": "Microsoft Exchange",
    "X-EXPS": "Microsoft Exchange",
    "X-LINK2STATE": "Microsoft Exchange",
    "X-ANONYMOUSTLS": "Microsoft Exchange",
    "TURN": "RFC 821",
    "VERB": "Sendmail",
    "ONEX": "Sendmail",
}


@dataclass(frozen=True, slots=True)
class Capability:
    """One EHLO keyword with its parameters."""

    keyword: str  # upper case
    params: tuple[str, ...]
    line: str  # as the server sent it
    legacy: bool = False  # ``AUTH=LOGIN PLAIN``: the pre-RFC 2554 form some servers still send

    @property
    def reference(self) -> str | None:
        return REFERENCES.get(self.keyword)

    @property
    def explanation(self) -> Note:
        return _explain(self)

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "keyword": self.keyword,
            "params": list(self.params),
            "line": self.line,
            "reference": self.reference,
            "explanation": self.explanation.text(lang),
        }


def parse_capabilities(reply: ServerReply) -> tuple[Capability, ...]:
    """The extensions of a positive EHLO reply; the first line is the greeting, not one."""
    if reply.code != 250:
        return ()
    found: list[Capability] = []
    for line in reply.lines[1:]:
        words = line.split()
        if not words:
            continue
        head = words[0]
        legacy = False
        if head.upper().startswith("AUTH="):
            # Old form, RFC 2554 drafts: "AUTH=LOGIN PLAIN"
            legacy = True
            words = ["AUTH", head[5:], *words[1:]]
            head = "AUTH"
        if not _KEYWORD.match(head):
            found.append(Capability("?", tuple(words), line))
            continue
        found.append(Capability(head.upper(), tuple(w for w in words[1:] if w), line, legacy))
    return tuple(found)


def offers(capabilities: tuple[Capability, ...], keyword: str) -> bool:
    return any(cap.keyword == keyword for cap in capabilities)


def auth_mechanisms(capabilities: tuple[Capability, ...]) -> tuple[str, ...]:
    """Every SASL mechanism listed by AUTH lines (both forms), upper case, in order."""
    seen: dict[str, None] = {}
    for cap in capabilities:
        if cap.keyword == "AUTH":
            for mech in cap.params:
                seen.setdefault(mech.upper(), None)
    return tuple(seen)


# RFC 1870 4: size-param = [1*20DIGIT]; 0 (or no value) means "no fixed maximum".
SIZE_DIGITS = 20
HUGE_SIZE = 10**SIZE_DIGITS  # what a longer number reads as: more than any message
_SHOWN_DIGITS = 24  # a longer number is shown by its first 20 digits and an ellipsis


def _size_param(cap: Capability) -> int | None:
    """The SIZE value in bytes: 0 for none (no fixed limit), HUGE_SIZE for a number longer
    than RFC 1870 allows, None when it is not a number at all."""
    if not cap.params:
        return 0
    text = cap.params[0]
    if not (text.isascii() and text.isdigit()):
        return None
    size = parse_digits(text, SIZE_DIGITS)
    return HUGE_SIZE if size is None else size


def size_limit(capabilities: tuple[Capability, ...]) -> int | None:
    """RFC 1870 4: the SIZE limit in bytes; 0 means no fixed limit (also for a value that is
    not a number, which clients ignore); None if SIZE is absent. A number longer than 20
    digits is a limit beyond any message and reads as ``HUGE_SIZE``, never as "no limit"."""
    for cap in capabilities:
        if cap.keyword == "SIZE":
            size = _size_param(cap)
            return 0 if size is None else size
    return None


_UNITS = ("KiB", "MiB", "GiB", "TiB", "PiB", "EiB")


def _human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    value = float(size)
    for unit in _UNITS:
        value /= 1024
        if value < 1024 or unit == _UNITS[-1]:
            return f"{value:.1f} {unit}"
    raise AssertionError("unreachable")


def _explain_size(cap: Capability) -> Note:
    size = _size_param(cap)
    if size is None:
        return Note("probe.cap.size_malformed", {"value": cap.params[0][:40]})
    if size == 0:
        return Note("probe.cap.size_unlimited")
    if size == HUGE_SIZE:
        digits = cap.params[0].lstrip("0")
        shown = digits if len(digits) <= _SHOWN_DIGITS else digits[:SIZE_DIGITS] + "…"
        return Note("probe.cap.size_huge", {"digits": shown, "count": len(digits)})
    return Note("probe.cap.size", {"bytes": size, "human": _human_size(size)})


def _explain(cap: Capability) -> Note:
    keyword = cap.keyword
    params = " ".join(cap.params)
    if keyword == "?":
        return Note("probe.cap.malformed", {"line": cap.line})
    if keyword == "SIZE":
        return _explain_size(cap)
    if keyword == "AUTH":
        key = "probe.cap.auth_legacy" if cap.legacy else "probe.cap.auth"
        mechanisms = ", ".join(m.upper() for m in cap.params) or "-"
        return Note(key, {"mechanisms": mechanisms})
    key = "probe.cap." + keyword.lower()
    if has_message(key):
        return Note(key, {"params": params})
    if keyword.startswith("X"):
        return Note("probe.cap.vendor", {"keyword": keyword, "params": params})
    return Note("probe.cap.unknown", {"keyword": keyword, "params": params})
