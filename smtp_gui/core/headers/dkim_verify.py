"""Each DKIM signature of a message verified here (RFC 6376 6), with the reason when it fails.

``dkimpy`` does the canonicalization and the cryptography; its ``dnsfunc`` hook is answered
by the app's own resolver (``KeyFetcher``: one lookup per key name, within the deadline), so
the key's DNS answer is known here too and a failure can be named: the key was not found, was
revoked (``p=`` empty, RFC 6376 3.6.1), is too short (RFC 8301 3.2: under 1024 bits is never
valid), the body hash did not match (the body was changed, RFC 6376 3.7) or the signature did
not (signed header fields were changed).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import dkim
import dns.resolver
from dkim.util import InvalidTagValueList, parse_tag_value

from smtp_gui.core.deadline import Deadline
from smtp_gui.core.dns.lookup import Lookup, lookup
from smtp_gui.core.records.dkim_record import MIN_RSA_BITS, parse_dkim_key

# dkimpy logs every failure at ERROR; with no handler Python would print them on stderr.
DKIMPY_LOG = logging.getLogger("smtp_gui.headers.dkimpy")
DKIMPY_LOG.addHandler(logging.NullHandler())
DKIMPY_LOG.propagate = False


class DkimReason(StrEnum):
    NONE = ""  # it verified
    BODY_CHANGED = "body_changed"  # RFC 6376 3.7: the body hash (bh=) does not match
    HEADERS_CHANGED = "headers_changed"  # the signature (b=) does not match the signed fields
    KEY_NOT_FOUND = "key_not_found"  # no key record at <s>._domainkey.<d>
    KEY_REVOKED = "key_revoked"  # RFC 6376 3.6.1: an empty p= means the key was revoked
    KEY_TOO_SHORT = "key_too_short"  # RFC 8301 3.2: RSA keys under 1024 bits are never valid
    KEY_INVALID = "key_invalid"  # the record is there but holds no usable key
    DNS_ERROR = "dns_error"  # the key could not be fetched (timeout, SERVFAIL ...)
    BAD_SIGNATURE_FIELD = "bad_signature_field"  # the DKIM-Signature field itself is broken
    BODY_NOT_GIVEN = "body_not_given"  # headers only: the signed fields verified, not the body


@dataclass(frozen=True, slots=True)
class DkimCheck:
    """One DKIM-Signature verified here; ``index`` 0 is the topmost signature."""

    index: int
    domain: str
    selector: str
    result: str  # pass, fail, neutral, permerror, temperror (RFC 8601 2.7.1)
    reason: DkimReason
    detail: str  # dkimpy's words, the key size, the DNS outcome ... ("" when none)
    key_bits: int | None
    receiver_result: str | None  # what the receiver said of this signature, when it did

    @property
    def differs(self) -> bool:
        """The receiver judged it otherwise (a pass here and not there, or the reverse)."""
        if self.receiver_result is None:
            return False
        return (self.result == "pass") != (self.receiver_result == "pass")


class KeyFetcher:
    """The ``dnsfunc`` given to dkimpy: TXT answers through the app's resolver, each name
    asked once, each lookup kept so that the verifier can say what DNS answered."""

    def __init__(self, resolver: dns.resolver.Resolver, deadline: Deadline) -> None:
        self._resolver = resolver
        self._deadline = deadline
        self.lookups: dict[str, Lookup] = {}

    def fetch(self, name: str) -> Lookup:
        name = name.rstrip(".").lower()
        if name not in self.lookups:
            self.lookups[name] = lookup(self._resolver, name, "TXT", self._deadline)
        return self.lookups[name]

    def key_text(self, name: str) -> str | None:
        """The key record's text (the first TXT that looks like a DKIM key), or None."""
        found = self.fetch(name)
        for record in found.records:
            compact = record.replace(" ", "").replace("\t", "")
            if compact.startswith(("v=DKIM1", "k=", "p=")) or ";p=" in compact:
                return record
        return found.records[0] if found.records else None

    def __call__(self, name: bytes | str, timeout: float = 5.0) -> bytes | None:
        text = name.decode("ascii", "replace") if isinstance(name, bytes) else name
        found = self.fetch(text)
        if found.could_not_check:
            raise dkim.DnsTimeoutError(f"{found.outcome.value} {found.detail}".strip())
        record = self.key_text(text)
        return record.encode("utf-8") if record is not None else None


