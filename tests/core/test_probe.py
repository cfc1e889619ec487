"""The probe against real SMTP servers on 127.0.0.1 (aiosmtpd and scripted misbehaving ones)."""

from __future__ import annotations

import base64
import json
import threading
import time

import pytest

from smtp_gui.core.dns.config import resolver_config
from smtp_gui.core.probe.input import checked_options
from smtp_gui.core.probe.model import (
    MxMode,
    ProbeOptions,
    ProbeOutcome,
    ProbeResult,
    ProbeStep,
    StepKind,
    TlsMode,
)
from smtp_gui.core.probe.run import run_probe
from smtp_gui.core.text.errors import InputError
from tests.smtpserver import (
    CRAM_CHALLENGE,
    PASSWORD,
    TOKEN,
    UNKNOWN_RCPT,
    USER,
    drop_after_ehlo,
    free_port,
    garbage,
    greet_554,
    helo_only,
    reset_after_ehlo,
    silent,
)

pytestmark = pytest.mark.network

SENDER = "bob@example.test"
RCPT = "carol@example.test"


def _kinds(result: ProbeResult) -> list[str]:
    return [str(step.kind) for step in result.steps]


def _step(result: ProbeResult, kind: StepKind) -> ProbeStep:
    return next(step for step in result.steps if step.kind is kind)


def _options(port: int, **kwargs: object) -> ProbeOptions:
    kwargs.setdefault("timeout", 3.0)
    return ProbeOptions("127.0.0.1", port=port, **kwargs)  # type: ignore[arg-type]


