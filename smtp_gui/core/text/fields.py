"""A field that holds several values as typed: ``a, b c`` -> ``("a", "b", "c")``.

The one rule for every such field (nameservers, DKIM selectors): values are separated by
commas, whitespace or both; empty pieces are dropped.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[,\s]+")


def split_field(text: str) -> tuple[str, ...]:
    """The values in ``text``, in order."""
    return tuple(part for part in _SEPARATORS.split(text) if part)
