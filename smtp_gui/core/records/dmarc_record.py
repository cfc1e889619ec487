"""A DMARC policy record parsed and judged, from its text alone (RFC 7489 6.3, 6.4).

The app follows RFC 7489 and knows RFC 9989's additions (``np``, ``psd``, ``t``): those are
parsed and validated; 7489's ``pct``, ``rf``, ``ri`` and the ``!size`` suffix stay valid but
carry a note that RFC 9989 removed them. Every finding is a Problem; nothing here raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from smtp_gui.core.checks.findings import problem
from smtp_gui.core.checks.status import Detail, Problem, Status
from smtp_gui.core.text.digits import parse_digits
from smtp_gui.core.text.messages import Note
from smtp_gui.core.text.taglist import (
    BAD_NAME,
    BAD_VALUE,
    DUPLICATE,
    NO_EQUALS,
    TOO_LONG,
    TagList,
    parse_tag_list,
    split_list,
)

RFC = "RFC 7489 6.3"
GRAMMAR = "RFC 7489 6.4"
BIS = "RFC 9989 4.7"
POLICIES = ("none", "quarantine", "reject")
# Tags in the order the detail view explains them.
ORDER = ("v", "p", "sp", "np", "adkim", "aspf", "pct", "fo", "rf", "ri", "rua", "ruf", "psd", "t")
_KNOWN = frozenset(ORDER)
_REMOVED_BY_BIS = ("pct", "rf", "ri")
# RFC 7489 6.3 defaults; np (RFC 9989 4.7) defaults to sp, which defaults to p.
_DEFAULTS = {
    "adkim": "r",
    "aspf": "r",
    "fo": "0",
    "pct": "100",
    "rf": "afrf",
    "ri": "86400",
    "psd": "u",
    "t": "n",
}
# RFC 7489 6.4: dmarc-version = "v" *WSP "=" *WSP %x44 %x4d %x41 %x52 %x43 %x31
_VERSION = re.compile(r"[vV][ \t]*=[ \t]*DMARC1(?:[ \t]*;|[ \t]*$)")
_LOOKS_LIKE = re.compile(r"[ \t\r\n]*v[ \t]*=[ \t]*dmarc1", re.IGNORECASE)
# RFC 7489 6.4: dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ]
_URI = re.compile(r"(?P<uri>[^!]*)(?:!(?P<size>[0-9]+[kmgtKMGT]?))?")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):(.+)")
_KEYWORD = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?")
_HOST = re.compile(
    r"(?=.{1,253}$)(?:[A-Za-z0-9_](?:[A-Za-z0-9_\-]{0,61}[A-Za-z0-9])?\.)*"
    r"[A-Za-z0-9_](?:[A-Za-z0-9_\-]{0,61}[A-Za-z0-9])?\.?"
)
_UINT32 = 2**32 - 1


def is_dmarc_candidate(text: str) -> bool:
    """RFC 7489 6.6.3: only records starting with ``v=DMARC1`` are kept; others are discarded."""
    return _VERSION.match(text) is not None


def looks_like_dmarc(text: str) -> bool:
    """A near miss worth reporting: leading space or wrong case before ``v=DMARC1``."""
    return _LOOKS_LIKE.match(text) is not None


@dataclass(frozen=True, slots=True)
class TagValue:
    value: str
    explicit: bool


@dataclass(frozen=True, slots=True)
class ReportUri:
    text: str
    scheme: str  # lower case, "" when missing
    address: str  # the mailbox of a mailto: URI
    host: str  # its domain, lower case, no trailing dot
    size_limit: str | None
    valid: bool


@dataclass(frozen=True, slots=True)
class DmarcRecord:
    text: str
    tags: TagList
    effective: dict[str, TagValue] = field(compare=False, hash=False)
    rua: tuple[ReportUri, ...]
    ruf: tuple[ReportUri, ...]
    problems: tuple[Problem, ...]

    @property
    def valid(self) -> bool:
        """No finding of ``fail`` severity: receivers would apply this record as written."""
        return not any(p.severity is Status.FAIL for p in self.problems)

    def value(self, tag: str) -> str | None:
        found = self.effective.get(tag)
        return found.value if found else None

    @property
    def policy(self) -> str | None:
        return self.value("p")

    def details(self) -> tuple[Detail, ...]:
        """Each tag, explicit or defaulted, with its meaning in words."""
        known: list[Detail] = []
        for name in ORDER:
            raw = self.tags.get(name)
            effective = self.effective.get(name)
            if raw is not None and (effective is None or not effective.explicit):
                known.append(Detail(name, raw, Note("dmarc.invalid_detail", {})))
            if effective is not None:
                known.extend(_explain(self, name))
        unknown = tuple(
            Detail(t.name, t.value, Note("dmarc.unknown_detail", {}))
            for t in self.tags.tags
            if t.name not in _KNOWN
        )
        return tuple(known) + unknown


def parse_dmarc(text: str, *, parked: bool = False) -> DmarcRecord:
    """Parse and judge one DMARC record; ``parked``: the domain sends no mail (null MX)."""
    tags = parse_tag_list(text, fold_names=True)
    found: list[Problem] = []
    found.extend(_structure_problems(text, tags))
    if any(p.note.key == "dmarc.not_dmarc" for p in found):
        return DmarcRecord(text, tags, {}, (), (), tuple(found))  # nothing else applies
    explicit = {t.name: t.value for t in tags.tags}
    for tag in tags.tags:
        if tag.name not in _KNOWN:
            found.append(problem("dmarc.unknown_tag", Status.WARN, RFC, tag=tag.name))
    rua = _uris("rua", explicit.get("rua"), found)
    ruf = _uris("ruf", explicit.get("ruf"), found)
    has_rua = any(u.valid for u in rua)
    effective: dict[str, TagValue] = {"v": TagValue(explicit.get("v", ""), "v" in explicit)}
    _policies(explicit, effective, found, has_rua)
    _alignment_and_reports(explicit, effective, found, ruf)
    if rua:
        effective["rua"] = TagValue(explicit["rua"], True)
    if ruf:
        effective["ruf"] = TagValue(explicit["ruf"], True)
    _advice(tags, effective, found, has_rua, parked)
    return DmarcRecord(text, tags, effective, rua, ruf, tuple(found))


def _structure_problems(text: str, tags: TagList) -> list[Problem]:
    found: list[Problem] = []
    if text[:1] in (" ", "\t", "\r", "\n") and looks_like_dmarc(text):
        found.append(problem("dmarc.leading_space", Status.FAIL, GRAMMAR))
    first = tags.tags[0] if tags.tags else None
    if first is None or first.name != "v":
        if tags.get("v") == "DMARC1":
            found.append(problem("dmarc.v_not_first", Status.FAIL, RFC))
        else:
            found.append(problem("dmarc.not_dmarc", Status.FAIL, RFC, start=text[:20]))
    elif not first.value.upper().startswith("DMARC"):
        found.append(problem("dmarc.not_dmarc", Status.FAIL, RFC, start=text[:20]))
    elif first.value != "DMARC1":
        found.append(problem("dmarc.bad_version", Status.FAIL, RFC, value=first.value))
    for issue in tags.issues:
        if issue.kind == DUPLICATE:
            found.append(problem("dmarc.duplicate", Status.FAIL, "RFC 6376 3.2", tag=issue.text))
        elif issue.kind in (NO_EQUALS, BAD_NAME):
            found.append(
                problem(
                    "dmarc.syntax",
                    Status.FAIL,
                    GRAMMAR,
                    text=issue.text[:40],
                    position=issue.position + 1,
                )
            )
        elif issue.kind == BAD_VALUE:
            found.append(problem("dmarc.bad_chars", Status.FAIL, GRAMMAR, tag=issue.text))
        elif issue.kind == TOO_LONG:
            found.append(problem("dmarc.too_long", Status.FAIL, GRAMMAR, limit=issue.position))
    return found


def _bad(tag: str, value: str, allowed: str, rfc: str = RFC) -> Problem:
    return problem("dmarc.bad_value", Status.FAIL, rfc, tag=tag, value=value, allowed=allowed)


def _policies(
    explicit: dict[str, str], effective: dict[str, TagValue], found: list[Problem], has_rua: bool
) -> None:
    """p, sp and np, with RFC 7489 6.6.3's fallback to p=none when p is missing or invalid."""
    p = explicit.get("p")
    if p is None:
        found.append(problem("dmarc.p_missing", Status.FAIL, RFC))
    elif p.lower() not in POLICIES:
        found.append(_bad("p", p, "none, quarantine, reject"))
    if p is not None and p.lower() in POLICIES:
        effective["p"] = TagValue(p.lower(), True)
    elif has_rua:  # RFC 7489 6.6.3: act as if p=none was published
        effective["p"] = TagValue("none", False)
    sp = explicit.get("sp")
    if sp is not None and sp.lower() not in POLICIES:
        found.append(_bad("sp", sp, "none, quarantine, reject"))
        sp = None
    if sp is not None:
        effective["sp"] = TagValue(sp.lower(), True)
    elif "p" in effective:
        effective["sp"] = TagValue(effective["p"].value, False)
    np = explicit.get("np")
    if np is not None and np.lower() not in POLICIES:
        found.append(_bad("np", np, "none, quarantine, reject", BIS))
        np = None
    if np is not None:
        effective["np"] = TagValue(np.lower(), True)
    elif "sp" in effective:
        effective["np"] = TagValue(effective["sp"].value, False)


