"""A tiny Compound File writer ([MS-CFB] version 3, 512-byte sectors) for the tests: olefile
only reads. It writes a root storage holding one stream, in regular sectors (the stream must
be at least 4096 bytes, the mini-stream cutoff, which the caller pads to): enough for the
transport-headers stream of an Outlook .msg, and nothing an Outlook file has besides."""

from __future__ import annotations

import struct

FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512


def _entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", NO_STREAM, NO_STREAM, child)
        + b"\x00" * 16  # CLSID
        + struct.pack("<I", 0)  # state bits
        + b"\x00" * 16  # creation and modification times
        + struct.pack("<IQ", start, size)
    )


def compound_file(stream_name: str, data: bytes) -> bytes:
    if len(data) < 4096:
        raise ValueError("pad the stream to 4096 bytes: this writer has no mini stream")
    sectors = -(-len(data) // SECTOR)
    if sectors + 2 > SECTOR // 4:
        raise ValueError("one FAT sector only: keep the stream under 63 KB")
    fat = [FAT_SECTOR, END] + [2 + i + 1 for i in range(sectors - 1)] + [END]
    fat += [FREE] * (SECTOR // 4 - len(fat))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", FREE) * 108
    )
    directory = (
        _entry("Root Entry", 5, 1, END, 0)
        + _entry(stream_name, 2, NO_STREAM, 2, len(data))
        + _entry("", 0, NO_STREAM, 0, 0) * 2
    )
    body = data.ljust(sectors * SECTOR, b"\x00")
    return header + struct.pack(f"<{SECTOR // 4}I", *fat) + directory + body
