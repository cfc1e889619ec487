"""One probe's session: the steps recorded so far, the connection, and how to make one step.

Each step is recorded with its transcript lines and passed to the ``on_step`` callback as
soon as it is complete; the dialogue itself (``probe.py``) is written in terms of
``command()`` and ``_read()``.

Time limits (README "Time limits"): each step waits at most ``options.timeout``; the whole
probe, every step and every MX host included, ends within ``PROBE_FACTOR`` x that, by one
``Deadline`` made when the probe starts and carrying the cancel event.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable

from smtp_gui.core.deadline import PROBE_FACTOR, Deadline
from smtp_gui.core.dns.config import MAX_TIMEOUT, ResolverConfig
from smtp_gui.core.probe.auth import Describe
from smtp_gui.core.probe.dialogue import Failure, Wire, WireError, connect
from smtp_gui.core.probe.model import (
    Direction,
    ProbeOptions,
    ProbeOutcome,
    ProbeStep,
    StepKind,
    TranscriptLine,
)
from smtp_gui.core.probe.reply import ServerReply
from smtp_gui.core.probe.secrets import SecretMask
from smtp_gui.core.probe.summary import ProbeStop, failure_stop
from smtp_gui.core.probe.target import (
    Address,
    Candidate,
    Targets,
    mx_targets,
    resolve_host,
    uses_mx,
)
from smtp_gui.core.text.messages import Note

StepCallback = Callable[[ProbeStep], None]


class Session:
    """The state every step shares; subclassed by the dialogue."""

    def __init__(
        self, options: ProbeOptions, on_step: StepCallback | None, cancel: threading.Event | None
    ) -> None:
        self.o = options
        self.on_step = on_step
        self.cancel = cancel
        self.steps: list[ProbeStep] = []
        self.pending: list[TranscriptLine] = []
        self.wire: Wire | None = None
        self.candidate: Candidate | None = None
        self.address: Address | None = None
        self.mx_hosts: tuple[str, ...] = ()
        # The password and its Base64 forms, masked wherever the server repeats them.
        self.secrets = SecretMask(options.user, options.password)
        # The one deadline of the whole probe; every step's wait is capped by it.
        self.deadline = Deadline.after(PROBE_FACTOR * options.timeout, cancel)

    # -- recording --------------------------------------------------------------------------
    def _info(self, note: Note, error: bool = False) -> None:
        tls = self.wire.tls if self.wire is not None else False
        direction = Direction.ERROR if error else Direction.INFO
        self.pending.append(TranscriptLine(direction, tls=tls, note=note))

    def _record(
        self,
        kind: StepKind,
        command: str,
        reply: ServerReply | None,
        started: float,
        *,
        notes: tuple[Note, ...] = (),
        error: Note | None = None,
        decoded: str | None = None,
        secret: str | None = None,
    ) -> ProbeStep:
        index = len(self.steps)
        lines = list(self.pending)
        self.pending.clear()
        if self.wire is not None:
            lines.extend(self.wire.take_lines())
        if error is not None:
            lines.append(TranscriptLine(Direction.ERROR, tls=self._tls_now(), note=error))
        step = ProbeStep(
            index=index,
            kind=kind,
            command=command,
            reply=reply,
            ms=(time.monotonic() - started) * 1000,
            tls=self._tls_now(),
            lines=tuple(dataclasses.replace(line, step=index) for line in lines),
            notes=notes,
            error=error,
            decoded=decoded,
            secret_command=secret,
        )
        self.steps.append(step)
        if self.on_step is not None:
            self.on_step(step)
        return step

    def _tls_now(self) -> bool:
        return self.wire.tls if self.wire is not None else False

    def _deadline(self) -> float:
        """When the current step must end: its timeout, or the probe's end if sooner."""
        return self.deadline.within(self.o.timeout).at

    def _step_seconds(self) -> float:
        """How long a step that starts now may wait."""
        return self.deadline.capped(self.o.timeout)

    def _fail(
        self,
        exc: WireError,
        kind: StepKind,
        command: str,
        started: float,
        secret: str | None = None,
    ) -> ProbeStop:
        """Record the failed step and say how the probe ends."""
        host = self.candidate.host if self.candidate else self.o.target
        stop = failure_stop(exc, kind, command, host, self.o)
        if exc.failure is Failure.TIMEOUT and self.deadline.expired():
            # The probe's total time ran out, not (only) this step's own timeout.
            params = {"seconds": f"{self.total_seconds:g}", "factor": f"{PROBE_FACTOR:g}"}
            total = Note("probe.summary.total_limit", params)
            stop = ProbeStop(stop.outcome, (*stop.summary, total), stop.error)
        self._record(kind, command, None, started, error=stop.error, secret=secret)
        return stop

    @property
    def total_seconds(self) -> float:
        return PROBE_FACTOR * self.o.timeout

    # -- where to connect -------------------------------------------------------------------
    def _mx_resolver(self) -> ResolverConfig:
        """The resolver the options name, else the system's with the step timeout."""
        if self.o.resolver is not None:
            return self.o.resolver
        return ResolverConfig(timeout=min(self.o.timeout, MAX_TIMEOUT))

    def _targets(self) -> Targets:
        target = self.o.target
        if not uses_mx(target, self.o.port, str(self.o.mx)):
            return Targets((Candidate(target, (), resolve=True),))
        started = time.monotonic()
        self._check_cancel(StepKind.RESOLVE, f"MX {target}", started)
        targets = mx_targets(target, self._mx_resolver(), self.deadline)
        self.mx_hosts = targets.mx_hosts
        for note in targets.notes:
            self._info(note)
        if targets.failed is not None:
            self._record(StepKind.RESOLVE, f"MX {target}", None, started, error=targets.failed)
            outcome = ProbeOutcome.NULL_MX if targets.null_mx else ProbeOutcome.NO_ADDRESS
            raise ProbeStop(outcome, (targets.failed,))
        self._record(StepKind.RESOLVE, f"MX {target}", None, started, notes=targets.notes)
        return targets

    def _check_cancel(self, kind: StepKind, command: str, started: float) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise self._fail(WireError(Failure.CANCELLED), kind, command, started)

    def _connect_any(self, targets: Targets) -> None:
        """Try each host and each of its addresses until one accepts the connection."""
        last: ProbeStop | None = None
        for candidate in targets.candidates:
            addresses = candidate.addresses
            if candidate.resolve:
                addresses = self._resolve(candidate.host)
            elif not addresses:
                self._info(Note("probe.mx.no_address", {"host": candidate.host}))
            for address in addresses:
                if last is not None and self.deadline.expired():
                    raise last  # the probe's time is up: no more hosts to try
                try:
                    self._connect(candidate, address)
                    return
                except ProbeStop as stop:
                    if stop.outcome is ProbeOutcome.CANCELLED:
                        raise
                    last = stop
        if last is not None:
            raise last
        raise ProbeStop(
            ProbeOutcome.NO_ADDRESS, (Note("probe.summary.no_address", {"host": self.o.target}),)
        )

    def _resolve(self, host: str) -> tuple[Address, ...]:
        started = time.monotonic()
        self._check_cancel(StepKind.RESOLVE, host, started)
        found = resolve_host(host, self.o.port, self._step_seconds(), self.cancel)
        if found is None and self.cancel is not None and self.cancel.is_set():
            raise self._fail(WireError(Failure.CANCELLED), StepKind.RESOLVE, host, started)
        if not found:
            note = Note("probe.summary.no_address", {"host": host})
            if found is None:
                note = Note(
                    "probe.error.resolve_timeout", {"host": host, "seconds": self.o.timeout}
                )
            self._record(StepKind.RESOLVE, host, None, started, error=note)
            return ()
        if host != found[0].address:
            listing = ", ".join(a.address for a in found)
            self._record(
                StepKind.RESOLVE,
                host,
                None,
                started,
                notes=(Note("probe.note.addresses", {"host": host, "addresses": listing}),),
            )
        return found

    def _connect(self, candidate: Candidate, address: Address) -> None:
        started = time.monotonic()
        command = f"connect {_hostport(address.address, self.o.port)}"
        self._info(
            Note(
                "probe.line.trying",
                {"host": candidate.host, "address": _hostport(address.address, self.o.port)},
            )
        )
        try:
            sock = connect(
                address.address, address.family, self.o.port, self._step_seconds(), self.cancel
            )
        except WireError as exc:
            self.candidate = candidate
            raise self._fail(exc, StepKind.CONNECT, command, started) from None
        if self.wire is not None:
            self.wire.close()
        self.wire = Wire(sock, self.cancel)
        self.wire.secrets = self.secrets
        self.candidate, self.address = candidate, address
        self._info(
            Note(
                "probe.line.connected", {"address": address.address, "family": address.family_name}
            )
        )
        note = Note(
            "probe.note.connected", {"address": address.address, "family": address.family_name}
        )
        self._record(StepKind.CONNECT, command, None, started, notes=(note,))

    def _read(self, kind: StepKind, notes: tuple[Note, ...] = ()) -> ServerReply:
        """Read a reply nothing was sent for (the greeting)."""
        assert self.wire is not None
        started = time.monotonic()
        try:
            reply = self.wire.read_reply(self._deadline())
        except WireError as exc:
            raise self._fail(exc, kind, "", started) from None
        self._record(kind, "", reply, started, notes=notes + _reply_notes(kind, reply))
        return reply

    def command(
        self,
        kind: StepKind,
        line: str,
        masked: str | None = None,
        notes: tuple[Note, ...] = (),
        describe: Describe | None = None,
    ) -> ServerReply:
        """Send one command, read its reply, record the step."""
        assert self.wire is not None
        started = time.monotonic()
        shown = masked if masked is not None else line
        secret = line if masked is not None else None
        deadline = self._deadline()
        try:
            self._check_cancel(kind, shown, started)
            self.wire.send(line, masked=masked, deadline=deadline)
            reply = self.wire.read_reply(deadline)
        except WireError as exc:
            raise self._fail(exc, kind, shown, started, secret) from None
        decoded, more = describe(reply) if describe is not None else (None, ())
        if decoded is not None:  # a 334 challenge may quote the secret back, in Base64
            decoded = self.secrets.mask(decoded)
        more = tuple(self._masked_note(note) for note in more)
        if kind is StepKind.QUIT:
            self.wire.close()
            self.wire.record(
                TranscriptLine(Direction.INFO, tls=self.wire.tls, note=Note("probe.line.closed"))
            )
        if decoded is not None:
            self.wire.record(
                TranscriptLine(
                    Direction.INFO,
                    tls=self.wire.tls,
                    note=Note("probe.line.decoded", {"text": decoded}),
                )
            )
        self._record(
            kind,
            shown,
            reply,
            started,
            notes=notes + more + _reply_notes(kind, reply),
            decoded=decoded,
            secret=secret,
        )
        return reply

    # -- helpers ----------------------------------------------------------------------------
    def _masked_note(self, note: Note) -> Note:
        if not self.secrets:
            return note
        params = {
            k: self.secrets.mask(v) if isinstance(v, str) else v for k, v in note.params.items()
        }
        return Note(note.key, params)

    def _host(self) -> str:
        return self.candidate.host if self.candidate is not None else self.o.target

    def _reply_params(self, reply: ServerReply) -> dict[str, object]:
        first = reply.wire_lines()[0] if reply.lines else str(reply.code)
        if len(reply.lines) > 1:
            first += " …"
        return {"host": self._host(), "reply": first[:300], "code": reply.code_text}


def _reply_notes(kind: StepKind, reply: ServerReply) -> tuple[Note, ...]:
    if kind is StepKind.GREETING and reply.code == 554:
        return (Note("probe.note.rejection_greeting"),)
    if kind is StepKind.GREETING and reply.code == 421:
        return (Note("probe.note.greeting_421"),)
    if reply.mixed_codes:
        return (Note("probe.note.mixed_codes"),)
    return ()


def _hostport(address: str, port: int) -> str:
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"
