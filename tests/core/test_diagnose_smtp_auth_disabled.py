"""Microsoft 365 refusing SMTP AUTH because it is switched off (issue 14): the diagnosis leads
with "an administrator must enable SMTP AUTH", never with "check the password". The rule is
keyed on the refusing system being Microsoft and on the code and wording, not on one string."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from smtp_gui.core.diagnose.analyse import diagnose
from smtp_gui.core.diagnose.diagnosis import Diagnosis
from smtp_gui.core.diagnose.report import report
from smtp_gui.core.report import Verdict
from smtp_gui.core.report.runs import plain
from smtp_gui.core.text.messages import message_text

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus" / "bounces"

TENANT_DISABLED = (
    "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the "
    "Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.\n"
)
BASIC_DISABLED = (
    "535 5.7.3 Authentication unsuccessful, basic authentication is disabled. "
    "[BN0PR04CA0057.namprd04.prod.outlook.com 2024-03-04T10:00:01.234Z 08DC3C1234567890]\n"
)
WRONG_PASSWORD = (
    "535 5.7.3 Authentication unsuccessful "
    "[BN0PR04CA0057.namprd04.prod.outlook.com 2024-03-04T10:00:01.234Z 08DC3C1234567890]\n"
)
# What "wrong credentials" looks like in each language, where the diagnosis must not lead.
CHECK_PASSWORD = {lang: message_text("diagnose.advice.credentials", lang) for lang in ("en", "zh")}
WONT_HELP = {"en": "will not help", "zh": "修改密码没有用"}


def _verdict(diagnosis: Diagnosis, lang: str) -> str:
    first = report(diagnosis, lang).blocks[0]
    assert isinstance(first, Verdict)
    return plain(first.text, lang)


def _cli(text: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "smtp_gui", "diagnose", "-", *args],
        cwd=ROOT,
        input=text.encode(),
        capture_output=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "paste",
    [
        TENANT_DISABLED,
        (CORPUS / "10-transcript-auth-login-5.7.139.txt").read_text(encoding="utf-8"),
    ],
    ids=["single-line", "transcript"],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_smtp_auth_disabled_for_the_tenant_leads_with_the_admin(paste: str, lang: str) -> None:
    found = diagnose(paste)
    assert found.rejected_by.provider == "microsoft"
    assert "auth_disabled" in found.tags
    first_finding = found.findings[0].get(lang)
    assert "SmtpClientAuthenticationDisabled" in first_finding
    assert WONT_HELP[lang] in first_finding
    first_step = found.advice[0].note.get(lang)
    assert "Set-CASMailbox" in first_step and WONT_HELP[lang] in first_step
    assert all(item.note.get(lang) != CHECK_PASSWORD[lang] for item in found.advice)
    sentence = _verdict(found, lang)
    assert WONT_HELP[lang] in sentence
    assert message_text("diagnose.verdict.reason.credentials", lang) not in sentence


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_basic_authentication_disabled_says_oauth_or_the_admin(lang: str) -> None:
    found = diagnose(BASIC_DISABLED)
    assert found.rejected_by.provider == "microsoft"
    assert "auth_disabled" in found.tags
    assert "AllowBasicAuthSmtp" in found.findings[0].get(lang)
    first_step = found.advice[0].note.get(lang)
    assert "OAuth 2.0" in first_step and WONT_HELP[lang] in first_step
    assert all(item.note.get(lang) != CHECK_PASSWORD[lang] for item in found.advice)
    assert WONT_HELP[lang] in _verdict(found, lang)


def test_a_plain_authentication_failure_is_still_about_the_credentials() -> None:
    """The same code without the wording: the password may well be wrong."""
    found = diagnose(WRONG_PASSWORD)
    assert found.rejected_by.provider == "microsoft"
    assert "auth_disabled" not in found.tags and "credentials" in found.tags
    assert any(item.note.en == CHECK_PASSWORD["en"] for item in found.advice)


def test_the_rule_needs_microsoft_as_the_refuser() -> None:
    """The wording quoted from a server that is not Microsoft's gets no Microsoft advice."""
    paste = (
        "<carol@example.net>: host mail.example.net[198.51.100.9] said: 535 5.7.3 "
        "Authentication unsuccessful, basic authentication is disabled (in reply to AUTH "
        "command)\n"
    )
    found = diagnose(paste)
    assert found.rejected_by.provider == ""
    assert not any("Set-CASMailbox" in item.note.en for item in found.advice)
    assert not any("AllowBasicAuthSmtp" in finding.en for finding in found.findings)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cli_text_and_json(lang: str) -> None:
    text = _cli(TENANT_DISABLED, "--lang", lang)
    assert text.returncode == 0, text.stderr
    out = text.stdout.decode()
    first_step = next(line for line in out.splitlines() if line.startswith("1. "))
    assert "Set-CASMailbox" in first_step and WONT_HELP[lang] in first_step
    assert CHECK_PASSWORD[lang] not in out

    result = _cli(TENANT_DISABLED, "--json", "--lang", lang)
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    assert data["provider"] == "microsoft"
    assert data["rejected_by"]["provider"] == "microsoft"
    assert "auth_disabled" in data["tags"]
    assert "Set-CASMailbox" in data["advice"][0] and WONT_HELP[lang] in data["advice"][0]
    assert "SmtpClientAuthenticationDisabled" in data["findings"][0]
    assert CHECK_PASSWORD[lang] not in data["advice"]
