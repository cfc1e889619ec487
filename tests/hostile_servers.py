"""Scripted SMTP servers on 127.0.0.1 that attack the client's output (issue 12).

Run with ``SMTPServers.scripted(script)`` (tests/smtpserver.py):

- ``hostile_text``: replies full of terminal control sequences, C1 controls and a
  right-to-left override;
- ``echo_secrets``: a server that quotes back whatever AUTH sent (the PLAIN blob, the LOGIN
  answers, the XOAUTH2 blob) and the password it decoded from it, as some broken servers and
  debug builds do;
- ``starttls_with(context, then)``: offers STARTTLS, upgrades with ``context`` (any
  certificate the test made), then runs ``then`` on the TLS connection;
- ``unreadable_subject_certificate``: a certificate OpenSSL serves and ``cryptography``
  cannot read.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import ipaddress
import socket
import ssl
from collections.abc import Callable
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.name import _ASN1Type
from cryptography.x509.oid import NameOID

from tests.smtpserver import HOST, ScriptedServer, server_context, write_private_key

ESC = "\x1b"
# ESC[2J clears the screen, ESC]0;...BEL sets the window title, CSI as one C1 byte (0x9B)
# moves the cursor; U+202E reverses what follows.
HOSTILE = f"{ESC}[2J{ESC}]0;pwned\x07\u202eevil\u009b2J"


def hostile_text(server: ScriptedServer, conn: socket.socket) -> None:
    """Greeting, EHLO and RCPT replies that carry HOSTILE; rejects the recipient."""
    data = HOSTILE.encode()
    conn.sendall(b"220 mail.test " + data + b" ESMTP\r\n")
    while True:
        line = server.read_line(conn).upper()
        if not line:
            return
        if line.startswith(b"EHLO"):
            conn.sendall(b"250-mail.test " + data + b"\r\n250 SIZE 1000\r\n")
        elif line.startswith(b"RCPT"):
            conn.sendall(b"550 5.7.1 " + data + b"\r\n")
        elif line.startswith(b"QUIT"):
            conn.sendall(b"221 bye " + data + b"\r\n")
            return
        else:
            conn.sendall(b"250 ok\r\n")


def _decoded(blob: bytes) -> bytes:
    try:
        return base64.b64decode(blob.strip(), validate=True)
    except (binascii.Error, ValueError):
        return b"?"


def echo_secrets(server: ScriptedServer, conn: socket.socket) -> None:
    """AUTH PLAIN/LOGIN/XOAUTH2 offered without TLS; every answer is quoted back, then the
    decoded password, and authentication fails (535, RFC 4954 6)."""
    conn.sendall(b"220 echo.test ESMTP\r\n")
    _echo_dialogue(server, conn)


def _echo_dialogue(server: ScriptedServer, conn: socket.socket) -> None:
    while True:
        line = server.read_line(conn).rstrip(b"\r\n")
        upper = line.upper()
        if not line:
            return
        if upper.startswith(b"EHLO"):
            conn.sendall(b"250-echo.test\r\n250 AUTH PLAIN LOGIN XOAUTH2\r\n")
        elif upper.startswith(b"AUTH PLAIN "):
            blob = line[len(b"AUTH PLAIN ") :]
            password = _decoded(blob).split(b"\0")[-1]
            conn.sendall(
                b"535-5.7.8 Authentication failed for " + blob + b"\r\n"
                b"535 5.7.8 password was " + password + b"\r\n"
            )
        elif upper.startswith(b"AUTH LOGIN"):
            conn.sendall(b"334 VXNlcm5hbWU6\r\n")  # "Username:"
            user = server.read_line(conn).strip()
            conn.sendall(b"334 UGFzc3dvcmQ6\r\n")  # "Password:"
            answer = server.read_line(conn).strip()
            conn.sendall(
                b"535-5.7.8 user " + user + b" answered " + answer + b"\r\n"
                b"535 5.7.8 password was " + _decoded(answer) + b"\r\n"
            )
        elif upper.startswith(b"AUTH XOAUTH2 "):
            blob = line[len(b"AUTH XOAUTH2 ") :]
            token = _decoded(blob).split(b"Bearer ")[-1].rstrip(b"\x01")
            conn.sendall(b"535-5.7.8 bad blob " + blob + b"\r\n535 5.7.8 token " + token + b"\r\n")
        elif upper.startswith(b"QUIT"):
            conn.sendall(b"221 bye\r\n")
            return
        else:
            conn.sendall(b"250 ok\r\n")


Script = Callable[[ScriptedServer, socket.socket], None]


def starttls_with(context: ssl.SSLContext, then: Script | None = None) -> Script:
    """A server that offers STARTTLS (RFC 3207), upgrades with ``context``, then runs
    ``then`` (by default: accepts everything) on the TLS connection."""

    def script(server: ScriptedServer, conn: socket.socket) -> None:
        conn.sendall(b"220 tls.test ESMTP\r\n")
        while True:
            line = server.read_line(conn).upper()
            if not line:
                return
            if line.startswith(b"EHLO"):
                conn.sendall(b"250-tls.test\r\n250 STARTTLS\r\n")
            elif line.startswith(b"STARTTLS"):
                conn.sendall(b"220 2.0.0 go ahead\r\n")
                with context.wrap_socket(conn, server_side=True) as tls:
                    (then or _accept_all)(server, tls)
                return
            elif line.startswith(b"QUIT"):
                conn.sendall(b"221 bye\r\n")
                return
            else:
                conn.sendall(b"250 ok\r\n")

    return script


def _accept_all(server: ScriptedServer, conn: socket.socket) -> None:
    while True:
        line = server.read_line(conn).upper()
        if not line:
            return
        if line.startswith(b"EHLO"):
            conn.sendall(b"250-tls.test\r\n250 SIZE 1000\r\n")
        elif line.startswith(b"QUIT"):
            conn.sendall(b"221 bye\r\n")
            return
        else:
            conn.sendall(b"250 ok\r\n")


def unreadable_subject_certificate(folder: Path, name: str = "mail.test") -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 whose subject and issuer are IA5Strings with
    an 8-bit byte (0xE9): OpenSSL loads and serves it, ``cryptography`` raises ValueError
    when the subject is read. Made by building a valid certificate, replacing one byte of
    its to-be-signed part and signing that again (RSA: the signature keeps its length)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    placeholder = name.replace(".", "X.", 1)  # one byte longer than name, as "mail\xe9." is
    subject = x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, placeholder, _type=_ASN1Type.IA5String)]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(HOST))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    der = cert.public_bytes(serialization.Encoding.DER)
    tbs = cert.tbs_certificate_bytes
    eight_bit = placeholder.encode().replace(b"X.", b"\xe9.", 1)
    new_tbs = tbs.replace(placeholder.encode(), eight_bit)
    signature = key.sign(new_tbs, padding.PKCS1v15(), hashes.SHA256())
    assert der.endswith(cert.signature) and len(signature) == len(cert.signature)
    new_der = der.replace(tbs, new_tbs)[: -len(signature)] + signature
    cert_path, key_path = folder / "unreadable.pem", folder / "unreadable.key"
    cert_path.write_text(ssl.DER_cert_to_PEM_cert(new_der))
    write_private_key(key_path, key)
    return cert_path, key_path


tls_server_context = server_context  # the same context as every test server's
