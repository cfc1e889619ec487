"""A DKIM key record (``<selector>._domainkey.<domain>`` TXT) parsed and judged from its text.

Tags per RFC 6376 3.6.1 (v, h, k, n, p, s, t); Ed25519 per RFC 8463; key sizes per RFC 8301
3.2 (under 1024 bits is unusable, under 2048 is weak). The key itself is read with the
``cryptography`` package, never by hand. Every finding is a Problem; nothing here raises.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from smtp_gui.core.checks.findings import problem
from smtp_gui.core.checks.status import Detail, Problem, Status
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

RFC = "RFC 6376 3.6.1"
_KNOWN = frozenset({"v", "h", "k", "n", "p", "s", "t"})
_KEY_TYPES = ("rsa", "ed25519")
_HASHES = ("sha1", "sha256")
_WHITESPACE = str.maketrans("", "", " \t\r\n")
MIN_RSA_BITS = 1024  # RFC 8301 3.2: verifiers MUST NOT accept smaller keys
GOOD_RSA_BITS = 2048  # RFC 8301 3.2: signers SHOULD use at least this
MAX_RSA_BITS = 4096  # RFC 8301 3.2: verifiers need not handle more
_SHOWN_VALUE = 40  # characters of a tag value shown in full in a detail row


@dataclass(frozen=True, slots=True)
class DkimKey:
    text: str
    tags: TagList
    key_type: str  # k=, default rsa
    key_bits: int | None  # RSA modulus size, 256 for Ed25519, None when unreadable
    key_form: str | None  # "spki", "pkcs1" (bare RSAPublicKey) or "raw" (Ed25519)
    revoked: bool  # p= is empty (RFC 6376 3.6.1)
    testing: bool  # t=y
    services: tuple[str, ...]
    hashes: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def valid(self) -> bool:
        """No ``fail`` finding: a verifier could use this key for email."""
        return not any(p.severity is Status.FAIL for p in self.problems)

    def describe(self) -> Note:
        """One line for the row: key type and size, or why there is no usable key."""
        if self.revoked:
            return Note("dkim.describe_revoked", {})
        if self.key_bits is None:
            return Note("dkim.describe_unreadable", {"type": self.key_type})
        return Note("dkim.describe", {"type": self.key_type.upper(), "bits": self.key_bits})

    def details(self) -> tuple[Detail, ...]:
        found: list[Detail] = []
        for tag in self.tags.tags:
            meaning: Note | None = None
            value = tag.value
            if tag.name == "v":
                meaning = Note("dkim.meaning.v", {})
            elif tag.name == "k":
                meaning = Note("dkim.meaning.k", {"type": value})
            elif tag.name == "p":
                meaning = self.describe()
            elif tag.name == "h":
                meaning = Note("dkim.meaning.h", {"hashes": value})
            elif tag.name == "s":
                meaning = Note("dkim.meaning.s", {"services": value})
            elif tag.name == "t":
                meaning = Note("dkim.meaning.t", {"flags": value})
            elif tag.name == "n":
                meaning = Note("dkim.meaning.n", {})
            else:
                meaning = Note("dkim.meaning.unknown", {})
            found.append(Detail(tag.name, _shortened(value), meaning))
        if "k" not in self.tags.names:
            found.append(Detail("k", "rsa", Note("dkim.meaning.k_default", {})))
        return tuple(found)


def _shortened(value: str) -> str:
    """A tag value for a detail row: a long key (or a 60 KB note) shown by its two ends."""
    if len(value) <= _SHOWN_VALUE:
        return value
    return f"{value[:20]}...{value[-12:]}"


def parse_dkim_key(text: str) -> DkimKey:
    """Parse and judge one DKIM key record."""
    tags = parse_tag_list(text)
    found: list[Problem] = list(_structure(tags))
    if any(issue.kind == TOO_LONG for issue in tags.issues):
        # Not parsed at all: saying more (p= missing, default tags) would be made up.
        return DkimKey(text, tags, "rsa", None, None, False, False, (), (), tuple(found))
    for tag in tags.tags:
        if tag.name not in _KNOWN:
            key = "dkim.g_removed" if tag.name == "g" else "dkim.unknown_tag"
            found.append(problem(key, Status.INFO, "RFC 6376 3.2", tag=tag.name))
    key_type = (tags.get("k") or "rsa").lower()
    if key_type not in _KEY_TYPES:
        found.append(problem("dkim.unknown_key_type", Status.FAIL, RFC, type=key_type))
    hashes = tuple(h.lower() for h in split_list(tags.get("h") or "sha256", ":") if h)
    _hash_problems(hashes, found)
    services = tuple(s.lower() for s in split_list(tags.get("s") or "*", ":") if s)
    if not {"*", "email"} & set(services):
        found.append(problem("dkim.not_for_email", Status.WARN, RFC, services=":".join(services)))
    flags = tuple(f.lower() for f in split_list(tags.get("t") or "", ":") if f)
    testing = "y" in flags
    if testing:
        found.append(problem("dkim.testing", Status.WARN, RFC))
    p = tags.get("p")
    bits: int | None = None
    form: str | None = None
    revoked = False
    if p is None:
        found.append(problem("dkim.p_missing", Status.FAIL, RFC))
    elif not p.translate(_WHITESPACE):
        revoked = True
        found.append(problem("dkim.revoked", Status.FAIL, RFC))
    elif key_type in _KEY_TYPES:
        bits, form = _read_key(key_type, p, found)
    return DkimKey(
        text, tags, key_type, bits, form, revoked, testing, services, hashes, tuple(found)
    )


def _structure(tags: TagList) -> list[Problem]:
    found: list[Problem] = []
    version = tags.get("v")
    if version is not None:
        if tags.tags[0].name != "v":
            found.append(problem("dkim.v_not_first", Status.FAIL, RFC))
        elif version != "DKIM1":
            found.append(problem("dkim.bad_version", Status.FAIL, RFC, value=version[:30]))
    for issue in tags.issues:
        if issue.kind == DUPLICATE:
            found.append(problem("dkim.duplicate", Status.FAIL, "RFC 6376 3.2", tag=issue.text))
        elif issue.kind in (NO_EQUALS, BAD_NAME):
            found.append(
                problem(
                    "dkim.syntax",
                    Status.FAIL,
                    "RFC 6376 3.2",
                    text=issue.text[:40],
                    position=issue.position + 1,
                )
            )
        elif issue.kind == BAD_VALUE:
            found.append(problem("dkim.bad_chars", Status.FAIL, "RFC 6376 3.2", tag=issue.text))
        elif issue.kind == TOO_LONG:
            found.append(
                problem("dkim.too_long", Status.FAIL, "RFC 6376 3.2", limit=issue.position)
            )
    return found


def _hash_problems(hashes: tuple[str, ...], found: list[Problem]) -> None:
    known = [h for h in hashes if h in _HASHES]
    unknown = [h for h in hashes if h not in _HASHES]
    if unknown:
        found.append(problem("dkim.unknown_hash", Status.INFO, RFC, hashes=":".join(unknown)))
    if known and "sha256" not in known:
        # RFC 8301 3.1: rsa-sha1 MUST NOT be used for signing or verifying.
        found.append(problem("dkim.sha1_only", Status.FAIL, "RFC 8301 3.1"))
    elif not known:
        found.append(problem("dkim.no_known_hash", Status.FAIL, RFC))


def _decode(p: str, found: list[Problem]) -> bytes | None:
    """RFC 6376 3.6.1: p= is base64, whitespace allowed anywhere in it."""
    compact = p.translate(_WHITESPACE)
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        found.append(problem("dkim.bad_base64", Status.FAIL, RFC))
        return None


def _read_key(key_type: str, p: str, found: list[Problem]) -> tuple[int | None, str | None]:
    data = _decode(p, found)
    if data is None:
        return None, None
    if key_type == "ed25519":
        return _read_ed25519(data, found)
    return _read_rsa(data, found)


def _read_ed25519(data: bytes, found: list[Problem]) -> tuple[int | None, str | None]:
    """RFC 8463 4.2: p= is the bare 32-byte Ed25519 public key."""
    if len(data) != 32:
        found.append(problem("dkim.ed25519_length", Status.FAIL, "RFC 8463 4.2", length=len(data)))
        return None, None
    try:
        ed25519.Ed25519PublicKey.from_public_bytes(data)
    except (ValueError, UnsupportedAlgorithm):
        found.append(problem("dkim.bad_key", Status.FAIL, "RFC 8463 4.2"))
        return None, None
    return 256, "raw"


def _read_rsa(data: bytes, found: list[Problem]) -> tuple[int | None, str | None]:
    key: object | None
    try:
        key = serialization.load_der_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        key = None
    if key is None:
        found.append(problem("dkim.bad_key", Status.FAIL, RFC))
        return None, None
    if not isinstance(key, rsa.RSAPublicKey):
        found.append(
            problem(
                "dkim.key_type_mismatch",
                Status.FAIL,
                RFC,
                found=type(key).__name__.replace("PublicKey", ""),
            )
        )
        return None, None
    # RFC 6376 3.6.1 names a bare RSAPublicKey (PKCS#1); Appendix C and erratum 3017 use
    # SubjectPublicKeyInfo, which is what nearly every verifier expects.
    spki = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    form = "spki" if spki == data else "pkcs1"
    bits = key.key_size
    if form == "pkcs1":
        found.append(problem("dkim.pkcs1", Status.WARN, "RFC 6376 3.6.1, Appendix C"))
    if bits < MIN_RSA_BITS:
        found.append(problem("dkim.rsa_too_short", Status.FAIL, "RFC 8301 3.2", bits=bits))
    elif bits < GOOD_RSA_BITS:
        found.append(problem("dkim.rsa_weak", Status.WARN, "RFC 8301 3.2", bits=bits))
    elif bits > MAX_RSA_BITS:
        found.append(problem("dkim.rsa_huge", Status.WARN, "RFC 8301 3.2", bits=bits))
    return bits, form
