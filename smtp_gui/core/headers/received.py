"""One ``Received`` field read leniently (RFC 5321 4.4, RFC 5322 3.6.7): the from and by
names, the connecting IP, the protocol, TLS where stated, the id, the recipient and the time.

Every MTA writes it its own way (Postfix, Exim, Sendmail, qmail, Exchange, Gmail); the parser
takes clauses by their keywords outside comments and never raises on what it cannot read.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_tz

# A comment, with one level of nesting (Sendmail's "(may be forged)" inside the TCP-info).
_COMMENT = re.compile(r"\((?:[^()\\]|\\.|\([^()]*\))*\)")
_CLAUSE = re.compile(r"(?:^|(?<=\s))(from|by|via|with|id|for)(?=\s)", re.IGNORECASE)
_BRACKETED = re.compile(r"\[(?:IPv6:)?([0-9A-Fa-f:.]{2,45})\]")
_BARE_IP = re.compile(
    r"(?<![\w.:])((?:\d{1,3}\.){3}\d{1,3}"
    r"|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:(?<=:)(?:\d{1,3}\.){3}\d{1,3})?)(?![\w.:])"
)
_HOSTNAME = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})$")
_HELO = re.compile(r"\b(?:helo|HELO|EHLO|ehlo)[= ]\s*\[?([^\s()\]\[;]+)")
# TLS as MTAs state it: "version=TLS1_3", "using TLSv1.3", "(TLS1.2:ECDHE...:256)",
# "with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384", "cipher=TLS_ECDHE_RSA_WITH_...".
_TLS_VERSION = re.compile(r"\b(TLS ?v?1[._][0-3]|TLS1_[0-3]|TLSv1|SSLv3)\b", re.IGNORECASE)
_CIPHER = re.compile(
    r"(?:cipher[= ]|with cipher |tls |TLS1[._][0-3]:)\s*([A-Z0-9][A-Z0-9_-]{5,80})", re.IGNORECASE
)
# RFC 3848 7: with-protocols that say TLS was used (ESMTPS, ESMTPSA, UTF8SMTPS, LMTPS ...).
_TLS_PROTOCOLS = re.compile(r"^(?:E?SMTPS|ESMTPSA|UTF8SMTPSA?|LMTPSA?|HTTPS)$", re.IGNORECASE)
_LOOSE_DATE = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+"
    r"\d\d:\d\d(?::\d\d)?(?:\s*[+-]\d{4}|\s+[A-Z]{2,5})?"
)
_ISO = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d))?(?:\.\d+)?\s*(Z|[+-]\d\d:?\d\d)?"
)


@dataclass(frozen=True, slots=True)
class Received:
    """What one Received field says; None where it does not say it."""

    from_name: str | None  # the name the client gave (HELO/EHLO), or the from clause's first word
    from_rdns: str | None  # the name the receiving MTA found for the IP, when it wrote one
    ip: str | None  # the connecting IP
    by: str | None
    protocol: str | None  # the with clause: ESMTPS, SMTP, HTTP, "Microsoft SMTP Server"
    tls: str | None  # "TLSv1.3 TLS_AES_256_GCM_SHA384", "TLSv1.2", or "TLS" (ESMTPS alone)
    id: str | None
    recipient: str | None
    time: datetime | None  # aware; UTC when the field gave no zone
    zone_missing: bool
    raw: str


def _clauses(text: str) -> dict[str, str]:
    """The clauses of ``text`` (the part before the date) by keyword, comments kept inside."""
    masked = _COMMENT.sub(lambda m: "(" + "x" * (len(m.group()) - 2) + ")", text)
    found: dict[str, str] = {}
    matches = list(_CLAUSE.finditer(masked))
    for number, match in enumerate(matches):
        word = match.group(1).lower()
        end = matches[number + 1].start() if number + 1 < len(matches) else len(text)
        if word not in found:
            found[word] = text[match.end() : end].strip()
    return found


def _valid_ip(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip().removeprefix("IPv6:")))
    except ValueError:
        return None


def _ip_of(clause: str) -> str | None:
    for match in _BRACKETED.finditer(clause):
        if (ip := _valid_ip(match.group(1))) is not None:
            return ip
    for match in _BARE_IP.finditer(clause):
        if (ip := _valid_ip(match.group(1))) is not None:
            return ip
    return None


def _first_word(clause: str) -> str | None:
    word = clause.split(None, 1)[0] if clause.split() else ""
    word = word.strip(";,")
    return word if word and not word.startswith("(") else None


def _from_parts(clause: str) -> tuple[str | None, str | None, str | None]:
    """(HELO name, reverse-DNS name, IP) of a from clause."""
    ip = _ip_of(clause)
    first = _first_word(clause)
    helo = _HELO.search(clause)
    name = first
    unnamed = first is not None and (first.startswith("[") or first.lower() == "unknown")
    if helo and (first is None or unnamed or _valid_ip(first)):
        name = helo.group(1)
    rdns = None
    comment = _COMMENT.search(clause)
    if comment is not None:
        words = comment.group()[1:-1].replace("[", " [").split()
        if words and not words[0].startswith("[") and "=" not in words[0]:
            candidate = words[0].rstrip(".")
            plausible = _HOSTNAME.match(candidate) and "." in candidate
            if plausible and candidate.lower() != "unknown" and _valid_ip(candidate) is None:
                rdns = candidate
    return name, rdns, ip


def parse_time(text: str) -> tuple[datetime | None, bool]:
    """An RFC 5322 3.3 date-time, read leniently; (time, whether the zone was missing)."""
    text = _COMMENT.sub(" ", text).strip()
    if not text:
        return None, False
    iso = _ISO.search(text)
    parts = parsedate_tz(text) if iso is None else None
    if parts is not None:
        year, month, day, hour, minute, second = parts[:6]
        if year < 100:  # RFC 5322 4.3: two-digit years
            year += 2000 if year < 50 else 1900
        offset = parts[9]
        try:
            moment = datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
        except (ValueError, OverflowError):
            return None, False
        return moment - timedelta(seconds=offset or 0), offset is None
    if iso is not None:
        year, month, day, hour, minute = (int(iso.group(i)) for i in range(1, 6))
        second = int(iso.group(6) or 0)
        zone = iso.group(7)
        try:
            moment = datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
        except ValueError:
            return None, False
        if zone and zone != "Z":
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            moment -= sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        return moment, zone is None
    return None, False


def parse_received(value: str) -> Received:
    """The facts of one Received field's value (unfolded). Never raises."""
    head, semicolon, date = value.rpartition(";")
    if not semicolon:
        head, date = value, ""
    time, zone_missing = parse_time(date) if date else (None, False)
    if time is None and semicolon:  # a ";" inside a comment, not before the date
        head, time, zone_missing = value, None, False
    if time is None and (loose := _LOOSE_DATE.search(value)) is not None:
        time, zone_missing = parse_time(loose.group())  # Coremail writes no ";" before it
        head = value[: loose.start()] if time is not None else head
    clauses = _clauses(head)
    from_name, rdns, ip = _from_parts(clauses.get("from", ""))
    with_clause = clauses.get("with", "")
    protocol_text = _COMMENT.sub(" ", with_clause).split()
    protocol = " ".join(protocol_text[:3]) if protocol_text else None
    if protocol and not protocol.lower().startswith("microsoft"):
        protocol = protocol_text[0]
    return Received(
        from_name=from_name,
        from_rdns=rdns,
        ip=ip,
        by=_first_word(clauses.get("by", "")),
        protocol=protocol,
        tls=_tls(value, protocol),
        id=_first_word(clauses.get("id", "")),
        recipient=_first_word(clauses.get("for", "")),
        time=time,
        zone_missing=zone_missing,
        raw=value,
    )


def _tls(value: str, protocol: str | None) -> str | None:
    version = _TLS_VERSION.search(value)
    cipher = _CIPHER.search(value)
    parts: list[str] = []
    if version is not None:
        text = version.group(1).upper().replace(" ", "").replace("_", ".").replace("V", "v")
        parts.append(text if text.startswith("TLSv") or text == "SSLv3" else "TLSv" + text[3:])
    if cipher is not None and not _TLS_VERSION.fullmatch(cipher.group(1)):
        parts.append(cipher.group(1))
    if parts:
        return " ".join(parts)
    if protocol and _TLS_PROTOCOLS.match(protocol):
        return "TLS"
    return None
