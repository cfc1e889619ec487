"""NTLM messages (MS-NLMP 2.2.1): Type 1 negotiate, Type 2 challenge, Type 3 authenticate.

Every length and offset in a message is checked against its size: a pasted message may be
cut short, and a hostile one may point anywhere.
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime, timedelta

from smtp_gui.core.sasl.model import Field, MechanismReading
from smtp_gui.core.text.messages import Note

MECHANISM = "NTLM"
SIGNATURE = b"NTLMSSP\x00"

# MS-NLMP 2.2.2.5 NEGOTIATE flags, by bit value.
FLAGS = (
    (0x00000001, "NEGOTIATE_UNICODE"),
    (0x00000002, "NEGOTIATE_OEM"),
    (0x00000004, "REQUEST_TARGET"),
    (0x00000010, "NEGOTIATE_SIGN"),
    (0x00000020, "NEGOTIATE_SEAL"),
    (0x00000040, "NEGOTIATE_DATAGRAM"),
    (0x00000080, "NEGOTIATE_LM_KEY"),
    (0x00000200, "NEGOTIATE_NTLM"),
    (0x00000800, "ANONYMOUS"),
    (0x00001000, "NEGOTIATE_OEM_DOMAIN_SUPPLIED"),
    (0x00002000, "NEGOTIATE_OEM_WORKSTATION_SUPPLIED"),
    (0x00008000, "NEGOTIATE_ALWAYS_SIGN"),
    (0x00010000, "TARGET_TYPE_DOMAIN"),
    (0x00020000, "TARGET_TYPE_SERVER"),
    (0x00080000, "NEGOTIATE_EXTENDED_SESSIONSECURITY"),
    (0x00100000, "NEGOTIATE_IDENTIFY"),
    (0x00400000, "REQUEST_NON_NT_SESSION_KEY"),
    (0x00800000, "NEGOTIATE_TARGET_INFO"),
    (0x02000000, "NEGOTIATE_VERSION"),
    (0x20000000, "NEGOTIATE_128"),
    (0x40000000, "NEGOTIATE_KEY_EXCH"),
    (0x80000000, "NEGOTIATE_56"),
)
UNICODE = 0x00000001
VERSION = 0x02000000

# MS-NLMP 2.2.2.1 AV_PAIR ids.
AV_IDS = {
    1: "MsvAvNbComputerName",
    2: "MsvAvNbDomainName",
    3: "MsvAvDnsComputerName",
    4: "MsvAvDnsDomainName",
    5: "MsvAvDnsTreeName",
    6: "MsvAvFlags",
    7: "MsvAvTimestamp",
    8: "MsvAvSingleHost",
    9: "MsvAvTargetName",
    10: "MsvAvChannelBindings",
}
_AV_TEXT = frozenset({1, 2, 3, 4, 5, 9})
_MAX_AV_PAIRS = 64
_FILETIME_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)


def is_ntlm(data: bytes) -> bool:
    return data.startswith(SIGNATURE)


def describe_flags(flags: int) -> str:
    names = [name for bit, name in FLAGS if flags & bit]
    return f"0x{flags:08x}" + (": " + ", ".join(names) if names else "")


class _Reader:
    """Bounds-checked access to one message; problems become warnings, not exceptions."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.warnings: list[Note] = []

    def u32(self, offset: int) -> int | None:
        if offset + 4 > len(self.data):
            return None
        return int(struct.unpack_from("<I", self.data, offset)[0])

    def buffer(self, offset: int) -> bytes:
        """MS-NLMP 2.2.1: a field is Len (2), MaxLen (2), BufferOffset (4) into the message."""
        if offset + 8 > len(self.data):
            return b""
        length, _, start = struct.unpack_from("<HHI", self.data, offset)
        if start + length > len(self.data):
            self.warnings.append(Note("sasl.warning.ntlm_truncated"))
            return self.data[start:]
        return self.data[start : start + length]

    def version(self, offset: int) -> Field | None:
        """MS-NLMP 2.2.2.10: major, minor, build, 3 reserved bytes, NTLM revision."""
        if offset + 8 > len(self.data):
            return None
        major, minor, build = struct.unpack_from("<BBH", self.data, offset)
        revision = self.data[offset + 7]
        return Field("version", f"{major}.{minor} (build {build}), NTLM revision {revision}")


def _text(raw: bytes, unicode: bool) -> str:
    return raw.decode("utf-16-le", "replace") if unicode else raw.decode("latin-1")


