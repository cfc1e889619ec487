"""What a bounce is about, and a domain check weighed by it.

A check started from a diagnosis carries a ``CheckContext``: the domain, the sending IP and
the sender the bounce named, and its ``Question``. ``weigh`` puts the rows that answer the
question first and raises the ones that explain the bounce to ``fail``; ``explained_verdict``
says in one sentence which rows explain it. Without a question nothing moves: the rows keep
the check's own order and severities.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from smtp_gui.core.checks.status import CheckResult, Status
from smtp_gui.core.report.labels import list_separator
from smtp_gui.core.report.model import Severity, Verdict
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.messages import Note, message, message_text

T = TypeVar("T")


class Question(enum.StrEnum):
    """What the bounce that started the check is about."""

    NONE = "none"  # no diagnosis: today's order and severities
    AUTHENTICATION = "authentication"  # RFC 7372 3.1-3.2 (5.7.20-5.7.24), RFC 7372 (5.7.26)
    PTR = "ptr"  # RFC 7372 3.3 (5.7.25), "reverse DNS" wording
    BLOCKLIST = "blocklist"  # a listing of the sending IP or domain


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a diagnosis hands to the domain check: its target, the sending IP and sender the
    bounce gave ("" when it gave none), what the bounce is about and its code."""

    domain: str = ""
    ip: str = ""
    sender: str = ""
    question: Question = Question.NONE
    code: str = ""  # e.g. "550 5.7.26", named in the verdict


# RFC 7372 3.1-3.2: 5.7.20-5.7.24 (DKIM and SPF); RFC 7372 3.3: 5.7.25 (reverse DNS);
# 5.7.26 "multiple authentication checks failed" (RFC 7372, IANA registry). 5.7.27 is the
# sender's null MX (RFC 7505 4.2), not authentication, and stays unweighed.
_AUTH_CODES = frozenset({"5.7.20", "5.7.21", "5.7.22", "5.7.23", "5.7.24", "5.7.26"})
_PTR_CODES = frozenset({"5.7.25"})
_AUTH_WORDS = re.compile(r"\b(?:spf|dkim|dmarc)\b", re.IGNORECASE)
_PTR_WORDS = re.compile(
    r"reverse[ -]?(?:dns|lookup|hostname|mapping)|\bptr\b|\brdns\b|\bfcrdns\b", re.IGNORECASE
)


def bounce_question(
    enhanced: str, text: str, tags: Iterable[str] = (), listed: bool = False
) -> Question:
    """What a failing reply is about, from its enhanced code (``5.7.26``), its wording and
    the diagnosis' tags; ``listed``: the bounce names a blocklist."""
    tagged = set(tags)
    if enhanced in _PTR_CODES:
        return Question.PTR
    if enhanced in _AUTH_CODES:
        return Question.AUTHENTICATION
    if "ptr" in tagged or _PTR_WORDS.search(text):
        return Question.PTR
    if "auth" in tagged or _AUTH_WORDS.search(text):
        return Question.AUTHENTICATION
    if listed or "ip_reputation" in tagged:
        return Question.BLOCKLIST
    return Question.NONE


def sender_of(domain: str, emails: Iterable[str], recipient: str = "") -> str:
    """The address at ``domain`` (or a subdomain of it) that a bounce names, other than the
    recipient: the envelope sender the SPF evaluation should use; "" when there is none."""
    for email in emails:
        at = email.rpartition("@")[2].lower()
        if email.lower() != recipient.lower() and (at == domain or at.endswith("." + domain)):
            return email
    return ""


# The rows that answer each question, in the order they are read.
FIRST: dict[Question, tuple[str, ...]] = {
    Question.NONE: (),
    Question.AUTHENTICATION: ("spf", "dkim", "dmarc"),
    Question.PTR: ("ptr",),
    Question.BLOCKLIST: ("ptr",),  # the domain kind's reputation row; the lists are their own
}


@dataclass(frozen=True, slots=True)
class Weighed:
    """The rows as shown for a question: reordered, with the explaining ones raised."""

    results: tuple[CheckResult, ...]
    explaining: tuple[CheckResult, ...]  # in ``results``' order, as shown


def _spf_explains(result: CheckResult, context: CheckContext) -> bool:
    """SPF did not pass for the bounced IP (RFC 7208 2.6), or there is no usable record."""
    evaluated = result.extra.get("result")
    if context.ip and evaluated not in (None, "pass", "temperror"):
        return True
    return result.status is Status.FAIL


