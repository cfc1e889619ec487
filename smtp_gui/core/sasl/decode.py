"""Decode SMTP AUTH exchanges (RFC 4954) step by step, with secrets kept maskable.

``decode_exchange(text)`` accepts one server line (``334 VXNlcm5hbWU6``), bare Base64,
``AUTH PLAIN <initial response>``, or a whole transcript with or without direction markers.
The mechanism comes from the AUTH command, else from the content. Every step says what it
means and what comes next; the final reply keeps its code for the catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from smtp_gui.core.sasl.digest_md5 import decode_digest_md5, looks_like_digest_md5
from smtp_gui.core.sasl.mechs import (
    Context,
    decode_cram_md5,
    decode_external,
    decode_login,
    decode_oauth,
    decode_plain,
    login_prompt_kind,
    looks_like_oauth_error,
    verify_cram_md5,
)
from smtp_gui.core.sasl.model import CLIENT, SERVER, Exchange, Field, MechanismReading, SaslStep
from smtp_gui.core.sasl.ntlm import decode_ntlm, is_ntlm
from smtp_gui.core.sasl.replies import reply_reading
from smtp_gui.core.sasl.scram import decode_scram, scram_kind
from smtp_gui.core.sasl.transcript import Unit, split_transcript
from smtp_gui.core.text.base64text import (
    HEX_DUMP_LIMIT,
    Base64Decoded,
    decode_base64,
    hex_dump,
    visible,
)
from smtp_gui.core.text.messages import Note

__all__ = [
    "CLIENT",
    "SERVER",
    "Exchange",
    "Field",
    "SaslStep",
    "cram_md5_parts",
    "decode_exchange",
    "verify_cram_md5",
]

# RFC 4954 4: AUTH mechanism [initial-response]; IMAP's AUTHENTICATE (RFC 3501 6.2.2) and a
# leading tag are accepted too, as RFC examples show them.
_AUTH = re.compile(
    r"(?:[A-Za-z0-9.]+[ \t]+)?(?:AUTH|AUTHENTICATE)[ \t]+\"?([A-Za-z0-9_-]{1,40})\"?"
    r"(?:[ \t]+(\S+))?[ \t]*\Z",
    re.IGNORECASE,
)
_COMMAND = re.compile(
    r"(EHLO|HELO|LHLO|STARTTLS|MAIL|RCPT|DATA|RSET|NOOP|QUIT|VRFY|EXPN|HELP|BDAT|ETRN)(?:\s|\Z)",
    re.IGNORECASE,
)
_BASE64_LINE = re.compile(r"[A-Za-z0-9+/=_\-\s]+\Z")
_CRAM_RESPONSE = re.compile(r"\S+ [0-9a-fA-F]{32}\Z")

Decoder = Callable[[str, str, Context], MechanismReading]

_DECODERS: dict[str, Decoder] = {
    "LOGIN": decode_login,
    "PLAIN": decode_plain,
    "EXTERNAL": decode_external,
    "CRAM-MD5": decode_cram_md5,
    "DIGEST-MD5": decode_digest_md5,
    "XOAUTH2": lambda text, direction, ctx: decode_oauth(text, direction, ctx, "XOAUTH2"),
    "OAUTHBEARER": lambda text, direction, ctx: decode_oauth(text, direction, ctx, "OAUTHBEARER"),
}


def decode_exchange(text: str) -> Exchange:
    """Decode pasted AUTH text; raise InputError for empty input or broken Base64."""
    transcript = split_transcript(text)
    has_server = any(unit.direction == SERVER for unit in transcript.units)
    single = len(transcript.units) == 1
    state = _State()
    steps: list[SaslStep] = []
    for unit in transcript.units:
        direction = unit.direction
        if direction == SERVER:
            steps.append(_server_step(unit, state))
        else:
            steps.append(_client_step(unit, state, has_server, single))
    warnings = list(transcript.warnings)
    mechanism = state.command_mechanism or _mechanism_of(steps)
    if mechanism is None and state.final is None:
        warnings.append(Note("sasl.warning.no_auth"))
    return Exchange(tuple(steps), mechanism, state.final, tuple(warnings))


def cram_md5_parts(exchange: Exchange) -> tuple[str, str, str] | None:
    """(challenge, user, digest) of a CRAM-MD5 exchange, for ``verify_cram_md5``."""
    challenge = exchange.field("challenge")
    user = exchange.field("username")
    digest = exchange.field("digest")
    if challenge is None or user is None or digest is None:
        return None
    return challenge.value, user.value, digest.value


class _State:
    """Where the exchange is: inside AUTH or not, and what earlier steps taught us."""

    def __init__(self) -> None:
        self.ctx = Context()
        self.in_auth = False
        self.command_mechanism: str | None = None
        self.final: SaslStep | None = None
        self.last_direction: str | None = None

    def start(self, mechanism: str | None) -> None:
        self.ctx = Context(mechanism=mechanism)
        self.in_auth = True
        self.command_mechanism = mechanism


def _server_step(unit: Unit, state: _State) -> SaslStep:
    state.last_direction = SERVER
    if unit.code == "334" or unit.continuation:
        state.in_auth = True
        return _payload_step(unit, SERVER, state)
    if unit.code is None and not state.in_auth:
        return _text_step(unit, SERVER, Note("sasl.meaning.server_text"))
    reading, is_final = reply_reading(unit.code, unit.payload, state.in_auth)
    mechanism = state.ctx.mechanism if is_final else None
    step = SaslStep(
        SERVER,
        unit.raw,
        unit.code,
        None,
        None,
        mechanism,
        reading.fields,
        reading.warnings,
        reading.meaning,
        unit.line,
    )
    if is_final:
        state.final = step
        state.in_auth = False
    return step


def _client_step(unit: Unit, state: _State, has_server: bool, single: bool) -> SaslStep:
    text = unit.raw
    auth = _AUTH.match(text)
    if auth is not None:  # never Base64: the pattern needs a space
        return _auth_command(unit, auth, state)
    if not state.in_auth:
        if _COMMAND.match(text):
            state.last_direction = CLIENT
            word = text.split(None, 1)[0].upper()
            key = (
                f"sasl.meaning.command_{word.lower()}"
                if word in ("EHLO", "STARTTLS")
                else ("sasl.meaning.command")
            )
            return _text_step(unit, CLIENT, Note(key, {"command": word}))
        if not single and not _BASE64_LINE.match(text):
            state.last_direction = CLIENT
            return _text_step(unit, CLIENT, Note("sasl.meaning.client_text"))
    direction = unit.direction
    if direction is None:
        direction = CLIENT if has_server or state.last_direction == SERVER else None
    stripped = text.strip()
    if stripped == "*":
        # RFC 4954 4: "*" cancels the exchange; the server answers 501.
        state.last_direction = CLIENT
        return _text_step(unit, CLIENT, Note("sasl.meaning.cancel"), state.ctx.mechanism)
    if stripped in ("", "="):
        state.last_direction = CLIENT
        return _text_step(unit, CLIENT, _empty_response_meaning(state.ctx), state.ctx.mechanism)
    return _payload_step(unit, direction, state)


def _auth_command(unit: Unit, auth: re.Match[str], state: _State) -> SaslStep:
    """RFC 4954 4: ``AUTH mechanism [initial-response]``; "=" is an empty initial response."""
    mechanism = auth.group(1).upper()
    state.start(mechanism)
    state.last_direction = CLIENT
    fields = (Field("mechanism", mechanism),)
    initial = auth.group(2)
    if initial is None or initial.startswith("{"):
        return _text_step(
            unit,
            CLIENT,
            Note("sasl.meaning.auth_command", {"mechanism": mechanism}),
            mechanism,
            fields,
        )
    if initial == "=":
        meaning = Note("sasl.meaning.auth_empty_initial", {"mechanism": mechanism})
        if mechanism == "EXTERNAL":
            meaning = Note("sasl.meaning.external_response")
        return _text_step(unit, CLIENT, meaning, mechanism, fields)
    start = auth.start(2)
    payload = Unit(
        CLIENT, unit.raw, None, initial, start, unit.offset + start, unit.line, unit.column + start
    )
    step = _payload_step(payload, CLIENT, state)
    return SaslStep(
        step.direction,
        step.raw,
        None,
        step.decoded,
        step.hex,
        mechanism,
        fields + step.fields,
        step.warnings,
        step.meaning,
        step.line,
        step.secret_spans,
        step.payload_span,
        step.secret_payload,
    )


def _payload_step(unit: Unit, direction: str | None, state: _State) -> SaslStep:
    """A Base64 payload: decode it, find its mechanism and let that mechanism read it."""
    if direction == SERVER and not unit.payload.strip():
        # RFC 4954 4: "334 " with nothing after it is an empty challenge.
        meaning = Note("sasl.meaning.empty_challenge", {"mechanism": state.ctx.mechanism or "?"})
        return _text_step(unit, SERVER, meaning, state.ctx.mechanism, code=unit.code)
    decoded = decode_base64(unit.payload, offset=unit.offset, line=unit.line, column=unit.column)
    if direction is None:
        direction = _guess_direction(decoded)
    state.in_auth = True
    state.last_direction = direction
    text = decoded.text
    if text is None and _is_text_mechanism(state.ctx.mechanism):
        # PLAIN, LOGIN ... carry text, whatever bytes a user put in a password: decode it as
        # text so that the secret fields are found and masked, not shown in a hex dump.
        text = decoded.data.decode("utf-8", "replace")
    reading = _read(decoded.data, text, direction, state.ctx)
    if reading.mechanism and state.ctx.mechanism in (None, "SCRAM"):
        state.ctx.mechanism = reading.mechanism
    hex_text = None
    warnings = list(decoded.warnings) + list(reading.warnings)
    if reading.binary or text is None:
        hex_text = hex_dump(decoded.data)
        if len(decoded.data) > HEX_DUMP_LIMIT:
            warnings.append(Note("sasl.warning.hex_truncated", {"size": len(decoded.data)}))
    shown = None if text is None or reading.binary else visible(text)
    end = len(unit.raw)
    return SaslStep(
        direction,
        unit.raw,
        unit.code,
        shown,
        hex_text,
        reading.mechanism,
        reading.fields,
        tuple(warnings),
        reading.meaning,
        unit.line,
        reading.secret_spans if shown is not None else (),
        (unit.payload_start, end),
        reading.secret_payload,
    )


def _is_text_mechanism(mechanism: str | None) -> bool:
    return mechanism is not None and (mechanism in _DECODERS or mechanism.startswith("SCRAM"))


def _read(data: bytes, text: str | None, direction: str, ctx: Context) -> MechanismReading:
    if is_ntlm(data):
        return decode_ntlm(data)
    if text is None:
        if ctx.mechanism and ctx.mechanism.startswith("GS"):
            return MechanismReading(ctx.mechanism, Note("sasl.meaning.gssapi"), binary=True)
        return MechanismReading(ctx.mechanism, Note("sasl.meaning.binary"), binary=True)
    mechanism = ctx.mechanism or _detect(text, direction)
    if mechanism is not None and mechanism.startswith("SCRAM"):
        return decode_scram(text, direction, ctx)
    decoder = _DECODERS.get(mechanism or "")
    if decoder is not None:
        return decoder(text, direction, ctx)
    if mechanism in ("GSSAPI", "GS2-KRB5"):
        return MechanismReading(mechanism, Note("sasl.meaning.gssapi"), binary=True)
    key = "sasl.meaning.unknown_server" if direction == SERVER else "sasl.meaning.unknown_client"
    return MechanismReading(mechanism, Note(key))


def _detect(text: str, direction: str) -> str | None:
    """The mechanism a payload belongs to, judged by its content alone."""
    if direction == SERVER:
        return _detect_server(text)
    kind = scram_kind(text)
    if kind in ("client_first", "client_final"):
        return "SCRAM"
    if text.count("\0") == 2:
        return "PLAIN"
    if text.startswith("user=") and "\x01auth=" in text:
        return "XOAUTH2"
    if text[:2] in ("n,", "y,", "p=") and "\x01" in text:
        return "OAUTHBEARER"
    if looks_like_digest_md5(text):
        return "DIGEST-MD5"
    if _CRAM_RESPONSE.match(text):
        return "CRAM-MD5"
    return None


def _detect_server(text: str) -> str | None:
    if login_prompt_kind(text) is not None:
        return "LOGIN"
    if text.startswith("<") and text.endswith(">") and "@" in text and len(text) < 512:
        return "CRAM-MD5"
    if looks_like_oauth_error(text):
        return "XOAUTH2"
    if scram_kind(text) in ("server_first", "server_final"):
        return "SCRAM"
    if looks_like_digest_md5(text):
        return "DIGEST-MD5"
    return None


def _guess_direction(decoded: Base64Decoded) -> str:
    """Bare Base64 with nothing around it: a server's if it reads like a challenge."""
    if is_ntlm(decoded.data):
        return SERVER if decoded.data[8:9] == b"\x02" else CLIENT
    if decoded.text is not None and _detect_server(decoded.text) is not None:
        return SERVER
    return CLIENT


def _empty_response_meaning(ctx: Context) -> Note:
    if ctx.oauth_error:
        # RFC 7628 3.2.3 / Google XOAUTH2: the client acknowledges the error; 535 follows.
        ctx.oauth_error = False
        return Note("sasl.meaning.oauth_ack")
    if ctx.final_check:
        ctx.final_check = False
        return Note("sasl.meaning.final_ack")
    return Note("sasl.meaning.empty_response")


def _text_step(
    unit: Unit,
    direction: str,
    meaning: Note,
    mechanism: str | None = None,
    fields: tuple[Field, ...] = (),
    code: str | None = None,
) -> SaslStep:
    return SaslStep(
        direction, unit.raw, code, None, None, mechanism, fields, (), meaning, unit.line
    )


def _mechanism_of(steps: list[SaslStep]) -> str | None:
    """The most specific mechanism any step found (``SCRAM-SHA-256`` over ``SCRAM``)."""
    found: str | None = None
    for step in steps:
        if step.mechanism and (found is None or (found == "SCRAM" and step.mechanism != found)):
            found = step.mechanism
    return found
