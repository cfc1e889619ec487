"""A recipient as a bounce names it -> one clean address, or None.

Bounces name recipients in many dresses: ``<user@example.com>``, ``rfc822; user@example.com``
(RFC 3464 2.3.2), ``[SMTP:user@example.com]`` (Exchange), ``user@example.com=20``
(quoted-printable residue), ``"Name" <user@example.com>``. The clean form is the bare
addr-spec (RFC 5321 4.1.2 ``Mailbox``, without the quoted local part) with the domain in lower
case and the local part kept as written (RFC 5321 2.4: only the receiving host may fold its
case). Checks are syntactic: a recipient's domain need not be on the Public Suffix List.
"""

from __future__ import annotations

import re

# RFC 5322 3.2.3 atext, plus the dot of a dot-atom.
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]{1,64}")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?")
# Exim message ids (``1rkQ2w-0004Yd-2x``, ``E1rkQ2w-0004Yd-2x`` in a Message-Id) look like
# local parts; they are never a recipient.
EXIM_ID = re.compile(r"[Ee]?[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}")
# RFC 3464 2.3.2 address types that carry an Internet address (RFC 6533: utf-8).
_INTERNET_TYPES = frozenset({"rfc822", "utf-8"})
_QP_RESIDUE = ("=20", "=09", "=3D", "=")
_TRIM = " \t\r\n\"'`.,;:!?)(]["


def address_type(value: str) -> tuple[str, str]:
    """``rfc822; user@example.com`` -> (``rfc822``, ``user@example.com``); no type -> ("", v)."""
    kind, semicolon, rest = value.partition(";")
    if semicolon and 0 < len(kind.strip()) <= 20 and " " not in kind.strip():
        return kind.strip().lower(), rest.strip()
    return "", value.strip()


def clean_address(value: str) -> str | None:
    """The bare address ``value`` names, domain lower-cased, or None if it names none."""
    text = value.strip()[:400]
    kind, rest = address_type(text)
    if kind:
        if kind not in _INTERNET_TYPES:
            return None
        text = rest
    if "<" in text:  # "Name" <user@example.com>, <user@example.com>=20
        start = text.rfind("<")
        end = text.find(">", start)
        text = text[start + 1 : end if end > 0 else len(text)]
    text = text.strip(_TRIM)
    if text[:5].lower() == "smtp:":  # Exchange [SMTP:user@example.com]
        text = text[5:]
    if text[:7].lower() == "mailto:":
        text = text[7:]
    for residue in _QP_RESIDUE:
        if text.endswith(residue):
            text = text[: -len(residue)]
            break
    text = text.strip(_TRIM)
    local, at, domain = text.rpartition("@")
    if not at or not _local_ok(local):
        return None
    host = _domain_ok(domain)
    if host is None:
        return None
    return f"{local}@{host}"


def _local_ok(local: str) -> bool:
    if _LOCAL.fullmatch(local) is None:
        return False
    if local[0] == "." or local[-1] == "." or ".." in local:
        return False
    return EXIM_ID.fullmatch(local) is None


def _domain_ok(domain: str) -> str | None:
    host = domain.lower().rstrip(".")
    if not 3 <= len(host) <= 253:
        return None
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return None
    tld = labels[-1]
    if not (tld.isalpha() or tld.startswith("xn--")):
        return None
    return host
