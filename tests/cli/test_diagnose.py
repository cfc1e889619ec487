"""``smtp-gui diagnose`` as a user runs it: files, standard input, JSON, both languages, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from smtp_gui.core.diagnose.analyse import diagnose
from smtp_gui.core.diagnose.report import report
from smtp_gui.core.report.text import render_text

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus" / "bounces"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "smtp_gui", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        timeout=60,
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_eml_file_as_json(lang: str) -> None:
    result = run("diagnose", str(CORPUS / "13-postfix-spamhaus-zen.eml"), "--json", "--lang", lang)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["primary"]["code"] == "554" and data["primary"]["enhanced"] == "5.7.1"
    assert data["blocklists"] == ["zen.spamhaus.org"]
    assert "203.0.113.45" in data["ips"]
    assert data["provider"] is None
    for key in ("replies", "domains", "emails", "advice"):
        assert key in data
    advice = " ".join(data["advice"])
    if lang == "zh":
        assert "黑名单" in advice
    else:
        assert "Check 203.0.113.45 against blocklists" in advice


@pytest.mark.parametrize(("lang", "words"), [("en", "Next steps"), ("zh", "下一步")])
def test_stdin_plain_text(lang: str, words: str) -> None:
    text = (CORPUS / "23-yahoo-tss04-postfix-log.txt").read_bytes()
    result = run("diagnose", "--lang", lang, stdin=text)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert "421 4.7.0" in out and words in out
    assert "4.16.55.1;" in out  # quoted in the reply text, but not listed as an address
    assert "IP" in out and "4.16.55.1," not in out


def test_dash_reads_stdin_and_gmail_json() -> None:
    text = (CORPUS / "02-gmail-5.7.26-unauthenticated-postfix.txt").read_bytes()
    data = json.loads(run("diagnose", "-", "--json", "--lang", "en", stdin=text).stdout)
    assert data["provider"] == "gmail"
    assert data["phase"] == "end-of-data"
    kinds = [item["kind"] for item in data["advice_items"]]
    assert kinds[0] == "domain" and data["advice_items"][0]["target"] == "example.org"


def test_no_reply_is_a_clear_message_not_an_error() -> None:
    result = run("diagnose", "--json", "--lang", "en", stdin=b"hello there")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["primary"] is None and data["found"] is False
    assert "No SMTP reply found" in data["message"]
    plain = run("diagnose", "--lang", "zh", stdin=b"hello there").stdout.decode("utf-8")
    assert "没有找到 SMTP 回复" in plain


def test_untrusted_text_is_printed_as_is() -> None:
    result = run("diagnose", "--lang", "en", stdin=b"550 5.7.1 <b>x</b><img src=y>")
    assert "<b>x</b><img src=y>" in result.stdout.decode("utf-8")


def test_missing_file_exits_2_with_one_line() -> None:
    result = run("diagnose", str(ROOT / "no-such-file.eml"))
    assert result.returncode == 2
    err = result.stderr.decode("utf-8")
    assert err.startswith("smtp-gui: cannot read") and err.count("\n") == 1
    assert "Traceback" not in err


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_text_output_is_the_report(lang: str) -> None:
    """What ``diagnose`` prints is the text rendering of the same report the window shows."""
    path = CORPUS / "13-postfix-spamhaus-zen.eml"
    result = run("diagnose", str(path), "--lang", lang)
    assert result.returncode == 0, result.stderr
    expected = render_text(report(diagnose(path.read_bytes()), lang))
    assert result.stdout.decode("utf-8") == expected
