"""What a probe is asked to do and what it found: options, steps, transcript lines, result.

Secrets (the AUTH answers) are kept beside their masked form and only shown when a caller
asks with ``reveal=True``; every rendering path (``shown``, ``to_dict``, ``transcript``)
masks by default so that a view that forgot to ask cannot leak them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from smtp_gui.core.dns.config import ResolverConfig
from smtp_gui.core.probe.capabilities import Capability
from smtp_gui.core.probe.reply import ServerReply
from smtp_gui.core.probe.tls_facts import TlsFacts
from smtp_gui.core.report import labels
from smtp_gui.core.text.messages import Note

MASK = "********"


class TlsMode(enum.StrEnum):
    AUTO = "auto"  # implicit TLS on 465, else STARTTLS when the server offers it
    STARTTLS = "starttls"  # STARTTLS required (RFC 3207)
    IMPLICIT = "implicit"  # TLS from the first byte (RFC 8314 3.3)
    NONE = "none"  # plain text only (and AUTH allowed over it: the user asked for it)


class MxMode(enum.StrEnum):
    AUTO = "auto"  # look up MX when the port is 25
    YES = "yes"
    NO = "no"


AUTH_MECHANISMS = ("PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2")


@dataclass(frozen=True, slots=True)
class ProbeOptions:
    """Everything the user chose. ``password`` is a secret: never in repr, never stored."""

    target: str
    port: int = 25
    tls: TlsMode = TlsMode.AUTO
    helo: str | None = None
    mail_from: str | None = None
    rcpt_to: str | None = None
    auth: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 10.0  # seconds, for each step on its own
    insecure: bool = False  # continue when the certificate does not validate
    ca_file: str | None = None  # trust only these CA certificates (a private CA, tests)
    mx: MxMode = MxMode.AUTO
    # The MX lookup's nameservers and per-query timeout (the checks pane's, in the window);
    # None: the system's nameservers, each query within the step timeout.
    resolver: ResolverConfig | None = None

    @property
    def effective_tls(self) -> TlsMode:
        if self.tls is TlsMode.AUTO and self.port == 465:
            return TlsMode.IMPLICIT
        return self.tls


class ProbeOutcome(enum.StrEnum):
    """How the probe ended. ``ok`` outcomes reached the end of what was asked."""

    ACCEPTED = "accepted"  # RCPT TO accepted
    SENDER_ACCEPTED = "sender_accepted"  # MAIL FROM accepted, no recipient asked
    CONNECTED = "connected"  # the dialogue worked; no MAIL FROM asked
    GREETING_REJECTED = "greeting_rejected"
    EHLO_REJECTED = "ehlo_rejected"
    STARTTLS_UNAVAILABLE = "starttls_unavailable"
    STARTTLS_REFUSED = "starttls_refused"
    TLS_FAILED = "tls_failed"
    CERT_INVALID = "cert_invalid"
    AUTH_UNAVAILABLE = "auth_unavailable"
    AUTH_NEEDS_TLS = "auth_needs_tls"
    AUTH_FAILED = "auth_failed"
    SENDER_REJECTED = "sender_rejected"
    RECIPIENT_REJECTED = "recipient_rejected"
    TIMEOUT = "timeout"
    REFUSED = "refused"
    RESET = "reset"
    CLOSED = "closed"
    UNREACHABLE = "unreachable"
    NO_ADDRESS = "no_address"
    NULL_MX = "null_mx"
    GARBAGE = "garbage"
    CANCELLED = "cancelled"

    @property
    def ok(self) -> bool:
        return self in (ProbeOutcome.ACCEPTED, ProbeOutcome.SENDER_ACCEPTED, ProbeOutcome.CONNECTED)


class Direction(enum.StrEnum):
    SENT = "sent"
    RECEIVED = "received"
    INFO = "info"
    ERROR = "error"


_MARKERS = {
    (Direction.SENT, False): " ->",
    (Direction.SENT, True): " ~>",
    (Direction.RECEIVED, False): "<- ",
    (Direction.RECEIVED, True): "<~ ",
    (Direction.INFO, False): "===",
    (Direction.INFO, True): "===",
    (Direction.ERROR, False): "***",
    (Direction.ERROR, True): "***",
}


@dataclass(frozen=True, slots=True)
class TranscriptLine:
    """One line of the swaks-style transcript: ``->``/``<-`` in clear, ``~>``/``<~`` in TLS."""

    direction: Direction
    text: str = ""  # what was sent or received; the masked form for a secret
    tls: bool = False
    note: Note | None = None  # info and error lines: rendered in the wanted language
    code: str | None = None  # reply lines: the code to look up (``550 5.1.1``)
    step: int = -1  # index of the step this line belongs to
    secret: str | None = field(default=None, repr=False)  # the unmasked text

    @property
    def marker(self) -> str:
        return _MARKERS[(self.direction, self.tls)]

    def shown(self, lang: str, reveal: bool = False) -> str:
        if self.note is not None:
            return self.note.text(lang)
        if reveal and self.secret is not None:
            return self.secret
        return self.text

    def render(self, lang: str, reveal: bool = False) -> str:
        return f"{self.marker} {self.shown(lang, reveal)}"

    def to_dict(self, lang: str, reveal: bool = False) -> dict[str, Any]:
        return {
            "direction": str(self.direction),
            "tls": self.tls,
            "text": self.shown(lang, reveal),
            "code": self.code,
            "step": self.step,
            "line": self.render(lang, reveal),
        }


class StepKind(enum.StrEnum):
    RESOLVE = "resolve"
    CONNECT = "connect"
    GREETING = "greeting"
    EHLO = "ehlo"
    HELO = "helo"
    STARTTLS = "starttls"
    TLS = "tls"
    AUTH = "auth"
    MAIL = "mail"
    RCPT = "rcpt"
    RSET = "rset"
    QUIT = "quit"


@dataclass(frozen=True, slots=True)
class ProbeStep:
    """One step of the dialogue: what was sent, the reply, how long it took, what it means."""

    index: int
    kind: StepKind
    command: str  # as sent, secrets masked; "" for connect and greeting
    reply: ServerReply | None
    ms: float
    tls: bool
    lines: tuple[TranscriptLine, ...] = ()
    notes: tuple[Note, ...] = ()  # what the step means (rejection greeting, decoded challenge)
    error: Note | None = None  # why the step failed without a reply (timeout, reset ...)
    decoded: str | None = None  # a 334 challenge, decoded
    secret_command: str | None = field(default=None, repr=False)

    @property
    def code(self) -> str | None:
        """The reply's code for the catalogue (``550 5.1.1``), or None without a reply."""
        return self.reply.code_text if self.reply is not None else None

    def shown_command(self, reveal: bool = False) -> str:
        if reveal and self.secret_command is not None:
            return self.secret_command
        return self.command

    def to_dict(self, lang: str, reveal: bool = False) -> dict[str, Any]:
        reply = self.reply
        return {
            "index": self.index,
            "kind": str(self.kind),
            "command": self.shown_command(reveal),
            "reply_code": reply.code if reply is not None else None,
            "enhanced": reply.enhanced if reply is not None else None,
            "text": reply.text if reply is not None else None,
            "reply_lines": list(reply.wire_lines()) if reply is not None else [],
            "ms": round(self.ms, 1),
            "tls": self.tls,
            "decoded": self.decoded,
            "notes": [note.text(lang) for note in self.notes],
            "error": self.error.text(lang) if self.error is not None else None,
        }


