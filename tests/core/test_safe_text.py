"""Untrusted text made safe to show."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp_gui.core.text.safe_text import BIDI_CONTROLS, json_safe, shown, terminal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain <b>x</b>", "plain <b>x</b>"),
        ("a\0b", "a\u2400b"),
        ("tab\tand\nnew\r\nline", "tab\tand\nnew\r\nline"),
        ("\x1b[31mred", "\u241b[31mred"),
        ("del\x7f", "del\u2421"),
        ("c1\x85", "c1\ufffd"),
        ("\u202egnp.exe", "[U+202E]gnp.exe"),
        ("a\u2066b\u2069c", "a[U+2066]b[U+2069]c"),
        ("\u200f\u061c", "[U+200F][U+061C]"),
        ("中文，全角。", "中文，全角。"),
    ],
)
def test_shown(text: str, expected: str) -> None:
    assert shown(text) == expected


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=200))
def test_nothing_unsafe_survives(text: str) -> None:
    result = shown(text)
    assert not any(ch in result for ch in BIDI_CONTROLS)
    assert all(ch in "\t\n\r" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F) for ch in result)
    assert shown(result) == result


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tab\tand\nnew", "tab\tand\nnew"),
        ("\x1b[2J\x1b]0;title\x07", "\u241b[2J\u241b]0;title\u2407"),
        ("over\rwrite", "over\u240dwrite"),  # CR lets the rest of a line overwrite it
        ("csi\x9b2J", "csi\ufffd2J"),
        ("\u202egnp.exe", "[U+202E]gnp.exe"),
        ("中文", "中文"),
    ],
)
def test_terminal(text: str, expected: str) -> None:
    assert terminal(text) == expected


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=200))
def test_terminal_keeps_only_tab_and_line_feed(text: str) -> None:
    result = terminal(text)
    assert not any(ch in result for ch in BIDI_CONTROLS)
    assert all(ch in "\t\n" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F) for ch in result)
    assert terminal(result) == result


@settings(deadline=None, max_examples=300)
@given(st.recursive(st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_json_safe_is_exact_and_inert(value: object) -> None:
    encoded = json_safe(json.dumps({"v": value}, ensure_ascii=False))
    assert json.loads(encoded) == {"v": value}
    assert not any(ch in encoded for ch in BIDI_CONTROLS)
    assert all(ch == "\n" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F) for ch in encoded)
