"""Decimal numbers read from untrusted text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp_gui.core.text.digits import parse_digits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("42", 42),
        ("0050", 50),
        ("0" * 5000 + "7", 7),
        ("9" * 20, 10**20 - 1),
        ("9" * 21, None),
        ("9" * 5000, None),
        ("²", None),  # isdigit() says yes, int() says no
        ("٣", None),  # an Arabic-Indic digit: int() would read it as 3
        ("", None),
        ("-1", None),
        ("+1", None),
        (" 1", None),
        ("1.0", None),
    ],
)
def test_parse_digits(text: str, expected: int | None) -> None:
    assert parse_digits(text) == expected


def test_max_digits() -> None:
    assert parse_digits("123", max_digits=3) == 123
    assert parse_digits("1234", max_digits=3) is None


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=40))
def test_any_text_is_a_number_or_none(text: str) -> None:
    value = parse_digits(text)
    if value is not None:
        assert text.isascii() and int(text) == value
