"""SMTP reply parsing: multi-line replies, enhanced codes, hostile bytes (RFC 5321 4.2)."""

from __future__ import annotations

import socket
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp_gui.core.probe.dialogue import Failure, Wire, WireError
from smtp_gui.core.probe.reply import (
    MAX_LINE,
    MAX_LINES,
    ReplyLine,
    build_reply,
    decode_line,
    parse_reply_line,
    visible,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("250 OK", ReplyLine(250, True, "OK")),
        ("250-SIZE 1000", ReplyLine(250, False, "SIZE 1000")),
        ("250", ReplyLine(250, True, "")),
        ("554 5.7.1 blocked", ReplyLine(554, True, "5.7.1 blocked")),
        ("250-", ReplyLine(250, False, "")),
        ("HTTP/1.1 400 Bad Request", None),
        ("25 short", None),
        ("650 first digit", None),
        ("2500 too long", None),
        ("250_bad separator", None),
        ("", None),
    ],
)
def test_reply_lines(line: str, expected: ReplyLine | None) -> None:
    assert parse_reply_line(line) == expected


@pytest.mark.parametrize(
    ("lines", "code", "enhanced"),
    [
        (["2.1.5 Ok"], 250, "2.1.5"),
        (["5.1.1 The email account", "5.1.1 does not exist"], 550, "5.1.1"),
        (["5.1.1"], 550, "5.1.1"),
        (["4.1.1 class disagrees"], 550, None),  # RFC 3463 3: class must match
        (["mail.test Hello"], 250, None),
        (["4.7.0 Try again later"], 421, "4.7.0"),
        (["2.0.0.1 not one"], 250, None),
    ],
)
def test_replies(lines: list[str], code: int, enhanced: str | None) -> None:
    parsed = [
        parse_reply_line(f"{code}{'-' if i < len(lines) - 1 else ' '}{text}")
        for i, text in enumerate(lines)
    ]
    reply = build_reply([p for p in parsed if p is not None])
    assert reply.code == code and reply.enhanced == enhanced
    assert reply.lines == tuple(lines)
    assert reply.code_text == (f"{code} {enhanced}" if enhanced else str(code))


def test_mixed_codes_are_flagged() -> None:
    first, last = parse_reply_line("250-a"), parse_reply_line("251 b")
    assert first is not None and last is not None
    reply = build_reply([first, last])
    assert reply.code == 251 and reply.mixed_codes


def test_controls_become_visible() -> None:
    assert visible("a\x1b[31mb\x00\x7f") == "a␛[31mb␀␡"
    assert decode_line(b"caf\xe9") == "café"  # not UTF-8: Latin-1
    assert decode_line("邮件".encode()) == "邮件"


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=300))
def test_any_line_is_a_reply_line_or_none(text: str) -> None:
    parsed = parse_reply_line(text)
    assert parsed is None or 200 <= parsed.code <= 599


@settings(deadline=None, max_examples=300)
@given(st.binary(max_size=600))
def test_decoded_server_bytes_carry_no_controls(data: bytes) -> None:
    text = decode_line(data)
    assert not any(ord(c) < 0x20 and c != "\t" for c in text)
    assert not any(0x7F <= ord(c) <= 0x9F for c in text)


def _wire_reading(data: bytes) -> Wire:
    ours, theirs = socket.socketpair()
    theirs.sendall(data)
    theirs.close()
    return Wire(ours)


def test_multi_line_reply_over_a_socket() -> None:
    wire = _wire_reading(b"250-mail.test\r\n250-SIZE 100\n250 HELP\r\n221 bye\r\n")
    reply = wire.read_reply(time.monotonic() + 2)
    assert reply.code == 250 and reply.lines == ("mail.test", "SIZE 100", "HELP")
    assert [line.text for line in wire.take_lines()] == [
        "250-mail.test",
        "250-SIZE 100",
        "250 HELP",
    ]
    assert wire.read_reply(time.monotonic() + 2).code == 221
    with pytest.raises(WireError) as caught:
        wire.read_reply(time.monotonic() + 2)
    assert caught.value.failure is Failure.CLOSED
    wire.close()


@pytest.mark.parametrize(
    "data",
    [
        b"x" * (MAX_LINE + 10),
        b"250-x\r\n" * (MAX_LINES + 1),
        b"250-ok\r\nnot a reply\r\n",
    ],
)
def test_oversized_or_broken_replies_are_garbage(data: bytes) -> None:
    wire = _wire_reading(data)
    with pytest.raises(WireError) as caught:
        wire.read_reply(time.monotonic() + 2)
    assert caught.value.failure is Failure.GARBAGE
    wire.close()


def test_silence_ends_at_the_deadline() -> None:
    ours, theirs = socket.socketpair()
    wire = Wire(ours)
    started = time.monotonic()
    with pytest.raises(WireError) as caught:
        wire.read_reply(started + 0.3)
    assert caught.value.failure is Failure.TIMEOUT
    assert 0.25 < time.monotonic() - started < 1.5
    wire.close()
    theirs.close()


def test_commands_are_one_line() -> None:
    ours, theirs = socket.socketpair()
    wire = Wire(ours)
    with pytest.raises(ValueError):
        wire.send("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>", deadline=time.monotonic() + 1)
    wire.send("AUTH PLAIN c2VjcmV0", masked="AUTH PLAIN ********", deadline=time.monotonic() + 1)
    assert theirs.recv(100) == b"AUTH PLAIN c2VjcmV0\r\n"
    (line,) = wire.take_lines()
    assert line.shown("en") == "AUTH PLAIN ********"
    assert line.shown("en", reveal=True) == "AUTH PLAIN c2VjcmV0"
    wire.close()
    theirs.close()
