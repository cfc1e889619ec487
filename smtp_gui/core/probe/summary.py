"""The verdict of a probe in words: how it ended, over what, and what AUTH did.

Each part is a Note (rendered late, in either language); the parts are joined into one
sentence by ``probe_model.summary_text``.
"""

from __future__ import annotations

from typing import Any

from smtp_gui.core.probe.auth import AuthOutcome
from smtp_gui.core.probe.dialogue import Failure, WireError
from smtp_gui.core.probe.model import ProbeOptions, ProbeOutcome, StepKind, TlsMode
from smtp_gui.core.probe.reply import ServerReply
from smtp_gui.core.probe.tls_facts import TlsFacts
from smtp_gui.core.text.messages import Note, has_message

_OUTCOME_OF_FAILURE = {
    Failure.TIMEOUT: ProbeOutcome.TIMEOUT,
    Failure.REFUSED: ProbeOutcome.REFUSED,
    Failure.RESET: ProbeOutcome.RESET,
    Failure.CLOSED: ProbeOutcome.CLOSED,
    Failure.UNREACHABLE: ProbeOutcome.UNREACHABLE,
    Failure.GARBAGE: ProbeOutcome.GARBAGE,
    Failure.TLS: ProbeOutcome.TLS_FAILED,
    Failure.CERTIFICATE: ProbeOutcome.CERT_INVALID,
    Failure.CANCELLED: ProbeOutcome.CANCELLED,
}

_PHASES = {
    StepKind.RESOLVE: "resolve",
    StepKind.CONNECT: "connect",
    StepKind.GREETING: "greeting",
    StepKind.TLS: "tls",
}

_COMMAND_LABELS = {
    StepKind.MAIL: "MAIL FROM",
    StepKind.RCPT: "RCPT TO",
    StepKind.AUTH: "AUTH",
}

# Outcomes reached after a working EHLO: the summary also says how the session was protected.
_AFTER_HELLO = frozenset(
    {
        ProbeOutcome.ACCEPTED,
        ProbeOutcome.SENDER_ACCEPTED,
        ProbeOutcome.CONNECTED,
        ProbeOutcome.SENDER_REJECTED,
        ProbeOutcome.RECIPIENT_REJECTED,
        ProbeOutcome.AUTH_FAILED,
        ProbeOutcome.AUTH_UNAVAILABLE,
    }
)


class ProbeStop(Exception):  # noqa: N818 - ends the dialogue; not an error
    """The probe ends here: its outcome, the summary's main part, the failed step's error."""

    def __init__(
        self, outcome: ProbeOutcome, summary: tuple[Note, ...], error: Note | None = None
    ) -> None:
        super().__init__(str(outcome))
        self.outcome = outcome
        self.summary = summary
        self.error = error


def command_label(kind: StepKind, command: str) -> str:
    """The command's name for a sentence, never its argument (which may be a secret)."""
    if kind in _COMMAND_LABELS:
        return _COMMAND_LABELS[kind]
    return command.split(" ", 1)[0] if command else str(kind).upper()


def failure_stop(
    exc: WireError, kind: StepKind, command: str, host: str, options: ProbeOptions
) -> ProbeStop:
    """A failure without a reply (timeout, refused, reset, garbage ...) as an outcome."""
    failure = exc.failure
    outcome = _OUTCOME_OF_FAILURE[failure]
    phase = _PHASES.get(kind, "command")
    params: dict[str, Any] = {
        "host": host,
        "port": options.port,
        "seconds": f"{options.timeout:g}",
        "command": command_label(kind, command),
        "detail": exc.detail or "-",
    }
    key = f"probe.summary.{failure}_{phase}"
    if not has_message(key):
        key = f"probe.summary.{failure}_command"
    if not has_message(key):
        key = f"probe.summary.{failure}"
    summary: tuple[Note, ...] = (Note(key, params),)
    hint = _hint(failure, kind, options)
    if hint is not None:
        summary += (hint,)
    return ProbeStop(outcome, summary, Note(f"probe.error.{failure}", params))


def _hint(failure: Failure, kind: StepKind, options: ProbeOptions) -> Note | None:
    """The usual cause of a failure at this point, when there is one."""
    mode = options.effective_tls
    if kind is StepKind.GREETING and failure is Failure.TIMEOUT and mode is not TlsMode.IMPLICIT:
        # RFC 8314 3.3: port 465 expects TLS at once, so it waits for our ClientHello.
        return Note("probe.hint.maybe_implicit", {"port": options.port})
    if (
        kind is StepKind.TLS
        and mode is TlsMode.IMPLICIT
        and failure in (Failure.TLS, Failure.TIMEOUT, Failure.CLOSED)
    ):
        return Note("probe.hint.maybe_starttls", {"port": options.port})
    if (
        kind is StepKind.CONNECT
        and failure in (Failure.TIMEOUT, Failure.REFUSED)
        and (options.port == 25)
    ):
        return Note("probe.hint.port25")
    return None


def success_summary(
    host: str, options: ProbeOptions, mail: ServerReply | None, rcpt: ServerReply | None
) -> tuple[ProbeOutcome, tuple[Note, ...]]:
    """The main part of the summary when everything asked for was accepted."""
    sender = f"<{options.mail_from or ''}>"
    if rcpt is not None:
        return ProbeOutcome.ACCEPTED, (
            Note(
                "probe.summary.accepted",
                {"host": host, "rcpt": f"<{options.rcpt_to}>", "sender": sender},
            ),
        )
    if mail is not None:
        return ProbeOutcome.SENDER_ACCEPTED, (
            Note("probe.summary.sender_accepted", {"host": host, "sender": sender}),
        )
    return ProbeOutcome.CONNECTED, (Note("probe.summary.connected", {"host": host}),)


def context_clauses(
    outcome: ProbeOutcome,
    mode: TlsMode,
    tls: TlsFacts | None,
    starttls_state: str | None,
    auth: AuthOutcome | None,
) -> tuple[Note, ...]:
    """How the session was protected and whether AUTH worked, for outcomes after EHLO."""
    if outcome not in _AFTER_HELLO:
        return ()
    clauses: list[Note] = []
    if tls is not None:
        key = "probe.summary.session_implicit" if tls.implicit else "probe.summary.session_starttls"
        clauses.append(Note(key, {"version": tls.version}))
        if tls.valid:
            clauses.append(Note("probe.summary.cert_valid", {"host": tls.hostname}))
        else:
            clauses.append(
                Note(
                    "probe.summary.cert_continued",
                    {"host": tls.hostname, "reason": tls.validation_error or "-"},
                )
            )
    elif mode is TlsMode.NONE:
        clauses.append(Note("probe.summary.session_none"))
    elif starttls_state == "refused":
        clauses.append(Note("probe.summary.session_refused"))
    else:
        clauses.append(Note("probe.summary.session_not_offered"))
    if auth is not None and auth.succeeded:
        clauses.append(Note("probe.summary.auth_ok", {"mechanism": auth.mechanism}))
    return tuple(clauses)


def mx_clause(target: str, host: str, preference: int | None) -> tuple[Note, ...]:
    """``mail for example.com goes to mx1.example.com (MX 10)`` when a domain was given."""
    if preference is None or host == target:
        return ()
    return (Note("probe.summary.mx", {"domain": target, "host": host, "preference": preference}),)
