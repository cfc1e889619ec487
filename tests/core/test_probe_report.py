"""The probe's reports (issue 13), built from real probes of servers on 127.0.0.1: one
layout for the CLI, the pane's details and Copy transcript; secrets masked unless asked."""

from __future__ import annotations

import base64

import pytest

from smtp_gui.core.probe.model import MASK, ProbeOptions, ProbeResult, StepKind
from smtp_gui.core.probe.report import probe_report, step_lines, step_report, steps_report
from smtp_gui.core.probe.run import run_probe
from smtp_gui.core.report.model import Code, Heading, Paragraph, Verdict
from smtp_gui.core.report.runs import plain
from smtp_gui.core.report.text import render_text
from tests.smtpserver import PASSWORD, UNKNOWN_RCPT, USER

pytestmark = pytest.mark.network


def _probe(smtp_servers, **options: object) -> ProbeResult:  # type: ignore[no-untyped-def]
    server = smtp_servers.aiosmtpd(starttls=True, auth=True)
    cert, _key = smtp_servers.certificate
    return run_probe(
        ProbeOptions("127.0.0.1", port=server.port, timeout=3.0, ca_file=str(cert), **options)  # type: ignore[arg-type]
    )


def test_the_transcript_block_is_the_streamed_lines(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    result = _probe(smtp_servers, mail_from="a@b.test", rcpt_to=UNKNOWN_RCPT)
    for lang in ("en", "zh"):
        report = probe_report(result, lang)
        code = [block for block in report.blocks if isinstance(block, Code)]
        assert len(code) == 1
        streamed = [line for step in result.steps for line in step_lines(step, lang)]
        assert [plain(line, lang) for line in code[0].lines] == streamed
        assert streamed == result.transcript(lang).split("\n")  # what --json calls "line"
        without = probe_report(result, lang, with_transcript=False)
        assert not any(isinstance(block, Code) for block in without.blocks)
        assert without.blocks == tuple(
            b for b in report.blocks if b is not code[0] and not _is_transcript_heading(b, lang)
        )


def _is_transcript_heading(block: object, lang: str) -> bool:
    return isinstance(block, Heading) and plain(block.text, lang) in ("Transcript", "会话记录")


def test_the_verdict_comes_first_and_the_decisive_reply_is_explained(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    result = _probe(smtp_servers, mail_from="a@b.test", rcpt_to=UNKNOWN_RCPT)
    report = probe_report(result, "en")
    first = report.blocks[0]
    assert isinstance(first, Verdict)
    # What happened, then whose side acts: the diagnosis of the refusing reply says it.
    sentence = plain(first.text, "en")
    assert sentence.startswith(result.result_text("en"))
    assert sentence.endswith("The sender must check the recipient's address for typos.")
    zh = plain(probe_report(result, "zh").blocks[0].text, "zh")  # type: ignore[attr-defined]
    assert zh.startswith(result.result_text("zh")) and zh.endswith("是否有拼写错误。")
    text = render_text(report)
    assert text.startswith("Probe result\n============\n\n\u2716 127.0.0.1 rejects the recipient")
    assert "What 550 5.1.1 means\n" in text and "How to fix: " in text
    assert "Validates for 127.0.0.1: yes" in text and "Subject:" in text
    zh = render_text(probe_report(result, "zh"))
    assert "550 5.1.1 的含义" in zh and "端口：" in zh and "服务器扩展" in zh


def test_secrets_are_masked_unless_revealed(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    result = _probe(smtp_servers, auth="PLAIN", user=USER, password=PASSWORD)
    assert result.auth_ok is True
    blob = base64.b64encode(f"\0{USER}\0{PASSWORD}".encode()).decode()
    masked = probe_report(result, "en")
    text = render_text(masked)
    assert f"AUTH PLAIN {MASK}" in text and blob not in text and PASSWORD not in text
    assert isinstance(masked.blocks[-1], Paragraph)  # "Secrets are masked; --reveal ..."
    assert "Secrets are masked" in text
    revealed = render_text(probe_report(result, "en", reveal=True))
    assert f"AUTH PLAIN {blob}" in revealed and "Secrets are masked" not in revealed
    auth = next(step for step in result.steps if step.kind is StepKind.AUTH)
    assert blob not in render_text(step_report(auth, result, "en"))
    assert blob not in render_text(steps_report(result.steps, "en"))


def test_step_reports(smtp_servers) -> None:  # type: ignore[no-untyped-def]
    result = _probe(smtp_servers, mail_from="a@b.test", rcpt_to=UNKNOWN_RCPT)
    by_kind = {step.kind: step for step in reversed(result.steps)}  # the first of each kind
    ehlo = render_text(step_report(by_kind[StepKind.EHLO], result, "en"))
    assert ehlo.startswith("EHLO [127.0.0.1]\n") and "Capabilities\n" in ehlo
    assert "\nSTARTTLS  " in ehlo and "Reply: 250-mail.test\n" in ehlo  # offered before TLS
    tls = render_text(step_report(by_kind[StepKind.TLS], result, "zh"))
    assert tls.startswith("TLS 握手\n") and "版本与加密套件：" in tls
    greeting = render_text(step_report(by_kind[StepKind.GREETING], None, "en"))
    assert greeting.startswith("Greeting\n") and "Reply: 220 mail.test" in greeting
