"""The decoded AUTH exchange as a report: its blocks, its masking, and what came from outside."""

from __future__ import annotations

import base64

import pytest

from smtp_gui.core.report.model import (
    Heading,
    Inline,
    Outside,
    Paragraph,
    Report,
    Row,
    Rows,
    Severity,
    Table,
    Verdict,
)
from smtp_gui.core.report.runs import plain
from smtp_gui.core.report.text import render_text
from smtp_gui.core.sasl.decode import decode_exchange
from smtp_gui.core.sasl.model import Exchange
from smtp_gui.core.sasl.report import mechanism_row, report
from smtp_gui.core.sasl.verdict import verdict
from smtp_gui.core.text.messages import message_text
from tests.core.test_sasl_ntlm import authenticate_message

PASSWORD = "Tr0ub4dor&3"
MASK = "••••••••"


def b64(text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return base64.b64encode(data).decode("ascii")


LOGIN = "\n".join(
    [
        "C: AUTH LOGIN",
        "S: 334 VXNlcm5hbWU6",
        "C: " + b64("alice"),
        "S: 334 UGFzc3dvcmQ6",
        "C: " + b64(PASSWORD),
        "S: 535 5.7.8 Error: authentication failed",
    ]
)
DIGEST = b64('username="u",nonce="n",response=0123456789abcdef0123456789abcdef,qop=auth')
# Every kind of secret: a LOGIN password, PLAIN, an NTLM response (hex withheld), a digest.
SECRET_CASES = {
    "login": LOGIN,
    "plain": "AUTH PLAIN " + b64(f"\0alice\0{PASSWORD}"),
    "ntlm": b64(authenticate_message()),
    "digest": DIGEST,
    "cram": "AUTH CRAM-MD5\n334 PDEuMkBoPg==\n" + b64("tim " + "ab" * 16),
}


def _rows(built: Report, lang: str) -> list[tuple[str, str]]:
    return [
        (plain(row.label, lang), plain(row.value, lang))
        for block in built.blocks
        if isinstance(block, Rows)
        for row in block.rows
    ]


def _all_rows(built: Report) -> list[Row]:
    return [row for block in built.blocks if isinstance(block, Rows) for row in block.rows]


def _spans(inline: Inline) -> tuple[object, ...]:
    return inline if isinstance(inline, tuple) else (inline,)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_login_report_has_the_mechanism_final_reply_and_every_step(lang: str) -> None:
    exchange = decode_exchange(LOGIN)
    built = report(exchange, lang)
    assert built.lang == lang
    assert plain(built.title, lang) == message_text("sasl.report.title", lang)
    assert built.blocks[0] == verdict(exchange)  # the answer first
    summary = built.blocks[1]
    assert isinstance(summary, Rows)
    assert [(plain(r.label, lang), plain(r.value, lang)) for r in summary.rows] == [
        (message_text("sasl.report.mechanism", lang), "LOGIN"),
        (message_text("sasl.report.final", lang), "535 5.7.8"),
    ]
    headings = [b for b in built.blocks if isinstance(b, Heading)]
    assert len(headings) == len(exchange.steps) == 6
    for number, (heading, step) in enumerate(zip(headings, exchange.steps, strict=True), 1):
        direction = message_text(f"sasl.report.{step.direction}", lang)
        assert plain(heading.text, lang) == f"[{number}] {direction}"
    rows = _rows(built, lang)
    meaning = message_text("sasl.report.meaning", lang)
    assert [value for label, value in rows if label == meaning] == [
        step.meaning.text(lang) for step in exchange.steps
    ]
    decoded = message_text("sasl.report.decoded", lang)
    assert (decoded, "Username:") in rows and (decoded, "alice") in rows
    assert (message_text("sasl.field.username", lang), "alice") in rows
    # The password's step: raw, decoded and field masked, the note about masking at the end.
    assert [value for label, value in rows if value.startswith(MASK)] == [
        message_text("sasl.masked", lang, length=len(b64(PASSWORD))),
        message_text("sasl.masked", lang, length=len(PASSWORD)),
        message_text("sasl.masked", lang, length=len(PASSWORD)),
    ]
    assert built.blocks[-1] == Paragraph(built.blocks[-1].text)  # type: ignore[union-attr]
    assert plain(built.blocks[-1].text, lang) == message_text("sasl.report.masked", lang)  # type: ignore[union-attr]


@pytest.mark.parametrize("case", sorted(SECRET_CASES))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_revealed_report_differs_from_the_masked_one_only_in_the_secrets(
    case: str, lang: str
) -> None:
    exchange = decode_exchange(SECRET_CASES[case])
    masked, revealed = report(exchange, lang), report(exchange, lang, reveal=True)
    assert exchange.has_secret
    # The masked one ends with the note saying so; otherwise the same blocks in the same order.
    assert isinstance(masked.blocks[-1], Paragraph)
    assert masked.blocks[:-1] != revealed.blocks
    assert len(masked.blocks) - 1 == len(revealed.blocks)
    assert masked.title == revealed.title
    hidden = message_text("sasl.report.hex_hidden", lang)
    meaning = message_text("sasl.report.meaning", lang)
    hidden_word = "hidden" if lang == "en" else "已隐藏"
    changed = 0
    for left, right in zip(masked.blocks, revealed.blocks, strict=False):
        assert type(left) is type(right)
        if isinstance(left, Table):
            assert isinstance(right, Table) and left.header == right.header
            continue  # the steps table: tested in test_sasl_steps.py
        if not isinstance(left, Rows):
            assert left == right
            continue
        assert isinstance(right, Rows)
        assert [r.label for r in left.rows] == [r.label for r in right.rows]
        for mine, theirs in zip(left.rows, right.rows, strict=True):
            if mine.value != theirs.value and plain(mine.label, lang) == meaning:
                # Revealed, a meaning no longer says the secret is hidden.
                assert hidden_word in plain(mine.value, lang)
                assert hidden_word not in plain(theirs.value, lang)
                continue
            if mine.value != theirs.value:
                changed += 1
                shown = plain(mine.value, lang)
                assert MASK in shown or shown == hidden, (shown, plain(theirs.value, lang))
                assert MASK not in plain(theirs.value, lang)
    assert changed >= 2  # at least the raw line and the secret field


def test_masked_text_rendering_keeps_every_non_secret_line() -> None:
    exchange = decode_exchange(LOGIN)
    masked = render_text(report(exchange, "en")).splitlines()
    revealed = render_text(report(exchange, "en", reveal=True)).splitlines()
    note = message_text("sasl.report.masked", "en")
    assert masked[-1] == note and note not in revealed
    # The table's columns are as wide as their cells: compare the steps after it line by line.
    masked, revealed = (
        masked[masked.index("[1] Client:") :],
        revealed[revealed.index("[1] Client:") :],
    )
    differing = [(a, b) for a, b in zip(masked, revealed, strict=False) if a != b]
    # The raw line, decoded, password field and meaning of step 5.
    assert len(differing) == 4
    for mine, theirs in differing:
        assert "hidden" in mine or MASK in mine
        assert PASSWORD in theirs or b64(PASSWORD) in theirs
        assert MASK not in theirs and "hidden" not in theirs


def test_everything_from_the_paste_is_outside_text() -> None:
    hostile = "<b>x</b><img src=y>\u202e"  # text, not binary (that is a hex dump)
    built = report(decode_exchange("AUTH FOO\n334 " + b64(hostile)), "en", reveal=True)
    rows = _all_rows(built)
    assert plain(rows[0].label, "en") == "Mechanism" and rows[0].value == Outside("FOO")
    raws = [r.value for r in rows if plain(r.label, "en") == "Raw"]
    assert raws == [Outside("AUTH FOO"), Outside("334 " + b64(hostile))]
    decoded = [r.value for r in rows if plain(r.label, "en") == "Decoded"]
    assert decoded == [Outside(hostile)]
    # A directive we have no label for (DIGEST-MD5's qop) is the payload's own word.
    digest = report(decode_exchange(DIGEST), "en", reveal=True)
    assert any(r.label == Outside("qop") and r.value == Outside("auth") for r in _all_rows(digest))
    text = render_text(built)
    assert "<b>x</b><img src=y>[U+202E]" in text and "\u202e" not in text


def test_warnings_are_warning_verdicts() -> None:
    exchange = decode_exchange(DIGEST)
    step_warnings = [w.text("zh") for step in exchange.steps for w in step.warnings]
    assert step_warnings
    built = report(exchange, "zh")
    verdicts = [b for b in built.blocks if isinstance(b, Verdict)][1:]  # after the answer
    assert [plain(v.text, "zh") for v in verdicts] == step_warnings
    assert {v.severity for v in verdicts} == {Severity.WARNING}
    nothing = decode_exchange("250 OK")
    assert nothing.warnings
    first = report(nothing, "en").blocks[2]
    assert first == Verdict(nothing.warnings[0].text("en"), Severity.WARNING)


def test_mechanism_row_when_not_recognised() -> None:
    exchange: Exchange = decode_exchange("250 OK")
    assert exchange.mechanism is None
    row = mechanism_row(exchange)
    assert plain(row.value, "zh") == message_text("sasl.report.none", "zh")
    assert not any(isinstance(span, Outside) for span in _spans(row.value))
    assert render_text(report(exchange, "en")).count("Mechanism: not recognised") == 1
