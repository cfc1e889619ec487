"""Decimal numbers in untrusted text (DNS records, server replies, pasted input).

``str.isdigit()`` is not enough before ``int()``: it accepts ``²`` and other digits that
``int()`` refuses, and ``int()`` refuses more than 4300 digits. Every number the app reads
from outside goes through ``parse_digits``.
"""

from __future__ import annotations

MAX_DIGITS = 20  # more than any field the app reads (uint64 has 20)


def parse_digits(text: str, max_digits: int = MAX_DIGITS) -> int | None:
    """``text`` (ASCII digits only, leading zeros allowed) as an int, else None.

    A number with more than ``max_digits`` significant digits is None too: it is larger
    than any limit a caller checks, and converting it could take long.
    """
    if not (text.isascii() and text.isdigit()):
        return None
    significant = text.lstrip("0")
    if len(significant) > max_digits:
        return None
    return int(significant or "0")
