"""Identifier alignment (RFC 7489 3.1): do the SPF and DKIM domains match the From domain?

Relaxed mode (the default) asks for the same organizational domain; strict mode for the
exact same name (RFC 7489 3.1.1 for DKIM ``adkim``, 3.1.2 for SPF ``aspf``). DMARC passes
when at least one authenticated identifier is aligned (RFC 7489 3.1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from smtp_gui.core.records.org_domain import normalize, organizational_domain


@dataclass(frozen=True, slots=True)
class Alignment:
    from_domain: str
    spf_aligned: bool | None  # None: no SPF domain was given
    dkim_aligned: tuple[str, ...]  # the DKIM d= domains that align
    dkim_checked: tuple[str, ...]

    @property
    def aligned(self) -> bool:
        """At least one identifier aligns: what DMARC needs (together with its pass)."""
        return bool(self.spf_aligned) or bool(self.dkim_aligned)


def domains_align(author: str, other: str, mode: str) -> bool:
    """``mode`` ``s``: identical names; anything else (``r``): same organizational domain."""
    left, right = normalize(author), normalize(other)
    if not left or not right:
        return False
    if mode == "s":
        return left == right
    return organizational_domain(left) == organizational_domain(right)


def alignment(
    from_domain: str,
    spf_domain: str | None,
    dkim_domains: Iterable[str],
    adkim: str = "r",
    aspf: str = "r",
) -> Alignment:
    """Whether the SPF-authenticated and DKIM ``d=`` domains align with ``from_domain``."""
    checked = tuple(normalize(d) for d in dkim_domains)
    return Alignment(
        normalize(from_domain),
        None if spf_domain is None else domains_align(from_domain, spf_domain, aspf),
        tuple(d for d in checked if domains_align(from_domain, d, adkim)),
        checked,
    )
