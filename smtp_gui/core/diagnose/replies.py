"""One SMTP reply as found in pasted text, and the small parsers that read its code.

RFC 5321 4.2: a reply is a three-digit code, then a space (last line) or a hyphen (more lines
follow), then text; RFC 3463 2 puts an enhanced status code ``class.subject.detail`` at the
start of the text (RFC 2034 3). Every pattern here has bounded repetition only and is
matched at a given position or over one line of bounded length, so reading stays linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from smtp_gui.core.codes.phases import Phase

MAX_LINE = 4096  # longer lines are cut: no reply line is that long (RFC 5321 4.5.3.1.5: 512)
MAX_REPLY_TEXT = 2000  # a reply's joined text is cut here

# A reply at a position: three digits, then a space, tab, hyphen, quote, colon or comma
# (Yahoo's "550: : User unknown", Zoho's "ERROR_CODE :550,") or the end; then, optionally,
# the enhanced code. Also read: Gmail's old repeated code ("554 554 5.7.0"), Zoho's
# ", ERROR_CODE :5.1.1" and Exchange's "#5.1.1". All repetition is bounded.
_REPLY_AT = re.compile(
    r"([2-5][0-9]{2})(?=[ \t\-'\":,]|$)([ \t\-:'\"]?)[ \t']{0,8}(?:\1 )?(?:, ERROR_CODE :)?#?"
    r"(?:([245]\.[0-9]{1,3}\.[0-9]{1,3})(?![0-9]|\.[0-9]))?"
)
# An enhanced code at a position, not part of a longer dotted number (4.16.55.1).
_ENHANCED_AT = re.compile(r"([245])\.([0-9]{1,3})\.([0-9]{1,3})(?![0-9]|\.[0-9])")
# A code and an enhanced code anywhere in a line: "<x@example.com>: 550 5.1.6 ...",
# Amazon SES "550-'5.7.1 ...'".
CODE_WITH_ENHANCED = re.compile(
    r"(?<![\w.#\-])([2-5][0-9]{2})[ \-']{1,3}([245]\.[0-9]{1,3}\.[0-9]{1,3})(?![0-9]|\.[0-9])"
)
# A standalone enhanced code anywhere: "Status: 5.1.1", Exchange "#5.1.1", qmail "(#5.5.0)".
ENHANCED_ANYWHERE = re.compile(r"(?<![\w.])([245]\.[0-9]{1,3}\.[0-9]{1,3})(?![0-9]|\.[0-9])")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class FoundReply:
    """A reply: basic code (or None), enhanced code (or None), its text and what answered it.

    ``origin`` says how it was found: ``transcript`` (a line starting with the code),
    ``bounce`` (quoted inside an MTA's bounce wording) or ``dsn`` (an RFC 3464 field).
    ``summary`` marks a local MTA restating a remote reply (Sendmail's line after ``<<<``).
    """

    basic: int | None
    enhanced: str | None
    text: str
    phase: Phase | None = None
    origin: str = "transcript"
    line: int = 0
    recipient: str = ""
    remote: str = ""
    summary: bool = False

    @property
    def cls(self) -> int | None:
        """The reply's class (2-5), from the basic code or else the enhanced code."""
        if self.basic is not None:
            return self.basic // 100
        if self.enhanced:
            return int(self.enhanced[0])
        return None

    @property
    def code(self) -> str:
        """``550 5.7.26``, ``550`` or ``5.1.1``: what the catalogue explains."""
        return " ".join(str(part) for part in (self.basic, self.enhanced) if part is not None)

    @property
    def class_mismatch(self) -> bool:
        """RFC 3463 3: the enhanced class should be the basic code's first digit."""
        return (
            self.basic is not None
            and self.enhanced is not None
            and int(self.enhanced[0]) != self.basic // 100
        )

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "code": None if self.basic is None else str(self.basic),
            "enhanced": self.enhanced,
            "text": self.text,
            "phase": None if self.phase is None else self.phase.value,
            "phase_name": None if self.phase is None else self.phase.title().get(lang),
            "recipient": self.recipient or None,
            "remote": self.remote or None,
        }


def enhanced_at(text: str, pos: int) -> tuple[str, int] | None:
    """The enhanced code starting at ``pos`` and where it ends, or None."""
    match = _ENHANCED_AT.match(text, pos)
    if match is None:
        return None
    return match.group(0), match.end()


def reply_at(text: str, pos: int) -> tuple[int, str | None, str, str] | None:
    """Read a reply starting at ``pos``: (basic, enhanced, separator, rest of the text)."""
    match = _REPLY_AT.match(text, pos)
    if match is None:
        return None
    separator = match.group(2)
    if separator in ("'", '"', ":", "\t"):
        separator = " "
    rest = text[match.end() :].strip()
    return int(match.group(1)), match.group(3), separator, rest


def clean_text(text: str, basic: int | None, enhanced: str | None) -> str:
    """Collapse white space and drop the repeated ``550-5.7.26`` prefixes of joined lines."""
    prefix = "" if basic is None else str(basic)
    if prefix and prefix in text:
        words = _drop_prefixes(text.split(), prefix, enhanced)
    elif "  " in text or "\t" in text or "\n" in text or text.endswith("#"):
        words = text.split()
    else:
        words = []  # already clean: the common case, kept fast
    if words:
        while words and words[-1] in ("##", "#", "'", "(in"):
            words.pop()
        text = " ".join(words)
    elif text.endswith((" '", " (in")):
        text = text.rsplit(" ", 1)[0]
    text = text.strip()
    # The close of a wrapper: "(reason: 550 ...)", "status=deferred (...)", "<host #5.1.1 ...>"
    if _unbalanced_close(text):
        text = text[:-1].rstrip()
    if len(text) > MAX_REPLY_TEXT:
        text = text[:MAX_REPLY_TEXT] + " …"
    return text


def _unbalanced_close(text: str) -> bool:
    last = text[-1:]
    return (last == ")" and text.count(")") > text.count("(")) or (
        last == ">" and text.count(">") > text.count("<")
    )


def _drop_prefixes(words: list[str], prefix: str, enhanced: str | None) -> list[str]:
    kept: list[str] = []
    skip_enhanced = False
    for word in words:
        if skip_enhanced:
            skip_enhanced = False
            if word == enhanced:
                continue
        if word == prefix or word == prefix + "-":
            skip_enhanced = True
            continue
        if word.startswith(prefix + "-") and (
            word[4:] == enhanced or word[4:].lstrip("#") == enhanced
        ):
            continue
        kept.append(word)
    return kept


def dedupe_key(reply: FoundReply) -> tuple[int | None, str]:
    """Two sightings of one reply (bounce text and DSN field) share this key."""
    text = reply.text.lower()
    if reply.enhanced and text.startswith(reply.enhanced):
        text = text[len(reply.enhanced) :]
    text = _SPACES.sub(" ", text).strip(" .;:'\"()<>")
    return reply.basic, text[:300]
