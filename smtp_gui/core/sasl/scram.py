"""SCRAM-SHA-1 / SCRAM-SHA-256 (RFC 5802, RFC 7677): the four messages and their attributes."""

from __future__ import annotations

import base64
import binascii
import re

from smtp_gui.core.sasl.mechs import Context
from smtp_gui.core.sasl.model import SERVER, Field, MechanismReading
from smtp_gui.core.text.digits import parse_digits
from smtp_gui.core.text.messages import Note

# RFC 5802 7: client-first-message = gs2-header client-first-message-bare, where
# gs2-header = gs2-cbind-flag "," [ authzid ] "," and the bare message starts "n=".
_CLIENT_FIRST = re.compile(r"(n|y|p=[^,]*),(a=[^,]*)?,(m=[^,]*,)?n=")
# Proof / signature length in bytes gives the hash: SHA-1 20, SHA-256 32, SHA-512 64.
_BY_LENGTH = {20: "SCRAM-SHA-1", 32: "SCRAM-SHA-256", 64: "SCRAM-SHA-512"}
_MIN_ITERATIONS = 4096  # RFC 7677 4 and RFC 5802 5.1 suggest at least 4096

_ATTRIBUTE_NAMES = {
    "a": "authzid",
    "n": "username",
    "r": "nonce",
    "s": "salt",
    "i": "iterations",
    "c": "channel_binding",
    "p": "proof",
    "v": "server_signature",
    "e": "error",
}


def scram_kind(text: str) -> str | None:
    """Which SCRAM message ``text`` is, by its leading attributes, or None."""
    if _CLIENT_FIRST.match(text):
        return "client_first"
    if text.startswith("r=") and ",s=" in text and ",i=" in text:
        return "server_first"
    if text.startswith("c=") and ",r=" in text and ",p=" in text:
        return "client_final"
    if text.startswith(("v=", "e=")) and "," not in text:
        return "server_final"
    return None


def _unescape(name: str) -> str:
    """RFC 5802 5.1: "," and "=" in names are sent as "=2C" and "=3D"."""
    return name.replace("=2C", ",").replace("=3D", "=")


def _attributes(text: str, start: int) -> list[tuple[str, str, int]]:
    """``x=value`` pairs from ``start``: name, value, and the value's index in ``text``."""
    out: list[tuple[str, str, int]] = []
    position = start
    for part in text[start:].split(","):
        name, sep, value = part.partition("=")
        out.append((name if sep else "", value if sep else part, position + len(name) + 1))
        position += len(part) + 1
    return out


def _b64_length(value: str) -> int | None:
    try:
        return len(base64.b64decode(value, validate=True))
    except (binascii.Error, ValueError):
        return None


def _variant(mechanism: str | None, value: str) -> str:
    """The mechanism named by AUTH, else the hash guessed from a proof's length."""
    if mechanism and mechanism.startswith("SCRAM-"):
        return mechanism
    length = _b64_length(value)
    return _BY_LENGTH.get(length or 0, "SCRAM")


def decode_scram(text: str, direction: str, ctx: Context) -> MechanismReading:
    kind = scram_kind(text)
    mechanism = ctx.mechanism if ctx.mechanism and ctx.mechanism.startswith("SCRAM") else "SCRAM"
    if kind == "client_first":
        return _client_first(text, ctx, mechanism)
    if kind == "server_first":
        return _server_first(text, ctx, mechanism)
    if kind == "client_final":
        return _client_final(text, ctx)
    if kind == "server_final":
        return _server_final(text, ctx)
    key = "sasl.meaning.generic_challenge" if direction == SERVER else "sasl.meaning.unknown_client"
    return MechanismReading(mechanism, Note(key), (), (Note("sasl.warning.scram_unknown"),))


def _fields(text: str, start: int) -> tuple[list[Field], dict[str, str], list[tuple[int, int]]]:
    fields: list[Field] = []
    values: dict[str, str] = {}
    spans: list[tuple[int, int]] = []
    for name, value, index in _attributes(text, start):
        label = _ATTRIBUTE_NAMES.get(name, name or "unparsed")
        secret = name == "p"
        shown = _unescape(value) if name in ("n", "a") else value
        fields.append(Field(label, shown, secret=secret))
        values.setdefault(name, value)
        if secret:
            spans.append((index, index + len(value)))
    return fields, values, spans


def _client_first(text: str, ctx: Context, mechanism: str) -> MechanismReading:
    header = _CLIENT_FIRST.match(text)
    assert header is not None
    flag = header.group(1)
    fields = [Field("gs2_cbind_flag", flag)]
    if header.group(2):
        fields.append(Field("authzid", _unescape(header.group(2)[2:])))
    bare, values, _ = _fields(text, header.end() - 2)
    fields.extend(bare)
    ctx.scram_nonce = values.get("r")
    warnings = () if flag == "n" else (Note("sasl.warning.scram_channel_binding", {"flag": flag}),)
    user = _unescape(values.get("n", "?"))
    return MechanismReading(
        mechanism,
        Note("sasl.meaning.scram_client_first", {"username": user}),
        tuple(fields),
        warnings,
    )


def _server_first(text: str, ctx: Context, mechanism: str) -> MechanismReading:
    fields, values, _ = _fields(text, 0)
    warnings: list[Note] = []
    nonce = values.get("r", "")
    if ctx.scram_nonce and not nonce.startswith(ctx.scram_nonce):
        # RFC 5802 5.1: the server's nonce must start with the client's.
        warnings.append(Note("sasl.warning.scram_nonce"))
    salt = values.get("s", "")
    salt_length = _b64_length(salt)
    if salt_length is not None:
        fields.append(Field("salt_length", str(salt_length)))
    iterations = values.get("i", "?")
    count = parse_digits(iterations)
    if count is not None and count < _MIN_ITERATIONS:
        warnings.append(Note("sasl.warning.scram_iterations", {"iterations": iterations}))
    return MechanismReading(
        mechanism,
        Note("sasl.meaning.scram_server_first", {"iterations": iterations}),
        tuple(fields),
        tuple(warnings),
    )


def _client_final(text: str, ctx: Context) -> MechanismReading:
    fields, values, spans = _fields(text, 0)
    binding = values.get("c", "")
    try:
        decoded = base64.b64decode(binding, validate=True).decode("utf-8", "replace")
        fields.insert(1, Field("channel_binding_decoded", decoded))
    except (binascii.Error, ValueError):
        pass
    mechanism = _variant(ctx.mechanism, values.get("p", ""))
    return MechanismReading(
        mechanism, Note("sasl.meaning.scram_client_final"), tuple(fields), secret_spans=tuple(spans)
    )


def _server_final(text: str, ctx: Context) -> MechanismReading:
    fields, values, _ = _fields(text, 0)
    if "e" in values:
        error = values["e"]
        key = {
            "invalid-proof": "sasl.meaning.scram_error_proof",
            "unknown-user": "sasl.meaning.scram_error_user",
        }.get(error, "sasl.meaning.scram_error")
        mechanism = (
            ctx.mechanism if ctx.mechanism and ctx.mechanism.startswith("SCRAM") else ("SCRAM")
        )
        return MechanismReading(mechanism, Note(key, {"error": error}), tuple(fields))
    ctx.final_check = True
    mechanism = _variant(ctx.mechanism, values.get("v", ""))
    return MechanismReading(mechanism, Note("sasl.meaning.scram_server_final"), tuple(fields))
