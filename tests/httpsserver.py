"""A hostile HTTPS server for the MTA-STS policy fetch, on 127.0.0.1 only.

``make_pki()`` makes a test CA and a leaf certificate for ``mta-sts.<domain>`` signed by it
(the fetch trusts the CA through a context or ``SSL_CERT_FILE``, never the system's store).
``PolicyServer`` serves the policy file in one of these ways, by name:

- ``good``: the policy, whole;
- ``trickle``: the headers, then the body one byte every 0.2 s (for longer than any test);
- ``silent``: accepts the TCP connection and never says a word (not even the TLS handshake);
- ``huge``: a 200 kB body, more than a policy may be;
- ``truncated``: Content-Length promises more than arrives before the connection closes;
- ``chunked_cut``: a chunked body whose last (empty) chunk never comes;
- ``headers_cut``: the response headers stop half-way and the connection closes.

It can listen on any port (``port=443`` in a private network namespace). Nothing here
listens or connects anywhere but the loopback address it is given.
"""

from __future__ import annotations

import datetime as dt
import socket
import ssl
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests.smtpserver import write_private_key
from tests.tcpserver import LoopbackTCPServer

GOOD_POLICY = "version: STSv1\r\nmode: enforce\r\nmx: *.rec-good.test\r\nmax_age: 604800\r\n"
BEHAVIOURS = ("good", "trickle", "silent", "huge", "truncated", "chunked_cut", "headers_cut")


@dataclass(frozen=True)
class Pki:
    ca: Path  # the CA certificate (PEM): what the client trusts
    cert: Path  # the leaf certificate for the policy host
    key: Path

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca))


def _name(text: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])


def make_pki(folder: Path, host: str) -> Pki:
    """A CA ("smtp-gui test CA") and a leaf for ``host`` it signed, as PEM files."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("smtp-gui test CA"))
        .issuer_name(_name("smtp-gui test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=7))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(_name(host))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=7))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    pki = Pki(folder / "ca.pem", folder / "leaf.pem", folder / "leaf.key")
    pki.ca.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    pki.cert.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    write_private_key(pki.key, key)
    return pki


class PolicyServer(LoopbackTCPServer):
    """Serves ``/.well-known/mta-sts.txt`` the way ``behaviour`` says; start(), stop()."""

    def __init__(self, pki: Pki, behaviour: str, host: str = "127.0.0.1", port: int = 0) -> None:
        if behaviour not in BEHAVIOURS:
            raise ValueError(behaviour)
        self.behaviour = behaviour
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._context.load_cert_chain(pki.cert, pki.key)
        super().__init__(host, port, backlog=16, poll=0.1)
        self.requests: list[bytes] = []

    def url(self, domain_placeholder: str = "{domain}") -> str:
        """A policy URL template for ``mta_sts_check`` that names this server's port."""
        return f"https://mta-sts.{domain_placeholder}:{self.port}/.well-known/mta-sts.txt"

    def start(self) -> PolicyServer:
        self._start()
        return self

    def __enter__(self) -> PolicyServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self, conn: socket.socket) -> None:
        try:
            if self.behaviour == "silent":
                self._stop.wait(30)
                return
            conn.settimeout(5)
            with self._context.wrap_socket(conn, server_side=True) as tls:
                request = b""
                while b"\r\n\r\n" not in request and len(request) < 8192:
                    chunk = tls.recv(4096)
                    if not chunk:
                        return
                    request += chunk
                self.requests.append(request)
                self._respond(tls)
        except (OSError, ssl.SSLError):
            pass
        finally:
            conn.close()

    def _respond(self, tls: ssl.SSLSocket) -> None:
        body = GOOD_POLICY.encode()
        head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n"
        if self.behaviour == "good":
            tls.sendall(f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
        elif self.behaviour == "trickle":
            tls.sendall(f"{head}Content-Length: {len(body)}\r\n\r\n".encode())
            for byte in body:
                if self._stop.wait(0.2):
                    return
                tls.sendall(bytes([byte]))
        elif self.behaviour == "huge":
            tls.sendall(f"{head}Content-Length: {200_000}\r\n\r\n".encode() + b"x" * 200_000)
        elif self.behaviour == "truncated":
            tls.sendall(f"{head}Content-Length: {len(body) + 500}\r\n\r\n".encode() + body)
        elif self.behaviour == "chunked_cut":
            chunk = f"{len(body):x}\r\n".encode() + body + b"\r\n"
            tls.sendall(f"{head}Transfer-Encoding: chunked\r\n\r\n".encode() + chunk)
        elif self.behaviour == "headers_cut":
            tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/pl")
