"""The diagnosis' verdict (``core/diagnose/verdict.py``): one sentence that says who refused
the mail, why, whose side must act and the next step, built from the diagnosis' facts, in both
languages, and the first block of the diagnosis report."""

from __future__ import annotations

from pathlib import Path

import pytest

from smtp_gui.core.diagnose.analyse import diagnose
from smtp_gui.core.diagnose.report import report
from smtp_gui.core.diagnose.verdict import verdict
from smtp_gui.core.report import Severity, Verdict
from smtp_gui.core.report.runs import plain

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "bounces"


def _verdict(name: str, lang: str = "en") -> Verdict:
    rep = report(diagnose((CORPUS / name).read_bytes()), lang)
    first = rep.blocks[0]
    assert isinstance(first, Verdict)
    return first


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "02-gmail-5.7.26-unauthenticated-postfix.txt",
            "Gmail / Google Workspace refused the mail because example.org's mail is not "
            "authenticated (no SPF or DKIM pass). The sender's domain must publish SPF and "
            "sign with DKIM.",
        ),
        (
            "25-yahoo-user-unknown.txt",
            "Yahoo / AOL refused the mail because the address no-such-user@yahoo.com does not "
            "exist. The sender must check the recipient's address for typos.",
        ),
        (
            "13-postfix-spamhaus-zen.eml",
            "The server mx.example.net [198.51.100.5] refused the mail because 203.0.113.45 "
            "has a poor reputation or is on a blocklist. The sender must find out why the IP is "
            "listed, fix the cause and ask for delisting.",
        ),
        (
            "10-transcript-auth-login-5.7.139.txt",
            "Microsoft 365 / Outlook.com refused the mail because login over SMTP (SMTP AUTH "
            "with a password) is disabled for the account or its whole organisation. The "
            "sender's mail administrator must enable SMTP AUTH for the mailbox or the "
            "organisation (or the app must sign in with OAuth 2.0); changing the password will "
            "not help.",
        ),
        (
            "39-postfix-starttls-required.txt",
            "Gmail / Google Workspace refused the mail because the connection was not encrypted "
            "as required (TLS). The sender's mail client or server must use TLS (STARTTLS) with "
            "a valid certificate.",
        ),
    ],
)
def test_the_verdict_names_what_happened_who_acts_and_the_next_step(
    name: str, expected: str
) -> None:
    found = _verdict(name)
    assert plain(found.text, "en") == expected
    assert found.severity is Severity.ERROR


def test_a_deferral_says_the_sender_retries_and_is_a_warning() -> None:
    found = _verdict("23-yahoo-tss04-postfix-log.txt")
    text = plain(found.text, "en")
    assert text.startswith("Yahoo / AOL deferred the mail (a temporary failure")
    assert "203.0.113.7 has a poor reputation" in text
    assert found.severity is Severity.WARNING


def test_an_unknown_category_is_named_by_its_code_and_title() -> None:
    text = plain(_verdict("40-version-numbers-not-ips.txt").text, "en")
    assert text.startswith("The receiving server refused the mail because of 550 5.7.1 (")
    assert "The sender must" in text


def test_the_verdict_in_chinese() -> None:
    text = plain(_verdict("02-gmail-5.7.26-unauthenticated-postfix.txt", "zh").text, "zh")
    assert "拒收了这封邮件" in text and "example.org" in text
    assert text.endswith("发件方的域名必须发布 SPF 并使用 DKIM 签名。")


def test_every_corpus_failure_has_a_verdict_that_names_who_must_act() -> None:
    for path in sorted(p for p in CORPUS.iterdir() if p.suffix != ".json"):
        diagnosis = diagnose(path.read_bytes())
        found = verdict(diagnosis, "", "en")
        if diagnosis.primary is None:
            assert found is None, path.name
            continue
        assert found is not None, path.name
        text = plain(found.text, "en")
        assert any(who in text.lower() for who in ("the sender", "the recipient")), (
            path.name,
            text,
        )
        zh = plain(verdict(diagnosis, "", "zh").text, "zh")  # type: ignore[union-attr]
        assert any(who in zh for who in ("发件方", "收件人")), (path.name, zh)


def test_chinese_verdict_spaces_latin_from_chinese() -> None:
    """A host name or a domain next to Chinese words gets a space, as everywhere else in the
    Chinese text ("服务器 mx.example.com [192.0.2.91] 暂缓…", "因为 acme-widgets.com 的邮件")."""
    from pathlib import Path

    from smtp_gui.core.diagnose.analyse import diagnose as run
    from smtp_gui.core.diagnose.report import report as build
    from smtp_gui.core.report.runs import plain

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    for path, words in (
        (corpus / "recipients" / "36-postfix-delay-warning.txt", "[192.0.2.91] 暂缓"),
        (corpus / "bounces" / "54-postfix-gmail-5.7.26-acme-widgets.txt", "因为 acme-widgets.com"),
    ):
        found = build(run(path.read_bytes()), "zh").blocks[0]
        assert words in plain(found.text, "zh")  # type: ignore[attr-defined]
