"""Pure-Python core of smtp-gui. Never imports Qt: every capability lives here first."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec
    from types import ModuleType


def _plain_dns_only() -> None:
    """The app asks DNS over UDP and TCP only; tell dnspython so before ``dns.query`` loads.

    Otherwise ``dns.query`` imports httpx, h2, anyio and trio whenever they happen to be
    installed (for DNS over HTTPS and QUIC): 150 ms, and trio runs ``ldconfig`` in a
    subprocess at import, for code the app never calls.
    """
    try:
        from dns import _features
    except ImportError:  # pragma: no cover - dnspython before 2.5
        return
    for feature in ("doh", "doq", "trio"):
        _features.force(feature, False)


class _BeforeDnsQuery:
    """Runs ``_plain_dns_only()`` just before the first import of ``dns.query``, then steps
    aside. Not at import of this package: ``dns._features`` loads ``importlib.metadata``
    (17 ms) and the window's start-up and the offline commands never touch DNS at all.

    A finder is any object with ``find_spec`` (PEP 451); it does not subclass
    ``importlib.abc.MetaPathFinder``, whose import loads ``importlib.resources`` (14 ms)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname == "dns.query":
            if self in sys.meta_path:
                sys.meta_path.remove(self)
            _plain_dns_only()
        return None  # the ordinary finders load the module


if "dns.query" in sys.modules:
    _plain_dns_only()
else:
    sys.meta_path.insert(0, _BeforeDnsQuery())
