"""The name the probe says in EHLO/HELO when the user gives none (RFC 5321 4.1.1.1, 4.1.3).

RFC 5321 4.1.1.1: the EHLO argument is the client's fully qualified domain name, or an
address literal (4.1.3) when it has no meaningful name. ``default_helo_host()`` is what the
form promises before a connection exists; ``helo_name()`` is what is then sent.
"""

from __future__ import annotations

import socket

__all__ = ["address_literal", "default_helo_host", "helo_name"]


def default_helo_host(name: str | None = None) -> str | None:
    """This computer's name (``socket.gethostname()`` unless given) when it is fully
    qualified, i.e. has a dot and is not a link-local ``.local`` name; else None, and the
    connection's address literal is sent instead."""
    host = socket.gethostname() if name is None else name
    host = host.strip().rstrip(".")
    if "." in host and not host.lower().endswith(".local"):
        return host
    return None


def address_literal(address: str) -> str:
    """RFC 5321 4.1.3: ``[192.0.2.1]`` or ``[IPv6:2001:db8::1]``."""
    return f"[IPv6:{address}]" if ":" in address else f"[{address}]"


def helo_name(explicit: str | None, local_address: str, host: str | None = None) -> str:
    """The name sent: the user's, else this computer's fully qualified name, else the
    address literal of this end of the connection (``local_address``)."""
    if explicit:
        return explicit
    return default_helo_host(host) or address_literal(local_address)
