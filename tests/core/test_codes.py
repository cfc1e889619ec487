"""Code parsing: basic, enhanced and combined codes; malformed input is rejected clearly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp_gui.core.codes.parse import parse_code
from smtp_gui.core.text.errors import InputError


@pytest.mark.parametrize(
    ("text", "basic", "enhanced", "kind"),
    [
        ("554", 554, None, "basic"),
        ("  250 ", 250, None, "basic"),
        ("5.7.1", None, "5.7.1", "enhanced"),
        ("X.7.1", None, "X.7.1", "enhanced"),
        ("554 5.7.1", 554, "5.7.1", "combined"),
        ("550-5.7.26", 550, "5.7.26", "combined"),
        ("599", 599, None, "basic"),
        ("5.9.99", None, "5.9.99", "enhanced"),
        ("4.123.456", None, "4.123.456", "enhanced"),
    ],
)
def test_well_formed(text: str, basic: int | None, enhanced: str | None, kind: str) -> None:
    parsed = parse_code(text)
    assert parsed.basic == basic
    assert (str(parsed.enhanced) if parsed.enhanced else None) == enhanced
    assert parsed.kind == kind


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("6xx", "first digit"),
        ("55", "three digits"),
        ("5555", "three digits"),
        ("abc", "expected digits"),
        ("5.7", "three parts"),
        ("3.1.1", "class must be 2, 4 or 5"),
        ("5.1234.1", "one to three digits"),
        ("", "No code given"),
        ("554 5.7.1 extra", "'extra' is not a reply code"),
        ("1" * 100, "characters long"),
    ],
)
def test_malformed_gets_a_clear_message(text: str, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        parse_code(text)
    assert fragment in info.value.message
    assert info.value.text("zh") != info.value.message  # a Chinese message exists too


def test_class_mismatch_is_detected() -> None:
    assert parse_code("554 4.0.0").class_mismatch
    assert not parse_code("554 5.0.0").class_mismatch


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_parses_or_raises_input_error(text: str) -> None:
    try:
        parse_code(text)
    except InputError as exc:
        assert exc.message
