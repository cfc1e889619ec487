"""One HTTP/1.1 GET on a socket we own: every wait ends by a ``Deadline`` and notices cancel.

urllib and http.client block in one ``recv`` per read with a per-read timeout, so a server
that trickles a byte every few seconds kept a fetch alive indefinitely, and nothing could
stop it early; they also hand back a body cut short (fewer bytes than Content-Length, a
chunked body without its last chunk) or headers cut off mid-way as if they were whole.
Here the socket is non-blocking, each wait is a short ``select`` slice, and a response is
only a response when it is complete (RFC 9112 6.3 says how its end is known).
"""

from __future__ import annotations

import errno
import os
import select
import socket
import ssl
from dataclasses import dataclass

from smtp_gui.core.deadline import Deadline

MAX_HEADER_BYTES = 16 * 1024
_EINPROGRESS = (0, errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EALREADY)


class HttpGetError(Exception):
    """Why there is no response: ``kind`` is a Fetch failure name, ``detail`` the particulars."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True, slots=True)
class HttpResponse:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes  # the whole body of a 200; empty for any other status


def http_get(
    address: str,
    port: int,
    host: str,
    target: str,
    deadline: Deadline,
    *,
    context: ssl.SSLContext | None,
    limit: int,
) -> HttpResponse:
    """GET ``target`` from ``host`` at ``address``:``port`` (TLS when ``context`` is given)."""
    sock = _connect(address, port, deadline)
    try:
        if context is not None:
            sock = _handshake(sock, context, host, deadline)
        host_header = host if port in (80, 443) else f"{host}:{port}"
        if ":" in host and not host.startswith("["):
            host_header = f"[{host}]" if port in (80, 443) else f"[{host}]:{port}"
        request = (
            f"GET {target} HTTP/1.1\r\nHost: {host_header}\r\nUser-Agent: smtp-gui\r\n"
            "Accept: */*\r\nConnection: close\r\n\r\n"
        )
        _send(sock, request.encode("ascii"), deadline)
        return _ResponseReader(sock, deadline).response(limit)
    finally:
        sock.close()


def _wait(sock: socket.socket, deadline: Deadline, *, write: bool) -> bool:
    """Block for one slice at most (True: ready); raise when the time is up or cancelled."""
    if deadline.cancelled:
        raise HttpGetError("timeout", "cancelled")
    wait = deadline.slice()
    if wait <= 0:
        raise HttpGetError("timeout", "timed out")
    readable, writable, _x = select.select(
        [] if write else [sock], [sock] if write else [], [], wait
    )
    return bool(writable or readable)


def _connect(address: str, port: int, deadline: Deadline) -> socket.socket:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setblocking(False)
        error = sock.connect_ex((address, port))
        if error not in _EINPROGRESS:
            raise _os_error(OSError(error, os.strerror(error)))
        while error != 0 and not _wait(sock, deadline, write=True):
            pass
        error = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if error:
            raise _os_error(OSError(error, os.strerror(error)))
        return sock
    except BaseException:
        sock.close()
        raise


def _os_error(exc: OSError) -> HttpGetError:
    detail = exc.strerror or str(exc) or type(exc).__name__
    if exc.errno == errno.ECONNREFUSED or isinstance(exc, ConnectionRefusedError):
        return HttpGetError("refused", detail)
    if exc.errno == errno.ETIMEDOUT or isinstance(exc, TimeoutError):
        return HttpGetError("timeout", detail)
    return HttpGetError("network", detail)


def _handshake(
    sock: socket.socket, context: ssl.SSLContext, host: str, deadline: Deadline
) -> ssl.SSLSocket:
    # wrap_socket takes the descriptor over: from here on only ``tls`` can close it.
    tls = context.wrap_socket(sock, server_hostname=host, do_handshake_on_connect=False)
    try:
        while True:
            try:
                tls.do_handshake()
                return tls
            except ssl.SSLWantReadError:
                _wait(tls, deadline, write=False)
            except ssl.SSLWantWriteError:
                _wait(tls, deadline, write=True)
    except ssl.SSLCertVerificationError as exc:
        tls.close()
        raise HttpGetError("tls", exc.verify_message or str(exc)) from None
    except ssl.SSLError as exc:
        tls.close()
        raise HttpGetError("tls", exc.reason or str(exc)) from None
    except OSError as exc:
        tls.close()
        raise _os_error(exc) from None
    except BaseException:
        tls.close()
        raise


def _send(sock: socket.socket, data: bytes, deadline: Deadline) -> None:
    view = memoryview(data)
    while view:
        try:
            sent = sock.send(view)
            view = view[sent:]
        except (ssl.SSLWantWriteError, BlockingIOError):
            _wait(sock, deadline, write=True)
        except ssl.SSLWantReadError:
            _wait(sock, deadline, write=False)
        except ssl.SSLError as exc:
            raise HttpGetError("tls", exc.reason or str(exc)) from None
        except OSError as exc:
            raise _os_error(exc) from None


class _ResponseReader:
    """The response, read as it arrives; ``b""`` from ``_more()`` is the end of the stream."""

    def __init__(self, sock: socket.socket, deadline: Deadline) -> None:
        self._sock = sock
        self._deadline = deadline
        self._buffer = bytearray()
        self._eof = False

    def _more(self) -> bool:
        """Receive at least one more byte; False at the end of the stream."""
        if self._eof:
            return False
        while True:
            try:
                chunk = self._sock.recv(65536)
            except (ssl.SSLWantReadError, BlockingIOError):
                _wait(self._sock, self._deadline, write=False)
                continue
            except ssl.SSLWantWriteError:
                _wait(self._sock, self._deadline, write=True)
                continue
            except ssl.SSLError as exc:
                raise HttpGetError("tls", exc.reason or str(exc)) from None
            except OSError as exc:
                raise _os_error(exc) from None
            if not chunk:
                self._eof = True
                return False
            self._buffer.extend(chunk)
            return True

    def _line(self, limit: int, what: str) -> bytes:
        """One CRLF- (or LF-) terminated line, without its end."""
        while True:
            end = self._buffer.find(b"\n")
            if end >= 0:
                line = bytes(self._buffer[:end])
                del self._buffer[: end + 1]
                return line.rstrip(b"\r")
            if len(self._buffer) > limit:
                raise HttpGetError("network", f"{what} longer than {limit} bytes")
            if not self._more():
                raise HttpGetError("truncated", f"the connection closed in the {what}")

    def _exactly(self, count: int, what: str) -> bytes:
        while len(self._buffer) < count:
            if not self._more():
                got = len(self._buffer)
                raise HttpGetError("truncated", f"{what}: {got} of {count} bytes arrived")
        data = bytes(self._buffer[:count])
        del self._buffer[:count]
        return data

    def response(self, limit: int) -> HttpResponse:
        while True:
            status, headers = self._head()
            if not 100 <= status < 200:  # RFC 9110 15.2: interim answers come before it
                break
        if status != 200:
            return HttpResponse(status, headers, b"")
        return HttpResponse(status, headers, self._body(headers, limit))

    def _head(self) -> tuple[int, dict[str, str]]:
        if not self._buffer and not self._more():
            raise HttpGetError("network", "the server closed the connection without answering")
        first = self._line(MAX_HEADER_BYTES, "status line")
        parts = first.split(None, 2)
        if (
            len(parts) < 2
            or not parts[0].startswith(b"HTTP/1.")
            or not (parts[1].isdigit() and len(parts[1]) == 3)
        ):
            raise HttpGetError("network", "not an HTTP response")
        headers: dict[str, str] = {}
        size = len(first)
        while True:
            line = self._line(MAX_HEADER_BYTES - size, "response headers")
            size += len(line) + 2
            if not line:
                return int(parts[1]), headers
            name, colon, value = line.decode("latin-1").partition(":")
            if not colon:
                raise HttpGetError("network", "a malformed response header")
            key = name.strip().lower()
            text = value.strip()
            if key in headers and key == "content-length" and headers[key] != text:
                raise HttpGetError("network", "two different Content-Length headers")
            headers[key] = f"{headers[key]}, {text}" if key in headers else text

    def _body(self, headers: dict[str, str], limit: int) -> bytes:
        """RFC 9112 6.3: chunked, else Content-Length, else everything up to the close."""
        coding = headers.get("transfer-encoding", "")
        if coding:
            if coding.split(",")[-1].strip().lower() != "chunked":
                raise HttpGetError("network", f"unsupported Transfer-Encoding {coding[:40]}")
            return self._chunked(limit)
        length = headers.get("content-length")
        if length is not None:
            if not length.isdigit() or len(length) > 18:
                raise HttpGetError("network", f"a bad Content-Length {length[:40]}")
            if int(length) > limit:
                raise HttpGetError("too_big", str(limit))
            return self._exactly(int(length), "the body was cut short")
        while len(self._buffer) <= limit and self._more():
            pass
        if len(self._buffer) > limit:
            raise HttpGetError("too_big", str(limit))
        return bytes(self._buffer)

    def _chunked(self, limit: int) -> bytes:
        """RFC 9112 7.1: size lines, data, and the last chunk of size 0 then the trailers."""
        body = bytearray()
        while True:
            size_line = self._line(1024, "chunked body")
            size_text = size_line.split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                raise HttpGetError("network", "a malformed chunk size") from None
            if size == 0:
                while self._line(MAX_HEADER_BYTES, "chunked body"):
                    pass  # trailer fields, ignored
                return bytes(body)
            if len(body) + size > limit:
                raise HttpGetError("too_big", str(limit))
            body.extend(self._exactly(size, "the chunked body was cut short"))
            self._exactly(2, "the chunked body was cut short")  # the CRLF after the data
