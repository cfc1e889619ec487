"""A certificate ``cryptography`` cannot read (issue 12): the probe reports it and goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smtp_gui.core.probe.model import ProbeOptions, ProbeOutcome, StepKind, TlsMode
from smtp_gui.core.probe.run import run_probe
from tests.hostile_servers import starttls_with, tls_server_context, unreadable_subject_certificate

pytestmark = pytest.mark.network


@pytest.mark.parametrize("validate", [True, False])
def test_probe_goes_on_with_a_finding(smtp_servers, tmp_path: Path, validate: bool) -> None:  # type: ignore[no-untyped-def]
    cert, key = unreadable_subject_certificate(tmp_path)
    server = smtp_servers.scripted(starttls_with(tls_server_context(cert, key)))
    options = ProbeOptions(
        "127.0.0.1",
        port=server.port,
        tls=TlsMode.STARTTLS,
        timeout=3.0,
        ca_file=str(cert) if validate else None,
        insecure=not validate,
    )
    result = run_probe(options)
    assert result.outcome is ProbeOutcome.CONNECTED, result.result_text("en")
    assert result.tls is not None and result.tls.certificate is not None
    assert result.tls.valid is validate  # OpenSSL validated it (with the CA file)
    # Without a CA file the first handshake fails validation and the probe reconnects.
    tls_step = [step for step in result.steps if step.kind is StepKind.TLS][-1]
    notes = [note.text("en") for note in tls_step.notes]
    assert any(n.startswith("The certificate's subject could not be read") for n in notes)
    assert "could not be read" in result.transcript("en")
    data = json.loads(json.dumps(result.to_dict("zh"), ensure_ascii=False))
    assert data["tls"]["certificate"]["unreadable"]["subject"] == "ASN.1 InvalidValue"
    assert any("无法读取证书的使用者" in note for step in data["steps"] for note in step["notes"])
