"""The steps table and the verdict of a decoded AUTH exchange (core, shared by pane and CLI)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from smtp_gui.core.report.model import Outside, Severity, Table
from smtp_gui.core.report.runs import plain
from smtp_gui.core.report.text import render_text
from smtp_gui.core.sasl.decode import decode_exchange
from smtp_gui.core.sasl.report import report
from smtp_gui.core.sasl.steps import step_header, step_lines
from smtp_gui.core.sasl.verdict import verdict
from smtp_gui.core.text.messages import message_text

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PASSWORD = "tanstaaftanstaaf"
# An AUTH LOGIN exchange refused with 535 (also the decoder's picture in scripts/screenshots.py)
SAMPLE = (CORPUS / "auth" / "login-535.txt").read_text("utf-8").rstrip("\n")


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_greeting_and_ehlo_are_one_row_and_auth_steps_are_rows(lang: str) -> None:
    lines = step_lines(decode_exchange(SAMPLE), lang)
    assert [line.number for line in lines] == ["1–3", "4", "5", "6", "7", "8", "9"]
    first = lines[0]
    assert first.who == "both" and first.raw == "220, EHLO, 250" and first.decoded == ""
    assert first.meaning == message_text(
        "sasl.steps.preamble_offers", lang, mechanisms="LOGIN PLAIN"
    )
    assert [line.who for line in lines[1:]] == ["client", "server"] * 3
    assert [line.decoded for line in lines[2:5]] == ["Username:", "tim@example.org", "Password:"]
    password = lines[5]
    assert password.secret and PASSWORD not in password.raw + password.decoded
    assert "••••••••" in password.decoded and "••••••••" in password.raw
    assert lines[6].raw == "535 5.7.8 Authentication credentials invalid"
    assert "535 5.7.8" in lines[6].meaning


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_revealed_rows_show_the_password_and_never_say_hidden(lang: str) -> None:
    password = step_lines(decode_exchange(SAMPLE), lang, reveal=True)[5]
    assert password.decoded == PASSWORD and password.raw == b64(PASSWORD)
    assert PASSWORD in password.meaning and not password.secret
    hidden = "hidden" if lang == "en" else "已隐藏"
    assert hidden not in password.meaning
    masked = step_lines(decode_exchange(SAMPLE), lang)[5]
    assert hidden in masked.meaning and PASSWORD not in masked.meaning


def test_plain_separators_are_named_in_the_decoded_column() -> None:
    exchange = decode_exchange("AUTH PLAIN " + b64("\0alice\0" + PASSWORD) + "\n235 2.7.0 OK")
    masked, revealed = step_lines(exchange, "en"), step_lines(exchange, "en", reveal=True)
    assert masked[0].decoded == "<NUL>alice<NUL>•••••••• (16 characters)"
    assert revealed[0].decoded == f"<NUL>alice<NUL>{PASSWORD}"
    assert "\0" not in masked[0].decoded + revealed[0].decoded
    assert '"alice"' in revealed[0].meaning and f'"{PASSWORD}"' in revealed[0].meaning
    assert verdict(exchange).severity == Severity.OK


def test_a_lone_line_is_a_row_of_its_own() -> None:
    (line,) = step_lines(decode_exchange("220 mx.example ESMTP"), "en")
    assert line.number == "1" and line.who == "server"


@pytest.mark.parametrize(
    ("paste", "key", "severity"),
    [
        (SAMPLE, "sasl.verdict.refused", Severity.ERROR),
        ("334 VXNlcm5hbWU6", "sasl.verdict.asks_username", Severity.INFO),
        ("334 UGFzc3dvcmQ6", "sasl.verdict.asks_password", Severity.INFO),
        ("AUTH CRAM-MD5\n334 PDEuMkBoPg==", "sasl.verdict.challenge", Severity.INFO),
        ("AUTH LOGIN\n334 VXNlcm5hbWU6\n" + b64("tim"), "sasl.verdict.unfinished", Severity.INFO),
        ("250 OK", "sasl.verdict.no_auth", Severity.INFO),
        ("AUTH PLAIN " + b64("\0a\0b") + "\n235 2.7.0 OK", "sasl.verdict.accepted", Severity.OK),
    ],
)
def test_verdict_says_what_happened(paste: str, key: str, severity: Severity) -> None:
    exchange = decode_exchange(paste)
    code = exchange.final_code or (exchange.steps[-1].code if exchange.steps else None)
    found = verdict(exchange)
    assert found.severity == severity
    for lang in ("en", "zh"):
        params = {"code": code} if "{code}" in message_text(key, "en", code="{code}") else {}
        assert plain(found.text, lang) == message_text(key, lang, **params)


def test_refusal_after_a_warning_does_not_vouch_for_the_encoding() -> None:
    # A PLAIN string without three fields warns; the verdict then doubts the encoding.
    exchange = decode_exchange("AUTH PLAIN " + b64("alice") + "\n535 5.7.8 no")
    assert plain(verdict(exchange).text, "en") == message_text(
        "sasl.verdict.refused_warned", "en", code="535 5.7.8"
    )


def test_other_final_replies_say_their_own_meaning() -> None:
    exchange = decode_exchange("AUTH LOGIN\n538 5.7.11 Encryption required")
    found = verdict(exchange)
    assert found.severity == Severity.ERROR
    assert plain(found.text, "en") == exchange.final.meaning.text("en")  # type: ignore[union-attr]


def test_report_table_is_the_step_lines_with_the_paste_outside() -> None:
    exchange = decode_exchange(SAMPLE)
    built = report(exchange, "zh")
    (table,) = [block for block in built.blocks if isinstance(block, Table)]
    assert table.header == step_header("zh")
    lines = step_lines(exchange, "zh")
    assert [row[0] for row in table.rows] == [line.number for line in lines]
    assert table.rows[2][2] == Outside("334 VXNlcm5hbWU6")
    assert table.rows[2][3] == Outside("Username:")
    text = render_text(built)
    assert text.index("✖") < text.index("1–3")  # the verdict first, then the table
