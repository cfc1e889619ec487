"""Build AUTH answers by hand: LOGIN, PLAIN, XOAUTH2, and plain text to Base64 and back.

This is what a helpdesk asks a user to do ("respond with the Base64-encoded credentials"),
done offline so that nobody pastes a password into a web page.
"""

from __future__ import annotations

from dataclasses import dataclass

from smtp_gui.core.text.base64text import Base64Decoded, decode_base64, encode_base64
from smtp_gui.core.text.errors import input_error


@dataclass(frozen=True, slots=True)
class LoginAnswers:
    """AUTH LOGIN: the answer to ``Username:`` and the answer to ``Password:``."""

    username: str
    password: str


def encode_login(username: str, password: str) -> LoginAnswers:
    """Each value encoded on its own, one per 334 prompt."""
    return LoginAnswers(encode_base64(username), encode_base64(password))


def encode_plain(authzid: str, username: str, password: str) -> str:
    """RFC 4616 2: ``authzid NUL authcid NUL passwd``; none of them may contain NUL."""
    for name, value in (("authzid", authzid), ("username", username), ("password", password)):
        if "\0" in value:
            raise input_error("sasl.encode_nul", field=name)
    return encode_base64(f"{authzid}\0{username}\0{password}")


def encode_xoauth2(username: str, token: str) -> str:
    """Google XOAUTH2: ``user=`` user ^A ``auth=Bearer `` token ^A ^A."""
    for name, value in (("username", username), ("token", token)):
        if "\x01" in value:
            raise input_error("sasl.encode_ctrl_a", field=name)
    return encode_base64(f"user={username}\x01auth=Bearer {token}\x01\x01")


def encode_text(text: str) -> str:
    """Any text as standard Base64 of its UTF-8 bytes."""
    return encode_base64(text)


def decode_text(text: str) -> Base64Decoded:
    """Base64 back to bytes and text, tolerantly; InputError for a foreign character."""
    return decode_base64(text)
