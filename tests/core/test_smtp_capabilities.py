"""EHLO keywords parsed and each explained in both languages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp_gui.core.smtp_capabilities import (
    REFERENCES,
    auth_mechanisms,
    offers,
    parse_capabilities,
    size_limit,
)
from smtp_gui.core.smtp_reply import Reply

EHLO = Reply(
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
    from smtp_gui.core.messages import has_message

    for keyword in REFERENCES:
        if keyword not in ("SIZE", "AUTH"):
            assert has_message(f"probe.cap.{keyword.lower()}"), keyword


def test_negative_or_helo_reply_has_none() -> None:
    assert parse_capabilities(Reply(502, ("not implemented",))) == ()
    assert parse_capabilities(Reply(250, ("just a greeting",))) == ()


@settings(deadline=None, max_examples=200)
@given(st.lists(st.text(max_size=80), max_size=20))
def test_any_lines_parse(lines: list[str]) -> None:
    caps = parse_capabilities(Reply(250, ("hello", *lines)))
    for cap in caps:
        assert cap.explanation.text("en") and cap.explanation.text("zh")
