"""The wire under the probe: a blocking socket that speaks SMTP lines, one deadline per step.

Reads wait in short slices so that a cancel flag is noticed at once and a silent server
ends at the step's deadline. Everything sent and received is recorded as transcript lines
(secrets kept apart from their masked form). Failures raise ``WireError`` with a ``Failure``
kind; the probe turns them into outcomes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import errno
import os
import select
import socket
import ssl
import threading
import time

from smtp_gui.core.probe.model import MASK, Direction, TranscriptLine
from smtp_gui.core.probe.reply import (
    MAX_LINE,
    MAX_LINES,
    ReplyLine,
    ServerReply,
    build_reply,
    decode_line,
    parse_reply_line,
)
from smtp_gui.core.probe.secrets import SecretMask

_SLICE = 0.1  # seconds between looks at the cancel flag while waiting


class Failure(enum.StrEnum):
    TIMEOUT = "timeout"
    REFUSED = "refused"
    RESET = "reset"
    CLOSED = "closed"
    UNREACHABLE = "unreachable"
    GARBAGE = "garbage"
    TLS = "tls"
    CERTIFICATE = "certificate"
    CANCELLED = "cancelled"


class WireError(Exception):
    """A step could not complete; ``detail`` is the system's or the server's own words."""

    def __init__(self, failure: Failure, detail: str = "") -> None:
        super().__init__(f"{failure}: {detail}" if detail else str(failure))
        self.failure = failure
        self.detail = detail


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise WireError(Failure.CANCELLED)


def connect(
    address: str, family: int, port: int, timeout: float, cancel: threading.Event | None
) -> socket.socket:
    """TCP connect to one address within ``timeout``; non-blocking so cancel is noticed."""
    _check(cancel)
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setblocking(False)
        error = sock.connect_ex((address, port))
        if error not in (0, _EINPROGRESS, _EWOULDBLOCK):
            raise _os_failure(OSError(error, _strerror(error)))
        deadline = time.monotonic() + timeout
        while True:
            _check(cancel)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WireError(Failure.TIMEOUT)
            _r, writable, _x = select.select([], [sock], [], min(_SLICE, remaining))
            if writable:
                break
        error = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if error:
            raise _os_failure(OSError(error, _strerror(error)))
        sock.setblocking(True)
        return sock
    except BaseException:
        sock.close()
        raise


def _strerror(code: int) -> str:
    return os.strerror(code)


_EINPROGRESS = errno.EINPROGRESS
_EWOULDBLOCK = errno.EWOULDBLOCK


def _os_failure(exc: OSError) -> WireError:
    """Name what happened: refused, reset, unreachable."""
    code = exc.errno
    detail = exc.strerror or str(exc)
    if isinstance(exc, ConnectionRefusedError) or code == errno.ECONNREFUSED:
        return WireError(Failure.REFUSED, detail)
    if isinstance(exc, ConnectionResetError | BrokenPipeError | ConnectionAbortedError) or code in (
        errno.ECONNRESET,
        errno.EPIPE,
        errno.ECONNABORTED,
    ):
        return WireError(Failure.RESET, detail)
    if isinstance(exc, TimeoutError) or code == errno.ETIMEDOUT:
        return WireError(Failure.TIMEOUT, detail)
    return WireError(Failure.UNREACHABLE, detail)


class Wire:
    """One SMTP connection: send lines, read replies, upgrade to TLS; records a transcript."""

    def __init__(self, sock: socket.socket, cancel: threading.Event | None = None) -> None:
        self._sock: socket.socket = sock
        self._cancel = cancel
        self._buffer = bytearray()
        self._lines: list[TranscriptLine] = []
        self.tls = False
        self.closed = False
        # What the server says passes this before it is recorded or returned: a server that
        # echoes the PLAIN blob or the password gets them masked (probe_secrets).
        self.secrets = SecretMask()

    # -- transcript -------------------------------------------------------------------------
    def take_lines(self) -> tuple[TranscriptLine, ...]:
        """The lines recorded since the last call."""
        lines, self._lines = tuple(self._lines), []
        return lines

    def record(self, line: TranscriptLine) -> None:
        self._lines.append(line)

    # -- sending ----------------------------------------------------------------------------
    def send(self, text: str, *, masked: str | None = None, deadline: float) -> None:
        """Send one command line; ``masked`` is what the transcript shows instead of ``text``."""
        if "\r" in text or "\n" in text:
            raise ValueError("a command is one line")  # the caller validates user input
        _check(self._cancel)
        shown = masked if masked is not None else text
        if masked is not None:
            self.secrets.add_sent(text, masked)
        self.record(
            TranscriptLine(
                Direction.SENT, shown, self.tls, secret=text if masked is not None else None
            )
        )
        data = text.encode("utf-8") + b"\r\n"
        try:
            self._sock.settimeout(max(0.001, deadline - time.monotonic()))
            self._sock.sendall(data)
        except TimeoutError:
            raise WireError(Failure.TIMEOUT) from None
        except ssl.SSLError as exc:
            raise WireError(Failure.TLS, exc.reason or str(exc)) from None
        except OSError as exc:
            raise _os_failure(exc) from None

    # -- reading ----------------------------------------------------------------------------
    def read_reply(self, deadline: float) -> ServerReply:
        """Read one complete (possibly multi-line) reply before ``deadline``."""
        lines: list[ReplyLine] = []
        while True:
            raw = self._read_line(deadline)
            text = decode_line(raw)
            parsed = parse_reply_line(text)
            if parsed is None:
                self._received(text)
                raise WireError(Failure.GARBAGE, self.secrets.mask(text)[:200])
            lines.append(parsed)
            if parsed.last:
                reply = build_reply(lines)  # its codes read before masking can hide them
                for wire_line in _wire_lines(lines):
                    self._received(wire_line, code=reply.code_text)
                if self.secrets:
                    masked = tuple(self.secrets.mask(line) for line in reply.lines)
                    reply = dataclasses.replace(reply, lines=masked)
                return reply
            if len(lines) >= MAX_LINES:
                self._record_partial(lines)
                raise WireError(Failure.GARBAGE, f"more than {MAX_LINES} lines in one reply")

    def _record_partial(self, lines: list[ReplyLine]) -> None:
        for wire_line in _wire_lines(lines):
            self._received(wire_line)

    def _received(self, text: str, code: str | None = None) -> None:
        """Record a line from the server, known secrets masked (the line kept apart)."""
        shown = self.secrets.mask(text)
        secret = text if shown != text else None
        self.record(TranscriptLine(Direction.RECEIVED, shown, self.tls, code=code, secret=secret))

    def _read_line(self, deadline: float) -> bytes:
        while True:
            end = self._buffer.find(b"\n")
            if end >= 0:
                line = bytes(self._buffer[:end])
                del self._buffer[: end + 1]
                return line[:-1] if line.endswith(b"\r") else line
            if len(self._buffer) > MAX_LINE:
                text = decode_line(bytes(self._buffer[:200]))
                self._received(text + " …")
                raise WireError(Failure.GARBAGE, f"a line longer than {MAX_LINE} bytes")
            self._fill(deadline)

    def _fill(self, deadline: float) -> None:
        """Receive more bytes, looking at the cancel flag every slice."""
        while True:
            _check(self._cancel)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._record_pending()
                raise WireError(Failure.TIMEOUT)
            try:
                self._sock.settimeout(min(_SLICE, remaining))
                chunk = self._sock.recv(65536)
            except TimeoutError:
                continue
            except ssl.SSLWantReadError:
                continue
            except ssl.SSLError as exc:
                raise WireError(Failure.TLS, exc.reason or str(exc)) from None
            except OSError as exc:
                self._record_pending()
                raise _os_failure(exc) from None
            if not chunk:
                self._record_pending()
                raise WireError(Failure.CLOSED)
            self._buffer.extend(chunk)
            return

    def _record_pending(self) -> None:
        """Show a partial line the server sent before it stopped."""
        if self._buffer:
            text = decode_line(bytes(self._buffer[:200]))
            self._received(text)
            self._buffer.clear()

    def local_address(self) -> str:
        """This end's IP address, for an address-literal EHLO name."""
        try:
            return str(self._sock.getsockname()[0])
        except OSError:
            return "127.0.0.1"

    @property
    def pending(self) -> int:
        """Bytes received and not yet read."""
        return len(self._buffer)

    # -- TLS --------------------------------------------------------------------------------
    def start_tls(self, context: ssl.SSLContext, hostname: str, deadline: float) -> ssl.SSLSocket:
        """The TLS handshake on this connection (after STARTTLS's 220, or at once on 465)."""
        _check(self._cancel)
        # RFC 3207 5 / CVE-2011-0411: nothing read before the handshake may be kept.
        self._buffer.clear()
        try:
            # An IP address here is matched against the certificate's IP names; Python
            # sends no SNI for it (RFC 6066 3: literal addresses are not permitted).
            tls = context.wrap_socket(
                self._sock, server_hostname=hostname, do_handshake_on_connect=False
            )
            self._sock = tls
            self._handshake(tls, deadline)
        except ssl.SSLCertVerificationError as exc:
            raise WireError(Failure.CERTIFICATE, exc.verify_message or str(exc)) from None
        except TimeoutError:
            raise WireError(Failure.TIMEOUT) from None
        except ssl.SSLEOFError:
            raise WireError(Failure.CLOSED) from None
        except ssl.SSLError as exc:
            raise WireError(Failure.TLS, exc.reason or str(exc)) from None
        except OSError as exc:
            raise _os_failure(exc) from None
        self.tls = True
        return tls

    def _handshake(self, tls: ssl.SSLSocket, deadline: float) -> None:
        """The handshake in slices, so that cancel is noticed and the deadline holds."""
        while True:
            _check(self._cancel)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            tls.settimeout(min(_SLICE, remaining))
            try:
                tls.do_handshake()
            except TimeoutError:
                continue  # the handshake's state is kept: try again in the next slice
            tls.settimeout(None)
            return

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(OSError):
            self._sock.close()


def _wire_lines(lines: list[ReplyLine]) -> list[str]:
    out = []
    for line in lines:
        separator = " " if line.last else "-"
        out.append(
            f"{line.code}{separator}{line.text}" if line.text or not line.last else str(line.code)
        )
    return out


def mask_command(prefix: str) -> str:
    """``AUTH PLAIN `` + the mask: what a secret-bearing line looks like in the transcript."""
    return prefix + MASK
