"""A live SMTP dialogue up to RCPT TO, never DATA: every reply timed, explained and recorded.

``run_probe(options, on_step, cancel)`` connects (to the host, or to a domain's MX hosts in
preference order), reads the greeting, says EHLO (HELO if EHLO is refused), upgrades to TLS
(STARTTLS, RFC 3207, or implicit TLS, RFC 8314), authenticates if asked (RFC 4954), sends
MAIL FROM and RCPT TO if given, then RSET and QUIT. Each step has its own timeout, is
passed to ``on_step`` as soon as it is complete, and the cancel flag is looked at between
steps and while waiting. The result is a value in every case: a refused connection, a
timeout, a TLS failure or a server talking garbage are outcomes, not exceptions.
"""

from __future__ import annotations

import threading
import time

from smtp_gui.core.probe.auth import AuthOutcome, Describe, authenticate
from smtp_gui.core.probe.capabilities import Capability, auth_mechanisms, offers, parse_capabilities
from smtp_gui.core.probe.dialogue import Failure, WireError
from smtp_gui.core.probe.helo import helo_name
from smtp_gui.core.probe.input import checked_options
from smtp_gui.core.probe.model import ProbeOptions, ProbeOutcome, ProbeResult, StepKind, TlsMode
from smtp_gui.core.probe.reply import ServerReply
from smtp_gui.core.probe.session import Session, StepCallback
from smtp_gui.core.probe.summary import ProbeStop, context_clauses, mx_clause, success_summary
from smtp_gui.core.probe.tls_facts import TlsFacts, client_context, session_facts
from smtp_gui.core.text.messages import Note

__all__ = ["ProbeOptions", "ProbeResult", "StepCallback", "run_probe"]


def run_probe(
    options: ProbeOptions,
    on_step: StepCallback | None = None,
    cancel: threading.Event | None = None,
) -> ProbeResult:
    """Probe the server ``options`` names; InputError for bad options, else a result."""
    return _Probe(checked_options(options), on_step, cancel).run()


class _CertificateRetryError(Exception):
    """The certificate did not validate and the user asked to continue: reconnect."""