def decode_ntlm(data: bytes) -> MechanismReading:
    """Fields of an NTLM message; the Type 3 responses and keys are secret."""
    reader = _Reader(data)
    kind = reader.u32(8)
    if kind == 1:
        fields, key = _negotiate(reader), "sasl.meaning.ntlm_negotiate"
    elif kind == 2:
        fields, key = _challenge(reader), "sasl.meaning.ntlm_challenge"
    elif kind == 3:
        fields, key = _authenticate(reader), "sasl.meaning.ntlm_authenticate"
    else:
        reader.warnings.append(Note("sasl.warning.ntlm_type", {"type": kind}))
        fields, key = [], "sasl.meaning.ntlm_unknown"
    return MechanismReading(
        MECHANISM, Note(key), tuple(fields), tuple(reader.warnings), binary=True
    )


def _flag_fields(reader: _Reader, offset: int) -> tuple[int, list[Field]]:
    flags = reader.u32(offset)
    if flags is None:
        reader.warnings.append(Note("sasl.warning.ntlm_truncated"))
        return 0, []
    return flags, [Field("flags", describe_flags(flags))]


def _negotiate(reader: _Reader) -> list[Field]:
    fields = [Field("message_type", "1 (NEGOTIATE)")]
    flags, flag_fields = _flag_fields(reader, 12)
    fields.extend(flag_fields)
    # MS-NLMP 2.2.1.1: domain and workstation in a Type 1 are OEM strings.
    for name, offset in (("domain", 16), ("workstation", 24)):
        value = reader.buffer(offset)
        if value:
            fields.append(Field(name, _text(value, False)))
    if flags & VERSION:
        version = reader.version(32)
        if version is not None:
            fields.append(version)
    return fields


def _challenge(reader: _Reader) -> list[Field]:
    fields = [Field("message_type", "2 (CHALLENGE)")]
    flags, flag_fields = _flag_fields(reader, 20)
    target = reader.buffer(12)
    if target:
        fields.append(Field("target_name", _text(target, bool(flags & UNICODE))))
    fields.extend(flag_fields)
    if len(reader.data) >= 32:
        fields.append(Field("server_challenge", reader.data[24:32].hex()))
    fields.extend(_av_pairs(reader, reader.buffer(40)))
    if flags & VERSION:
        version = reader.version(48)
        if version is not None:
            fields.append(version)
    return fields


def _av_pairs(reader: _Reader, info: bytes) -> list[Field]:
    """MS-NLMP 2.2.2.1: AvId (2), AvLen (2), Value; the list ends with MsvAvEOL."""
    fields: list[Field] = []
    offset = 0
    while offset + 4 <= len(info) and len(fields) < _MAX_AV_PAIRS:
        av_id, av_len = struct.unpack_from("<HH", info, offset)
        value = info[offset + 4 : offset + 4 + av_len]
        offset += 4 + av_len
        if av_id == 0:
            break
        name = AV_IDS.get(av_id, f"AvId{av_id}")
        if av_id in _AV_TEXT:
            shown = value.decode("utf-16-le", "replace")
        elif av_id == 7 and len(value) == 8:
            shown = _filetime(value)
        elif av_id == 6 and len(value) == 4:
            shown = f"0x{int.from_bytes(value, 'little'):08x}"
        else:
            shown = value.hex()
        fields.append(Field(name, shown))
    return fields


def _filetime(value: bytes) -> str:
    """MS-NLMP 2.2.2.1: a FILETIME, 100 ns ticks since 1601; hex when out of range."""
    ticks = int.from_bytes(value, "little")
    try:
        return (_FILETIME_EPOCH + timedelta(microseconds=ticks // 10)).isoformat()
    except OverflowError:
        return value.hex()


def _authenticate(reader: _Reader) -> list[Field]:
    fields = [Field("message_type", "3 (AUTHENTICATE)")]
    flags, flag_fields = _flag_fields(reader, 60)
    unicode = bool(flags & UNICODE) if flag_fields else True
    lm = reader.buffer(12)
    nt = reader.buffer(20)
    if len(nt) > 24:
        fields.append(Field("ntlm_version", "NTLMv2"))
    elif len(nt) == 24:
        fields.append(Field("ntlm_version", "NTLMv1"))
    elif not nt and len(lm) <= 1:
        fields.append(Field("ntlm_version", "anonymous"))
    for name, offset in (("domain", 28), ("username", 36), ("workstation", 44)):
        fields.append(Field(name, _text(reader.buffer(offset), unicode)))
    fields.extend(flag_fields)
    # MS-NLMP 3.3: these are derived from the password hash; an attacker can crack them.
    if lm:
        fields.append(Field("lm_response", lm.hex(), secret=True))
    if nt:
        fields.append(Field("nt_response", nt.hex(), secret=True))
    session_key = reader.buffer(52)
    if session_key:
        fields.append(Field("session_key", session_key.hex(), secret=True))
    if flags & VERSION:
        version = reader.version(64)
        if version is not None:
            fields.append(version)
    return fields
