"""SMTP servers on 127.0.0.1 that are slow on purpose, for the probe's time limits.

``slow_replies(delay)`` is a script for ``SMTPServers.scripted()`` (tests/smtpserver.py): a
well-formed server that answers every command, but each reply only after ``delay`` seconds
(just inside a step's timeout, so no single step ever times out). ``NeverAccepting`` is a
listener whose accept queue is full, so a new connection is never accepted: its SYN is
dropped and ``connect()`` waits until the client gives up, as with a firewalled host.
(Kept apart from tests/smtpserver.py, which is near the 400-line limit.)
"""

from __future__ import annotations

import socket
import time

from tests.smtpserver import HOST, Script, ScriptedServer


def slow_replies(delay: float) -> Script:
    """Greets, then answers EHLO, MAIL, RCPT, RSET and QUIT, each after ``delay`` seconds."""

    def script(server: ScriptedServer, conn: socket.socket) -> None:
        if server._stop.wait(delay):  # noqa: SLF001 - the test server's own stop flag
            return
        conn.sendall(b"220 slow.test ESMTP\r\n")
        while True:
            line = server.read_line(conn).upper()
            if not line or server._stop.wait(delay):  # noqa: SLF001
                return
            if line.startswith(b"EHLO"):
                conn.sendall(b"250-slow.test\r\n250 SIZE 1000\r\n")
            elif line.startswith(b"QUIT"):
                conn.sendall(b"221 bye\r\n")
                return
            else:
                conn.sendall(b"250 ok\r\n")

    return script


class NeverAccepting:
    """A port on 127.0.0.1 where connections are never accepted (the backlog is full)."""

    def __init__(self) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind((HOST, 0))
        self._listener.listen(0)
        self._fillers: list[socket.socket] = []
        for _ in range(4):  # more than the kernel's queue takes for a backlog of 0
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.setblocking(False)
            filler.connect_ex((HOST, self.port))
            self._fillers.append(filler)
        time.sleep(0.1)

    host = HOST

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    def close(self) -> None:
        for sock in (*self._fillers, self._listener):
            sock.close()

    def __enter__(self) -> NeverAccepting:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
