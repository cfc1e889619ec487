"""The organizational domain (RFC 7489 3.2): the registrable name under a public suffix.

Uses the ``publicsuffixlist`` package with the list bundled inside it, read from disk once:
no download, ever. Names under an unlisted TLD (``example.test``) follow the list's default
rule ``*``, so ``sub.example.test`` belongs to ``example.test``.
"""

from __future__ import annotations

from functools import cache

from publicsuffixlist import PublicSuffixList


@cache
def _psl() -> PublicSuffixList:
    return PublicSuffixList()  # no source given: the package's bundled copy of the list


def normalize(name: str) -> str:
    """Lower case, without the trailing dot."""
    return name.strip().rstrip(".").lower()


def organizational_domain(name: str) -> str:
    """RFC 7489 3.2: the public suffix plus one label; a public suffix itself maps to itself."""
    domain = normalize(name)
    if not domain:
        return domain
    return str(_psl().privatesuffix(domain) or domain)
