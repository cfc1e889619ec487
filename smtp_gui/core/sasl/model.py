"""What decoding an AUTH exchange gives: steps with fields, and secrets that stay masked.

Masking happens at rendering time (``reveal=False`` is the default everywhere), so a secret
cannot leak through a view that forgot to ask: every rendering path goes through
``Step.shown_*`` / ``Field.shown`` / ``to_dict``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smtp_gui.core.text.base64text import named_controls
from smtp_gui.core.text.messages import Note, has_message, message_text

SERVER = "server"
CLIENT = "client"

Span = tuple[int, int]


def mask(length: int, lang: str) -> str:
    """What a hidden secret looks like: bullets and its length, never its content."""
    return message_text("sasl.masked", lang, length=length)


@dataclass(frozen=True, slots=True)
class Field:
    """One named value decoded from a step; ``secret`` values are masked unless revealed."""

    name: str
    value: str
    secret: bool = False

    @property
    def known(self) -> bool:
        """Whether the name has a label of ours; otherwise it is a keyword from the payload."""
        return has_message(f"sasl.field.{self.name}")

    def label(self, lang: str) -> str:
        """A readable label; protocol keywords without a message (``nonce``) stay as they are."""
        return message_text(f"sasl.field.{self.name}", lang) if self.known else self.name

    def shown(self, lang: str, reveal: bool = False) -> str:
        if self.secret and not reveal:
            return mask(len(self.value), lang)
        return self.value

    def to_dict(self, lang: str, reveal: bool = False) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label(lang),
            "value": self.shown(lang, reveal),
            "secret": self.secret,
        }


@dataclass(frozen=True, slots=True)
class MechanismReading:
    """What a mechanism decoder makes of one payload, before it becomes a Step."""

    mechanism: str | None
    meaning: Note
    fields: tuple[Field, ...] = ()
    warnings: tuple[Note, ...] = ()
    # Character spans of the decoded text that are secret (a password, a token, a proof).
    secret_spans: tuple[Span, ...] = ()
    # The whole payload is secret (the answer to a LOGIN "Password:" prompt).
    secret_payload: bool = False
    # Binary formats (NTLM, GSSAPI) are shown as a hex dump, not as text.
    binary: bool = False


@dataclass(frozen=True, slots=True)
class SaslStep:
    """One line (or multi-line reply) of the exchange, decoded and explained."""

    direction: str
    raw: str
    code: str | None
    decoded: str | None
    hex: str | None
    mechanism: str | None
    fields: tuple[Field, ...]
    warnings: tuple[Note, ...]
    meaning: Note
    line: int = 1
    # Spans of ``decoded`` that are secret, and the span of ``raw`` holding the Base64.
    secret_spans: tuple[Span, ...] = ()
    payload_span: Span | None = None
    secret_payload: bool = False

    @property
    def has_secret(self) -> bool:
        return self.secret_payload or bool(self.secret_spans) or any(f.secret for f in self.fields)

    def shown_raw(self, lang: str, reveal: bool = False) -> str:
        """The raw line; the Base64 of a secret-bearing step is masked (Base64 is no secrecy)."""
        if reveal or not self.has_secret:
            return self.raw
        start, end = self.payload_span if self.payload_span else (0, len(self.raw))
        return self.raw[:start] + mask(end - start, lang) + self.raw[end:]

    def shown_decoded(self, lang: str, reveal: bool = False) -> str | None:
        if self.decoded is None or reveal or not self.has_secret:
            return self.decoded
        if self.secret_payload or not self.secret_spans:
            # Secret somewhere but no span to cut out: hide it all rather than guess.
            return mask(len(self.decoded), lang)
        parts: list[str] = []
        last = 0
        for start, end in sorted(self.secret_spans):
            if start < last:
                start = last
            parts.append(self.decoded[last:start])
            if end > start:
                parts.append(mask(end - start, lang))
            last = max(last, end)
        parts.append(self.decoded[last:])
        return "".join(parts)

    def shown_hex(self, reveal: bool = False) -> str | None:
        """The hex dump; withheld for a secret-bearing step until revealed."""
        if self.hex is None or reveal or not self.has_secret:
            return self.hex
        return None

    def shown_meaning(self, lang: str, reveal: bool = False) -> str:
        """The meaning; revealed, a secret-bearing step's meaning no longer says "(hidden)":
        its ``.revealed`` sentence names the secret fields' values (``{password}``)."""
        key = f"{self.meaning.key}.revealed"
        if not (reveal and self.has_secret and has_message(key)):
            return self.meaning.text(lang)
        params = dict(self.meaning.params)
        for item in self.fields:
            params.setdefault(item.name, named_controls(item.value))
        try:
            return message_text(key, lang, **params)
        except (KeyError, IndexError):  # a field the sentence names is missing: say it masked
            return self.meaning.text(lang)

    def to_dict(self, lang: str, reveal: bool = False) -> dict[str, Any]:
        return {
            "direction": self.direction,
            "raw": self.shown_raw(lang, reveal),
            "code": self.code,
            "decoded": self.shown_decoded(lang, reveal),
            "hex": self.shown_hex(reveal),
            "mechanism": self.mechanism,
            "fields": [f.to_dict(lang, reveal) for f in self.fields],
            "meaning": self.shown_meaning(lang, reveal),
            "warnings": [w.text(lang) for w in self.warnings],
            "line": self.line,
            "secret": self.has_secret,
        }


@dataclass(frozen=True, slots=True)
class Exchange:
    """A decoded AUTH exchange: its steps, its mechanism and the reply that ended it."""

    steps: tuple[SaslStep, ...]
    mechanism: str | None
    final: SaslStep | None
    warnings: tuple[Note, ...] = ()

    @property
    def final_code(self) -> str | None:
        """The code of the final reply (``535 5.7.8``), for a link to the catalogue."""
        return self.final.code if self.final is not None else None

    @property
    def has_secret(self) -> bool:
        return any(step.has_secret for step in self.steps)

    def field(self, name: str) -> Field | None:
        """The first field called ``name`` in any step."""
        for step in self.steps:
            for item in step.fields:
                if item.name == name:
                    return item
        return None

    def to_dict(self, lang: str, reveal: bool = False) -> dict[str, Any]:
        """The DESIGN.md ``decode`` JSON; with ``reveal=False`` no secret appears in it."""
        final = None
        if self.final is not None:
            final = {
                "code": self.final.code,
                "raw": self.final.raw,
                "meaning": self.final.meaning.text(lang),
            }
        return {
            "mechanism": self.mechanism,
            "steps": [step.to_dict(lang, reveal) for step in self.steps],
            "final_reply": final,
            "warnings": [w.text(lang) for w in self.warnings],
            "secrets_masked": self.has_secret and not reveal,
        }
