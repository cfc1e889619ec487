"""The diagnosis as a report (``core/diagnose/report.py``): what it says, what it marks as
outside text, how it cuts long lists, and the one list of advice kinds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smtp_gui.core.diagnose.advice_kind import AdviceKind
from smtp_gui.core.diagnose.analyse import diagnose
from smtp_gui.core.diagnose.providers import providers
from smtp_gui.core.diagnose.report import MAX_LIST_SHOWN, MAX_REPLIES_SHOWN, report
from smtp_gui.core.report import Bullets, Heading, Outside, Rows, Severity, Verdict
from smtp_gui.core.report.runs import plain
from smtp_gui.core.report.text import render_text

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "bounces"
CASES = sorted(p for p in CORPUS.iterdir() if p.suffix != ".json")
SPAMHAUS = (CORPUS / "13-postfix-spamhaus-zen.eml").read_bytes()


def _rows(rep) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Every row of ``rep`` by its label's text."""
    return {
        plain(row.label, rep.lang): row.value
        for block in rep.blocks
        if isinstance(block, Rows)
        for row in block.rows
    }


def _outside_texts(value: object) -> list[str]:
    spans = value if isinstance(value, tuple) else (value,)
    return [span.text for span in spans if isinstance(span, Outside)]


def test_a_real_bounce_in_english() -> None:
    diagnosis = diagnose(SPAMHAUS)
    rep = report(diagnosis, "en")
    assert plain(rep.title, "en").startswith("554 5.7.1 \u2014 ")
    verdict = rep.blocks[0]
    assert isinstance(verdict, Verdict) and verdict.severity is Severity.ERROR
    rows = _rows(rep)
    assert plain(rows["Phase"], "en") == "RCPT TO"
    # What the paste said is outside text, however harmless it looks.
    assert _outside_texts(rows["Reply"]) == [diagnosis.primary.text]  # type: ignore[union-attr]
    assert _outside_texts(rows["Sending IP"]) == ["203.0.113.45"]
    assert _outside_texts(rows["IP addresses"]) == list(diagnosis.ips)
    assert plain(rows["Blocklists named"], "en") == "Spamhaus ZEN (zen.spamhaus.org)"
    headings = [plain(b.text, "en") for b in rep.blocks if isinstance(b, Heading)]
    assert headings == ["What it means", "Next steps", "Replies found (1)"]
    advice = next(b for b in rep.blocks if isinstance(b, Bullets) and b.ordered)
    assert [plain(item, "en") for item in advice.items] == [
        item.note.en for item in diagnosis.advice
    ]


def test_the_same_facts_in_chinese() -> None:
    diagnosis = diagnose(SPAMHAUS)
    text = render_text(report(diagnosis, "zh"))
    assert text.startswith("554 5.7.1\u2014\u2014")  # the Chinese dash, from labels.py
    assert "\u6c38\u4e45\u5931\u8d25" in text  # 永久失败
    assert re.search("^\u9636\u6bb5\uff1a *RCPT TO$", text, re.M)  # 阶段：RCPT TO
    assert "198.51.100.5\u3001203.0.113.45" in text  # 、 between list items
    for item in diagnosis.advice:
        assert item.note.zh in text


def test_a_temporary_failure_is_a_warning() -> None:
    rep = report(diagnose("451 4.7.1 Try again later\n"), "en")
    verdict = rep.blocks[0]
    assert isinstance(verdict, Verdict) and verdict.severity is Severity.WARNING
    assert "deferred the mail (a temporary failure" in plain(verdict.text, "en")


@pytest.mark.parametrize(
    ("text", "severity", "words"),
    [
        ("hello there", Severity.INFO, "No SMTP reply found"),
        ("S: 250 2.0.0 Ok: queued\n", Severity.OK, "No failure"),
    ],
)
def test_no_failure(text: str, severity: Severity, words: str) -> None:
    rep = report(diagnose(text), "en")
    assert plain(rep.title, "en") == "No failure found"
    verdict = rep.blocks[0]
    assert isinstance(verdict, Verdict) and verdict.severity is severity
    assert words in plain(verdict.text, "en")
    assert not any(isinstance(b, Heading) and "means" in plain(b.text, "en") for b in rep.blocks)


def test_long_lists_are_cut_and_say_how_many_are_left() -> None:
    ips = [f"192.0.2.{n}" for n in range(1, MAX_LIST_SHOWN + 6)]
    paste = "550 5.7.1 refused\n" + "\n".join(f"Received: from [{ip}]" for ip in ips) + "\n"
    diagnosis = diagnose(paste)
    assert len(diagnosis.ips) > MAX_LIST_SHOWN
    rows = _rows(report(diagnosis, "en"))
    assert len(_outside_texts(rows["IP addresses"])) == MAX_LIST_SHOWN
    hidden = len(diagnosis.ips) - MAX_LIST_SHOWN
    assert plain(rows["IP addresses"], "en").endswith(f", \u2026 and {hidden} more")


def test_many_replies_list_the_failures_only() -> None:
    paste = "S: 250 2.1.5 Ok\n" * (MAX_REPLIES_SHOWN + 5) + "S: 550 5.1.1 No such user\n"
    diagnosis = diagnose(paste)
    rep = report(diagnosis, "en")
    replies = next(
        b for b in rep.blocks if isinstance(b, Bullets) and not b.ordered and b is rep.blocks[-1]
    )
    lines = [plain(item, "en") for item in replies.items]
    assert lines[0].startswith("550 5.1.1") and "No such user" in lines[0]
    assert lines[-1] == f"\u2026 and {len(diagnosis.replies) - 1} more"


def test_hostile_reply_text_is_outside_and_terminal_safe() -> None:
    diagnosis = diagnose("550 5.7.1 <b>x</b>\x1b[31mred\u202e\r\n")
    rep = report(diagnosis, "en")
    assert _outside_texts(_rows(rep)["Reply"]) == [diagnosis.primary.text]  # type: ignore[union-attr]
    text = render_text(rep)
    assert "<b>x</b>" in text and "[U+202E]" in text
    assert "\x1b" not in text and "\u202e" not in text and "\r" not in text


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_every_corpus_case_has_a_report_in_both_languages(case: Path) -> None:
    diagnosis = diagnose(case.read_bytes())
    english, chinese = render_text(report(diagnosis, "en")), render_text(report(diagnosis, "zh"))
    assert english != chinese
    if diagnosis.primary is not None:
        assert english.startswith(diagnosis.primary.code)
    for item in diagnosis.advice:
        assert isinstance(item.kind, AdviceKind)
        assert item.note.en in english and item.note.zh in chinese


def test_advice_kinds_are_one_enum_in_data_and_json() -> None:
    for provider in providers():
        for rule in provider.rules:
            for advice in rule.advice:
                assert isinstance(advice.kind, AdviceKind), rule.id
    diagnosis = diagnose(SPAMHAUS)
    data = diagnosis.to_dict("en")
    assert [item["kind"] for item in data["advice_items"]] == [
        item.kind.value for item in diagnosis.advice
    ]
    assert data["advice_items"][0]["kind"] == "blacklist"  # DESIGN.md's word stays
    assert type(data["advice_items"][0]["kind"]) is str
