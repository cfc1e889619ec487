"""Pure-Python core of smtp-gui. Never imports Qt: every capability lives here first."""

from __future__ import annotations


def _plain_dns_only() -> None:
    """The app asks DNS over UDP and TCP only; tell dnspython before anything imports it.

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


_plain_dns_only()
