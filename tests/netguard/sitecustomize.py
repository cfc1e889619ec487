"""Loopback only: an audit hook that stops any test from reaching past 127.0.0.0/8 or ::1.

Installed in the pytest process by tests/conftest.py, and in every Python subprocess the
tests start (tests/conftest.py puts this folder on PYTHONPATH, and Python imports a
``sitecustomize`` module at start-up). A connect, send or name lookup aimed anywhere else
raises ``PermissionError`` before a packet leaves, so a test that would talk to the
Internet fails instead.
"""

from __future__ import annotations

import ipaddress
import sys

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def _allowed_host(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return True  # e.g. None for a passive getaddrinfo
    name = host.strip("[]").split("%")[0]
    if name.lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback or ipaddress.ip_address(name).is_unspecified
    except ValueError:
        return False  # a name: resolving it would ask the system's nameserver


def _guard(event: str, args: tuple[object, ...]) -> None:
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        address = args[1] if len(args) > 1 else None
        if isinstance(address, tuple) and address and not _allowed_host(address[0]):
            raise PermissionError(f"test tried to reach {address!r}: loopback only")
    elif event == "socket.getaddrinfo" and args and not _allowed_host(args[0]):
        raise PermissionError(f"test tried to resolve {args[0]!r}: loopback only")


def install() -> None:
    if not getattr(sys, "_smtp_gui_netguard", False):
        sys.addaudithook(_guard)
        sys._smtp_gui_netguard = True  # type: ignore[attr-defined]


install()
