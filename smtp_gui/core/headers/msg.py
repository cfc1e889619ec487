"""The transport headers of an Outlook ``.msg`` file ([MS-OXMSG] over a Compound File).

Outlook keeps the headers the message arrived with in ``PR_TRANSPORT_MESSAGE_HEADERS``
(property 0x007D, [MS-OXPROPS] 2.1073): the stream ``__substg1.0_007D001F`` (PT_UNICODE,
UTF-16LE) or ``__substg1.0_007D001E`` (PT_STRING8, the message's code page). ``olefile``
reads the Compound File; ``extract-msg`` is GPL and not used.
"""

from __future__ import annotations

import io

import olefile

from smtp_gui.core.text.errors import input_error

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # [MS-CFB] 2.2: the header signature
_UNICODE = "__substg1.0_007D001F"
_STRING8 = "__substg1.0_007D001E"


def is_compound_file(data: bytes) -> bool:
    return data.startswith(CFB_MAGIC)


def transport_headers(data: bytes, name: str = ".msg") -> str:
    """The transport headers of the .msg ``data``; a broken file or one without them (a
    draft, a message saved from Sent Items) is rejected input naming ``name``."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # olefile raises many kinds on a corrupt file; all mean the same
        raise input_error("headers.msg_unreadable", name=name, reason=str(exc)[:80]) from None
    try:
        with ole:
            for stream, encoding in ((_UNICODE, "utf-16-le"), (_STRING8, "utf-8")):
                if ole.exists(stream):
                    raw = ole.openstream(stream).read()
                    return _decode(raw, encoding)
    except Exception as exc:  # a truncated stream chain, a bad sector number ...
        raise input_error("headers.msg_unreadable", name=name, reason=str(exc)[:80]) from None
    raise input_error("headers.msg_no_headers", name=name)


def _decode(raw: bytes, encoding: str) -> str:
    if encoding == "utf-8":
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    else:
        text = raw.decode(encoding, errors="replace")
    return text.rstrip("\x00")