def _choice(
    name: str,
    allowed: tuple[str, ...],
    explicit: dict[str, str],
    effective: dict[str, TagValue],
    found: list[Problem],
    rfc: str = RFC,
) -> None:
    value = explicit.get(name)
    if value is None:
        effective[name] = TagValue(_DEFAULTS[name], False)
    elif value.lower() in allowed:
        effective[name] = TagValue(value.lower(), True)
    else:
        found.append(_bad(name, value, ", ".join(allowed), rfc))
        effective[name] = TagValue(_DEFAULTS[name], False)


def _alignment_and_reports(
    explicit: dict[str, str],
    effective: dict[str, TagValue],
    found: list[Problem],
    ruf: tuple[ReportUri, ...],
) -> None:
    _choice("adkim", ("r", "s"), explicit, effective, found)
    _choice("aspf", ("r", "s"), explicit, effective, found)
    _choice("psd", ("y", "n", "u"), explicit, effective, found, BIS)
    _choice("t", ("y", "n"), explicit, effective, found, BIS)
    pct = explicit.get("pct")
    if pct is None:
        effective["pct"] = TagValue(_DEFAULTS["pct"], False)
    elif (percent := parse_digits(pct)) is not None and percent <= 100:
        effective["pct"] = TagValue(str(percent), True)
    else:
        found.append(_bad("pct", pct, "0-100"))
        effective["pct"] = TagValue(_DEFAULTS["pct"], False)
    ri = explicit.get("ri")
    if ri is None:
        effective["ri"] = TagValue(_DEFAULTS["ri"], False)
    elif (interval := parse_digits(ri)) is not None and interval <= _UINT32:
        effective["ri"] = TagValue(str(interval), True)
    else:
        found.append(_bad("ri", ri, "0-4294967295"))
        effective["ri"] = TagValue(_DEFAULTS["ri"], False)
    _fo(explicit.get("fo"), effective, found, ruf)
    rf = explicit.get("rf")
    if rf is None:
        effective["rf"] = TagValue(_DEFAULTS["rf"], False)
    else:
        formats = split_list(rf, ":")
        if not all(_KEYWORD.fullmatch(f) for f in formats):
            found.append(_bad("rf", rf, "afrf"))
            effective["rf"] = TagValue(_DEFAULTS["rf"], False)
        else:
            unknown = [f for f in formats if f.lower() != "afrf"]
            if unknown:
                found.append(
                    problem("dmarc.rf_unknown", Status.WARN, RFC, formats=", ".join(unknown))
                )
            effective["rf"] = TagValue(":".join(f.lower() for f in formats), True)
    for name in _REMOVED_BY_BIS:
        if name in explicit:
            found.append(problem(f"dmarc.removed_{name}", Status.INFO, "RFC 9989 A.6"))


