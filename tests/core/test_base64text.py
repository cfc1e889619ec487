"""Tolerant Base64: what is decoded, what warns, what is rejected and where."""

from __future__ import annotations

import base64
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp_gui.core.text.base64text import (
    decode_base64,
    describe_character,
    encode_base64,
    hex_dump,
    named_controls,
    printable,
    utf8_text,
    visible,
)
from smtp_gui.core.text.errors import InputError


def _keys(result: object) -> list[str]:
    return [note.key for note in result.warnings]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("source", "data", "warnings"),
    [
        ("VXNlcm5hbWU6", b"Username:", []),
        ("  VXNlcm5hbWU6  \r\n", b"Username:", []),
        ("VXNl\ncm5h\r\nbWU6", b"Username:", []),
        ("dGltIGI5MTNh", b"tim b913a", []),
        ("dGVzdA", b"test", ["base64text.missing_padding"]),
        ("dGVzdAB0ZXN0ADEyMzQ", b"test\0test\x001234", ["base64text.missing_padding"]),
        ("dGVzdA===", b"test", ["base64text.wrong_padding"]),
        ("dGVzdA=", b"test", ["base64text.wrong_padding"]),
        ("-_-_", base64.b64decode("+/+/"), ["base64text.url_safe"]),
        (
            "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ-",
            b"<1896.697170952@postoffice.reston.mci.net>",
            ["base64text.url_safe"],
        ),
        ("dGVz dA==", b"test", ["base64text.inner_spaces"]),
        ("", b"", []),
        ("=", b"", ["base64text.wrong_padding"]),
    ],
)
def test_tolerant_decoding(source: str, data: bytes, warnings: list[str]) -> None:
    result = decode_base64(source)
    assert result.data == data
    assert _keys(result) == warnings


@pytest.mark.parametrize(
    ("source", "char", "line", "column", "position"),
    [
        ("dGl!t", "'!'", 1, 4, 3),
        ("dGlt\ndG*x", "'*'", 2, 3, 7),
        ("dGlt\u00e9", "'\u00e9'", 1, 5, 4),
        ("dG\x07lt", "U+0007", 1, 3, 2),
        ("abc.", "'.'", 1, 4, 3),
    ],
)
def test_foreign_character_is_named_with_its_place(
    source: str, char: str, line: int, column: int, position: int
) -> None:
    with pytest.raises(InputError) as caught:
        decode_base64(source)
    error = caught.value
    assert error.key == "base64text.bad_character"
    assert error.position == position
    assert char in error.text("en")
    assert f"line {line}, column {column}" in error.text("en")
    assert char in error.text("zh") and f"第 {line} 行第 {column} 列" in error.text("zh")


def test_position_is_relative_to_the_whole_input() -> None:
    with pytest.raises(InputError) as caught:
        decode_base64("ab!c", offset=100, line=7, column=5)
    assert caught.value.position == 102
    assert "line 7, column 7" in caught.value.text("en")


def test_padding_in_the_middle_is_rejected() -> None:
    with pytest.raises(InputError) as caught:
        decode_base64("dGlt=dGlt")
    assert caught.value.key == "base64text.misplaced_padding"
    assert caught.value.position == 4


def test_impossible_length_is_rejected() -> None:
    with pytest.raises(InputError) as caught:
        decode_base64("dGltx")
    assert caught.value.key == "base64text.bad_length"
    assert "4n+1" in caught.value.text("en")


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"Username:", "Username:"),
        (b"test\0test\x001234", "test\0test\x001234"),
        (b"n,,\x01auth=x\x01\x01", "n,,\x01auth=x\x01\x01"),
        (b"\xff\xfe", None),
        (b"NTLMSSP\x00\x01\x00\x00\x00\x07\x82", None),
        (b"abc\x05", None),
        ("中文".encode(), "中文"),
    ],
)
def test_utf8_text_or_binary(data: bytes, text: str | None) -> None:
    assert utf8_text(data) == text


def test_named_controls_need_no_font() -> None:
    """Control characters and their pictures (which no installed font draws) by name."""
    assert named_controls("\u2400tim\u2400pw") == "<NUL>tim<NUL>pw"
    assert named_controls("a\0b\x01c\td\ne\x1b\x7f") == "a<NUL>b<SOH>c\td\ne<ESC><DEL>"
    assert named_controls(visible("\r\x1f\x7f")) == "<CR><US><DEL>"
    assert named_controls("plain 你好") == "plain 你好"
    assert all(ord(c) < 0x80 for c in named_controls(visible("".join(map(chr, range(0x20))))))


def test_visible_shows_control_characters_as_pictures() -> None:
    assert visible("a\0b\x01c\td\ne") == "a\u2400b\u2401c\td\ne"
    assert visible("plain") == "plain"
    assert visible("x\x7f") == "x\u2421"


def test_hex_dump_and_printable_view() -> None:
    dump = hex_dump(b"NTLMSSP\x00\x01\x00\x00\x00\x07\x82\x08\xa2AB")
    first, second = dump.split("\n")
    assert first.startswith("00000000  4e 54 4c 4d 53 53 50 00  01 00 00 00 07 82 08 a2")
    assert first.endswith("|NTLMSSP.........|")
    assert second.startswith("00000010  41 42") and second.endswith("|AB|")
    assert printable(b"a\x00<b>") == "a.<b>"
    assert hex_dump(bytes(100), limit=32).count("\n") == 1


def test_describe_character() -> None:
    assert describe_character("!") == "'!'"
    assert describe_character(" ") == "U+0020"
    assert describe_character("\u200b") == "U+200B"


@given(st.binary(max_size=300))
@settings(max_examples=200, deadline=None)
def test_round_trip(data: bytes) -> None:
    assert decode_base64(encode_base64(data)).data == data


@given(st.text(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_any_text_decodes_or_raises_input_error(text: str) -> None:
    try:
        decode_base64(text)
    except InputError as error:
        assert error.text("en") and error.text("zh")


def test_large_input_is_linear() -> None:
    blob = base64.b64encode(bytes(range(256)) * 4096).decode()  # about 1.4 MB
    start = time.perf_counter()
    decode_base64(blob)
    one = time.perf_counter() - start
    assert one < 1.0
