"""Blocklist checks as reports: the whole check (``blocklist_report``: ``check blacklist``'s
text) and one list's row in full (``zone_report``: the checks pane's details).

Zone names, TXT reasons and answers come from DNS or from the user's ``--zones``: they go
in as ``Outside``, and the renderers in ``core.report`` escape them.
"""

from __future__ import annotations

from collections.abc import Sequence

from smtp_gui.core.dnsbl.answer import ListingStatus, answers_text
from smtp_gui.core.dnsbl.check import ZoneResult
from smtp_gui.core.dnsbl.summary import summarize, verdict_text
from smtp_gui.core.report.labels import parenthesized
from smtp_gui.core.report.model import (
    Block,
    Heading,
    Link,
    Marked,
    Outside,
    Paragraph,
    Report,
    Row,
    Rows,
    Severity,
    Table,
    Verdict,
)
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.messages import message

SEVERITIES = {
    ListingStatus.LISTED: Severity.ERROR,
    ListingStatus.NOT_LISTED: Severity.OK,
    ListingStatus.REFUSED: Severity.WARNING,
    ListingStatus.TIMEOUT: Severity.WARNING,
    ListingStatus.ERROR: Severity.WARNING,
}


def status_word(status: ListingStatus) -> Text:
    return message(f"dnsbl.status.{status}")


def _label(key: str) -> Text:
    return message(f"dnsbl.details.{key}")


def _reasons(result: ZoneResult, *, listed_only: bool = False) -> list[Row]:
    """The list's own words (TXT) and where to ask for removal (``listed_only``: only when
    the target is listed)."""
    rows = [Row(_label("txt"), Outside(txt)) for txt in result.txt]
    listed = result.status is ListingStatus.LISTED or not listed_only
    if listed and result.delist_url:
        rows.append(Row(_label("delist"), Link(result.delist_url, result.delist_url)))
    return rows


def _verdict(results: Sequence[ZoneResult], sentence: Text) -> Verdict:
    if any(r.status is ListingStatus.LISTED for r in results):
        return Verdict(sentence, Severity.ERROR)
    if not results or any(r.status.could_not_check for r in results):
        return Verdict(sentence, Severity.WARNING)
    return Verdict(sentence, Severity.OK)


def blocklist_report(
    target: str,
    results: Sequence[ZoneResult],
    resolver: str,
    lang: str,
    *,
    skipped: int = 0,
    warnings: Sequence[Text] = (),
) -> Report:
    """The summary, then a table (list, status, answer, ms), then what each list that did
    not simply say "not listed" means, its TXT reason and its delisting page."""
    summary = summarize(target, results, resolver, skipped=skipped)
    blocks: list[Block] = [_verdict(results, verdict_text(target, results)), Paragraph(summary)]
    blocks.extend(Paragraph(Marked(w, Severity.WARNING)) for w in warnings)
    if results:
        header = tuple(message(f"dnsbl.table.{key}") for key in ("zone", "status", "answer", "ms"))
        blocks.append(
            Table(
                header,
                tuple(
                    (
                        Outside(r.zone.zone),
                        Marked(status_word(r.status), SEVERITIES[r.status]),
                        answers_text(r.answers) or "-",
                        f"{r.ms:.0f}",
                    )
                    for r in results
                ),
            )
        )
    for result in results:
        if result.status is ListingStatus.NOT_LISTED and not result.allowlisted:
            continue
        blocks.extend((Heading(Outside(result.zone.zone), 2), Paragraph(result.meaning)))
        reasons = _reasons(result, listed_only=True)
        if reasons:
            blocks.append(Rows(tuple(reasons)))
    return Report(message("dnsbl.report.title", target=target), tuple(blocks), lang)


def zone_report(result: ZoneResult, lang: str) -> Report:
    """Everything about one list's row: what the answer means, the list's reason, its
    delisting page, whether it passed its self-test, how much big receivers weigh it."""
    zone = result.zone
    rows: list[Row] = []
    if zone.operator:
        rows.append(Row(_label("operator"), Outside(zone.operator)))
    rows.append(
        Row(_label("status"), Marked(status_word(result.status), SEVERITIES[result.status]))
    )
    if result.answers:
        rows.append(Row(_label("answer"), answers_text(result.answers)))
    rows.extend(_reasons(result))
    rows.append(Row(_label("health"), message(f"dnsbl.health.{result.health}")))
    rows.append(Row(_label("importance"), message(f"dnsbl.importance.{zone.importance}")))
    if zone.note is not None:
        rows.append(Row(_label("note"), zone.note))
    rows.append(Row(_label("resolver"), (Outside(result.resolver), f" \u00b7 {result.ms:.0f} ms")))
    title = parenthesized(zone.zone, lang, beside=zone.name)
    return Report(
        Outside(title),
        (Verdict(result.meaning, SEVERITIES[result.status]), Rows(tuple(rows))),
        lang,
    )
