"""The report of a header analysis: the verdict first, then the path, the authentication,
the identity, the provider verdicts and the findings."""

from __future__ import annotations

from datetime import datetime

from smtp_gui.core.headers.analysis import HeaderAnalysis
from smtp_gui.core.headers.auth import AuthFacts
from smtp_gui.core.headers.path import shown_times
from smtp_gui.core.headers.verdict import headers_verdict
from smtp_gui.core.report.model import (
    Block,
    Bullets,
    Heading,
    Inline,
    Marked,
    Outside,
    Report,
    Row,
    Rows,
    Severity,
    Table,
    Verdict,
)
from smtp_gui.core.text.messages import message

_GOOD = ("pass",)
_BAD = ("fail", "softfail", "permerror", "temperror", "hardfail")


def _result(result: str) -> Marked | Outside:
    if result in _GOOD:
        return Marked(Outside(result), Severity.OK)
    if result in _BAD:
        return Marked(Outside(result), Severity.ERROR)
    return Outside(result)


def _opt(text: str | None) -> Outside | str:
    return Outside(text) if text else ""


def _when(moment: datetime | None) -> str:
    """The hop's time in this computer's zone, then in UTC when the two differ."""
    local, utc = shown_times(moment)
    if not local or local.endswith("+0000"):
        return utc
    return f"{local} ({utc[11:]})"


def _path_blocks(analysis: HeaderAnalysis) -> list[Block]:
    path = analysis.path
    entry = analysis.receiver.entry
    rows: list[tuple[Inline, ...]] = []
    for hop in path.hops:
        facts = hop.received
        if hop.delay_s is None:
            delay: Inline = ""
        elif hop.skew:
            delay = Marked(
                message("headers.label.skew", seconds=int(-hop.delay_s)), Severity.WARNING
            )
        elif hop.inflated:
            delay = Marked(
                message("headers.label.inflated", seconds=int(hop.delay_s)), Severity.WARNING
            )
        else:
            delay = message("headers.label.seconds", seconds=int(hop.delay_s))
        index: Inline = str(hop.index) if hop is not entry else (str(hop.index), " ▶")
        rows.append(
            (
                index,
                _opt(facts.from_name),
                _opt(facts.ip),
                _opt(facts.by),
                _opt(facts.protocol),
                _opt(facts.tls),
                _when(facts.time),
                delay,
            )
        )
    header = tuple(
        message(f"headers.label.{k}")
        for k in ("hop", "from", "ip", "by", "with", "tls", "time", "delay")
    )
    blocks: list[Block] = [Heading(message("headers.label.path"))]
    if rows:
        blocks.append(Table(header, tuple(rows)))
    pairs: list[tuple[Inline, Inline]] = []
    if path.total_s is not None:
        pairs.append(
            (
                message("headers.label.total"),
                message("headers.label.seconds", seconds=int(path.total_s)),
            )
        )
    receiver = analysis.receiver
    if receiver.provider is not None or receiver.authserv_id:
        who: Inline = receiver.provider.name if receiver.provider else Outside(receiver.authserv_id)
        pairs.append((message("headers.label.receiver"), who))
    if entry is not None:
        pairs.append((message("headers.label.entry"), str(entry.index)))
    if receiver.connecting_ip:
        pairs.append((message("headers.label.connecting_ip"), Outside(receiver.connecting_ip)))
    if pairs:
        blocks.append(Rows.of(*pairs))
    return blocks


