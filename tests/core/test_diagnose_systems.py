"""Who wrote the bounce is not who refused the mail (issue 14): the diagnosis, its report, its
verdict and ``diagnose --json`` name the reporting and the rejecting system apart, and the
provider's knowledge comes from the rejecting one only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from smtp_gui.core.diagnose.analyse import diagnose
from smtp_gui.core.diagnose.diagnosis import Diagnosis
from smtp_gui.core.diagnose.providers import provider
from smtp_gui.core.diagnose.report import report
from smtp_gui.core.report import Verdict
from smtp_gui.core.report.runs import plain
from smtp_gui.core.report.text import render_text

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus" / "bounces"
GMAIL_REPORTS_POSTFIX = "51-gmail-reports-remote-postfix-spamhaus.eml"
EXCHANGE_REPORTS_REMOTE = "52-exchange-online-reports-remote-spamhaus.txt"
GMAIL_REFUSES_ITSELF = "53-gmail-refuses-gmail-user-unknown.eml"
POSTFIX_BOUNCE = "13-postfix-spamhaus-zen.eml"
GMAIL = "Gmail / Google Workspace"
MICROSOFT = "Microsoft 365 / Outlook.com"


def _case(name: str) -> Diagnosis:
    return diagnose((CORPUS / name).read_bytes())


def _verdict_text(diagnosis: Diagnosis, lang: str) -> str:
    first = report(diagnosis, lang).blocks[0]
    assert isinstance(first, Verdict)
    return plain(first.text, lang)


def _json(name: str, lang: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "smtp_gui", "diagnose", str(CORPUS / name), "--json"]
        + ["--lang", lang],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# The rows of the report name each system in its language.
ROWS = {
    "en": ("Refused by:", "Bounce written by:", "Refused and reported by:"),
    "zh": ("拒收方：", "退信生成方：", "拒收并生成退信："),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_gmail_bounce_quoting_a_remote_postfix_names_the_postfix_as_the_refuser(
    lang: str,
) -> None:
    found = _case(GMAIL_REPORTS_POSTFIX)
    assert found.reported_by.provider == "gmail"
    assert found.reported_by.host == "googlemail.com"
    assert found.rejected_by.provider == ""
    assert found.rejected_by.host == "mx1.acme-widgets.com [198.51.100.20]"
    assert not found.self_reported
    # Gmail's knowledge is not applied to a refusal Gmail did not write.
    assert found.provider == ""
    gmail = provider("gmail")
    assert gmail is not None
    gmail_findings = {rule.finding for rule in gmail.rules if rule.finding}
    assert not gmail_findings & set(found.findings)

    text = render_text(report(found, lang))
    refused, written, both = ROWS[lang]
    assert f"{refused}" in text and f"{written}" in text and both not in text
    refused_line = next(line for line in text.splitlines() if line.startswith(refused))
    assert refused_line.endswith("mx1.acme-widgets.com [198.51.100.20]")
    assert GMAIL not in refused_line
    written_line = next(line for line in text.splitlines() if line.startswith(written))
    assert GMAIL in written_line and "googlemail.com" in written_line
    # The old line that blamed Gmail is gone.
    assert "The reply was written by Gmail" not in text and "该回复来自 Gmail" not in text

    sentence = _verdict_text(found, lang)
    if lang == "en":
        assert sentence.startswith(
            f"The server mx1.acme-widgets.com [198.51.100.20] (reported by {GMAIL}) refused"
        )
    else:
        assert sentence.startswith(
            f"服务器 mx1.acme-widgets.com [198.51.100.20]（退信由 {GMAIL} 生成）拒收了"
        )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_diagnose_json_gains_reported_by_and_rejected_by(lang: str) -> None:
    data = _json(GMAIL_REPORTS_POSTFIX, lang)
    assert data["provider"] is None
    assert data["reported_by"] == {"name": GMAIL, "host": "googlemail.com", "provider": "gmail"}
    host = "mx1.acme-widgets.com [198.51.100.20]"
    assert data["rejected_by"] == {"name": host, "host": host, "provider": None}
    assert data["self_reported"] is False
    for key in ("primary", "replies", "ips", "domains", "emails", "blocklists", "advice"):
        assert key in data  # the DESIGN.md keys stay


def test_a_gmail_paste_without_its_dsn_does_not_make_gmail_the_refuser() -> None:
    """Only the text Gmail shows: the remote server is not named, and it is not Gmail."""
    text = (
        "** Message blocked **\n\n"
        "Your message to bob@acme-widgets.com has been blocked. See technical details below "
        "for more information.\n\n"
        "The response from the remote server was:\n"
        "554 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using "
        "zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.45\n"
    )
    found = diagnose(text)
    assert found.reported_by.provider == "gmail"
    assert not found.rejected_by.known
    assert found.provider == ""
    assert _verdict_text(found, "en").startswith(
        f"The receiving server (reported by {GMAIL}) refused the mail"
    )
    assert _verdict_text(found, "zh").startswith(f"接收服务器（退信由 {GMAIL} 生成）拒收了")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_exchange_ndr_quoting_a_remote_server(lang: str) -> None:
    found = _case(EXCHANGE_REPORTS_REMOTE)
    assert found.reported_by.provider == "microsoft"
    assert found.reported_by.host == "am0pr04mb1234.eurprd04.prod.outlook.com"
    assert found.rejected_by.host == "mx1.acme-widgets.com [198.51.100.20]"
    assert found.provider == ""  # Microsoft's rules are not applied to another's refusal
    text = render_text(report(found, lang))
    refused, written, _both = ROWS[lang]
    assert f"{refused}" in text and MICROSOFT in text.split(written, 1)[1].splitlines()[0]
    sentence = _verdict_text(found, lang)
    assert "mx1.acme-widgets.com [198.51.100.20]" in sentence
    assert sentence.index("mx1.acme-widgets.com") < sentence.index(MICROSOFT)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_postfix_bounce_names_the_senders_postfix_and_the_remote_host(lang: str) -> None:
    found = _case(POSTFIX_BOUNCE)
    assert (found.reported_by.provider, found.reported_by.host) == ("", "mail.example.org")
    assert (found.rejected_by.provider, found.rejected_by.host) == (
        "",
        "mx.example.net [198.51.100.5]",
    )
    text = render_text(report(found, lang))
    refused, written, _both = ROWS[lang]
    lines = text.splitlines()
    assert next(x for x in lines if x.startswith(refused)).endswith("mx.example.net [198.51.100.5]")
    assert next(x for x in lines if x.startswith(written)).endswith("mail.example.org")
    sentence = _verdict_text(found, lang)
    prefix = "The server " if lang == "en" else "服务器 "
    assert sentence.startswith(prefix + "mx.example.net [198.51.100.5]")
    assert "mail.example.org" not in sentence  # the sender's own server only passed it on
    data = _json(POSTFIX_BOUNCE, lang)
    assert data["reported_by"] == {
        "name": "mail.example.org",
        "host": "mail.example.org",
        "provider": None,
    }
    assert data["rejected_by"]["host"] == "mx.example.net [198.51.100.5]"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_gmail_refusing_mail_to_a_gmail_user_is_said_once(lang: str) -> None:
    found = _case(GMAIL_REFUSES_ITSELF)
    assert found.self_reported
    assert found.provider == "gmail"  # here Gmail's knowledge applies
    text = render_text(report(found, lang))
    refused, written, both = ROWS[lang]
    assert text.count(both) == 1
    assert refused not in text.replace(both, "") and written not in text
    sentence = _verdict_text(found, lang)
    assert sentence.startswith(GMAIL) and sentence.count(GMAIL) == 1
    data = _json(GMAIL_REFUSES_ITSELF, lang)
    assert data["self_reported"] is True
    assert data["reported_by"]["provider"] == data["rejected_by"]["provider"] == "gmail"


def test_a_transcript_has_no_reporter() -> None:
    found = diagnose(
        "S: 220 mx.example.net ESMTP\nC: EHLO client.example.org\nS: 250 mx.example.net\n"
        "C: MAIL FROM:<a@example.org>\nS: 250 OK\nC: RCPT TO:<b@example.net>\n"
        "S: 550 5.1.1 <b@example.net>: Recipient address rejected: User unknown\n"
    )
    assert not found.reported_by.known
    assert found.to_dict("en")["reported_by"] is None
