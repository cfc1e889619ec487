"""Certificate facts read with cryptography."""

from __future__ import annotations

import datetime as dt
import os
import ssl
from pathlib import Path

import pytest

from smtp_gui.core.probe.tls_facts import check_ca_file, client_context, read_certificate
from smtp_gui.core.text.errors import InputError
from tests.hostile_servers import unreadable_subject_certificate
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


# -- issue 12: what cryptography cannot read, and CA files checked before any packet ---------
def test_unreadable_subject_becomes_a_finding(tmp_path: Path) -> None:
    cert_path, _key = unreadable_subject_certificate(tmp_path)
    facts = read_certificate(ssl.PEM_cert_to_DER_cert(cert_path.read_text()))
    assert facts is not None
    assert facts.subject == "?" and facts.issuer == "?" and facts.self_signed is None
    assert facts.names == ("127.0.0.1",)  # what can be read still is
    assert dict(facts.unreadable) == {
        "subject": "ASN.1 InvalidValue",
        "issuer": "ASN.1 InvalidValue",
    }
    en = [note.text("en") for note in facts.findings()]
    zh = [note.text("zh") for note in facts.findings()]
    assert en[0].startswith("The certificate's subject could not be read: ASN.1 InvalidValue")
    assert zh[0].startswith("无法读取证书的使用者：ASN.1 InvalidValue")
    assert facts.to_dict()["unreadable"]["subject"] == "ASN.1 InvalidValue"


def _fifo(tmp_path: Path) -> str:
    path = tmp_path / "fifo"
    os.mkfifo(path)
    return str(path)


@pytest.mark.parametrize(
    ("make", "key"),
    [
        (lambda tmp: str(tmp / "missing.pem"), "probe.cafile_missing"),
        (lambda tmp: str(tmp), "probe.cafile_not_file"),
        (lambda tmp: "/dev/null", "probe.cafile_not_file"),
        (_fifo, "probe.cafile_not_file"),  # refused without being opened: no hang
        (lambda tmp: _write(tmp / "empty.pem", b""), "probe.cafile_bad"),
        (lambda tmp: _write(tmp / "junk.pem", b"\x00\xffnot pem"), "probe.cafile_bad"),
    ],
)
def test_bad_ca_files_are_refused(tmp_path: Path, make, key: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as caught:
        check_ca_file(make(tmp_path))
    assert caught.value.key == key
    assert "\n" not in caught.value.text("en") and caught.value.text("zh")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_ca_file(tmp_path: Path) -> None:
    cert_path, _key = make_certificate(tmp_path)
    cert_path.chmod(0)
    with pytest.raises(InputError) as caught:
        check_ca_file(str(cert_path))
    assert caught.value.key == "probe.cafile_unreadable"


def test_good_ca_file(tmp_path: Path) -> None:
    cert_path, _key = make_certificate(tmp_path)
    check_ca_file(str(cert_path))


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)
