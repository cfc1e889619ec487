"""What a helpdesk pastes: the summary line of a blocklist check ("Listed on 2 of 14 lists
(1 major: Spamhaus SBL). ..."); the report around it is in ``report.py``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from smtp_gui.core.dnsbl.answer import ListingStatus
from smtp_gui.core.dnsbl.zones import Importance
from smtp_gui.core.report import labels
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
    return len(major), Text(labels.joined(names, "en"), labels.joined(names, "zh"))


def _reasons(counts: Counter[ListingStatus], total: int) -> Text:
    """``timeout`` for one kind of failure; ``2 timeout, 1 refused`` for a mix."""
    present = [s for s in _REASON_ORDER if counts[s]]
    if len(present) == 1:
        return message(f"dnsbl.reason.{present[0]}")
    words = [message(f"dnsbl.reason_n.{s}", n=counts[s]) for s in present]
    return Text(
        labels.joined((w.en for w in words), "en"), labels.joined((w.zh for w in words), "zh")
    )


def summarize(
    target: str,
    results: Sequence[ZoneResult],
    resolver: str,
    *,
    cancelled: int = 0,
    skipped: int = 0,
) -> Text:
    """The whole check in two or three sentences, in both languages."""
    parts: list[Text] = [_finding(target, results, cancelled)]
    failed = Counter(r.status for r in results if r.status.could_not_check)
    checked = len(results) - sum(failed.values())
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


def _finding(target: str, results: Sequence[ZoneResult], cancelled: int = 0) -> Text:
    """The first sentence: listed where, clean, or not checked."""
    listed = sum(r.status is ListingStatus.LISTED for r in results)
    checked = len(results) - sum(r.status.could_not_check for r in results)
    if not results and not cancelled:
        return message("dnsbl.summary.no_lists", target=target)
    if checked == 0:
        return message("dnsbl.summary.none_checked", target=target)
    if listed:
        count, names = _major_names(results)
        major = (
            message("dnsbl.summary.major", count=count, names=names.en, names_zh=names.zh)
            if count
            else Text("", "")
        )
        return message(
            "dnsbl.summary.listed",
            target=target,
            listed=listed,
            checked=_lists(checked).en,
            checked_zh=_lists(checked).zh,
            major=major.en,
            major_zh=major.zh,
        )
    return message(
        "dnsbl.summary.clean",
        target=target,
        checked=_lists(checked).en,
        checked_zh=_lists(checked).zh,
    )


def verdict_text(target: str, results: Sequence[ZoneResult]) -> Text:
    """The verdict banner's sentence: what the lists said, then who must act and the next
    step (RFC 5782 lists publish listings; only the IP's operator can remove the cause)."""
    if any(r.status is ListingStatus.LISTED for r in results):
        action = "dnsbl.verdict.listed"
    elif not results or all(r.status.could_not_check for r in results):
        action = "dnsbl.verdict.unchecked"
    else:
        action = "dnsbl.verdict.clean"
    return _join([_finding(target, results), message(action, target=target)])
