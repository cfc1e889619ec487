"""EHLO keywords parsed and each explained in both languages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp_gui.core.probe.capabilities import (
    HUGE_SIZE,
    REFERENCES,
    auth_mechanisms,
    offers,
    parse_capabilities,
    size_limit,
)
from smtp_gui.core.probe.reply import ServerReply

EHLO = ServerReply(
    250,
    (
        "mx.example.com at your service, [192.0.2.1]",
        "SIZE 35882577",
        "8BITMIME",
        "STARTTLS",
        "AUTH LOGIN PLAIN XOAUTH2",
        "AUTH=LOGIN PLAIN",
        "ENHANCEDSTATUSCODES",
        "PIPELINING",
        "CHUNKING",
        "SMTPUTF8",
        "REQUIRETLS",
        "DSN",
        "X-ACME-FEATURE on",
        "FUTUREX",
    ),
)


def test_parsed_in_order_with_parameters() -> None:
    caps = parse_capabilities(EHLO)
    assert [c.keyword for c in caps][:4] == ["SIZE", "8BITMIME", "STARTTLS", "AUTH"]
    assert auth_mechanisms(caps) == ("LOGIN", "PLAIN", "XOAUTH2")
    assert size_limit(caps) == 35882577
    assert offers(caps, "STARTTLS") and not offers(caps, "ETRN")
    assert caps[4].legacy is True and caps[4].keyword == "AUTH"


@pytest.mark.parametrize(
    ("keyword", "en", "zh"),
    [
        ("SIZE", "35882577 bytes (34.2 MiB)", "35882577 字节"),
        ("STARTTLS", "RFC 3207", "STARTTLS"),
        ("AUTH", "LOGIN, PLAIN, XOAUTH2", "LOGIN, PLAIN, XOAUTH2"),
        ("8BITMIME", "8-bit", "8 位"),
        ("SMTPUTF8", "UTF-8", "UTF-8"),
        ("PIPELINING", "RFC 2920", "RFC 2920"),
        ("CHUNKING", "BDAT", "BDAT"),
        ("REQUIRETLS", "RFC 8689", "TLS"),
        ("ENHANCEDSTATUSCODES", "5.1.1", "5.1.1"),
        ("DSN", "NOTIFY", "NOTIFY"),
        ("X-ACME-FEATURE", "vendor-specific", "厂商专有"),
        ("FUTUREX", "does not know", "不认识"),
    ],
)
def test_each_is_explained(keyword: str, en: str, zh: str) -> None:
    cap = next(c for c in parse_capabilities(EHLO) if c.keyword == keyword)
    assert en in cap.explanation.text("en")
    assert zh in cap.explanation.text("zh")


def test_every_known_keyword_has_prose() -> None:
    from smtp_gui.core.text.messages import has_message

    for keyword in REFERENCES:
        if keyword not in ("SIZE", "AUTH"):
            assert has_message(f"probe.cap.{keyword.lower()}"), keyword


def test_negative_or_helo_reply_has_none() -> None:
    assert parse_capabilities(ServerReply(502, ("not implemented",))) == ()
    assert parse_capabilities(ServerReply(250, ("just a greeting",))) == ()


@settings(deadline=None, max_examples=200)
@given(st.lists(st.text(max_size=80), max_size=20))
def test_any_lines_parse(lines: list[str]) -> None:
    caps = parse_capabilities(ServerReply(250, ("hello", *lines)))
    for cap in caps:
        assert cap.explanation.text("en") and cap.explanation.text("zh")


@pytest.mark.parametrize(
    ("line", "limit", "en", "zh"),
    [
        # RFC 1870 4: no value, or 0, means no fixed limit
        ("SIZE", 0, "without a fixed limit", "没有固定上限"),
        ("SIZE 0", 0, "without a fixed limit", "没有固定上限"),
        ("SIZE 000", 0, "without a fixed limit", "没有固定上限"),
        ("SIZE 1024", 1024, "1024 bytes (1.0 KiB)", "1024 字节（1.0 KiB）"),
        ("SIZE 5368709120", 5368709120, "(5.0 GiB)", "（5.0 GiB）"),
        ("SIZE " + "9" * 20, 10**20 - 1, "(86.7 EiB)", "（86.7 EiB）"),
        # Issue 12: an absurdly large value is a huge limit, not "no fixed limit"
        ("SIZE " + "9" * 21, HUGE_SIZE, "up to " + "9" * 21 + " bytes", "21 位数"),
        ("SIZE " + "9" * 5000, HUGE_SIZE, "up to " + "9" * 20 + "… bytes", "5000 位数"),
        ("SIZE 00" + "1" * 30, HUGE_SIZE, "a 30-digit number", "30 位数"),
        ("SIZE -1", 0, 'with "-1", which is not a number', "“-1”，这不是字节数"),
        ("SIZE 10MB", 0, 'with "10MB", which is not a number', "“10MB”"),
    ],
)
def test_size_values(line: str, limit: int, en: str, zh: str) -> None:
    caps = parse_capabilities(ServerReply(250, ("mx.example.com", line)))
    assert size_limit(caps) == limit
    explanation = caps[0].explanation
    assert en in explanation.text("en")
    assert zh in explanation.text("zh")
    if limit:
        assert "without a fixed limit" not in explanation.text("en")
    assert len(explanation.text("en")) < 400  # a 5000-digit value is shown bounded