def _fo(
    value: str | None,
    effective: dict[str, TagValue],
    found: list[Problem],
    ruf: tuple[ReportUri, ...],
) -> None:
    """RFC 7489 6.3 fo: colon-separated 0, 1, d, s; ignored without ruf."""
    if value is None:
        effective["fo"] = TagValue(_DEFAULTS["fo"], False)
        return
    options = split_list(value, ":")
    if not options or not all(o.lower() in ("0", "1", "d", "s") for o in options):
        found.append(_bad("fo", value, "0, 1, d, s (separated by ':')"))
        effective["fo"] = TagValue(_DEFAULTS["fo"], False)
        return
    lowered = [o.lower() for o in options]
    if ("0" in lowered and "1" in lowered) or len(set(lowered)) != len(lowered):
        found.append(problem("dmarc.fo_redundant", Status.WARN, RFC, value=value))
    if not ruf:
        found.append(problem("dmarc.fo_without_ruf", Status.INFO, RFC))
    effective["fo"] = TagValue(":".join(lowered), True)


def _uris(tag: str, value: str | None, found: list[Problem]) -> tuple[ReportUri, ...]:
    """RFC 7489 6.2 and 6.4: a comma-separated list of URIs, each with an optional !size."""
    if value is None:
        return ()
    if not value.strip():
        found.append(_bad(tag, value, "mailto:address@example.com"))
        return ()
    parsed: list[ReportUri] = []
    for item in split_list(value, ","):
        parsed.append(_uri(tag, item, found))
    return tuple(parsed)


