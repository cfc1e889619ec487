"""Real SMTP servers on 127.0.0.1 for the probe's tests.

``LoopbackSMTP`` is aiosmtpd (a real server library) on an ephemeral port: optional STARTTLS
or implicit TLS with a certificate made for the test, AUTH PLAIN and LOGIN through aiosmtpd's
authenticator plus CRAM-MD5 and XOAUTH2 hooks, and recipients it rejects with 550 5.1.1.
``ScriptedServer`` is a plain socket server for what no well-behaved server does: greet with
554, never answer, send garbage, drop the connection after EHLO. Nothing here listens or
connects anywhere but 127.0.0.1.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import ipaddress
import socket
import ssl
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.x509.oid import NameOID

from tests.tcpserver import LoopbackTCPServer

HOST = "127.0.0.1"
USER = "alice@example.test"
PASSWORD = "s3cret-Pa55"
TOKEN = "ya29.test-token-xyz"
CRAM_CHALLENGE = b"<1896.697170952@mail.test>"
UNKNOWN_RCPT = "nobody@example.test"


def make_certificate(
    folder: Path, names: tuple[str, ...] = ("localhost", HOST), common_name: str = "mail.test"
) -> tuple[Path, Path]:
    """A self-signed certificate and key (PEM files) valid for ``names``."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    alt: list[x509.GeneralName] = []
    for name in names:
        try:
            alt.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            alt.append(x509.DNSName(name))
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    write_private_key(key_path, key)
    return cert_path, key_path


def write_private_key(path: Path, key: PrivateKeyTypes) -> None:
    """``key`` as unencrypted PKCS#8 PEM, as a test server loads it."""
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def server_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