def test_plain_server_accepts_the_recipient(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd()
    result = run_probe(_options(server.port, mail_from=SENDER, rcpt_to=RCPT))
    assert result.outcome is ProbeOutcome.ACCEPTED and result.ok
    assert _kinds(result) == ["connect", "greeting", "ehlo", "mail", "rcpt", "rset", "quit"]
    assert result.address == "127.0.0.1" and result.family == "IPv4"
    assert [s.reply.code for s in result.steps if s.reply] == [220, 250, 250, 250, 250, 221]
    assert _step(result, StepKind.RCPT).reply.enhanced == "2.1.5"  # type: ignore[union-attr]
    assert {"SIZE", "8BITMIME", "SMTPUTF8"} <= {c.keyword for c in result.capabilities}
    assert result.tls is None
    text = result.result_text("en")
    assert "127.0.0.1 accepts mail for <carol@example.test> from <bob@example.test>" in text
    assert "not encrypted: the server does not offer STARTTLS" in text
    assert "接受从 <bob@example.test> 发往 <carol@example.test> 的邮件" in result.result_text("zh")
    assert not server.handler.data_seen  # never DATA


def test_json_contract(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd(starttls=True)
    cert, _key = smtp_servers.certificate
    result = run_probe(_options(server.port, mail_from=SENDER, rcpt_to=RCPT, ca_file=str(cert)))
    data = json.loads(json.dumps(result.to_dict("en")))
    assert {"steps", "tls", "capabilities", "result"} <= set(data)
    for step in data["steps"]:
        assert {"command", "reply_code", "enhanced", "text", "ms"} <= set(step)
        assert step["ms"] >= 0
    assert {"version", "cipher", "valid", "subject", "issuer", "names", "not_after"} <= set(
        data["tls"]
    )
    keywords = [cap["keyword"] for cap in data["capabilities"]]
    assert "SIZE" in keywords and all(cap["explanation"] for cap in data["capabilities"])
    assert data["outcome"] == "accepted" and data["ok"] is True


def test_starttls_with_a_trusted_certificate(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd(starttls=True)
    cert, _key = smtp_servers.certificate
    result = run_probe(_options(server.port, mail_from=SENDER, rcpt_to=RCPT, ca_file=str(cert)))
    assert result.outcome is ProbeOutcome.ACCEPTED
    assert _kinds(result)[:6] == ["connect", "greeting", "ehlo", "starttls", "tls", "ehlo"]
    tls = result.tls
    assert tls is not None and tls.valid is True and tls.version.startswith("TLSv1.")
    assert tls.certificate is not None
    assert tls.certificate.subject == "CN=mail.test" and tls.certificate.self_signed
    assert set(tls.certificate.names) == {"localhost", "127.0.0.1"}
    assert tls.certificate.days_left() >= 28
    transcript = result.transcript("en")
    assert " -> STARTTLS" in transcript and "<-  220" in transcript
    assert " ~> MAIL FROM:<bob@example.test>" in transcript and "<~  250" in transcript
    text = result.result_text("en")
    assert "encrypted with STARTTLS" in text and "certificate is valid for 127.0.0.1" in text


def test_untrusted_certificate_stops_unless_asked(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd(starttls=True)
    stopped = run_probe(_options(server.port, mail_from=SENDER, rcpt_to=RCPT))
    assert stopped.outcome is ProbeOutcome.CERT_INVALID and not stopped.ok
    assert stopped.steps[-1].kind is StepKind.TLS and stopped.steps[-1].error is not None
    assert "self" in stopped.result_text("en") and "does not validate" in stopped.result_text("en")
    assert "证书验证失败" in stopped.result_text("zh")

    went_on = run_probe(_options(server.port, mail_from=SENDER, rcpt_to=RCPT, insecure=True))
    assert went_on.outcome is ProbeOutcome.ACCEPTED
    assert went_on.tls is not None and went_on.tls.valid is False
    assert "self" in (went_on.tls.validation_error or "")
    assert went_on.to_dict("en")["tls"]["valid"] is False
    assert "continued without validation" in went_on.result_text("en")


def test_starttls_required_but_not_offered(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd()
    result = run_probe(_options(server.port, tls=TlsMode.STARTTLS, mail_from=SENDER))
    assert result.outcome is ProbeOutcome.STARTTLS_UNAVAILABLE
    assert StepKind.MAIL not in {s.kind for s in result.steps}
    assert result.steps[-1].kind is StepKind.QUIT


def test_implicit_tls(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd(implicit=True)
    cert, _key = smtp_servers.certificate
    result = run_probe(_options(server.port, tls=TlsMode.IMPLICIT, rcpt_to=RCPT, ca_file=str(cert)))
    assert result.outcome is ProbeOutcome.ACCEPTED
    assert _kinds(result)[:3] == ["connect", "tls", "greeting"]
    assert result.tls is not None and result.tls.implicit
    assert all(line.tls for line in result.lines() if line.direction == "received")
    assert "implicit TLS" in result.result_text("en")
    assert "MAIL FROM:<>" in result.transcript("en")  # no sender given: the null path


@pytest.mark.parametrize(
    ("mechanism", "secret"),
    [
        ("PLAIN", PASSWORD),
        ("LOGIN", PASSWORD),
        ("CRAM-MD5", PASSWORD),
        ("XOAUTH2", TOKEN),
    ],
)
def test_auth_succeeds_and_secrets_stay_masked(smtp_servers, mechanism, secret) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd(starttls=True, auth=True)
    cert, _key = smtp_servers.certificate
    options = _options(
        server.port,
        auth=mechanism,
        user=USER,
        password=secret,
        ca_file=str(cert),
        mail_from=SENDER,
        rcpt_to=RCPT,
    )
    result = run_probe(options)
    assert result.outcome is ProbeOutcome.ACCEPTED, result.result_text("en")
    assert result.auth_ok is True
    assert f"AUTH {mechanism} succeeded" in result.result_text("en")
    assert f"AUTH {mechanism} 认证成功" in result.result_text("zh")
    auth_steps = [s for s in result.steps if s.kind is StepKind.AUTH]
    assert auth_steps[-1].reply is not None and auth_steps[-1].reply.code == 235
    encodings = _secret_forms(secret)
    for lang in ("en", "zh"):
        masked = json.dumps(result.to_dict(lang), ensure_ascii=False) + result.transcript(lang)
        assert not any(form in masked for form in encodings), mechanism
        assert "********" in masked
    revealed = json.dumps(result.to_dict("en", reveal=True)) + result.transcript("en", True)
    assert any(form in revealed for form in _wire_forms(mechanism, secret))
    assert secret not in repr(options) and secret not in repr(result)


def _secret_forms(secret: str) -> list[str]:
    """The secret and the Base64 of every message it could be part of."""
    forms = [secret, base64.b64encode(secret.encode()).decode()]
    forms.append(base64.b64encode(f"\0{USER}\0{secret}".encode()).decode())
    forms.append(base64.b64encode(f"user={USER}\x01auth=Bearer {secret}\x01\x01".encode()).decode())
    return forms


def _wire_forms(mechanism: str, secret: str) -> list[str]:
    if mechanism == "CRAM-MD5":
        import hashlib
        import hmac

        digest = hmac.new(secret.encode(), CRAM_CHALLENGE, hashlib.md5).hexdigest()
        return [base64.b64encode(f"{USER} {digest}".encode()).decode()]
    return _secret_forms(secret)[1:]


def test_login_challenges_are_decoded(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd(starttls=True, auth=True)
    cert, _key = smtp_servers.certificate
    result = run_probe(
        _options(server.port, auth="LOGIN", user=USER, password=PASSWORD, ca_file=str(cert))
    )
    challenges = [s for s in result.steps if s.reply is not None and s.reply.code == 334]
    assert [s.decoded for s in challenges] == ["User Name␀", "Password␀"]
    assert "The challenge decodes to: Password␀" in result.transcript("en")
    assert USER in result.transcript("en") or base64.b64encode(USER.encode()).decode() in (
        result.transcript("en")
    )


def test_wrong_password_fails(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd(starttls=True, auth=True)
    cert, _key = smtp_servers.certificate
    result = run_probe(
        _options(
            server.port,
            auth="PLAIN",
            user=USER,
            password="wrong",
            ca_file=str(cert),
            mail_from=SENDER,
        )
    )
    assert result.outcome is ProbeOutcome.AUTH_FAILED and result.auth_ok is False
    assert "AUTH PLAIN failed: 535 5.7.8" in result.result_text("en")
    assert StepKind.MAIL not in {s.kind for s in result.steps}


def test_xoauth2_error_challenge_is_answered(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd(starttls=True, auth=True)
    cert, _key = smtp_servers.certificate
    result = run_probe(
        _options(server.port, auth="XOAUTH2", user=USER, password="expired", ca_file=str(cert))
    )
    assert result.outcome is ProbeOutcome.AUTH_FAILED
    auth = [s for s in result.steps if s.kind is StepKind.AUTH]
    assert [s.reply.code for s in auth if s.reply] == [334, 535]
    assert auth[0].decoded is not None and '"status":"400"' in auth[0].decoded
    assert auth[1].command == ""  # the empty answer XOAUTH2 wants


def test_no_credentials_in_the_clear(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd(auth=True, auth_require_tls=False)
    options = _options(server.port, auth="PLAIN", user=USER, password=PASSWORD)
    refused = run_probe(options)
    assert refused.outcome is ProbeOutcome.AUTH_NEEDS_TLS
    assert StepKind.AUTH not in {s.kind for s in refused.steps}
    chosen = run_probe(
        _options(server.port, auth="PLAIN", user=USER, password=PASSWORD, tls=TlsMode.NONE)
    )
    assert chosen.outcome is ProbeOutcome.CONNECTED and chosen.auth_ok is True
    assert "not encrypted (TLS mode: none)" in chosen.result_text("en")


def test_mechanism_not_offered(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd(starttls=True)
    cert, _key = smtp_servers.certificate
    result = run_probe(
        _options(server.port, auth="PLAIN", user=USER, password=PASSWORD, ca_file=str(cert))
    )
    assert result.outcome is ProbeOutcome.AUTH_UNAVAILABLE
    assert "offers no AUTH at all" in result.result_text("en")


def test_recipient_rejected_with_550_5_1_1(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd()
    result = run_probe(_options(server.port, mail_from=SENDER, rcpt_to=UNKNOWN_RCPT))
    assert result.outcome is ProbeOutcome.RECIPIENT_REJECTED and not result.ok
    rcpt = _step(result, StepKind.RCPT)
    assert rcpt.reply is not None and rcpt.code == "550 5.1.1"
    assert result.last_reply is rcpt.reply
    assert _kinds(result)[-2:] == ["rset", "quit"]
    text = result.result_text("en")
    assert "rejects the recipient <nobody@example.test>: 550 5.1.1" in text
    assert "拒绝了收件人" in result.result_text("zh")


def test_rejection_greeting(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(greet_554)
    result = run_probe(_options(server.port, mail_from=SENDER, rcpt_to=RCPT))
    assert result.outcome is ProbeOutcome.GREETING_REJECTED
    greeting = _step(result, StepKind.GREETING)
    assert greeting.reply is not None and greeting.code == "554 5.7.1"
    assert any("rejection greeting" in n.text("en") for n in greeting.notes)
    assert "rejection greeting" in result.result_text("en")
    assert "拒绝问候" in result.result_text("zh")
    assert _kinds(result) == ["connect", "greeting", "quit"]
    assert server.received and server.received[0].startswith(b"QUIT")


def test_silent_server_ends_at_the_timeout(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(silent)
    started = time.monotonic()
    result = run_probe(_options(server.port, timeout=0.5))
    elapsed = time.monotonic() - started
    assert result.outcome is ProbeOutcome.TIMEOUT
    assert 0.45 <= elapsed < 2.0
    assert "sent no greeting within 0.5 s" in result.result_text("en")
    assert "implicit TLS" in result.result_text("en")  # the usual cause on port 465
    assert "0.5 秒内没有发送问候语" in result.result_text("zh")


def test_garbage_is_its_own_outcome(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(garbage)
    result = run_probe(_options(server.port))
    assert result.outcome is ProbeOutcome.GARBAGE
    assert "does not speak SMTP" in result.result_text("en")
    transcript = result.transcript("en")
    assert "\x1b" not in transcript and "\x16" not in transcript
    assert "␛[31m<b>x</b><img src=y>" in transcript


def test_connection_dropped_after_ehlo(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(drop_after_ehlo)
    result = run_probe(_options(server.port, mail_from=SENDER))
    assert result.outcome is ProbeOutcome.CLOSED
    assert result.steps[-1].kind is StepKind.EHLO and result.steps[-1].error is not None
    assert "closed the connection after EHLO without answering" in result.result_text("en")
    assert "收到 EHLO 后未作回复就关闭了连接" in result.result_text("zh")


def test_connection_reset_is_its_own_outcome(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(reset_after_ehlo)
    result = run_probe(_options(server.port))
    assert result.outcome is ProbeOutcome.RESET
    assert "reset the connection after EHLO" in result.result_text("en")
    assert "重置了连接" in result.result_text("zh")


def test_tls_failure_on_a_plain_port(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd()
    result = run_probe(_options(server.port, tls=TlsMode.IMPLICIT))
    assert result.outcome is ProbeOutcome.TLS_FAILED
    assert result.steps[-1].kind is StepKind.TLS and result.steps[-1].error is not None
    text = result.result_text("en")
    assert "TLS handshake with 127.0.0.1 failed" in text and "choose STARTTLS" in text
    assert "TLS 握手失败" in result.result_text("zh")


def test_helo_when_ehlo_is_not_known(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(helo_only)
    result = run_probe(_options(server.port, mail_from=SENDER, rcpt_to=RCPT))
    assert result.outcome is ProbeOutcome.ACCEPTED
    assert _kinds(result)[:4] == ["connect", "greeting", "ehlo", "helo"]
    assert result.capabilities == ()
    helo = _step(result, StepKind.HELO)
    assert any("falls back to HELO" in note.text("en") for note in helo.notes)


def test_connection_refused() -> None:
    result = run_probe(_options(free_port()))
    assert result.outcome is ProbeOutcome.REFUSED
    assert _kinds(result) == ["connect"]
    assert "refused the connection" in result.result_text("en")
    assert "拒绝了" in result.result_text("zh")


def test_cancel_stops_a_hanging_probe(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.scripted(silent)
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    result = run_probe(_options(server.port, timeout=30), cancel=cancel)
    assert result.outcome is ProbeOutcome.CANCELLED
    assert time.monotonic() - started < 2


def test_each_step_is_streamed_as_it_happens(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd()
    seen: list[ProbeStep] = []
    result = run_probe(_options(server.port, rcpt_to=RCPT), on_step=seen.append)
    assert seen == list(result.steps)
    assert [s.index for s in seen] == list(range(len(seen)))
    assert all(line.step == step.index for step in seen for line in step.lines)


def test_domain_goes_to_its_mx_host(smtp_servers, dns_server) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd()  # tests/zones/probe.test.zone has the MX records
    result = run_probe(
        ProbeOptions(
            "probe.test",
            port=server.port,
            mx=MxMode.YES,
            timeout=3,
            resolver=resolver_config(dns_server.nameserver, 3),
            rcpt_to=RCPT,
        )
    )
    assert result.outcome is ProbeOutcome.ACCEPTED
    assert result.host == "mx.probe.test" and result.mx_hosts == (
        "mx.probe.test",
        "backup.probe.test",
    )
    assert "mail for probe.test goes to mx.probe.test (MX preference 10)" in (
        result.result_text("en")
    )


def test_next_mx_host_when_the_first_refuses(smtp_servers, dns_server) -> None:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd()
    result = run_probe(
        ProbeOptions(
            "two.probe.test",
            port=server.port,
            mx=MxMode.YES,
            timeout=3,
            resolver=resolver_config(dns_server.nameserver, 3),
        )
    )
    assert result.outcome is ProbeOutcome.CONNECTED and result.host == "up.probe.test"
    connects = [s for s in result.steps if s.kind is StepKind.CONNECT]
    assert len(connects) == 2 and connects[0].error is not None


def test_null_mx(dns_server) -> None:  # type: ignore[no-untyped-def]
    result = run_probe(
        ProbeOptions(
            "nomail.probe.test",
            port=25,
            timeout=3,
            resolver=resolver_config(dns_server.nameserver, 3),
        )
    )
    assert result.outcome is ProbeOutcome.NULL_MX
    assert "null MX" in result.result_text("en") and "RFC 7505" in result.result_text("en")
    assert result.result_text("en").endswith("nothing to probe.")  # not "..": issue 12
    assert result.result_text("zh").endswith("无可探测。")


def test_mx_lookup_failure_is_one_sentence(dns_server) -> None:  # type: ignore[no-untyped-def]
    """Issue 12: the MX failure message ended in ".." (and "。。" in Chinese)."""
    dns_server.behave("probe.test", drop=True)
    result = run_probe(
        ProbeOptions(
            "probe.test", timeout=0.5, resolver=resolver_config(dns_server.nameserver, 0.5)
        )
    )
    assert result.result_text("en") == (
        "Could not look up the MX records of probe.test (no answer in time)."
    )
    # The reason is in the reader's language, not dnspython's word for it.
    assert result.result_text("zh") == "无法查询 probe.test 的 MX 记录（查询超时）。"


@pytest.mark.parametrize("nameserver", ["224.0.0.1", "255.255.255.255", "0.0.0.0:53", "::"])
def test_probe_refuses_a_nameserver_that_is_not_one(nameserver: str) -> None:
    """The probe's resolver is made by the one function every nameserver typed anywhere
    goes through (the window's checks pane, the CLI): refused before any packet."""
    with pytest.raises(InputError) as caught:
        checked_options(ProbeOptions("probe.test", resolver=resolver_config(nameserver, 3)))
    assert caught.value.key and caught.value.key.startswith("resolver.")


def test_a_long_bad_value_is_echoed_short_in_every_language() -> None:
    """An input error repeats at most 100 characters of the input, with an ellipsis, in the
    window as on the command line (the cut used to be silent and CLI-only)."""
    with pytest.raises(InputError) as caught:
        checked_options(ProbeOptions("127.0.0.1", rcpt_to="x" * 5000))
    assert caught.value.key == "probe.bad_address"
    for lang in ("en", "zh"):
        text = caught.value.text(lang)
        assert "x" * 99 + "\u2026" in text and "x" * 100 not in text


@pytest.mark.parametrize(
    ("options", "key"),
    [
        (
            ProbeOptions("127.0.0.1", mail_from="a@b.test\r\nRCPT TO:<x@y>"),
            "probe.control_character",
        ),
        (ProbeOptions("127.0.0.1", port=0), "probe.bad_port"),
        (ProbeOptions("127.0.0.1", timeout=0), "probe.bad_timeout"),
        (ProbeOptions(""), "probe.target_empty"),
        (ProbeOptions("bad host name"), "probe.bad_target"),
        (ProbeOptions("127.0.0.1", rcpt_to="not-an-address"), "probe.bad_address"),
        (ProbeOptions("127.0.0.1", auth="PLAIN", password="x"), "probe.auth_needs_user"),
        (ProbeOptions("127.0.0.1", auth="PLAIN", user="u"), "probe.auth_needs_password"),
        (ProbeOptions("127.0.0.1", auth="GSSAPI", user="u", password="p"), "probe.bad_mechanism"),
        (ProbeOptions("127.0.0.1", helo="two words"), "probe.bad_helo"),
    ],
)
def test_bad_options_are_refused_before_connecting(options: ProbeOptions, key: str) -> None:
    with pytest.raises(InputError) as caught:
        run_probe(options)
    assert caught.value.key == key
    assert caught.value.text("zh") != caught.value.text("en")
