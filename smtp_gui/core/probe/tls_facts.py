"""TLS as the probe saw it: version, cipher, the server's certificate, and whether it validates.

Validation is OpenSSL's, through ``ssl.create_default_context()``: the chain up to a trusted
root and the host name (RFC 6125 6; RFC 7817 for mail). The certificate itself is read with
``cryptography`` so that its facts are available even when it does not validate.

OpenSSL accepts certificates that ``cryptography`` cannot read (an IA5String or T61String
subject with 8-bit bytes): each field is read on its own, and one that cannot be read becomes
a finding (``CertificateFacts.findings()``) while the probe goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import ssl
import stat
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from cryptography import x509
from cryptography.x509.oid import ExtensionOID, NameOID

from smtp_gui.core.text.errors import input_error
from smtp_gui.core.text.messages import Note

_T = TypeVar("_T")
# The fields read one by one; each has a message probe.cert_unreadable.<field>.
UNREADABLE_FIELDS = ("subject", "issuer", "names")


@dataclass(frozen=True, slots=True)
class CertificateFacts:
    """What a helpdesk wants to know about a server certificate."""

    subject: str
    common_name: str | None
    issuer: str
    names: tuple[str, ...]  # subjectAltName DNS names and IP addresses
    not_before: dt.datetime
    not_after: dt.datetime
    serial: str
    sha256: str
    self_signed: bool | None  # None: subject or issuer could not be read
    unreadable: tuple[tuple[str, str], ...] = ()  # (field, why) for fields that failed

    def findings(self) -> tuple[Note, ...]:
        """One finding per field that could not be read, with the reason."""
        return tuple(
            Note(f"probe.cert_unreadable.{name}", {"reason": why}) for name, why in self.unreadable
        )

    def days_left(self, now: dt.datetime | None = None) -> int:
        now = now or dt.datetime.now(dt.UTC)
        return (self.not_after - now).days

    def expired(self, now: dt.datetime | None = None) -> bool:
        now = now or dt.datetime.now(dt.UTC)
        return now > self.not_after

    def to_dict(self, now: dt.datetime | None = None) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "common_name": self.common_name,
            "issuer": self.issuer,
            "names": list(self.names),
            "not_before": self.not_before.isoformat(),
            "not_after": self.not_after.isoformat(),
            "days_left": self.days_left(now),
            "expired": self.expired(now),
            "serial": self.serial,
            "sha256": self.sha256,
            "self_signed": self.self_signed,
            "unreadable": dict(self.unreadable),
        }


@dataclass(frozen=True, slots=True)
class TlsFacts:
    """The negotiated session and the certificate; ``valid`` is None when it was not checked."""

    version: str
    cipher: str
    bits: int | None
    hostname: str  # the name the certificate was checked against
    valid: bool | None
    validation_error: str | None = None
    certificate: CertificateFacts | None = None
    implicit: bool = False  # TLS from the first byte (port 465) rather than STARTTLS

    def to_dict(self) -> dict[str, Any]:
        cert = self.certificate.to_dict() if self.certificate is not None else None
        data: dict[str, Any] = {
            "version": self.version,
            "cipher": self.cipher,
            "bits": self.bits,
            "hostname": self.hostname,
            "valid": self.valid,
            "validation_error": self.validation_error,
            "implicit": self.implicit,
            "certificate": cert,
        }
        # The DESIGN.md contract lists certificate facts at the top level of ``tls`` too.
        for key in ("subject", "issuer", "names", "not_after", "expired", "days_left"):
            data[key] = cert[key] if cert is not None else None
        return data


def client_context(verify: bool, ca_file: str | None = None) -> ssl.SSLContext:
    """A TLS client context: validating (system roots, or only ``ca_file``) or not at all."""
    if verify:
        return ssl.create_default_context(cafile=ca_file)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def read_certificate(der: bytes) -> CertificateFacts | None:
    """Facts of a DER certificate; None when it cannot be parsed at all. A field that
    cannot be read is "?" (names: none) and listed in ``unreadable``."""
    try:
        cert = x509.load_der_x509_certificate(der)
    except ValueError:
        return None
    unreadable: dict[str, str] = {}

    def read(name: str, reader: Callable[[], _T], fallback: _T) -> _T:
        # cryptography parses names and extensions lazily: a field fails when it is read.
        try:
            return reader()
        except ValueError as exc:
            unreadable.setdefault(name, _reason(exc))
            return fallback

    subject_name = read("subject", lambda: cert.subject, None)
    issuer_name = read("issuer", lambda: cert.issuer, None)
    common_name: str | None = None
    if subject_name is not None:
        cn_attrs = subject_name.get_attributes_for_oid(NameOID.COMMON_NAME)
        common_name = str(cn_attrs[0].value) if cn_attrs else None
    return CertificateFacts(
        subject=subject_name.rfc4514_string() if subject_name is not None else "?",
        common_name=common_name,
        issuer=issuer_name.rfc4514_string() if issuer_name is not None else "?",
        names=read("names", lambda: _alt_names(cert), ()),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        serial=format(cert.serial_number, "x"),
        sha256=hashlib.sha256(der).hexdigest(),
        self_signed=(
            subject_name == issuer_name
            if subject_name is not None and issuer_name is not None
            else None
        ),
        unreadable=tuple(unreadable.items()),
    )


def _alt_names(cert: x509.Certificate) -> tuple[str, ...]:
    """subjectAltName DNS names and IP addresses (RFC 5280 4.2.1.6)."""
    try:
        san = cert.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME).value
    except x509.ExtensionNotFound:
        return ()
    if not isinstance(san, x509.SubjectAlternativeName):
        return ()
    names = list(san.get_values_for_type(x509.DNSName))
    names.extend(str(ip) for ip in san.get_values_for_type(x509.IPAddress))
    return tuple(names)


def _reason(exc: ValueError) -> str:
    """cryptography's parse error without its Rust debug form: ``ASN.1 InvalidValue``."""
    text = str(exc)
    kind = re.search(r"kind: (\w+)", text)
    return f"ASN.1 {kind.group(1)}" if kind is not None else text[:200]


