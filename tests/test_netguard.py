"""The loopback-only guard bites, in this process and in subprocesses."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest


def test_outside_address_is_refused() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock, pytest.raises(PermissionError):
        sock.sendto(b"x", ("192.0.2.1", 53))


def test_name_lookup_is_refused() -> None:
    with pytest.raises(PermissionError):
        socket.getaddrinfo("example.com", 25)


def test_loopback_is_allowed() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.sendto(b"x", ("127.0.0.1", 9))


def test_subprocesses_are_guarded_too() -> None:
    code = (
        "import socket\n"
        "socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('192.0.2.1', 53))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0 and "loopback only" in result.stderr
