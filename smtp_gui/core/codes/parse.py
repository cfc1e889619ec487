"""Parsing SMTP reply codes: basic (RFC 5321 4.2), enhanced (RFC 3463 2) and both together."""

from __future__ import annotations

import re
from dataclasses import dataclass

from smtp_gui.core.text.errors import input_error

# RFC 5321 4.2: three digits, the first 2-5. The second digit names a category (0-5 defined);
# 6-9 are accepted as well-formed but unknown so that a code such as 599 can be explained.
_BASIC = re.compile(r"[2-5][0-9][0-9]")
# RFC 3463 2: class "." subject "." detail; class 2, 4 or 5; subject and detail 1-3 digits.
# "X" stands for any class in the registry's own notation.
_ENHANCED = re.compile(r"([245Xx])\.([0-9]{1,3})\.([0-9]{1,3})")
_MAX_INPUT = 64


@dataclass(frozen=True, slots=True)
class EnhancedCode:
    cls: int | None  # None for the registry's generic "X"
    subject: int
    detail: int

    @property
    def generic(self) -> str:
        """The registry key, ``X.subject.detail``."""
        return f"X.{self.subject}.{self.detail}"

    def __str__(self) -> str:
        return f"{'X' if self.cls is None else self.cls}.{self.subject}.{self.detail}"


@dataclass(frozen=True, slots=True)
class ParsedCode:
    basic: int | None
    enhanced: EnhancedCode | None

    @property
    def kind(self) -> str:
        if self.basic is not None and self.enhanced is not None:
            return "combined"
        return "basic" if self.basic is not None else "enhanced"

    @property
    def cls(self) -> int | None:
        if self.basic is not None:
            return self.basic // 100
        assert self.enhanced is not None
        return self.enhanced.cls

    @property
    def class_mismatch(self) -> bool:
        """RFC 3463 3: the enhanced class should agree with the basic code's first digit."""
        return (
            self.basic is not None
            and self.enhanced is not None
            and self.enhanced.cls is not None
            and self.enhanced.cls != self.basic // 100
        )

    def __str__(self) -> str:
        parts = []
        if self.basic is not None:
            parts.append(str(self.basic))
        if self.enhanced is not None:
            parts.append(str(self.enhanced))
        return " ".join(parts)


def parse_enhanced(token: str) -> EnhancedCode | None:
    """``5.7.1`` -> EnhancedCode, or None when ``token`` is not one."""
    match = _ENHANCED.fullmatch(token)
    if not match:
        return None
    first, subject, detail = match.groups()
    cls = None if first in "Xx" else int(first)
    return EnhancedCode(cls, int(subject), int(detail))


def parse_code(text: str) -> ParsedCode:
    """Parse ``554``, ``5.7.1``, ``554 5.7.1`` or ``554-5.7.1``; raise InputError otherwise."""
    if len(text) > _MAX_INPUT:
        raise input_error("codes.too_long", length=len(text))
    stripped = text.strip()
    if not stripped:
        raise input_error("codes.empty")
    tokens = re.split(r"[\s\-]+", stripped)
    basic: int | None = None
    enhanced: EnhancedCode | None = None
    for index, token in enumerate(tokens):
        if index == 0 and _BASIC.fullmatch(token):
            basic = int(token)
            continue
        found = parse_enhanced(token)
        if found is not None and enhanced is None:
            enhanced = found
            continue
        raise input_error(_bad_token_key(token), position=stripped.find(token), token=token)
    return ParsedCode(basic, enhanced)


def _bad_token_key(token: str) -> str:
    """Which message says best what is wrong with ``token``."""
    if token.isdigit():
        return "codes.basic_length" if len(token) != 3 else "codes.basic_first_digit"
    if "." in token:
        parts = token.split(".")
        if len(parts) != 3:
            return "codes.enhanced_parts"
        if parts[0] not in ("2", "4", "5", "X", "x"):
            return "codes.enhanced_class"
        return "codes.enhanced_digits"
    if token[:1] in "016789":
        return "codes.basic_first_digit"
    return "codes.not_a_code"
