"""DIGEST-MD5 (RFC 2831, historic since RFC 6331): challenge and response directives."""

from __future__ import annotations

from dataclasses import dataclass

from smtp_gui.core.sasl.mechs import Context
from smtp_gui.core.sasl.model import SERVER, Field, MechanismReading
from smtp_gui.core.text.messages import Note

MECHANISM = "DIGEST-MD5"
# RFC 2831 2.1.2: "response" is the password-derived proof; treat it as a secret.
_SECRET_KEYS = frozenset({"response"})
_LIMIT = 200  # directives kept; a pasted blob with thousands of commas gets a warning


@dataclass(frozen=True, slots=True)
class Directive:
    key: str
    value: str
    start: int  # span of the value in the text (inside the quotes, if quoted)
    end: int


def parse_directives(text: str) -> tuple[list[Directive], bool]:
    """RFC 2831 7.1: ``key=value`` or ``key="quoted"`` separated by commas; linear time.

    Returns the directives and whether the whole text followed the grammar.
    """
    out: list[Directive] = []
    ok = True
    index, length = 0, len(text)
    while index < length:
        while index < length and text[index] in " \t\r\n,":
            index += 1
        if index >= length:
            break
        key_start = index
        while index < length and text[index] not in "=,":
            index += 1
        key = text[key_start:index].strip().lower()
        if index >= length or text[index] != "=" or not key:
            ok = False
            index += 1  # step over the "," or "=" so that the scan always advances
            continue
        index += 1
        while index < length and text[index] in " \t":
            index += 1
        if index < length and text[index] == '"':
            index += 1
            start = index
            chars: list[str] = []
            while index < length and text[index] != '"':
                if text[index] == "\\" and index + 1 < length:  # quoted-pair
                    index += 1
                chars.append(text[index])
                index += 1
            end = index
            if index >= length:
                ok = False
            index += 1
            value = "".join(chars)
        else:
            start = index
            while index < length and text[index] != ",":
                index += 1
            end = index
            value = text[start:end].strip()
        if len(out) < _LIMIT:
            out.append(Directive(key, value, start, end))
    return out, ok


def looks_like_digest_md5(text: str) -> bool:
    """A challenge (nonce plus realm/qop/algorithm), a response, or rspauth."""
    lowered = text[:4096].lower()
    if lowered.startswith("rspauth="):
        return True
    if "nonce=" not in lowered:
        return False
    return any(key in lowered for key in ("algorithm=", "qop=", "realm=", "username="))


def decode_digest_md5(text: str, direction: str, ctx: Context) -> MechanismReading:
    directives, ok = parse_directives(text)
    warnings: list[Note] = [] if ok else [Note("sasl.warning.digest_syntax")]
    values = {d.key: d.value for d in directives}
    fields = tuple(Field(d.key, d.value, secret=d.key in _SECRET_KEYS) for d in directives)
    spans = tuple((d.start, d.end) for d in directives if d.key in _SECRET_KEYS)
    if direction == SERVER:
        if "rspauth" in values:
            # RFC 2831 2.1.3: the server proves it knows the password; the client sends "".
            ctx.final_check = True
            return MechanismReading(
                MECHANISM, Note("sasl.meaning.digest_rspauth"), fields, tuple(warnings)
            )
        warnings.append(Note("sasl.warning.digest_historic"))
        params = {
            "realm": values.get("realm", "?"),
            "qop": values.get("qop", "auth"),
            "algorithm": values.get("algorithm", "?"),
        }
        return MechanismReading(
            MECHANISM, Note("sasl.meaning.digest_challenge", params), fields, tuple(warnings)
        )
    if "username" not in values:
        warnings.append(Note("sasl.warning.digest_no_username"))
    params = {"username": values.get("username", "?"), "digest_uri": values.get("digest-uri", "?")}
    return MechanismReading(
        MECHANISM, Note("sasl.meaning.digest_response", params), fields, tuple(warnings), spans
    )