def session_facts(
    sock: ssl.SSLSocket,
    hostname: str,
    *,
    valid: bool | None,
    validation_error: str | None = None,
    implicit: bool = False,
) -> TlsFacts:
    """Facts of an established TLS session."""
    cipher = sock.cipher()
    der = sock.getpeercert(binary_form=True)
    return TlsFacts(
        version=sock.version() or "?",
        cipher=cipher[0] if cipher else "?",
        bits=cipher[2] if cipher else None,
        hostname=hostname,
        valid=valid,
        validation_error=validation_error,
        certificate=read_certificate(der) if der else None,
        implicit=implicit,
    )


def check_ca_file(path: str) -> None:
    """InputError unless ``path`` is a readable regular file that ssl loads as CA
    certificates. Looked at before any connection: ``stat`` first, so a FIFO or a device
    is refused without being opened (opening a FIFO would wait for a writer)."""
    shown = path[:200]
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise input_error("probe.cafile_missing", path=shown) from None
    except OSError as exc:
        raise input_error("probe.cafile_unreadable", path=shown, reason=_os_reason(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise input_error("probe.cafile_not_file", path=shown)
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:
        raise input_error("probe.cafile_unreadable", path=shown, reason=_os_reason(exc)) from None
    try:
        ssl.create_default_context(cafile=path)
    except ssl.SSLError as exc:
        reason = str(exc.reason or exc).replace("_", " ").lower()
        raise input_error("probe.cafile_bad", path=shown, reason=reason) from None
    except (OSError, ValueError) as exc:
        raise input_error("probe.cafile_bad", path=shown, reason=str(exc)[:200]) from None


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
