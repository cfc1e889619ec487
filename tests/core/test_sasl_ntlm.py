"""NTLM messages built here from the MS-NLMP 2.2.1 layout, then decoded."""

from __future__ import annotations

import base64
import struct

import pytest

from smtp_gui.core.sasl.decode import decode_exchange
from smtp_gui.core.sasl.model import CLIENT, SERVER, SaslStep
from smtp_gui.core.sasl.ntlm import decode_ntlm, describe_flags

SIGNATURE = b"NTLMSSP\x00"
VERSION = bytes([10, 0]) + struct.pack("<H", 19041) + b"\x00\x00\x00" + bytes([15])
# NEGOTIATE_UNICODE | REQUEST_TARGET | NTLM | ALWAYS_SIGN | EXTENDED_SESSIONSECURITY |
# TARGET_INFO | VERSION | 128 | 56
FLAGS = 0x00000001 | 0x00000004 | 0x00000200 | 0x00008000 | 0x00080000 | 0x00800000
FLAGS |= 0x02000000 | 0x20000000 | 0x80000000


def _field(length: int, offset: int) -> bytes:
    """MS-NLMP 2.2.1: Len (2), MaxLen (2), BufferOffset (4)."""
    return struct.pack("<HHI", length, length, offset)


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def negotiate_message() -> bytes:
    """2.2.1.1: signature, type 1, flags, domain and workstation fields, version, payload."""
    domain, workstation = b"CORP", b"WS01"
    flags = FLAGS | 0x00001000 | 0x00002000  # OEM domain / workstation supplied
    header = SIGNATURE + struct.pack("<II", 1, flags)
    header += _field(len(domain), 40) + _field(len(workstation), 44) + VERSION
    return header + domain + workstation


def _av_pair(av_id: int, value: bytes) -> bytes:
    return struct.pack("<HH", av_id, len(value)) + value


def challenge_message() -> bytes:
    """2.2.1.2: target name at 12, flags 20, challenge 24, reserved 32, target info 40, v 48."""
    target = _utf16("CORP")
    info = (
        _av_pair(2, _utf16("CORP"))
        + _av_pair(1, _utf16("MX01"))
        + _av_pair(4, _utf16("corp.example"))
        + _av_pair(3, _utf16("mx01.corp.example"))
        + _av_pair(7, struct.pack("<Q", 132223104000000000))  # 2020-01-01T00:00:00Z
        + _av_pair(0, b"")
    )
    payload_start = 56
    header = SIGNATURE + struct.pack("<I", 2) + _field(len(target), payload_start)
    header += struct.pack("<I", FLAGS | 0x00010000) + bytes.fromhex("0123456789abcdef")
    header += bytes(8) + _field(len(info), payload_start + len(target)) + VERSION
    assert len(header) == payload_start
    return header + target + info


def authenticate_message(nt_length: int = 48) -> bytes:
    """2.2.1.3: LM, NT, domain, user, workstation, session key fields; flags 60; v 64; MIC 72."""
    parts = [
        b"\x00" * 24,  # LmChallengeResponse
        bytes(range(nt_length)),  # NtChallengeResponse
        _utf16("CORP"),
        _utf16("alice"),
        _utf16("WS01"),
        bytes(range(100, 116)),  # EncryptedRandomSessionKey
    ]
    offset = 88
    fields = b""
    payload = b""
    for part in parts:
        fields += _field(len(part), offset + len(payload))
        payload += part
    header = SIGNATURE + struct.pack("<I", 3) + fields + struct.pack("<I", FLAGS | 0x40000000)
    header += VERSION + b"\x11" * 16  # MIC
    assert len(header) == offset
    return header + payload


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def fields(step: SaslStep) -> dict[str, str]:
    return {field.name: field.value for field in step.fields}


def test_negotiate_message() -> None:
    reading = decode_ntlm(negotiate_message())
    values = {f.name: f.value for f in reading.fields}
    assert values["message_type"] == "1 (NEGOTIATE)"
    assert values["domain"] == "CORP" and values["workstation"] == "WS01"
    assert values["version"] == "10.0 (build 19041), NTLM revision 15"
    assert "NEGOTIATE_OEM_DOMAIN_SUPPLIED" in values["flags"]
    assert reading.meaning.key == "sasl.meaning.ntlm_negotiate"
    assert not any(f.secret for f in reading.fields)