def _auth_rows(item: AuthFacts) -> Rows:
    header = item.header
    trust = (
        Marked(message("headers.label.trusted"), Severity.OK)
        if item.trusted
        else Marked(message("headers.label.untrusted"), Severity.WARNING)
    )
    if header.arc_instance is None:
        label: Inline = message("headers.label.authserv_id")
    else:
        label = message("headers.label.arc_instance", i=header.arc_instance)
    rows = [Row(label, (Outside(header.authserv_id or "—"), " ", trust))]
    for fact, key in ((item.spf, "spf_mailfrom"), (item.spf_helo, "spf_helo")):
        if fact is None:
            continue
        key = "spf_helo" if fact.identity == "helo" else key
        subject = fact.mailfrom if key == "spf_mailfrom" else fact.helo
        rows.append(
            Row(message(f"headers.label.{key}"), (_result(fact.result), " ", _opt(subject)))
        )
    for dkim in item.dkim:
        value: tuple[Inline, ...] = (_result(dkim.result), " ", _opt(f"d={dkim.domain or '?'}"))
        if dkim.selector:
            value += (" ", Outside(f"s={dkim.selector}"))
        if dkim.reason:
            value += (" ", Outside(f"({dkim.reason})"))
        rows.append(Row(message("headers.label.dkim"), value))  # type: ignore[arg-type]
    if item.dmarc is not None:
        dmarc = item.dmarc
        parts: list[Inline] = [_result(dmarc.result), " ", _opt(dmarc.header_from)]
        if dmarc.policy:
            parts += [" ", message("headers.label.policy", policy=dmarc.policy)]
        if dmarc.action:
            parts += [" ", message("headers.label.action", action=dmarc.action)]
        rows.append(Row(message("headers.label.dmarc"), tuple(parts)))  # type: ignore[arg-type]
    for other in ((item.arc,) if item.arc else ()) + item.others:
        rows.append(Row(Outside(other.method), (_result(other.result), " ", _opt(other.detail))))
    return Rows(tuple(rows))


def report(analysis: HeaderAnalysis, lang: str) -> Report:
    verdict = headers_verdict(analysis)
    blocks: list[Block] = [Verdict(verdict.text, verdict.severity)]
    blocks += _path_blocks(analysis)
    if analysis.auth:
        blocks.append(Heading(message("headers.label.auth")))
        blocks += [_auth_rows(item) for item in analysis.auth]
    if analysis.arc_seals:
        seals: list[Inline] = []
        for seal in analysis.arc_seals:
            if seals:
                seals.append(", ")
            shown = f"i={seal.instance} cv={seal.cv or '?'} d={seal.domain or '?'}"
            bad = seal.cv == "fail" or (seal.instance == 1 and seal.cv not in ("", "none"))
            seals.append(Marked(Outside(shown), Severity.ERROR) if bad else Outside(shown))
        blocks.append(Rows.of((message("headers.label.arc_seals"), tuple(seals))))  # type: ignore[arg-type]
    identity = analysis.identity
    blocks.append(Heading(message("headers.label.identity")))
    pairs: list[tuple[Inline, Inline]] = []
    for key, box in (
        ("from", identity.from_),
        ("sender", identity.sender),
        ("reply_to", identity.reply_to),
    ):
        if box is not None:
            shown = f"{box.display} <{box.address}>" if box.display else box.address
            pairs.append((message(f"headers.label.{key}"), Outside(shown)))
    for key, text in (
        ("return_path", identity.return_path),
        ("message_id", identity.message_id_domain),
        ("subject", identity.subject),
        ("unsubscribe", identity.list_unsubscribe),
    ):
        if text:
            pairs.append((message(f"headers.label.{key}"), Outside(text)))
    if identity.list_unsubscribe:
        yes = message("headers.label.yes" if identity.one_click else "headers.label.no")
        pairs.append((message("headers.label.one_click"), yes))
    if pairs:
        blocks.append(Rows.of(*pairs))
    for found in analysis.verdicts:
        blocks.append(Heading((message("headers.label.verdicts"), " ", found.name), level=2))
        blocks.append(
            Table(
                tuple(message(f"headers.label.{k}") for k in ("field", "value", "meaning")),
                tuple(
                    (f.label or Outside(f.key), _opt(f.value), f.meaning or "")
                    for f in found.fields
                ),
            )
        )
    if analysis.findings:
        blocks.append(Heading(message("headers.label.findings")))
        blocks.append(
            Bullets(
                tuple(Marked(message(f.key, **f.params), f.severity) for f in analysis.findings)
            )
        )
    return Report(message("headers.title"), tuple(blocks), lang)
