"""What a helpdesk pastes: the summary line ("Listed on 2 of 14 lists (1 major: Spamhaus
SBL). ...") and the plain-text table of a blocklist check."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from smtp_gui.core.dnsbl.answer import ListingStatus, answers_text
from smtp_gui.core.dnsbl.zones import Importance
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.messages import message

if TYPE_CHECKING:
    from smtp_gui.core.dnsbl.check import ZoneResult

_REASON_ORDER = (ListingStatus.TIMEOUT, ListingStatus.REFUSED, ListingStatus.ERROR)


def _lists(count: int) -> Text:
    key = "dnsbl.count.lists_one" if count == 1 else "dnsbl.count.lists_many"
    return message(key, n=count)


def _join(parts: Sequence[Text]) -> Text:
    return Text(" ".join(p.en for p in parts if p.en), "".join(p.zh for p in parts if p.zh))


def _major_names(results: Sequence[ZoneResult]) -> tuple[int, Text]:
    major = [
        r
        for r in results
        if r.status is ListingStatus.LISTED and r.zone.importance is Importance.MAJOR
    ]
    names = list(dict.fromkeys(label for r in major for label in (r.labels or (r.zone.name,))))
    return len(major), Text(", ".join(names), "、".join(names))


def _reasons(counts: Counter[ListingStatus], total: int) -> Text:
    """``timeout`` for one kind of failure; ``2 timeout, 1 refused`` for a mix."""
    present = [s for s in _REASON_ORDER if counts[s]]
    if len(present) == 1:
        return message(f"dnsbl.reason.{present[0]}")
    words = [message(f"dnsbl.reason_n.{s}", n=counts[s]) for s in present]
    return Text(", ".join(w.en for w in words), "、".join(w.zh for w in words))


def summarize(
    target: str,
    results: Sequence[ZoneResult],
    resolver: str,
    *,
    cancelled: int = 0,
    skipped: int = 0,
) -> Text:
    """The whole check in two or three sentences, in both languages."""
    parts: list[Text] = []
    listed = sum(r.status is ListingStatus.LISTED for r in results)
    failed = Counter(r.status for r in results if r.status.could_not_check)
    checked = len(results) - sum(failed.values())
    if not results and not cancelled:
        parts.append(message("dnsbl.summary.no_lists", target=target))
    elif checked == 0:
        parts.append(message("dnsbl.summary.none_checked", target=target))
    elif listed:
        count, names = _major_names(results)
        major = (
            message("dnsbl.summary.major", count=count, names=names.en, names_zh=names.zh)
            if count
            else Text("", "")
        )
        parts.append(
            message(
                "dnsbl.summary.listed",
                target=target,
                listed=listed,
                checked=_lists(checked).en,
                checked_zh=_lists(checked).zh,
                major=major.en,
                major_zh=major.zh,
            )
        )
    else:
        parts.append(
            message(
                "dnsbl.summary.clean",
                target=target,
                checked=_lists(checked).en,
                checked_zh=_lists(checked).zh,
            )
        )
    unchecked = sum(failed.values())
    if unchecked and checked:
        reasons = _reasons(failed, unchecked)
        lists = _lists(unchecked)
        parts.append(
            message(
                "dnsbl.summary.unchecked",
                lists=lists.en,
                lists_zh=lists.zh,
                reasons=reasons.en,
                reasons_zh=reasons.zh,
            )
        )
    elif unchecked:
        reasons = _reasons(failed, unchecked)
        parts.append(message("dnsbl.summary.reasons", reasons=reasons.en, reasons_zh=reasons.zh))
    if cancelled:
        lists = _lists(cancelled)
        parts.append(message("dnsbl.summary.cancelled", lists=lists.en, lists_zh=lists.zh))
    if skipped:
        lists = _lists(skipped)
        parts.append(message("dnsbl.summary.skipped", lists=lists.en, lists_zh=lists.zh))
    parts.append(message("dnsbl.summary.resolver", resolver=resolver))
    return _join(parts)


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    padded = [_pad(cell, width) for cell, width in zip(cells, widths, strict=False)]
    return "  ".join([*padded, cells[-1]]).rstrip()


def status_word(status: ListingStatus, lang: str) -> str:
    return message(f"dnsbl.status.{status}").get(lang)


def report_text(
    target: str,
    results: Sequence[ZoneResult],
    resolver: str,
    lang: str,
    *,
    skipped: int = 0,
    warnings: Sequence[Text] = (),
) -> str:
    """The plain-text table (zone, status, answer, ms; meaning, TXT and delisting page below
    each row that needs them), then the summary line."""
    header = [message(f"dnsbl.table.{key}").get(lang) for key in ("zone", "status", "answer", "ms")]
    rows = [
        [r.zone.zone, status_word(r.status, lang), answers_text(r.answers).get(lang) or "-"]
        + [f"{r.ms:.0f}"]
        for r in results
    ]
    widths = [max(_width(row[i]) for row in [header, *rows]) for i in range(3)]
    lines = [f"! {w.get(lang)}" for w in warnings]
    lines.append(_line(header, widths))
    for result, row in zip(results, rows, strict=True):
        lines.append(_line(row, widths))
        if result.status is not ListingStatus.NOT_LISTED or result.allowlisted:
            lines.append(f"    {result.meaning.get(lang)}")
        lines.extend(f"    TXT: {txt}" for txt in result.txt)
        if result.status is ListingStatus.LISTED and result.delist_url:
            lines.append(f"    {message('dnsbl.table.delist').get(lang)}: {result.delist_url}")
    lines.extend(("", summarize(target, results, resolver, skipped=skipped).get(lang)))
    return "\n".join(lines)


def result_details(result: ZoneResult) -> Text:
    """Everything about one row, as plain lines (the GUI's detail view, a ticket)."""
    zone = result.zone

    def line(key: str, value: str) -> Text:
        label = message(f"dnsbl.details.{key}")
        return Text(f"{label.en}: {value}", f"{label.zh}：{value}")

    def line_text(key: str, value: Text) -> Text:
        label = message(f"dnsbl.details.{key}")
        return Text(f"{label.en}: {value.en}", f"{label.zh}：{value.zh}")

    lines = [Text(f"{zone.name} ({zone.zone})", f"{zone.name}（{zone.zone}）")]
    if zone.operator:
        lines.append(line("operator", zone.operator))
    lines.append(line_text("status", message(f"dnsbl.status.{result.status}")))
    if result.answers:
        lines.append(line_text("answer", answers_text(result.answers)))
    lines.append(result.meaning)
    lines.extend(line("txt", txt) for txt in result.txt)
    if result.delist_url:
        lines.append(line("delist", result.delist_url))
    lines.append(line_text("health", message(f"dnsbl.health.{result.health}")))
    lines.append(line_text("importance", message(f"dnsbl.importance.{zone.importance}")))
    if zone.note is not None:
        lines.append(line_text("note", zone.note))
    lines.append(line("resolver", f"{result.resolver} · {result.ms:.0f} ms"))
    return Text("\n".join(t.en for t in lines), "\n".join(t.zh for t in lines))
