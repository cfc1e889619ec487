"""Scripted SMTP servers on 127.0.0.1 that attack the client's output (issue 12).

Run with ``SMTPServers.scripted(script)`` (tests/smtpserver.py):

- ``hostile_text``: replies full of terminal control sequences, C1 controls and a
  right-to-left override;
- ``echo_secrets``: a server that quotes back whatever AUTH sent (the PLAIN blob, the LOGIN
  answers, the XOAUTH2 blob) and the password it decoded from it, as some broken servers and
  debug builds do;
- ``starttls_with(context, then)``: offers STARTTLS, upgrades with ``context`` (any
  certificate the test made), then runs ``then`` on the TLS connection.
"""

from __future__ import annotations

import base64
import binascii
import socket
import ssl
from collections.abc import Callable

from tests.smtpserver import ScriptedServer

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
                tls = context.wrap_socket(conn, server_side=True)
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
