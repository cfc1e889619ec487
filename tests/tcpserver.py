"""A TCP server on loopback for tests: accepts connections in a thread and serves each in a
thread of its own, until ``stop()``. The SMTP and HTTPS test servers build on it."""

from __future__ import annotations

import socket
import threading


class LoopbackTCPServer:
    """Listens on ``host`` (loopback) and calls ``_serve(conn)`` for every connection."""

    def __init__(
        self, host: str, port: int = 0, *, backlog: int = 8, poll: float = 0.2, join: float = 3
    ) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((host, port))
        self._listener.listen(backlog)
        self._listener.settimeout(poll)  # how often the accept loop looks at stop()
        self._join = join
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.connections = 0

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    def _start(self) -> None:
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self._threads.append(thread)

    def stop(self) -> None:
        self._stop.set()
        self._listener.close()
        for thread in self._threads:
            thread.join(timeout=self._join)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _peer = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            worker = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            worker.start()
            self._threads.append(worker)

    def _serve(self, conn: socket.socket) -> None:
        raise NotImplementedError