def test_challenge_message_with_target_info() -> None:
    reading = decode_ntlm(challenge_message())
    values = {f.name: f.value for f in reading.fields}
    assert values["target_name"] == "CORP"
    assert values["server_challenge"] == "0123456789abcdef"
    assert values["MsvAvNbDomainName"] == "CORP"
    assert values["MsvAvNbComputerName"] == "MX01"
    assert values["MsvAvDnsDomainName"] == "corp.example"
    assert values["MsvAvDnsComputerName"] == "mx01.corp.example"
    assert values["MsvAvTimestamp"] == "2020-01-01T00:00:00+00:00"
    assert "TARGET_TYPE_DOMAIN" in values["flags"]
    assert not reading.warnings


@pytest.mark.parametrize(("nt_length", "version"), [(48, "NTLMv2"), (24, "NTLMv1")])
def test_authenticate_message(nt_length: int, version: str) -> None:
    reading = decode_ntlm(authenticate_message(nt_length))
    values = {f.name: f.value for f in reading.fields}
    assert values["ntlm_version"] == version
    assert (values["domain"], values["username"], values["workstation"]) == (
        "CORP",
        "alice",
        "WS01",
    )
    secret = {f.name for f in reading.fields if f.secret}
    assert secret == {"lm_response", "nt_response", "session_key"}
    assert values["nt_response"] == bytes(range(nt_length)).hex()
    assert "NEGOTIATE_KEY_EXCH" in values["flags"]


def test_whole_ntlm_exchange() -> None:
    text = "\n".join(
        [
            "AUTH NTLM " + b64(negotiate_message()),
            "334 " + b64(challenge_message()),
            b64(authenticate_message()),
            "235 2.7.0 Authentication successful",
        ]
    )
    exchange = decode_exchange(text)
    assert exchange.mechanism == "NTLM"
    assert [s.direction for s in exchange.steps] == [CLIENT, SERVER, CLIENT, SERVER]
    assert fields(exchange.steps[2])["username"] == "alice"
    assert exchange.steps[2].has_secret and not exchange.steps[0].has_secret
    dumped = str(exchange.to_dict("en"))
    assert bytes(range(48)).hex() not in dumped
    assert b64(authenticate_message())[:40] not in dumped
    assert exchange.final_code == "235 2.7.0"


def test_bare_ntlm_messages_find_their_direction() -> None:
    assert decode_exchange(b64(challenge_message())).steps[0].direction == SERVER
    assert decode_exchange(b64(negotiate_message())).steps[0].direction == CLIENT


def test_truncated_and_lying_messages_warn_instead_of_failing() -> None:
    cut = challenge_message()[:70]
    reading = decode_ntlm(cut)
    assert "sasl.warning.ntlm_truncated" in [w.key for w in reading.warnings]
    lying = bytearray(authenticate_message())
    struct.pack_into("<HHI", lying, 36, 500, 500, 60000)  # user name points far away
    values = {f.name: f.value for f in decode_ntlm(bytes(lying)).fields}
    assert values["username"] == ""
    assert decode_ntlm(SIGNATURE).meaning.key == "sasl.meaning.ntlm_unknown"
    assert decode_ntlm(SIGNATURE + struct.pack("<I", 9)).warnings[0].params == {"type": 9}


def test_filetime_out_of_range_is_shown_as_hex() -> None:
    message = bytearray(challenge_message())
    index = message.index(struct.pack("<Q", 132223104000000000))
    message[index : index + 8] = b"\xff" * 8
    values = {f.name: f.value for f in decode_ntlm(bytes(message)).fields}
    assert values["MsvAvTimestamp"] == "ff" * 8


def test_describe_flags() -> None:
    assert describe_flags(0) == "0x00000000"
    assert describe_flags(0x80000001) == "0x80000001: NEGOTIATE_UNICODE, NEGOTIATE_56"
