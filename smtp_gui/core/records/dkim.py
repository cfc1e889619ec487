"""The ``dkim`` check: key records at ``<selector>._domainkey.<domain>`` (RFC 6376 3.6.2.1).

With selectors from the user, each must have a usable key. Without, a list of the fixed
selectors common providers use (resources/dkim/common-selectors.json) is tried, all at once;
finding none there proves nothing, since many senders use per-customer selectors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import dns.resolver

from smtp_gui.core.checks.findings import (
    could_not_check,
    failure_problem,
    problem,
    status_of,
    within,
)
from smtp_gui.core.checks.status import CheckResult, Detail, Problem, Status
from smtp_gui.core.dns.lookup import Lookup, Outcome
from smtp_gui.core.dns.parallel import lookup_all
from smtp_gui.core.records.dkim_record import DkimKey, parse_dkim_key
from smtp_gui.core.records.org_domain import normalize
from smtp_gui.core.report import labels
from smtp_gui.core.resources import load_json
from smtp_gui.core.text.errors import input_error
from smtp_gui.core.text.messages import Note

# RFC 6376 3.1: selector = sub-domain *( "." sub-domain ); labels of letters, digits, hyphens
# (underscores appear in the wild and resolve, so they are accepted).
_SELECTOR = re.compile(
    r"[A-Za-z0-9_](?:[A-Za-z0-9_\-]{0,61}[A-Za-z0-9_])?"
    r"(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_\-]{0,61}[A-Za-z0-9_])?)*"
)
MAX_SELECTORS = 40


@dataclass(frozen=True, slots=True)
class SelectorResult:
    selector: str
    provider: str  # for guessed selectors, who uses it; "" for the user's own
    lookup: Lookup
    keys: tuple[DkimKey, ...]


@cache
def common_selectors() -> tuple[tuple[str, str], ...]:
    """(selector, provider) pairs from the shipped list."""
    data = load_json("dkim", "common-selectors.json")
    return tuple((str(e["selector"]), str(e["provider"])) for e in data["selectors"])


def normalize_selector(text: str) -> str:
    """A selector as given on the command line or in the GUI; InputError when it is not one."""
    selector = text.strip().rstrip(".").lower()
    if selector.endswith("._domainkey"):
        selector = selector[: -len("._domainkey")]
    if not _SELECTOR.fullmatch(selector) or len(selector) > 200:
        raise input_error("dkim.bad_selector", value=text[:80])
    return selector


def key_name(selector: str, domain: str) -> str:
    return f"{selector}._domainkey.{domain}"


def _looks_like_key(text: str) -> bool:
    """Skip unrelated TXT at the selector (wildcard SPF records and the like)."""
    compact = text.replace(" ", "").replace("\t", "")
    return compact.startswith(("v=DKIM1", "k=", "p=")) or ";p=" in compact


def lookup_selectors(
    domain: str, resolver: dns.resolver.Resolver, selectors: Sequence[tuple[str, str]]
) -> tuple[SelectorResult, ...]:
    """Ask every selector at once and parse whatever key records come back."""
    chosen = list(selectors)[:MAX_SELECTORS]
    answers = lookup_all(resolver, [(key_name(s, domain), "TXT") for s, _p in chosen])
    results = []
    for (selector, provider), answer in zip(chosen, answers, strict=True):
        keys = tuple(parse_dkim_key(r) for r in answer.records if _looks_like_key(r))
        results.append(SelectorResult(selector, provider, answer, keys))
    return tuple(results)


def dkim_check(
    domain: str, resolver: dns.resolver.Resolver, selectors: Sequence[str] = ()
) -> CheckResult:
    """The ``dkim`` row: the keys found, their type and size, and what is wrong with them."""
    domain = normalize(domain)
    given = bool(selectors)
    wanted = [(s, "") for s in selectors] if given else list(common_selectors())
    results = lookup_selectors(domain, resolver, wanted)
    found = [r for r in results if r.keys]
    failures = [r for r in results if r.lookup.could_not_check]
    problems: list[Problem] = []
    details: list[Detail] = []
    for result in results:
        name = key_name(result.selector, domain)
        if result.lookup.could_not_check:
            problems.append(failure_problem(result.lookup))
        elif given and not result.keys:
            why = "dkim.not_a_key" if result.lookup.outcome is Outcome.ANSWER else "dkim.missing"
            problems.append(problem(why, Status.FAIL, "RFC 6376 6.1.2", name=name))
        if len(result.keys) > 1:
            problems.append(
                problem(
                    "dkim.several_keys",
                    Status.WARN,
                    "RFC 6376 3.6.2.2",
                    name=name,
                    count=len(result.keys),
                )
            )
        for key in result.keys:
            problems.extend(
                within("dkim.at_selector", p, selector=result.selector) for p in key.problems
            )
            details.append(_selector_detail(result, key))
            details.extend(
                Detail(f"{result.selector}: {d.label}", d.value, d.meaning) for d in key.details()
            )
    if not found and failures and (not given or len(failures) == len(results)):
        return could_not_check("dkim", failures[0].lookup, problems=tuple(problems[1:]))
    if not found and not given:
        note = Note("dkim.none_common", {"domain": domain, "count": len(results)})
        return CheckResult(
            "dkim",
            Status.INFO,
            note,
            problems=tuple(problems),
            extra={"selectors": [], "tried": [r.selector for r in results]},
        )
    record = "\n".join(f"{r.selector}: {k.text}" for r in found for k in r.keys)
    summary = _summary(domain, found)
    return CheckResult(
        "dkim",
        status_of(problems),
        summary,
        record=record or None,
        problems=tuple(problems),
        details=tuple(details),
        extra={
            "selectors": [
                {
                    "selector": r.selector,
                    "provider": r.provider or None,
                    "keys": [
                        {
                            "type": k.key_type,
                            "bits": k.key_bits,
                            "revoked": k.revoked,
                            "testing": k.testing,
                            "valid": k.valid,
                        }
                        for k in r.keys
                    ],
                }
                for r in found
            ],
            "tried": [r.selector for r in results],
            "readable": [r.selector for r in _groups(found)[0]],
            "unreadable": [r.selector for r in _groups(found)[1]],
        },
    )


def _readable(key: DkimKey) -> bool:
    """A key a verifier could load (whatever its size): not revoked, not broken."""
    return key.key_bits is not None


@dataclass(frozen=True, slots=True)
class _Sentences:
    """Notes shown one after another: ``{parts:zh}`` renders them in that language."""

    notes: tuple[Note, ...]

    def __format__(self, spec: str) -> str:
        lang = spec or "en"
        return labels.sentence_gap(lang).join(n.text(lang) for n in self.notes)


def _groups(
    found: Sequence[SelectorResult],
) -> tuple[list[SelectorResult], list[SelectorResult], list[SelectorResult]]:
    """Selectors with a readable key; with only key records that could not be read (bad
    Base64, not a key, p= missing); with only a revoked key."""
    readable = [r for r in found if any(_readable(k) for k in r.keys)]
    revoked = [r for r in found if r not in readable and any(k.revoked for k in r.keys)]
    unreadable = [r for r in found if r not in readable and r not in revoked]
    return readable, unreadable, revoked


def _summary(domain: str, found: Sequence[SelectorResult]) -> Note:
    """Only readable keys are counted as keys; unreadable and revoked ones are said apart."""
    readable, unreadable, revoked = _groups(found)
    notes: list[Note] = []
    if readable:
        keys = ", ".join(
            f"{r.selector} ({_short(k)})" for r in readable for k in r.keys if _readable(k)
        )
        notes.append(Note("dkim.summary", {"count": len(readable), "keys": keys}))
    else:
        notes.append(Note("dkim.summary_none", {"domain": domain}))
    for key, group in (("dkim.summary_unreadable", unreadable), ("dkim.summary_revoked", revoked)):
        if group:
            names = ", ".join(r.selector for r in group)
            notes.append(Note(key, {"count": len(group), "names": names}))
    if len(notes) == 1:
        return notes[0]
    return Note("dkim.summary_parts", {"parts": _Sentences(tuple(notes))})


def _short(key: DkimKey) -> str:
    if key.revoked:
        return "p="
    return f"{key.key_type} {key.key_bits}" if key.key_bits else key.key_type


def _selector_detail(result: SelectorResult, key: DkimKey) -> Detail:
    meaning = (
        Note("dkim.provider", {"provider": result.provider}) if result.provider else key.describe()
    )
    return Detail(result.selector, _short(key), meaning)
