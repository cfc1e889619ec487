"""Certificate facts read with cryptography."""

from __future__ import annotations

import datetime as dt
import ssl
from pathlib import Path

from smtp_gui.core.tls_facts import client_context, read_certificate
from tests.smtpserver import make_certificate


def test_certificate_facts(tmp_path: Path) -> None:
    cert_path, _key = make_certificate(tmp_path, ("mx.example.test", "192.0.2.25"), "mx")
    der = ssl.PEM_cert_to_DER_cert(cert_path.read_text())
    facts = read_certificate(der)
    assert facts is not None
    assert facts.subject == "CN=mx" and facts.common_name == "mx" and facts.self_signed
    assert facts.names == ("mx.example.test", "192.0.2.25")
    assert 28 <= facts.days_left() <= 30 and not facts.expired()
    later = facts.not_after + dt.timedelta(days=1)
    assert facts.expired(later) and facts.to_dict(later)["expired"] is True
    assert len(facts.sha256) == 64


def test_unparsable_certificate() -> None:
    assert read_certificate(b"not a certificate") is None


def test_contexts() -> None:
    assert client_context(True).verify_mode is ssl.CERT_REQUIRED
    insecure = client_context(False)
    assert insecure.verify_mode is ssl.CERT_NONE and not insecure.check_hostname
