"""The diagnosis' verdict in one sentence: who refused (or deferred) the mail (the rejecting
system, and the reporting one when another system wrote the bounce), why, whose side must act
and the next step, built from the diagnosis' facts (the provider, the domain, the IP,
the address and the category of the failure), never from special cases of one bounce.

The category is the first tag of ``CATEGORIES`` the diagnosis carries (the provider rules and
the reply's wording give the tags); a failure of no known category is named by its code and
the catalogue's title, and the first next step of the advice says what to do.
"""

from __future__ import annotations

from smtp_gui.core.diagnose.advice_kind import AdviceKind
from smtp_gui.core.diagnose.diagnosis import Diagnosis
from smtp_gui.core.report.model import Severity, Verdict
from smtp_gui.core.text.messages import message_text
from smtp_gui.core.text.safe_text import shown

# The most specific cause first: a login refused over TLS is about the login, and a login
# that is switched off for the account is not about its password.
CATEGORIES = (
    "greylist",  # "Recipient address rejected: Greylisted" is no address problem
    "auth_disabled",
    "app_password",  # QQ, NetEase, Exmail: an authorisation code, not the login password
    "credentials",
    "tls",
    "auth",
    "ptr",
    "ip_reputation",
    "relay",
    "address",
    "mailbox_full",
    "size",
    "content",
    "rate",
    "routing",
)


def category(diagnosis: Diagnosis) -> str:
    """The failure's category (a tag of ``CATEGORIES``), or "" when none applies."""
    tags = set(diagnosis.tags)
    return next((tag for tag in CATEGORIES if tag in tags), "")


def _fact(value: str, key: str, lang: str) -> str:
    """A value from the paste, made visible, or the words for "unknown"."""
    return shown(value) if value else message_text(f"diagnose.verdict.unknown.{key}", lang)


def verdict(diagnosis: Diagnosis, code_title: str, lang: str) -> Verdict | None:
    """The one-sentence verdict of a failure; None when the diagnosis found no failure."""
    primary = diagnosis.primary
    if primary is None:
        return _wording_verdict(diagnosis, lang)
    who = _who(diagnosis, lang)
    facts = _facts(diagnosis, lang)
    kind = category(diagnosis)
    if kind:
        variant = "" if kind != "auth" or diagnosis.sender_domain else "_unknown"
        reason = message_text(f"diagnose.verdict.reason.{kind}{variant}", lang, **facts)
        action = message_text(f"diagnose.verdict.act.{kind}", lang, **facts)
    else:
        key = (
            "diagnose.verdict.reason.code_titled" if code_title else "diagnose.verdict.reason.code"
        )
        reason = message_text(key, lang, code=primary.code, title=code_title)
        action = _advised(diagnosis, lang)
    key = "diagnose.verdict.deferred" if primary.cls == 4 else "diagnose.verdict.refused"
    if lang == "zh" and who[-1:].isascii() and who[-1:].strip():
        who += " "  # Latin before Chinese: "服务器 mx.example.net [198.51.100.5] 拒收了"
    if lang == "zh" and reason[:1].isascii() and reason[:1].strip():
        reason = " " + reason  # "因为 acme-widgets.com 的邮件…"
    sentence = message_text(key, lang, who=who, reason=reason)
    severity = Severity.WARNING if primary.cls == 4 else Severity.ERROR
    parts = [sentence, action]
    if primary.cls == 4:  # a delay warning says until when the sending server keeps trying
        parts.append(diagnosis.notice.retry().get(lang))
    return Verdict((" " if lang == "en" else "").join(p for p in parts if p), severity)


def _facts(diagnosis: Diagnosis, lang: str) -> dict[str, str]:
    return {
        "domain": _fact(diagnosis.sender_domain, "domain", lang),
        "ip": _fact(diagnosis.sender_ip, "ip", lang),
        "email": _fact(diagnosis.recipient, "email", lang),
        "recipient_domain": _fact(diagnosis.recipient_domain, "recipient_domain", lang),
    }


def _wording_verdict(diagnosis: Diagnosis, lang: str) -> Verdict | None:
    """A bounce that states no code: what its wording says happened (never a code it did not
    state), who must act, and that the reading comes from the words; None without a cause."""
    cause = diagnosis.cause
    if cause is None:
        return None
    kind = category(diagnosis)
    action = (
        message_text(f"diagnose.verdict.act.{kind}", lang, **_facts(diagnosis, lang))
        if kind
        else _advised(diagnosis, lang)
    )
    key = "diagnose.verdict.wording_delayed" if cause.temporary else "diagnose.verdict.wording"
    sentence = message_text(key, lang, reason=cause.title().get(lang))
    note = message_text("diagnose.verdict.from_wording", lang)
    gap = " " if lang == "en" else ""
    severity = Severity.WARNING if cause.temporary else Severity.ERROR
    return Verdict(gap.join((sentence, action, note)), severity)


def next_step(diagnosis: Diagnosis, lang: str) -> str:
    """Whose side must act and what to do, for the diagnosis' failure (its category's step,
    else the first contact advice, else who to ask); "" when nothing failed."""
    if diagnosis.primary is None:
        return ""
    kind = category(diagnosis)
    if kind:
        return message_text(f"diagnose.verdict.act.{kind}", lang, **_facts(diagnosis, lang))
    return _advised(diagnosis, lang)


def _who(diagnosis: Diagnosis, lang: str) -> str:
    """The system that refused (its provider's name, else its host), and the provider that
    only wrote the bounce when that is another one (a Gmail bounce quoting a remote server:
    the name on the bounce is not the one that refused). The sender's own server writing the
    bounce goes without saying here; the report's rows name it."""
    rejected, reported = diagnosis.rejected_by, diagnosis.reported_by
    if rejected.name:
        who = rejected.name.get(lang)
    elif rejected.host:
        who = message_text("diagnose.verdict.server_host", lang, host=shown(rejected.host))
    else:
        who = message_text("diagnose.verdict.server", lang)
    if reported.provider and not diagnosis.self_reported:
        reporter = shown(reported.label(lang))
        return message_text("diagnose.verdict.who_reported", lang, who=who, reporter=reporter)
    return who


def _advised(diagnosis: Diagnosis, lang: str) -> str:
    """The next step when the category is unknown: the first thing to do from the advice,
    else who to ask."""
    for advice in diagnosis.advice:
        if advice.kind is AdviceKind.CONTACT:
            note = advice.note.get(lang).rstrip()
            return (
                note
                if note.endswith((".", "。", "!", "！"))
                else note + ("." if lang == "en" else "。")
            )
    temporary = diagnosis.primary is not None and diagnosis.primary.cls == 4
    key = "diagnose.verdict.act.retry" if temporary else "diagnose.verdict.act.unknown"
    return message_text(key, lang)
