"""Secrets a server echoes back are masked in core, before any renderer sees them (issue 12).

The server (tests/hostile_servers.py ``echo_secrets``) quotes the PLAIN blob, the LOGIN
answers and the XOAUTH2 blob in its 535 reply, then the password it decoded from them.
"""

from __future__ import annotations

import base64
import json

import pytest

from smtp_gui.core.probe.model import MASK, ProbeOptions, TlsMode
from smtp_gui.core.probe.report import probe_report, step_report
from smtp_gui.core.probe.run import run_probe
from smtp_gui.core.probe.secrets import SecretMask
from smtp_gui.core.report.markdown import render_markdown
from smtp_gui.core.report.text import render_text
from tests.hostile_servers import echo_secrets

USER = "alice@example.test"
PASSWORD = "s3cret-Pa55"


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


SECRET_FORMS = [
    PASSWORD,
    b64(PASSWORD),
    b64(f"\0{USER}\0{PASSWORD}"),
    b64(f"user={USER}\x01auth=Bearer {PASSWORD}\x01\x01"),
]


def test_every_form_is_masked_whole() -> None:
    mask = SecretMask(USER, PASSWORD)
    for form in SECRET_FORMS:
        assert mask.mask(f"535 failed for {form} (x)") == f"535 failed for {MASK} (x)"
    assert mask.mask(f"unpadded {b64(PASSWORD).rstrip('=')}.") == f"unpadded {MASK}."
    assert mask.mask("nothing secret here") == "nothing secret here"
    assert not SecretMask() and SecretMask().mask(PASSWORD) == PASSWORD


def test_a_sent_secret_is_learnt_from_its_masked_twin() -> None:
    mask = SecretMask()
    mask.add_sent("AUTH PLAIN QUJDREVG", f"AUTH PLAIN {MASK}")
    mask.add_sent("Y3JhbS1hbnN3ZXI=", MASK)
    assert mask.mask("echo QUJDREVG and Y3JhbS1hbnN3ZXI=") == f"echo {MASK} and {MASK}"


def test_control_characters_in_the_password_are_masked_as_read() -> None:
    """The wire shows ESC as a visible mark; the echoed password is still found."""
    mask = SecretMask(USER, "pw\x1bx")
    assert mask.mask("password was pw\u241bx") == f"password was {MASK}"


@pytest.mark.network
@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN", "XOAUTH2"])
def test_echoed_secrets_never_leave_core(smtp_servers, mechanism: str) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(echo_secrets)
    options = ProbeOptions(
        "127.0.0.1",
        port=server.port,
        tls=TlsMode.NONE,
        auth=mechanism,
        user=USER,
        password=PASSWORD,
        timeout=3.0,
    )
    result = run_probe(options)
    assert result.auth_ok is False
    # The server did echo them: the test would pass vacuously otherwise.
    echoed = b"".join(server.received)
    assert any(form.encode() in echoed for form in SECRET_FORMS[1:])
    final = result.steps[-2].reply  # the 535 (QUIT comes last)
    assert final is not None and final.code == 535 and MASK in final.text
    assert final.enhanced == "5.7.8"
    outputs = {
        "json": json.dumps(result.to_dict("en")),
        "json-zh": json.dumps(result.to_dict("zh"), ensure_ascii=False),
        "transcript": result.transcript("en"),
        "text": render_text(probe_report(result, "en")),
        "text-zh": render_text(probe_report(result, "zh")),
        "markdown": render_markdown(probe_report(result, "en")),
        "steps": "".join(render_text(step_report(step, result, "en")) for step in result.steps),
        "summary": result.result_text("en"),
    }
    for name, text in outputs.items():
        for form in SECRET_FORMS:
            assert form not in text, f"{form!r} in {name}"
    # --reveal shows the transcript as it was, echo included.
    assert PASSWORD in result.transcript("en", reveal=True)