@dataclass(frozen=True, slots=True)
class ProbeResult:
    """The whole probe: where it connected, every step, TLS facts, capabilities, the verdict."""

    target: str
    port: int
    tls_mode: TlsMode
    outcome: ProbeOutcome
    summary: tuple[Note, ...]
    steps: tuple[ProbeStep, ...]
    capabilities: tuple[Capability, ...] = ()
    tls: TlsFacts | None = None
    host: str | None = None  # the host name connected to (an MX host for a domain)
    address: str | None = None
    family: str | None = None  # "IPv4" or "IPv6"
    mx_hosts: tuple[str, ...] = ()
    auth_mechanism: str | None = None
    auth_ok: bool | None = None
    info: tuple[TranscriptLine, ...] = ()  # lines that belong to no step (MX lookup)

    @property
    def ok(self) -> bool:
        return self.outcome.ok

    @property
    def last_reply(self) -> ServerReply | None:
        for step in reversed(self.steps):
            if step.reply is not None and step.kind not in (StepKind.RSET, StepKind.QUIT):
                return step.reply
        return None

    def lines(self) -> tuple[TranscriptLine, ...]:
        out = list(self.info)
        for step in self.steps:
            out.extend(step.lines)
        return tuple(out)

    def result_text(self, lang: str) -> str:
        """The summary sentence(s) in ``lang``."""
        return summary_text(self.summary, lang)

    def transcript(self, lang: str, reveal: bool = False) -> str:
        """The swaks-style transcript; secrets masked unless ``reveal``."""
        return "\n".join(line.render(lang, reveal) for line in self.lines())

    def to_dict(self, lang: str, reveal: bool = False) -> dict[str, Any]:
        """The DESIGN.md ``probe`` JSON; without ``reveal`` no secret appears in it."""
        return {
            "target": self.target,
            "host": self.host,
            "port": self.port,
            "address": self.address,
            "family": self.family,
            "mx_hosts": list(self.mx_hosts),
            "tls_mode": str(self.tls_mode),
            "steps": [step.to_dict(lang, reveal) for step in self.steps],
            "tls": self.tls.to_dict() if self.tls is not None else None,
            "capabilities": [cap.to_dict(lang) for cap in self.capabilities],
            "auth": (
                {"mechanism": self.auth_mechanism, "succeeded": self.auth_ok}
                if self.auth_mechanism
                else None
            ),
            "outcome": str(self.outcome),
            "ok": self.ok,
            "result": self.result_text(lang),
            "transcript": [line.to_dict(lang, reveal) for line in self.lines()],
            "secrets_masked": not reveal,
        }


def summary_text(notes: tuple[Note, ...], lang: str) -> str:
    """Join the parts of a summary into sentences with the language's punctuation.

    A part may be a whole sentence (the MX lookup's failure, the null MX): its own full stop
    is dropped, so the joined summary never ends in ".." or "。。"."""
    parts = [_without_stop(note.text(lang)) for note in notes]
    return labels.clause_separator(lang).join(parts) + labels.full_stop(lang)


def _without_stop(text: str) -> str:
    return text[:-1] if text.endswith((".", "。")) else text