class _HeadersOnly(dkim.DKIM):  # type: ignore[misc]
    """A verifier that checks the signed header fields and not the body hash: for a paste
    of headers without the body. The b= signature still covers the bh= value as written."""

    def verify_headerprep(self, idx: int = 0) -> object:
        prep = super().verify_headerprep(idx)
        if prep:
            prep[0].pop(b"bh", None)
        return prep


def signature_tags(value: str) -> dict[str, str]:
    """The tags of a DKIM-Signature or ARC-Seal field's value; {} when it is no tag list."""
    try:
        tags = parse_tag_value(value.encode("utf-8", "replace"))
    except InvalidTagValueList:
        return {}
    return {
        k.decode("ascii", "replace").lower(): v.decode("utf-8", "replace") for k, v in tags.items()
    }


def verify_signature(
    message: bytes,
    index: int,
    tags: dict[str, str],
    fetcher: KeyFetcher,
    has_body: bool,
    receiver_result: Callable[[str, str], str | None],
) -> DkimCheck:
    """Verify the ``index``-th DKIM-Signature of ``message`` and name why it failed."""
    domain = tags.get("d", "").strip().lower()
    selector = tags.get("s", "").strip().lower()

    def done(
        result: str, reason: DkimReason, detail: str = "", bits: int | None = None
    ) -> DkimCheck:
        said = receiver_result(domain, selector)
        return DkimCheck(index, domain, selector, result, reason, detail, bits, said)

    if not domain or not selector:
        return done("permerror", DkimReason.BAD_SIGNATURE_FIELD, "d= or s= missing")
    name = f"{selector}._domainkey.{domain}"
    found = fetcher.fetch(name)
    if found.could_not_check:
        return done("temperror", DkimReason.DNS_ERROR, found.outcome.value)
    text = fetcher.key_text(name)
    if text is None:
        return done("permerror", DkimReason.KEY_NOT_FOUND, name)
    key = parse_dkim_key(text)
    if key.revoked:
        return done("fail", DkimReason.KEY_REVOKED, name)
    bits = key.key_bits
    try:
        dkim.evaluate_pk(name.encode("ascii", "replace"), text.encode("utf-8"))
    except dkim.DKIMException as exc:  # a key dkimpy cannot use is no key to verify with
        return done("permerror", DkimReason.KEY_INVALID, str(exc)[:200], bits)
    if bits is None:
        return done("permerror", DkimReason.KEY_INVALID, name)
    verifier_class = dkim.DKIM if has_body else _HeadersOnly
    # A key under the RFC 8301 minimum is verified anyway (minkey=0), so that the report can
    # say both: the signature matched or not, and the key is too short to count.
    verifier = verifier_class(message, logger=DKIMPY_LOG, minkey=0)
    try:
        matched = bool(verifier.verify(index, dnsfunc=fetcher))
    except dkim.ValidationError as exc:
        words = str(exc)
        if words.startswith("body hash mismatch"):
            return done("fail", DkimReason.BODY_CHANGED, "", bits)
        return done("permerror", DkimReason.BAD_SIGNATURE_FIELD, words[:200], bits)
    except dkim.DKIMException as exc:
        return done("permerror", DkimReason.BAD_SIGNATURE_FIELD, str(exc)[:200], bits)
    if key.key_type == "rsa" and bits < MIN_RSA_BITS:
        return done("fail", DkimReason.KEY_TOO_SHORT, "matched" if matched else "", bits)
    if not matched:
        return done("fail", DkimReason.HEADERS_CHANGED, "", bits)
    if not has_body:
        return done("neutral", DkimReason.BODY_NOT_GIVEN, "", bits)
    return done("pass", DkimReason.NONE, "", bits)
