"""The diagnosis report of a bounce that states no code, of a notice that is no failure, and
of a delay warning: the title and the verdict say what the notice is, never a code it does
not state (issue 15), in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from smtp_gui.core.diagnose.analyse import diagnose
from smtp_gui.core.diagnose.report import report
from smtp_gui.core.report.model import Severity, Verdict
from smtp_gui.core.report.runs import plain

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "recipients"


def _read(name: str) -> tuple[str, Verdict]:
    [path] = [p for p in CORPUS.glob(f"{name}-*") if p.suffix != ".json"]
    found = report(diagnose(path.read_bytes()), "en")
    verdict = found.blocks[0]
    assert isinstance(verdict, Verdict)
    return plain(found.title, "en"), verdict


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_bounce_without_a_code_is_read_from_its_wording(lang: str) -> None:
    [path] = CORPUS.glob("30-*.txt")  # a Chinese wrapper: 收件人不存在, no code
    diagnosis = diagnose(path.read_bytes())
    assert diagnosis.primary is None and diagnosis.cause is not None
    found = report(diagnosis, lang)
    verdict = found.blocks[0]
    assert isinstance(verdict, Verdict) and verdict.severity is Severity.ERROR
    sentence = plain(verdict.text, lang)
    title = plain(found.title, lang)
    if lang == "en":
        assert title.startswith("No reply code: ") and "does not exist" in title
        assert sentence.startswith("The mail was not delivered: the recipient's address")
        assert "check the recipient's address" in sentence
        assert sentence.endswith("The bounce states no reply code: this was read from its wording.")
    else:
        assert title.startswith("无回复码：") and "不存在" in title
        assert sentence.startswith("邮件未能投递：") and sentence.endswith("根据其措辞判断。")
    assert "550" not in sentence  # no code invented, also not the usual one


def test_an_auto_reply_is_not_a_bounce() -> None:
    title, verdict = _read("38")
    assert title == "Not a bounce"
    assert verdict.severity is Severity.INFO
    assert "automatic reply" in plain(verdict.text, "en")


def test_a_delivery_report_is_delivered() -> None:
    title, verdict = _read("42")
    assert title == "Delivered" and verdict.severity is Severity.OK


def test_greylisting_is_no_address_problem_and_the_delay_says_until_when() -> None:
    title, verdict = _read("36")  # Postfix: 450 4.7.1 Recipient address rejected: Greylisted
    sentence = plain(verdict.text, "en")
    assert verdict.severity is Severity.WARNING
    assert "greylists" in sentence and "does not exist" not in sentence
    assert "keeps trying until “it is 5 day(s) old”" in sentence
