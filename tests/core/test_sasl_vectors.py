"""Every vector in ../shared/data/sasl-test-vectors.yaml decodes to its expected fields."""

from __future__ import annotations

import base64
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
import yaml

from smtp_gui.core.sasl.decode import decode_exchange, verify_cram_md5
from smtp_gui.core.sasl.model import CLIENT, SERVER, Exchange, SaslStep
from tests.shared_data import shared_data_path

Vector = dict[str, Any]


@cache
def _vectors() -> dict[str, Vector]:
    path = shared_data_path("sasl-test-vectors.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {vector["id"]: vector for vector in data["vectors"]}


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _fields(step: SaslStep) -> dict[str, str]:
    return {field.name: field.value for field in step.fields}


def _payload_steps(exchange: Exchange) -> list[SaslStep]:
    """Steps that carried a decoded payload (or a binary one)."""
    return [step for step in exchange.steps if step.decoded is not None or step.hex is not None]


def _plain(vector: Vector, exchange: Exchange) -> None:
    (step,) = [s for s in exchange.steps if s.mechanism == "PLAIN" and "password" in _fields(s)]
    fields = _fields(step)
    assert fields["authzid"] == vector.get("authzid", fields["authzid"])
    assert fields["authcid"] == vector.get("authcid", fields["authcid"])
    assert fields["password"] == vector.get("password", fields["password"])
    message = vector["message"]
    assert (fields["authzid"], fields["authcid"], fields["password"]) == tuple(message.split("\0"))
    assert exchange.mechanism == "PLAIN"


def check_rfc4616_s4_ex1(vector: Vector) -> None:
    _plain(vector, decode_exchange(vector["message_base64"]))
    # The exact same string as a client response after an empty challenge.
    _plain(vector, decode_exchange(f"C: AUTH PLAIN\nS: 334 \nC: {vector['message_base64']}"))


def check_rfc4616_s4_ex2(vector: Vector) -> None:
    exchange = decode_exchange(vector["message_base64"])
    _plain(vector, exchange)
    assert exchange.steps[0].meaning.key == "sasl.meaning.plain_response_authzid"


def check_rfc4954_s4_1_plain_ir(vector: Vector) -> None:
    exchange = decode_exchange("\n".join(vector["transcript"]))
    _plain(vector, exchange)
    assert exchange.final_code == "235 2.7.0"
    offered = exchange.field("offered_mechanisms")
    assert offered is not None and offered.value == "GSSAPI DIGEST-MD5"


def check_rfc4954_s4_1_plain_noir(vector: Vector) -> None:
    exchange = decode_exchange("\n".join(vector["transcript"]))
    _plain(vector, exchange)
    empty = [s for s in exchange.steps if s.code == "334"]
    assert [s.meaning.key for s in empty] == ["sasl.meaning.empty_challenge"]
    assert exchange.final_code == "235 2.7.0"


def _cram(vector: Vector, exchange: Exchange) -> tuple[str, str]:
    challenge, response = _payload_steps(exchange)
    assert challenge.direction == SERVER and response.direction == CLIENT
    assert challenge.decoded == vector["challenge"]
    assert _fields(challenge)["challenge"] == vector["challenge"]
    user, digest = vector["response"].split(" ")
    assert _fields(response) == {"username": user, "digest": digest}
    assert exchange.mechanism == "CRAM-MD5"
    return user, digest


def check_rfc4954_s4_1_cram_md5(vector: Vector) -> None:
    exchange = decode_exchange("\n".join(vector["transcript"]))
    _cram(vector, exchange)
    assert exchange.final_code == "235 2.7.0"


def check_rfc2195_s2_cram_md5(vector: Vector) -> None:
    exchange = decode_exchange("\n".join(vector["transcript"]))
    user, digest = _cram(vector, exchange)
    assert user == vector["username"] and digest == vector["digest_hex"]
    assert verify_cram_md5(vector["challenge"], user, digest, vector["password"])
    assert not verify_cram_md5(vector["challenge"], user, digest, "wrong")
    # Bare, without any transcript: direction comes from the content.
    bare = decode_exchange(f"{vector['challenge_base64']}\n{vector['response_base64']}")
    _cram(vector, bare)


def check_rfc4954_s4_1_external(vector: Vector) -> None:
    exchange = decode_exchange("\n".join(vector["transcript"]))
    assert exchange.mechanism == "EXTERNAL"
    assert exchange.final_code == "235 2.7.0"
    auth = next(s for s in exchange.steps if s.raw.startswith("AUTH"))
    assert auth.meaning.key == "sasl.meaning.external_response"


def _digest(vector: Vector, challenge: str, response: str, final: str) -> None:
    text = f"C: AUTH DIGEST-MD5\nS: 334 {challenge}\nC: {response}\nS: 334 {final}\nC: \n"
    text += "S: 235 2.7.0 Authentication successful"
    exchange = decode_exchange(text)
    assert exchange.mechanism == "DIGEST-MD5"
    server, client, rspauth = _payload_steps(exchange)
    fields = _fields(server)
    assert fields["realm"] == vector["realm"]
    assert fields["qop"] == "auth" and fields["algorithm"] == "md5-sess"
    assert fields["charset"] == "utf-8"
    assert f'nonce="{fields["nonce"]}"' in vector["server_challenge"]
    answer = _fields(client)
    assert answer["username"] == vector["username"]
    assert answer["realm"] == vector["realm"]
    assert f"response={answer['response']}" in vector["client_response"]
    assert any(f.name == "response" and f.secret for f in client.fields)
    assert _fields(rspauth)["rspauth"] == vector["server_final"].split("=", 1)[1]
    assert exchange.steps[-2].meaning.key == "sasl.meaning.final_ack"


def check_rfc2831_s4_imap(vector: Vector) -> None:
    _digest(
        vector,
        vector["server_challenge_base64"],
        vector["client_response_base64"],
        vector["server_final_base64"],
    )


def check_rfc2831_s4_acap(vector: Vector) -> None:
    _digest(
        vector,
        _b64(vector["server_challenge"]),
        _b64(vector["client_response"]),
        _b64(vector["server_final"]),
    )


def _scram(vector: Vector, with_command: bool) -> None:
    mechanism = vector["mechanism"]
    lines = [f"C: AUTH {mechanism}"] if with_command else []
    lines += [
        ("C: " if with_command else "") + _b64(vector["client_first"]),
        ("S: 334 " if with_command else "334 ") + _b64(vector["server_first"]),
        ("C: " if with_command else "") + _b64(vector["client_final"]),
        ("S: 334 " if with_command else "334 ") + _b64(vector["server_final"]),
    ]
    exchange = decode_exchange("\n".join(lines))
    assert exchange.mechanism == mechanism
    first, server_first, final, server_final = _payload_steps(exchange)
    assert _fields(first)["username"] == vector["username"]
    client_nonce = vector["client_first"].split("r=", 1)[1]
    assert _fields(first)["nonce"] == client_nonce
    sf = _fields(server_first)
    assert sf["nonce"].startswith(client_nonce)
    assert sf["iterations"] == "4096"
    assert f"s={sf['salt']}" in vector["server_first"]
    cf = _fields(final)
    assert cf["channel_binding_decoded"] == "n,,"
    assert f"p={cf['proof']}" in vector["client_final"]
    assert [f.secret for f in final.fields if f.name == "proof"] == [True]
    assert f"v={_fields(server_final)['server_signature']}" == vector["server_final"]
    assert not any(s.warnings for s in exchange.steps)


def check_rfc5802_s5_scram_sha_1(vector: Vector) -> None:
    _scram(vector, with_command=True)
    _scram(vector, with_command=False)  # the hash is told by the proof's length


def check_rfc7677_s3_scram_sha_256(vector: Vector) -> None:
    _scram(vector, with_command=True)
    _scram(vector, with_command=False)


def _oauthbearer_client(vector: Vector, step: SaslStep) -> dict[str, str]:
    fields = _fields(step)
    token = vector["initial_response"].split("auth=", 1)[1].split("\x01", 1)[0]
    scheme, _, token = token.partition(" ")
    assert fields.get("auth_scheme", "") == scheme
    assert fields.get("token", "") == token
    return fields


def check_rfc7628_s4_1_imap(vector: Vector) -> None:
    exchange = decode_exchange(vector["initial_response_base64"])
    assert exchange.mechanism == "OAUTHBEARER"
    fields = _oauthbearer_client(vector, exchange.steps[0])
    assert fields["authzid"] == "user@example.com"
    assert fields["host"] == "server.example.com" and fields["port"] == "143"
    assert fields["gs2_cbind_flag"] == "n"
    assert not exchange.steps[0].warnings


def check_rfc7628_s4_1_smtp(vector: Vector) -> None:
    exchange = decode_exchange("\n".join(vector["transcript"]))
    assert exchange.mechanism == "OAUTHBEARER"
    (step,) = _payload_steps(exchange)
    fields = _oauthbearer_client(vector, step)
    assert fields["port"] == "587"
    assert exchange.final_code == "235"


def check_rfc7628_s4_3_failed(vector: Vector) -> None:
    text = "\n".join(
        [
            f"C: AUTH OAUTHBEARER {vector['initial_response_base64']}",
            f"S: 334 {vector['server_error_base64']}",
            f"C: {vector['client_dummy_response_base64']}",
            "S: 535 5.7.8 Authentication failed",
        ]
    )
    exchange = decode_exchange(text)
    client, error, dummy = _payload_steps(exchange)
    assert _oauthbearer_client(vector, client)["port"] == "143"
    assert _fields(error)["status"] == "invalid_token"
    assert _fields(error)["openid-configuration"].endswith("openid-config")
    assert error.meaning.key == "sasl.meaning.oauthbearer_error_token"
    assert dummy.decoded == "\u2401" and dummy.meaning.key == "sasl.meaning.oauth_ack"
    second = decode_exchange(vector["server_error_base64_second_transcript"])
    assert second.steps[0].direction == SERVER
    assert second.steps[0].decoded == vector["server_error_second_transcript"]


def check_rfc7628_s4_4_smtp_failed(vector: Vector) -> None:
    exchange = decode_exchange("\n".join(vector["transcript"]))
    client, error, dummy = _payload_steps(exchange)
    fields = _oauthbearer_client(vector, client)
    assert fields["username"] == "someuser@example.com"
    assert [w.key for w in client.warnings] == ["sasl.warning.gs2_header"]
    assert error.decoded == vector["server_error"]
    assert _fields(error) == {
        "status": "invalid_token",
        "schemes": "bearer mac",
        "scope": "https://mail.example.com/",
    }
    assert dummy.meaning.key == "sasl.meaning.oauth_ack"
    assert exchange.final_code == "535 5.7.1"
    assert exchange.final is not None and exchange.final.raw.count("\n") == 1


def check_google_xoauth2(vector: Vector) -> None:
    client = decode_exchange(vector["initial_response_base64"])
    assert client.mechanism == "XOAUTH2"
    fields = _fields(client.steps[0])
    assert fields["username"] == "someuser@example.com"
    assert fields["auth_scheme"] == "Bearer"
    assert fields["token"] == "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg"
    error = decode_exchange(vector["server_error_base64"])
    step = error.steps[0]
    assert step.direction == SERVER and step.decoded == vector["server_error"]
    assert _fields(step) == {
        "status": "401",
        "schemes": "bearer mac",
        "scope": "https://mail.google.com/",
    }
    assert step.meaning.key == "sasl.meaning.xoauth2_error_token"
    assert "empty line" in step.meaning.text("en") and "535" in step.meaning.text("en")


CHECKS: dict[str, Callable[[Vector], None]] = {
    name.removeprefix("check_").replace("_", "-"): function
    for name, function in dict(globals()).items()
    if name.startswith("check_")
}


def _check_for(vector_id: str) -> Callable[[Vector], None]:
    key = vector_id.replace(".", "-").replace("_", "-")
    return CHECKS[key]


def test_every_vector_has_a_check() -> None:
    missing = [vid for vid in _vectors() if vid.replace(".", "-") not in CHECKS]
    assert not missing


@pytest.mark.parametrize(
    "vector_id",
    [
        "rfc4616-s4-ex1",
        "rfc4616-s4-ex2",
        "rfc4954-s4.1-plain-ir",
        "rfc4954-s4.1-plain-noir",
        "rfc4954-s4.1-cram-md5",
        "rfc4954-s4.1-external",
        "rfc2195-s2-cram-md5",
        "rfc2831-s4-imap",
        "rfc2831-s4-acap",
        "rfc5802-s5-scram-sha-1",
        "rfc7677-s3-scram-sha-256",
        "rfc7628-s4.1-imap",
        "rfc7628-s4.1-smtp",
        "rfc7628-s4.3-failed",
        "rfc7628-s4.4-smtp-failed",
        "google-xoauth2",
    ],
)
def test_vector(vector_id: str) -> None:
    vectors = _vectors()
    if vector_id not in vectors:
        pytest.fail(f"vector {vector_id} is no longer in the file")
    _check_for(vector_id)(vectors[vector_id])


def test_no_vector_secret_leaks_when_masked() -> None:
    """Across all vectors: passwords and tokens never appear in the masked JSON."""
    import json

    for vector in _vectors().values():
        text = (
            "\n".join(vector["transcript"])
            if "transcript" in vector
            else (vector.get("message_base64") or vector.get("initial_response_base64") or "")
        )
        if not text or 'AUTHENTICATE "PLAIN"' in text:
            continue
        dumped = json.dumps(decode_exchange(text).to_dict("en"), ensure_ascii=False)
        for key in ("password", "digest_hex"):
            if vector.get(key):
                assert vector[key] not in dumped, vector["id"]
        if "auth=Bearer " in vector.get("initial_response", ""):
            token = vector["initial_response"].split("auth=Bearer ", 1)[1].split("\x01")[0]
            assert token not in dumped, vector["id"]
