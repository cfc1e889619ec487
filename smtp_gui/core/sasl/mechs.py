"""Decoders for the text mechanisms: LOGIN, PLAIN, EXTERNAL, CRAM-MD5, XOAUTH2, OAUTHBEARER.

Each decoder turns one decoded payload into a Reading: fields, which parts are secret, and
what the step means. The exchange keeps a small Context between steps (the last LOGIN
prompt, whether an OAuth error is awaiting its dummy answer).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass

from smtp_gui.core.sasl.model import SERVER, Field, MechanismReading
from smtp_gui.core.text.messages import Note

# Prompts servers send for AUTH LOGIN (the mechanism has no RFC; the IETF draft
# draft-murchison-sasl-login-00 2 lists "Username:" and "Password:"; variants seen in the wild).
_USER_PROMPT = re.compile(
    r"\s*(user\s?name|user|login(\s?name)?|account|user\s?id|e-?mail|用户名|帐号|账号)\s*[:：]?\s*\Z",
    re.IGNORECASE,
)
_PASSWORD_PROMPT = re.compile(
    r"\s*(pass\s?word|pass|passwd|pwd|passcode|passwort|kennwort|密码|口令)\s*[:：]?\s*\Z",
    re.IGNORECASE,
)
_CRAM_CHALLENGE = re.compile(r"<[^<>\s]*>\Z")
_HEX_DIGEST = re.compile(r"[0-9a-fA-F]{32}\Z")
# RFC 7628 3.1: gs2-header = gs2-cbind-flag "," [ gs2-authzid ] "," ; cbind flag n, y or p=...
_GS2_FLAG = re.compile(r"(n|y|p=[A-Za-z0-9.-]+),")
_OAUTH_TOKEN_REASON = {
    "400": "token",
    "401": "token",
    "invalid_token": "token",
    "invalid_request": "token",
    "403": "scope",
    "insufficient_scope": "scope",
}


@dataclass(slots=True)
class Context:
    """What later steps need to know about earlier ones."""

    mechanism: str | None = None
    login_expect: str | None = None  # "username" or "password" after a LOGIN prompt
    login_answers: int = 0
    oauth_error: bool = False  # an OAuth error challenge awaits the client's dummy answer
    final_check: bool = False  # server proof sent (SCRAM v=, DIGEST-MD5 rspauth)
    scram_nonce: str | None = None
    cram_challenge: str | None = None


def login_prompt_kind(text: str) -> str | None:
    """ "username", "password" or None for a LOGIN prompt."""
    if len(text) > 40:
        return None
    if _USER_PROMPT.match(text):
        return "username"
    if _PASSWORD_PROMPT.match(text):
        return "password"
    return None


def decode_login(text: str, direction: str, ctx: Context) -> MechanismReading:
    """AUTH LOGIN: the server prompts, the client answers one value per line."""
    if direction == SERVER:
        kind = login_prompt_kind(text)
        ctx.login_expect = kind
        if kind is None:
            # Unusual prompt: the client answers in order, user name first.
            ctx.login_expect = "username" if ctx.login_answers == 0 else "password"
            return MechanismReading(
                "LOGIN",
                Note("sasl.meaning.login_prompt_other", {"prompt": text}),
                (Field("prompt", text),),
            )
        return MechanismReading(
            "LOGIN", Note(f"sasl.meaning.login_prompt_{kind}"), (Field("prompt", text),)
        )
    expect = ctx.login_expect or ("username" if ctx.login_answers == 0 else "password")
    ctx.login_answers += 1
    ctx.login_expect = None
    if expect == "password":
        return MechanismReading(
            "LOGIN",
            Note("sasl.meaning.login_password"),
            (Field("password", text, secret=True),),
            secret_payload=True,
        )
    return MechanismReading(
        "LOGIN", Note("sasl.meaning.login_username", {"username": text}), (Field("username", text),)
    )


def decode_plain(text: str, direction: str, ctx: Context) -> MechanismReading:
    """RFC 4616 2: message = [authzid] NUL authcid NUL passwd."""
    if direction == SERVER:
        return MechanismReading("PLAIN", Note("sasl.meaning.plain_challenge"))
    parts = text.split("\0")
    if len(parts) != 3:
        # Not three fields: treat everything after the first NUL as secret, to be safe.
        first = text.find("\0")
        spans = ((first + 1, len(text)),) if first >= 0 else ((0, len(text)),)
        return MechanismReading(
            "PLAIN",
            Note("sasl.meaning.plain_malformed"),
            (),
            (Note("sasl.warning.plain_fields", {"count": len(parts)}),),
            spans,
        )
    authzid, authcid, password = parts
    start = len(authzid) + len(authcid) + 2
    fields = (
        Field("authzid", authzid),
        Field("authcid", authcid),
        Field("password", password, secret=True),
    )
    key = (
        "sasl.meaning.plain_response_authzid"
        if authzid and authzid != authcid
        else ("sasl.meaning.plain_response")
    )
    return MechanismReading(
        "PLAIN",
        Note(key, {"username": authcid, "authzid": authzid}),
        fields,
        secret_spans=((start, len(text)),),
    )


def decode_external(text: str, direction: str, ctx: Context) -> MechanismReading:
    """RFC 4422 appendix A: the client sends only an (optional) authorization identity."""
    if direction == SERVER:
        return MechanismReading("EXTERNAL", Note("sasl.meaning.generic_challenge"))
    return MechanismReading(
        "EXTERNAL", Note("sasl.meaning.external_response"), (Field("authzid", text),)
    )


def decode_cram_md5(text: str, direction: str, ctx: Context) -> MechanismReading:
    """RFC 2195 2: challenge <msg-id>; response "user" SP hex(HMAC-MD5(password, challenge))."""
    if direction == SERVER:
        ctx.cram_challenge = text
        warnings = () if _CRAM_CHALLENGE.match(text) else (Note("sasl.warning.cram_challenge"),)
        return MechanismReading(
            "CRAM-MD5", Note("sasl.meaning.cram_challenge"), (Field("challenge", text),), warnings
        )
    user, _, digest = text.rpartition(" ")
    if not user or not _HEX_DIGEST.match(digest):
        return MechanismReading(
            "CRAM-MD5",
            Note("sasl.meaning.cram_malformed"),
            (),
            (Note("sasl.warning.cram_response"),),
            ((0, len(text)),),
        )
    fields = (Field("username", user), Field("digest", digest, secret=True))
    return MechanismReading(
        "CRAM-MD5",
        Note("sasl.meaning.cram_response", {"username": user}),
        fields,
        secret_spans=((len(user) + 1, len(text)),),
    )


def cram_md5_digest(challenge: str | bytes, password: str) -> str:
    """RFC 2195 2: hex HMAC-MD5 of the challenge keyed with the password."""
    if isinstance(challenge, str):
        challenge = challenge.encode("utf-8")
    return hmac.new(password.encode("utf-8"), challenge, hashlib.md5).hexdigest()


def verify_cram_md5(challenge: str | bytes, user: str, digest: str, password: str) -> bool:
    """Whether ``digest`` is what ``user`` would send for ``challenge`` with ``password``.

    The user name is not part of the HMAC (RFC 2195 2) but must be present in a response.
    """
    if not user or not _HEX_DIGEST.match(digest.strip()):
        return False
    expected = cram_md5_digest(challenge, password)
    return hmac.compare_digest(expected, digest.strip().lower())


def decode_oauth(text: str, direction: str, ctx: Context, mechanism: str) -> MechanismReading:
    """XOAUTH2 (Google) and OAUTHBEARER (RFC 7628): client string or server error JSON."""
    if direction == SERVER:
        return _oauth_error(text, ctx, mechanism)
    if ctx.oauth_error:
        ctx.oauth_error = False
        # RFC 7628 3.2.3: the client answers an error with a dummy %x01; XOAUTH2 with "".
        return MechanismReading(mechanism, Note("sasl.meaning.oauth_ack"))
    if mechanism == "OAUTHBEARER" or _GS2_FLAG.match(text):
        return _oauthbearer_client(text)
    return _xoauth2_client(text)


def _kv_pairs(text: str, start: int) -> tuple[list[Field], list[tuple[int, int]], str | None]:
    """RFC 7628 3.1 kvpairs separated by %x01 from ``start``; the token span is secret."""
    fields: list[Field] = []
    spans: list[tuple[int, int]] = []
    user: str | None = None
    position = start
    for pair in text[start:].split("\x01"):
        begin = position
        position += len(pair) + 1
        if not pair:
            continue
        key, sep, value = pair.partition("=")
        if key == "auth" and sep:
            scheme, _, token = value.partition(" ")
            fields.append(Field("auth_scheme", scheme))
            fields.append(Field("token", token, secret=True))
            token_start = begin + len("auth=") + (len(scheme) + 1 if token else 0)
            spans.append((token_start, begin + len(pair)))
        elif key == "user" and sep:
            user = value
            fields.append(Field("username", value))
        elif sep:
            fields.append(Field(key, value))
        else:
            fields.append(Field("unparsed", pair))
    return fields, spans, user


def _xoauth2_client(text: str) -> MechanismReading:
    """Google XOAUTH2: "user=" user ^A "auth=Bearer " token ^A ^A."""
    fields, spans, user = _kv_pairs(text, 0)
    warnings = () if user is not None and spans else (Note("sasl.warning.xoauth2_fields"),)
    return MechanismReading(
        "XOAUTH2",
        Note("sasl.meaning.xoauth2_client", {"username": user or "?"}),
        tuple(fields),
        warnings,
        tuple(spans),
    )


def _oauthbearer_client(text: str) -> MechanismReading:
    """RFC 7628 3.1: gs2-header %x01 kvpairs %x01 (host=, port=, auth=Bearer token)."""
    fields: list[Field] = []
    warnings: list[Note] = []
    end = text.find("\x01")
    header = text if end < 0 else text[:end]
    flag = _GS2_FLAG.match(header)
    user: str | None = None
    if flag is None:
        warnings.append(Note("sasl.warning.gs2_header"))
    else:
        fields.append(Field("gs2_cbind_flag", flag.group(1)))
        rest = header[flag.end() :].rstrip(",")
        if rest.startswith("a="):
            user = rest[2:].replace("=2C", ",").replace("=3D", "=")
            fields.append(Field("authzid", user))
        elif rest:
            # RFC 7628 4.4 prints "n,user=...,", which the gs2 grammar does not allow.
            warnings.append(Note("sasl.warning.gs2_header"))
            key, _, value = rest.partition("=")
            user = value if key == "user" else rest
            fields.append(Field("username" if key == "user" else "unparsed", user))
    pairs, spans, pair_user = ([], [], None) if end < 0 else _kv_pairs(text, end + 1)
    fields.extend(pairs)
    if not spans:
        warnings.append(Note("sasl.warning.oauth_no_token"))
    name = user or pair_user or "?"
    return MechanismReading(
        "OAUTHBEARER",
        Note("sasl.meaning.oauthbearer_client", {"username": name}),
        tuple(fields),
        tuple(warnings),
        tuple(spans),
    )


def _oauth_error(text: str, ctx: Context, mechanism: str) -> MechanismReading:
    """RFC 7628 3.2.2: the server's error is a JSON object sent as a challenge."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        note = Note("sasl.meaning.generic_challenge")
        return MechanismReading(mechanism, note, (Field("challenge", text),))
    ctx.oauth_error = True
    fields = tuple(Field(str(key), _json_value(value)) for key, value in data.items())
    status = _json_value(data.get("status", ""))
    reason = _OAUTH_TOKEN_REASON.get(status, "other")
    which = "oauthbearer" if mechanism == "OAUTHBEARER" else "xoauth2"
    params = {"status": status, "scope": _json_value(data.get("scope", "")) or "?"}
    return MechanismReading(mechanism, Note(f"sasl.meaning.{which}_error_{reason}", params), fields)


def _json_value(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def looks_like_oauth_error(text: str) -> bool:
    """A JSON object with a "status" member: the OAuth error challenge."""
    stripped = text.strip()
    if not (stripped.startswith("{") and stripped.endswith("}") and '"status"' in stripped):
        return False
    try:
        return isinstance(json.loads(stripped), dict)
    except (ValueError, RecursionError):
        return False
