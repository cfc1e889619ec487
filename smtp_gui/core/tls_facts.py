"""TLS as the probe saw it: version, cipher, the server's certificate, and whether it validates.

Validation is OpenSSL's, through ``ssl.create_default_context()``: the chain up to a trusted
root and the host name (RFC 6125 6; RFC 7817 for mail). The certificate itself is read with
``cryptography`` so that its facts are available even when it does not validate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ssl
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.x509.oid import ExtensionOID, NameOID


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
    self_signed: bool

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
    """Facts of a DER certificate; None when it cannot be parsed."""
    try:
        cert = x509.load_der_x509_certificate(der)
    except ValueError:
        return None
    names: list[str] = []
    try:
        san = cert.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME).value
    except (x509.ExtensionNotFound, ValueError):
        san = None
    if isinstance(san, x509.SubjectAlternativeName):
        names.extend(san.get_values_for_type(x509.DNSName))
        names.extend(str(ip) for ip in san.get_values_for_type(x509.IPAddress))
    try:
        cn_attrs = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        common_name = str(cn_attrs[0].value) if cn_attrs else None
        subject = cert.subject.rfc4514_string()
        issuer = cert.issuer.rfc4514_string()
    except ValueError:
        common_name, subject, issuer = None, "?", "?"
    return CertificateFacts(
        subject=subject,
        common_name=common_name,
        issuer=issuer,
        names=tuple(names),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        serial=format(cert.serial_number, "x"),
        sha256=hashlib.sha256(der).hexdigest(),
        self_signed=cert.subject == cert.issuer,
    )


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
