"""What the signature fields say, offline: each ARC-Seal's instance and chain validation
status (RFC 8617 4.1.3: ``cv=none`` on the first set, then ``pass`` or ``fail``), and the
selector of a DKIM result the receiver wrote without ``header.s`` (read from the
DKIM-Signature field of the same ``d=``, RFC 6376 3.5)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from smtp_gui.core.headers.auth import AuthFacts
from smtp_gui.core.headers.fields import HeaderBlock
from smtp_gui.core.text.taglist import parse_tag_list


@dataclass(frozen=True, slots=True)
class ArcSeal:
    instance: int | None  # i=
    cv: str  # none, pass, fail (lower case), "" when missing
    domain: str  # d=
    selector: str  # s=


def arc_seals(block: HeaderBlock) -> tuple[ArcSeal, ...]:
    """Every ARC-Seal, by instance (the lowest first)."""
    found = []
    for field in block.all("ARC-Seal"):
        tags = parse_tag_list(field.value, fold_names=True)
        number = (tags.get("i") or "").strip()
        found.append(
            ArcSeal(
                int(number) if number.isdigit() and len(number) < 4 else None,
                (tags.get("cv") or "").strip().lower(),
                (tags.get("d") or "").strip().lower(),
                (tags.get("s") or "").strip(),
            )
        )
    return tuple(sorted(found, key=lambda seal: seal.instance or 0))


def signed_selectors(block: HeaderBlock) -> dict[str, tuple[str, ...]]:
    """The selectors of the DKIM-Signature fields, by lower-case ``d=``."""
    found: dict[str, list[str]] = {}
    for field in block.all("DKIM-Signature")[:50]:
        tags = parse_tag_list(field.value, fold_names=True)
        domain = (tags.get("d") or "").strip().lower()
        selector = (tags.get("s") or "").strip()
        if domain and selector:
            found.setdefault(domain, []).append(selector)
    return {domain: tuple(selectors) for domain, selectors in found.items()}


def with_selectors(auth: tuple[AuthFacts, ...], block: HeaderBlock) -> tuple[AuthFacts, ...]:
    """``auth`` with each DKIM result that names no selector given the one of its domain's
    signature, when the message has exactly one signature for that domain."""
    if not any(d.selector is None for a in auth for d in a.dkim):
        return auth
    signed = signed_selectors(block)

    def filled(item: AuthFacts) -> AuthFacts:
        dkim = tuple(
            replace(d, selector=signed[d.domain][0])
            if d.selector is None and d.domain and len(signed.get(d.domain, ())) == 1
            else d
            for d in item.dkim
        )
        return replace(item, dkim=dkim) if dkim != item.dkim else item

    return tuple(filled(item) for item in auth)