def _dkim_explains(result: CheckResult) -> bool:
    """No DKIM key was found (RFC 6376 3.6.2.2), or the keys found are broken."""
    none_found = result.status is Status.INFO and not result.extra.get("selectors")
    return none_found or result.status is Status.FAIL


def explains(result: CheckResult, context: CheckContext) -> bool:
    """Does this row explain the bounce ``context`` is about?"""
    match context.question:
        case Question.AUTHENTICATION if result.name == "spf":
            return _spf_explains(result, context)
        case Question.AUTHENTICATION if result.name == "dkim":
            return _dkim_explains(result)
        case Question.PTR | Question.BLOCKLIST if result.name == "ptr":
            return bool(context.ip) and result.status in (Status.FAIL, Status.WARN)
        case _:
            return False


def ordered(items: Sequence[T], name: Callable[[T], str], context: CheckContext | None) -> list[T]:
    """``items`` (rows or results, ``name`` gives each one's check name) with the rows of
    ``context``'s question first, in ``FIRST``'s order; the rest keep their own order."""
    first = FIRST[context.question] if context is not None else ()
    rank = {check: index for index, check in enumerate(first)}
    indexed = sorted(
        enumerate(items), key=lambda item: (rank.get(name(item[1]), len(first)), item[0])
    )
    return [item for _index, item in indexed]


def weigh(results: Sequence[CheckResult], context: CheckContext | None) -> Weighed:
    """``results`` ordered and weighed by ``context``'s question (``ordered``); a row that
    explains the bounce is at least a ``fail``. No context or no question: unchanged."""
    if context is None or context.question is Question.NONE:
        return Weighed(tuple(results), ())
    shown: list[CheckResult] = []
    explaining: list[CheckResult] = []
    for result in ordered(results, _name, context):
        if explains(result, context):
            result = replace(result, status=Status.FAIL)
            explaining.append(result)
        shown.append(result)
    return Weighed(tuple(shown), tuple(explaining))


def _name(result: CheckResult) -> str:
    return result.name


def _row_phrase(result: CheckResult, context: CheckContext, domain: str) -> Text:
    """``SPF for 203.0.113.45 is softfail`` and the like, for the verdict."""
    if result.name == "spf":
        evaluated = result.extra.get("result")
        if context.ip and evaluated not in (None, "pass"):
            return message("check_question.spf_result", ip=context.ip, result=evaluated)
        return message("check_question.spf_record", domain=domain)
    if result.name == "dkim":
        if result.status is Status.FAIL and result.extra.get("selectors"):
            return message("check_question.dkim_broken", domain=domain)
        return message("check_question.no_dkim", domain=domain)
    return message("check_question.ptr", ip=context.ip)


def _joined(parts: Sequence[Text]) -> Text:
    """``a, b and c`` in each language."""

    def join(lang: str) -> str:
        words = [part.get(lang) for part in parts]
        if len(words) < 2:
            return "".join(words)
        last = message("check_question.and").get(lang)
        return list_separator(lang).join(words[:-1]) + last + words[-1]

    return Text(join("en"), join("zh"))


def explained_verdict(weighed: Weighed, context: CheckContext, domain: str) -> Verdict | None:
    """The domain check's answer to the bounce's question; None without a question."""
    if context.question is Question.NONE:
        return None
    code = context.code or "?"
    question = str(context.question)
    if not weighed.explaining:
        key = f"check_question.unexplained.{question}"
        return Verdict(message(key, code=code, domain=domain, ip=context.ip or "?"), Severity.INFO)
    rows = _joined([_row_phrase(r, context, domain) for r in weighed.explaining])
    action = message(f"check_question.action.{question}", domain=domain, ip=context.ip or "?")

    def said(lang: str) -> str:
        key = "check_question.explained"
        return message_text(key, lang, rows=rows.get(lang), code=code, action=action.get(lang))

    sentence = Text(said("en"), said("zh"))
    return Verdict(sentence, Severity.ERROR)


def explains_note(context: CheckContext) -> Note:
    """The mark on a row that explains the bounce: ``explains the 550 5.7.26 bounce``."""
    return Note("check_question.row_mark", {"code": context.code or "?"})
