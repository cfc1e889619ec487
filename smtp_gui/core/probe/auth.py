"""The client side of SMTP AUTH (RFC 4954) for the probe: PLAIN, LOGIN, CRAM-MD5, XOAUTH2.

Answers are built with the SASL encoder and every 334 challenge is decoded with the SASL
decoder, so the transcript says what the server asked for. Lines that carry a secret are
sent with a masked twin for the transcript.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass

from smtp_gui.core.probe.model import MASK
from smtp_gui.core.probe.reply import ServerReply
from smtp_gui.core.sasl.decode import SERVER, decode_exchange
from smtp_gui.core.sasl.encode import encode_login, encode_plain, encode_xoauth2
from smtp_gui.core.sasl.mechs import login_prompt_kind
from smtp_gui.core.text.errors import InputError
from smtp_gui.core.text.messages import Note

# What a step adds once its reply is known: (decoded challenge, notes).
Describe = Callable[[ServerReply], tuple[str | None, tuple[Note, ...]]]
# Send ``line`` (showing ``masked`` in the transcript), read the reply, record one step.
Exchange = Callable[[str, str | None, tuple[Note, ...], Describe | None], ServerReply]

_MAX_ROUNDS = 4  # LOGIN needs two challenges; anything past this is a confused server


@dataclass(frozen=True, slots=True)
class AuthOutcome:
    mechanism: str
    succeeded: bool
    final: ServerReply


def authenticate(mechanism: str, user: str, password: str, exchange: Exchange) -> AuthOutcome:
    """Run one AUTH exchange; the final reply says whether it succeeded (RFC 4954 6: 235)."""
    mechanism = mechanism.upper()
    runner = {
        "PLAIN": _plain,
        "LOGIN": _login,
        "CRAM-MD5": _cram_md5,
        "XOAUTH2": _xoauth2,
    }[mechanism]
    final = runner(user, password, exchange)
    return AuthOutcome(mechanism, final.code == 235 or final.cls == 2, final)


def describe_challenge(mechanism: str) -> Describe:
    """Decode a 334 challenge with the SASL decoder (other replies get no decoding)."""

    def describe(reply: ServerReply) -> tuple[str | None, tuple[Note, ...]]:
        if reply.code != 334:
            return None, ()
        payload = reply.lines[0].strip() if reply.lines else ""
        try:
            exchange = decode_exchange(f"AUTH {mechanism}\n334 {payload}")
        except InputError:
            return None, (Note("probe.auth.bad_challenge", {"payload": payload[:80]}),)
        for step in exchange.steps:
            if step.direction == SERVER:
                return step.decoded, (step.meaning,)
        return None, ()

    return describe


def _plain(user: str, password: str, exchange: Exchange) -> ServerReply:
    # RFC 4954 4: the initial response goes with the command; RFC 4616 2: NUL user NUL pass.
    response = encode_plain("", user, password)
    note = Note("probe.auth.sent_plain", {"user": user})
    reply = exchange(
        f"AUTH PLAIN {response}", f"AUTH PLAIN {MASK}", (note,), describe_challenge("PLAIN")
    )
    if reply.code == 334:
        # A server that ignores the initial response asks again: answer once more.
        reply = exchange(response, MASK, (note,), describe_challenge("PLAIN"))
    return _cancel_if_still_asking(reply, exchange)


def _login(user: str, password: str, exchange: Exchange) -> ServerReply:
    answers = encode_login(user, password)
    describe = describe_challenge("LOGIN")
    reply = exchange("AUTH LOGIN", None, (), describe)
    for given in range(_MAX_ROUNDS):
        if reply.code != 334:
            return reply
        prompt = _decoded(reply)
        kind = login_prompt_kind(prompt) if prompt is not None else None
        if kind is None:  # an unusual prompt: user name first, then the password
            kind = "username" if given == 0 else "password"
        if kind == "username":
            note = Note("probe.auth.sent_login_user", {"user": user})
            reply = exchange(answers.username, None, (note,), describe)
        else:
            note = Note("probe.auth.sent_login_password")
            reply = exchange(answers.password, MASK, (note,), describe)
    return _cancel_if_still_asking(reply, exchange)


def _cram_md5(user: str, password: str, exchange: Exchange) -> ServerReply:
    reply = exchange("AUTH CRAM-MD5", None, (), describe_challenge("CRAM-MD5"))
    if reply.code != 334:
        return reply
    try:
        challenge = base64.b64decode(reply.lines[0].strip(), validate=True)
    except (binascii.Error, ValueError, IndexError):
        return _cancel_if_still_asking(reply, exchange)
    # RFC 2195 2: user SP hex(HMAC-MD5(key=password, challenge))
    digest = hmac.new(password.encode("utf-8"), challenge, hashlib.md5).hexdigest()
    response = base64.b64encode(f"{user} {digest}".encode()).decode("ascii")
    note = Note("probe.auth.sent_cram", {"user": user})
    reply = exchange(response, MASK, (note,), describe_challenge("CRAM-MD5"))
    return _cancel_if_still_asking(reply, exchange)


def _xoauth2(user: str, token: str, exchange: Exchange) -> ServerReply:
    response = encode_xoauth2(user, token)
    note = Note("probe.auth.sent_xoauth2", {"user": user})
    describe = describe_challenge("XOAUTH2")
    reply = exchange(f"AUTH XOAUTH2 {response}", f"AUTH XOAUTH2 {MASK}", (note,), describe)
    if reply.code == 334:
        # Google's XOAUTH2: an error arrives as a 334 JSON challenge; answer with an empty
        # line and the server sends the final 535.
        reply = exchange("", None, (Note("probe.auth.sent_empty"),), None)
    return _cancel_if_still_asking(reply, exchange)


def _cancel_if_still_asking(reply: ServerReply, exchange: Exchange) -> ServerReply:
    """RFC 4954 4: a client that cannot continue answers "*"; the server replies 501."""
    if reply.code != 334:
        return reply
    return exchange("*", None, (Note("probe.auth.sent_cancel"),), None)


def _decoded(reply: ServerReply) -> str | None:
    payload = reply.lines[0].strip() if reply.lines else ""
    try:
        return base64.b64decode(payload, validate=True).decode("utf-8", errors="replace")
    except (binascii.Error, ValueError):
        return None
