"""Untrusted text made safe to show: nothing pasted, decoded or received can hide or reorder
what the window displays.

Control characters become control pictures (NUL as ␀, as ``base64text.visible`` does), C1
controls the replacement character; bidirectional formatting characters, which reorder the
text around them (the "Trojan Source" trick, CVE-2021-42574), become their code in
brackets: ``[U+202E]``. Tabs and line breaks stay. Markup needs nothing here: views take
plain text only (``setPlainText``, ``insertText``, PlainText labels, model data).

``terminal()`` is the one owner of "text from outside, shown in a terminal": the same marks,
and a carriage return made visible too, since it lets a later part of a line overwrite an
earlier one (``\\r`` is no line break for a terminal). Every line the CLI prints goes through
it (``smtp_gui.commands.common``), so ``ESC[2J`` prints as ``␛[2J`` and clears nothing.
"""

from __future__ import annotations

import re

# Unicode 15 UAX #9 explicit formatting characters (2.1-2.4) and the implicit marks (2.6).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
# The terminal keeps only tab and line feed: CR, ESC (ECMA-48 5.4), C1 controls (0x9B is CSI
# on its own) and the bidi overrides all become marks.
_TERMINAL_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
# JSON escapes C0 itself; these it leaves raw.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{BIDI_CONTROLS}]")


def _mark(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: NUL -> U+2400
    if code == 0x7F:
        return "\u2421"
    if code <= 0x9F:
        return "\ufffd"
    return f"[U+{code:04X}]"


def shown(text: str) -> str:
    """``text`` as a view shows it: controls and bidi overrides as visible marks."""
    if _UNSAFE.search(text) is None:
        return text  # the common case, at the speed of one regex scan
    return _UNSAFE.sub(_mark, text)


def terminal(text: str) -> str:
    """``text`` as a terminal may print it: only tab and line feed stay controls."""
    if _TERMINAL_UNSAFE.search(text) is None:
        return text
    return _TERMINAL_UNSAFE.sub(_mark, text)


def json_safe(encoded: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) with C1 controls and bidi
    overrides written as ``\\uXXXX`` escapes: the decoded values are exactly the same, but a
    terminal showing the JSON gets no raw override or C1 control. ``json`` escapes C0 itself;
    outside strings JSON has only ASCII, so every such character is inside a string."""
    if _JSON_UNSAFE.search(encoded) is None:
        return encoded
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


# How much of an input an error message repeats: enough to recognise it, never a screenful.
ECHO_LIMIT = 100
# Line breaks and tabs too: an error is one line.
_LAYOUT_PICTURES = str.maketrans({"\t": "\u2409", "\n": "\u240a", "\r": "\u240d"})


def echoed(value: str, limit: int = ECHO_LIMIT) -> str:
    """``value`` as an error message may repeat it: at most ``limit`` characters (the last an
    ellipsis when cut), control characters and bidi overrides shown as visible marks."""
    visible = shown(value[: limit + 1]).translate(_LAYOUT_PICTURES)
    if len(value) > limit or len(visible) > limit:
        return visible[: limit - 1] + "\u2026"
    return visible