class _Probe(Session):
    """The dialogue, step by step; ``ProbeStop`` ends it with an outcome."""

    def __init__(
        self, options: ProbeOptions, on_step: StepCallback | None, cancel: threading.Event | None
    ) -> None:
        super().__init__(options, on_step, cancel)
        self.mode = options.effective_tls
        self.capabilities: tuple[Capability, ...] = ()
        self.tls: TlsFacts | None = None
        self.verify = True
        self.cert_error: str | None = None
        self.starttls_state: str | None = None  # "not_offered" / "refused" in AUTO mode
        self.auth: AuthOutcome | None = None
        self.mail_started = False

    # -- the whole run ----------------------------------------------------------------------
    def run(self) -> ProbeResult:
        try:
            outcome, summary = self._run()
        except ProbeStop as stop:
            outcome, summary = stop.outcome, stop.summary
        finally:
            if self.wire is not None:
                self.wire.close()
        if self.candidate is not None:
            summary = (
                mx_clause(self.o.target, self.candidate.host, self.candidate.preference)
                + (summary)
                + context_clauses(outcome, self.mode, self.tls, self.starttls_state, self.auth)
            )
        return ProbeResult(
            target=self.o.target,
            port=self.o.port,
            tls_mode=self.mode,
            outcome=outcome,
            summary=summary,
            steps=tuple(self.steps),
            capabilities=self.capabilities,
            tls=self.tls,
            host=self.candidate.host if self.candidate else None,
            address=self.address.address if self.address else None,
            family=self.address.family_name if self.address else None,
            mx_hosts=self.mx_hosts,
            auth_mechanism=self.auth.mechanism if self.auth else self.o.auth,
            auth_ok=self.auth.succeeded if self.auth else None,
        )

    def _run(self) -> tuple[ProbeOutcome, tuple[Note, ...]]:
        targets = self._targets()
        self._connect_any(targets)
        try:
            return self._dialogue()
        except _CertificateRetryError:
            assert self.candidate is not None and self.address is not None
            self.verify = False
            self._info(Note("probe.line.insecure_retry"))
            self._connect(self.candidate, self.address)
            return self._dialogue()

    # -- the dialogue -----------------------------------------------------------------------
    def _dialogue(self) -> tuple[ProbeOutcome, tuple[Note, ...]]:
        self.capabilities, self.tls, self.auth, self.mail_started = (), None, None, False
        if self.mode is TlsMode.IMPLICIT:
            self._handshake(implicit=True)
        self._greeting()
        self._hello()
        if self.mode in (TlsMode.STARTTLS, TlsMode.AUTO):
            self._starttls()
        if self.o.auth:
            self._authenticate()
        mail_reply = rcpt_reply = None
        if self.o.mail_from is not None or self.o.rcpt_to is not None:
            mail_reply = self._mail()
            if self.o.rcpt_to is not None:
                rcpt_reply = self._rcpt()
        self._finish()
        return success_summary(self._host(), self.o, mail_reply, rcpt_reply)

    def _greeting(self) -> None:
        reply = self._read(StepKind.GREETING)
        if reply.code != 220:
            # RFC 5321 3.1: after a 554 greeting the client should send QUIT.
            self._quit_quietly()
            key = "probe.summary.greeting_rejected"
            if reply.code == 554:
                key = "probe.summary.greeting_554"
            raise ProbeStop(ProbeOutcome.GREETING_REJECTED, (Note(key, self._reply_params(reply)),))

    def _helo_name(self) -> str:
        assert self.wire is not None
        return helo_name(self.o.helo, self.wire.local_address())

    def _hello(self) -> None:
        name = self._helo_name()
        reply = self.command(StepKind.EHLO, f"EHLO {name}")
        if reply.code == 250:
            self.capabilities = parse_capabilities(reply)
            return
        if reply.cls == 5:
            # RFC 5321 3.2: a server that does not know EHLO answers 500/502; try HELO.
            note = Note("probe.note.helo_fallback")
            reply = self.command(StepKind.HELO, f"HELO {name}", notes=(note,))
            if reply.code == 250:
                self.capabilities = ()
                return
        self._quit_quietly()
        raise ProbeStop(
            ProbeOutcome.EHLO_REJECTED,
            (Note("probe.summary.ehlo_rejected", self._reply_params(reply)),),
        )

    def _starttls(self) -> None:
        host = self._host()
        if not offers(self.capabilities, "STARTTLS"):
            if self.mode is TlsMode.STARTTLS:
                self._quit_quietly()
                raise ProbeStop(
                    ProbeOutcome.STARTTLS_UNAVAILABLE,
                    (Note("probe.summary.starttls_unavailable", {"host": host}),),
                )
            self.starttls_state = "not_offered"
            return
        reply = self.command(StepKind.STARTTLS, "STARTTLS")
        if reply.code != 220:
            if self.mode is TlsMode.STARTTLS:
                self._quit_quietly()
                raise ProbeStop(
                    ProbeOutcome.STARTTLS_REFUSED,
                    (Note("probe.summary.starttls_refused", self._reply_params(reply)),),
                )
            self.starttls_state = "refused"
            return
        self._handshake(implicit=False)
        # RFC 3207 4.2: forget what was learnt before TLS and say EHLO again.
        self.capabilities = ()
        self._hello()

    def _handshake(self, implicit: bool) -> None:
        assert self.wire is not None
        started = time.monotonic()
        host = self._host()
        notes: list[Note] = []
        if self.wire.pending:
            # RFC 3207 6 (and CVE-2011-0411): data sent before the handshake is discarded.
            notes.append(Note("probe.note.starttls_injection", {"bytes": self.wire.pending}))
        context = client_context(self.verify, self.o.ca_file)
        try:
            sock = self.wire.start_tls(context, host, self._deadline())
        except WireError as exc:
            if exc.failure is Failure.CERTIFICATE and self.o.insecure and self.verify:
                self.cert_error = exc.detail
                error = Note("probe.error.certificate", {"host": host, "detail": exc.detail})
                self._record(StepKind.TLS, "TLS handshake", None, started, error=error)
                self.wire.close()
                raise _CertificateRetryError() from None
            raise self._fail(exc, StepKind.TLS, "TLS handshake", started) from None
        valid = self.verify
        facts = session_facts(
            sock, host, valid=valid, validation_error=self.cert_error, implicit=implicit
        )
        self.tls = facts
        self._info(
            Note(
                "probe.line.tls_started",
                {"version": facts.version, "cipher": facts.cipher, "bits": facts.bits or "?"},
            )
        )
        cert = facts.certificate
        if cert is not None:
            self._info(
                Note("probe.line.certificate", {"subject": cert.subject, "issuer": cert.issuer})
            )
            for finding in cert.findings():  # a field cryptography cannot read: said, not fatal
                self._info(finding, error=True)
                notes.append(finding)
        key = "probe.note.tls_valid" if valid else "probe.note.tls_unvalidated"
        notes.append(
            Note(
                key,
                {
                    "version": facts.version,
                    "cipher": facts.cipher,
                    "host": host,
                    "reason": self.cert_error or "",
                },
            )
        )
        self._record(StepKind.TLS, "TLS handshake", None, started, notes=tuple(notes))

    def _authenticate(self) -> None:
        mech = self.o.auth or ""
        host = self._host()
        if self.tls is None and self.mode is not TlsMode.NONE:
            # Credentials never cross the network in the clear unless the user chose "none".
            self._quit_quietly()
            raise ProbeStop(
                ProbeOutcome.AUTH_NEEDS_TLS,
                (Note("probe.summary.auth_needs_tls", {"mechanism": mech, "host": host}),),
            )
        offered = auth_mechanisms(self.capabilities)
        if mech not in offered:
            self._quit_quietly()
            key = "probe.summary.auth_unavailable" if offered else "probe.summary.auth_not_offered"
            raise ProbeStop(
                ProbeOutcome.AUTH_UNAVAILABLE,
                (Note(key, {"mechanism": mech, "host": host, "offered": ", ".join(offered)}),),
            )

        def exchange(
            line: str, masked: str | None, notes: tuple[Note, ...], describe: Describe | None
        ) -> ServerReply:
            return self.command(StepKind.AUTH, line, masked, notes, describe)

        self.auth = authenticate(mech, self.o.user or "", self.o.password or "", exchange)
        if not self.auth.succeeded:
            self._quit_quietly()
            raise ProbeStop(
                ProbeOutcome.AUTH_FAILED,
                (
                    Note(
                        "probe.summary.auth_failed",
                        {"mechanism": mech, **self._reply_params(self.auth.final)},
                    ),
                ),
            )

    def _mail(self) -> ServerReply:
        sender = self.o.mail_from or ""
        params = ""
        notes: tuple[Note, ...] = ()
        if not sender.isascii():
            # RFC 6531 3.4: a non-ASCII address needs the SMTPUTF8 parameter.
            if offers(self.capabilities, "SMTPUTF8"):
                params = " SMTPUTF8"
            else:
                notes = (Note("probe.note.smtputf8_missing"),)
        self.mail_started = True
        reply = self.command(StepKind.MAIL, f"MAIL FROM:<{sender}>{params}", notes=notes)
        if not reply.positive:
            self._finish()
            raise ProbeStop(
                ProbeOutcome.SENDER_REJECTED,
                (
                    Note(
                        "probe.summary.sender_rejected",
                        {"sender": f"<{sender}>", **self._reply_params(reply)},
                    ),
                )
                + _temporary(reply),
            )
        return reply

    def _rcpt(self) -> ServerReply:
        rcpt = self.o.rcpt_to or ""
        reply = self.command(StepKind.RCPT, f"RCPT TO:<{rcpt}>")
        if not reply.positive:
            self._finish()
            raise ProbeStop(
                ProbeOutcome.RECIPIENT_REJECTED,
                (
                    Note(
                        "probe.summary.recipient_rejected",
                        {"rcpt": rcpt, **self._reply_params(reply)},
                    ),
                )
                + _temporary(reply),
            )
        return reply

    def _finish(self) -> None:
        """RSET (if a transaction was started) and QUIT; failures here change nothing."""
        try:
            if self.mail_started:
                self.mail_started = False
                self.command(StepKind.RSET, "RSET")
            self.command(StepKind.QUIT, "QUIT")
        except ProbeStop as stop:
            if stop.outcome is ProbeOutcome.CANCELLED:
                raise

    def _quit_quietly(self) -> None:
        self._finish()


def _temporary(reply: ServerReply) -> tuple[Note, ...]:
    return (Note("probe.summary.temporary"),) if reply.cls == 4 else ()