class _Handler:
    """Accepts every sender; rejects UNKNOWN_RCPT; CRAM-MD5 and XOAUTH2 for USER."""

    def __init__(self) -> None:
        self.mail_from: list[str] = []
        self.data_seen = False

    async def handle_MAIL(  # noqa: N802 - aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        self.mail_from.append(address)
        envelope.mail_from = address
        return "250 2.1.0 Sender OK"

    async def handle_RCPT(  # noqa: N802
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if address.lower() == UNKNOWN_RCPT:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Recipient OK"

    async def handle_DATA(  # noqa: N802
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        self.data_seen = True  # the probe must never get here
        return "554 5.5.1 no DATA in tests"

    async def auth_CRAM__MD5(self, server: SMTP, args: list[str]) -> AuthResult:  # noqa: N802
        answer = await server.challenge_auth(CRAM_CHALLENGE)
        if not isinstance(answer, bytes):
            return AuthResult(success=False, handled=True)
        user, _, digest = answer.decode().rpartition(" ")
        expected = hmac.new(PASSWORD.encode(), CRAM_CHALLENGE, hashlib.md5).hexdigest()
        return AuthResult(success=user == USER and hmac.compare_digest(digest, expected))

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:  # noqa: N802
        blob = base64.b64decode(args[1]) if len(args) > 1 else b""
        if blob == f"user={USER}\x01auth=Bearer {TOKEN}\x01\x01".encode():
            return AuthResult(success=True)
        error = b'{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}'
        await server.challenge_auth(error)
        await server.push("535 5.7.8 Username and Password not accepted")
        return AuthResult(success=False, handled=True)


def _authenticator(
    server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == USER.encode()
        and auth_data.password == PASSWORD.encode()
    )
    return AuthResult(success=ok, handled=False)


class _Controller(Controller):
    """aiosmtpd's controller on an ephemeral port (port 0): learns the port once bound."""

    def _trigger_server(self) -> None:
        assert self.server is not None
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class LoopbackSMTP:
    """aiosmtpd on 127.0.0.1; ``starttls``/``implicit`` take a (cert, key) pair."""

    def __init__(
        self,
        *,
        starttls: tuple[Path, Path] | None = None,
        implicit: tuple[Path, Path] | None = None,
        auth: bool = False,
        auth_require_tls: bool = True,
    ) -> None:
        self.handler = _Handler()
        kwargs: dict[str, Any] = {
            "hostname": HOST,
            "port": 0,
            "server_hostname": "mail.test",
            "ident": "ESMTP test server",
        }
        if starttls is not None:
            kwargs["tls_context"] = server_context(*starttls)
        if implicit is not None:
            kwargs["ssl_context"] = server_context(*implicit)
        if auth:
            kwargs["authenticator"] = _authenticator
            kwargs["auth_require_tls"] = auth_require_tls
        else:
            kwargs["auth_exclude_mechanism"] = ["LOGIN", "PLAIN", "CRAM-MD5", "XOAUTH2"]
        self._controller = _Controller(self.handler, **kwargs)

    @property
    def host(self) -> str:
        return HOST

    @property
    def port(self) -> int:
        return int(self._controller.port)

    def start(self) -> LoopbackSMTP:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()


Script = Callable[["ScriptedServer", socket.socket], None]


class ScriptedServer(LoopbackTCPServer):
    """Accepts connections on 127.0.0.1 and runs ``script(server, conn)`` for each, in a thread."""

    def __init__(self, script: Script) -> None:
        super().__init__(HOST, join=6)
        self._script = script
        self.received: list[bytes] = []

    host = HOST

    def start(self) -> ScriptedServer:
        self._start()
        return self

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        try:
            self._script(self, conn)
        except OSError:
            pass
        finally:
            conn.close()

    def read_line(self, conn: socket.socket) -> bytes:
        """One line from the client (for scripts), recorded in ``received``."""
        data = b""
        while not data.endswith(b"\n"):
            chunk = conn.recv(1)
            if not chunk:
                break
            data += chunk
        self.received.append(data)
        return data

    def wait_stopped(self, limit: float = 30.0) -> None:
        """For a script that never answers: hold the connection until the server stops."""
        self._stop.wait(limit)


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


# -- scripts for the misbehaving servers -------------------------------------------------------
GREETING_554 = "554 5.7.1 mail.test ESMTP not accepting mail from [127.0.0.1]: listed at zen.test"
GARBAGE = b"\x16\x03\x01garbage \x1b[31m<b>x</b><img src=y>\r\n"


def greet_554(server: ScriptedServer, conn: socket.socket) -> None:
    """RFC 5321 3.1: a rejection greeting, then wait for QUIT."""
    conn.sendall(GREETING_554.encode() + b"\r\n")
    if server.read_line(conn).upper().startswith(b"QUIT"):
        conn.sendall(b"221 2.0.0 Bye\r\n")


def silent(server: ScriptedServer, conn: socket.socket) -> None:
    """Accepts the connection and never says a word."""
    server.wait_stopped()


def garbage(server: ScriptedServer, conn: socket.socket) -> None:
    """Not SMTP at all: bytes with control characters and markup."""
    conn.sendall(GARBAGE)
    server.wait_stopped(2)


def drop_after_ehlo(server: ScriptedServer, conn: socket.socket) -> None:
    """Greets, reads EHLO, and closes the connection without an answer."""
    conn.sendall(b"220 mail.test ESMTP\r\n")
    server.read_line(conn)


def reset_after_ehlo(server: ScriptedServer, conn: socket.socket) -> None:
    """Greets, reads EHLO, and resets the connection (RST, not FIN)."""
    conn.sendall(b"220 mail.test ESMTP\r\n")
    server.read_line(conn)
    # SO_LINGER with a zero timeout makes close() send RST.
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def helo_only(server: ScriptedServer, conn: socket.socket) -> None:
    """An old server: 502 for EHLO, 250 for HELO (RFC 5321 3.2), accepts everything else."""
    conn.sendall(b"220 old.test SMTP\r\n")
    while True:
        line = server.read_line(conn).upper()
        if not line:
            return
        if line.startswith(b"EHLO"):
            conn.sendall(b"502 5.5.2 Command not recognized\r\n")
        elif line.startswith(b"QUIT"):
            conn.sendall(b"221 bye\r\n")
            return
        else:
            conn.sendall(b"250 ok\r\n")


def markup_replies(server: ScriptedServer, conn: socket.socket) -> None:
    """A server whose texts carry markup and a multi-line reply; rejects every recipient."""
    conn.sendall(b"220 mail.test <b>x</b><img src=y> ESMTP\r\n")
    while True:
        line = server.read_line(conn).upper()
        if not line:
            return
        if line.startswith(b"EHLO"):
            conn.sendall(b"250-mail.test <b>hello</b>\r\n250-PIPELINING\r\n250 SIZE 1000\r\n")
        elif line.startswith(b"MAIL"):
            conn.sendall(b"250 2.1.0 ok\r\n")
        elif line.startswith(b"RCPT"):
            conn.sendall(b"550-5.7.1 <b>x</b><img src=y>\r\n550 5.7.1 second line\r\n")
        elif line.startswith(b"QUIT"):
            conn.sendall(b"221 bye\r\n")
            return
        else:
            conn.sendall(b"250 ok\r\n")


class SMTPServers:
    """Starts loopback servers on demand for one test and stops them all afterwards."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._started: list[LoopbackSMTP | ScriptedServer] = []
        self._certificate: tuple[Path, Path] | None = None

    @property
    def certificate(self) -> tuple[Path, Path]:
        """(cert.pem, key.pem): self-signed for localhost and 127.0.0.1; cert.pem is its CA."""
        if self._certificate is None:
            self._certificate = make_certificate(self._folder)
        return self._certificate

    def aiosmtpd(
        self,
        *,
        starttls: bool = False,
        implicit: bool = False,
        auth: bool = False,
        auth_require_tls: bool = True,
    ) -> LoopbackSMTP:
        server = LoopbackSMTP(
            starttls=self.certificate if starttls else None,
            implicit=self.certificate if implicit else None,
            auth=auth,
            auth_require_tls=auth_require_tls,
        )
        self._started.append(server.start())
        return server

    def scripted(self, script: Script) -> ScriptedServer:
        server = ScriptedServer(script)
        self._started.append(server.start())
        return server

    def stop(self) -> None:
        for server in reversed(self._started):
            server.stop()