def _uri(tag: str, item: str, found: list[Problem]) -> ReportUri:
    match = _URI.fullmatch(item)
    uri, size = (match.group("uri"), match.group("size")) if match else (item, None)
    scheme_match = _SCHEME.fullmatch(uri.strip())
    if size is not None:
        found.append(problem("dmarc.size_limit", Status.INFO, "RFC 9989 A.6", tag=tag, uri=item))
    if not scheme_match:
        found.append(problem("dmarc.uri_no_scheme", Status.FAIL, "RFC 7489 6.2", tag=tag, uri=item))
        return ReportUri(item, "", "", "", size, False)
    scheme, rest = scheme_match.group(1).lower(), scheme_match.group(2)
    if scheme != "mailto":
        found.append(
            problem("dmarc.uri_not_mailto", Status.WARN, "RFC 7489 6.2", tag=tag, uri=item)
        )
        return ReportUri(item, scheme, "", "", size, True)
    address = rest.split("?", 1)[0]
    local, at, host = address.rpartition("@")
    if not at or not local or not _HOST.fullmatch(host):
        found.append(
            problem("dmarc.uri_bad_mailto", Status.FAIL, "RFC 7489 6.2", tag=tag, uri=item)
        )
        return ReportUri(item, scheme, address, "", size, False)
    return ReportUri(item, scheme, address, host.rstrip(".").lower(), size, True)


def _advice(
    tags: TagList,
    effective: dict[str, TagValue],
    found: list[Problem],
    has_rua: bool,
    parked: bool,
) -> None:
    """What the record does in practice: monitoring only, unprotected subdomains, no reports."""
    names = tags.names
    if "p" in names and len(names) > 1 and names[0] == "v" and names[1] != "p":
        found.append(problem("dmarc.p_not_second", Status.WARN, GRAMMAR))
    policy = effective.get("p")
    sp = effective.get("sp")
    if policy and policy.explicit and policy.value == "none":
        key = "dmarc.parked_p" if parked else "dmarc.p_none"
        found.append(problem(key, Status.WARN, "RFC 7489 6.3"))
    elif parked and policy and policy.value == "quarantine":
        found.append(problem("dmarc.parked_p", Status.WARN, "RFC 7489 6.3"))
    if policy and sp and sp.explicit and sp.value == "none" and policy.value != "none":
        key = "dmarc.parked_sp" if parked else "dmarc.sp_none"
        found.append(problem(key, Status.WARN, RFC))
    pct = effective.get("pct")
    if pct and pct.explicit and policy and policy.value != "none":
        if pct.value == "0":
            found.append(problem("dmarc.pct_zero", Status.WARN, "RFC 7489 6.6.4"))
        elif pct.value != "100":
            found.append(problem("dmarc.pct_partial", Status.INFO, "RFC 7489 6.6.4", pct=pct.value))
    if effective.get("t", TagValue("n", False)).value == "y":
        found.append(problem("dmarc.testing", Status.INFO, BIS))
    if not has_rua and "p" in effective:
        found.append(problem("dmarc.no_rua", Status.INFO, RFC))


def _explain(record: DmarcRecord, name: str) -> tuple[Detail, ...]:
    tag = record.effective[name]
    value = tag.value
    if not tag.explicit:
        return (Detail(name, value, Note("dmarc.implicit", {"tag": name, "value": value})),)
    if name in ("p", "sp", "np", "adkim", "aspf", "psd", "t"):
        return (Detail(name, value, Note(f"dmarc.meaning.{name}.{value}", {})),)
    if name == "fo":
        return tuple(Detail(name, o, Note(f"dmarc.meaning.fo.{o}", {})) for o in value.split(":"))
    if name in ("rua", "ruf"):
        uris = record.rua if name == "rua" else record.ruf
        return tuple(
            Detail(name, u.text, Note(f"dmarc.meaning.{name}", {"target": u.address or u.text}))
            for u in uris
        )
    if name == "ri":
        hours = round(int(value) / 3600, 1)
        return (Detail(name, value, Note("dmarc.meaning.ri", {"seconds": value, "hours": hours})),)
    params = {"pct": value} if name == "pct" else {"formats": value} if name == "rf" else {}
    return (Detail(name, value, Note(f"dmarc.meaning.{name}", params)),)
