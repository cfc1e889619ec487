"""The paste-able summary and the plain-text table, from made-up rows (no DNS)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from smtp_gui.core.dnsbl.answer import MAX_ANSWERS_SHOWN, ListingStatus, answers_text
from smtp_gui.core.dnsbl.check import ZoneResult
from smtp_gui.core.dnsbl.report import blocklist_report, zone_report
from smtp_gui.core.dnsbl.summary import summarize, verdict_text
from smtp_gui.core.dnsbl.zones import find_zone
from smtp_gui.core.report.text import render_text
from smtp_gui.core.text.bilingual import Text

RESOLVER = "127.0.0.1:5353"


def _row(
    zone: str, status: ListingStatus, *labels: str, answers: tuple[str, ...] = ()
) -> ZoneResult:
    found = find_zone(zone)
    assert found is not None
    meaning = Text(f"meaning of {zone}", f"{zone} 的含义。")
    return ZoneResult(found, status, answers, meaning, labels=labels, resolver=RESOLVER)


LISTED, CLEAN = ListingStatus.LISTED, ListingStatus.NOT_LISTED
CLEAN_ZONES = [
    "bl.spamcop.net",
    "psbl.surriel.com",
    "bl.mailspike.net",
    "bl.spameatingmonkey.net",
    "backscatter.spameatingmonkey.net",
    "bl.blocklist.de",
    "bip.virusfree.cz",
    "all.spamrats.com",
    "dnsbl.dronebl.org",
    "bl.nordspam.com",
    "rbl.interserver.net",
    "bl.0spam.org",
]


def _example() -> list[ZoneResult]:
    rows = [
        _row("zen.spamhaus.org", LISTED, "Spamhaus SBL", answers=("127.0.0.2",)),
        _row("dnsbl-1.uceprotect.net", LISTED, "UCEPROTECT L1", answers=("127.0.0.2",)),
    ]
    rows += [_row(z, CLEAN) for z in CLEAN_ZONES]
    rows.append(_row("b.barracudacentral.org", ListingStatus.TIMEOUT))
    return rows


def test_the_helpdesk_line() -> None:
    text = summarize("192.0.2.2", _example(), RESOLVER)
    assert text.en == (
        "192.0.2.2: listed on 2 of 14 lists (1 major: Spamhaus SBL). "
        "1 list could not be checked: timeout. Resolver: 127.0.0.1:5353."
    )
    assert text.zh == (
        "192.0.2.2：在查询的 14 个名单中有 2 个将其列入（其中 1 个为重要名单：Spamhaus SBL）。"
        "1 个名单无法查询：超时。解析器：127.0.0.1:5353。"
    )


@pytest.mark.parametrize(
    ("rows", "en"),
    [
        ([_row("bl.spamcop.net", CLEAN)], "x: not listed on any of 1 list. Resolver: r."),
        (
            [_row("bl.spamcop.net", CLEAN), _row("psbl.surriel.com", CLEAN)],
            "x: not listed on any of 2 lists. Resolver: r.",
        ),
        (
            [_row("psbl.surriel.com", LISTED, "PSBL")],
            "x: listed on 1 of 1 list. Resolver: r.",
        ),
        (
            [
                _row("bl.spamcop.net", CLEAN),
                _row("zen.spamhaus.org", ListingStatus.REFUSED),
                _row("dbl.spamhaus.org", ListingStatus.REFUSED),
                _row("psbl.surriel.com", ListingStatus.TIMEOUT),
                _row("bl.mailspike.net", ListingStatus.ERROR),
            ],
            "x: not listed on any of 1 list. 4 lists could not be checked: 1 timed out, "
            "2 refused by the operator, 1 failed. Resolver: r.",
        ),
        (
            [_row("zen.spamhaus.org", ListingStatus.REFUSED)],
            "x: no list could be checked. Reason: refused by the operator. Resolver: r.",
        ),
        ([], "x: none of the chosen lists can check this kind of target. Resolver: r."),
    ],
)
def test_summary_variants(rows: list[ZoneResult], en: str) -> None:
    assert summarize("x", rows, "r").en == en


def test_cancelled_and_skipped_are_said() -> None:
    text = summarize("x", [_row("bl.spamcop.net", CLEAN)], "r", cancelled=3, skipped=2)
    assert "3 lists cancelled." in text.en and "2 lists skipped" in text.en
    assert "3 个名单已取消" in text.zh


def test_two_majors_are_named() -> None:
    rows = [
        _row("zen.spamhaus.org", LISTED, "Spamhaus SBL", "Spamhaus XBL"),
        _row("bl.spamcop.net", LISTED, "SpamCop"),
    ]
    assert "(2 major: Spamhaus SBL, Spamhaus XBL, SpamCop)" in summarize("x", rows, "r").en


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_text(lang: str) -> None:
    rows = _example()
    report = blocklist_report("192.0.2.2", rows, RESOLVER, lang, warnings=[Text("warn", "警告")])
    text = render_text(report)
    lines = text.splitlines()
    # The verdict first (a listing is bad news): what was found, who acts and how; then the
    # whole summary (with what could not be checked and the resolver), then the warnings.
    assert lines[3] == "\u2716 " + verdict_text("192.0.2.2", rows).get(lang)
    assert lines[3].endswith(("delisting page.", "申请移除。"))
    assert lines[5] == summarize("192.0.2.2", rows, RESOLVER).get(lang)
    assert lines[7] == ("warn" if lang == "en" else "警告")
    first = lines.index(next(line for line in lines if line.startswith(("zone", "名单"))))
    assert lines[first].split()[:2] == (["zone", "status"] if lang == "en" else ["名单", "状态"])
    assert any(line.startswith("zen.spamhaus.org") and "127.0.0.2" in line for line in lines)
    assert "https://check.spamhaus.org/" in text  # the delisting page of a listed row
    meaning = _row("zen.spamhaus.org", LISTED).meaning.get(lang)
    assert meaning in text and _row("bl.spamcop.net", CLEAN).meaning.get(lang) not in text
    # Columns line up in both languages (CJK characters are two columns wide).
    end = lines.index("", first)
    table = [lines[first], *lines[first + 2 : end]]
    assert len(table) == len(rows) + 1
    starts = {_width(re.match(r"\S+\s+", line).group()) for line in table}  # type: ignore[union-attr]
    assert len(starts) == 1


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# -- issue 12: a list that answers with thousands of A records --------------------------------
MANY = tuple(f"127.1.{i // 256}.{i % 256}" for i in range(4000))


def test_answers_are_capped_per_row() -> None:
    text = answers_text(MANY)
    assert text.en.startswith("127.1.0.0, 127.1.0.1, ") and text.en.endswith(" and 3,980 more")
    assert text.zh.endswith(" 及另外 3,980 个")
    assert text.en.count(", ") == MAX_ANSWERS_SHOWN - 1
    assert answers_text(MANY[:20]).en == ", ".join(MANY[:20])  # 20 fit: nothing hidden
    assert answers_text(MANY[:21]).en.endswith(" and 1 more")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_table_and_details_show_at_most_20_answers(lang: str) -> None:
    row = _row("zen.spamhaus.org", LISTED, answers=MANY)
    table = render_text(blocklist_report("192.0.2.2", [row], RESOLVER, lang))
    assert max(len(line) for line in table.splitlines()) < 1500
    assert ("and 3,980 more" if lang == "en" else "及另外 3,980 个") in table
    assert MANY[20] not in table
    details = render_text(zone_report(row, lang))
    assert MANY[19] in details and MANY[20] not in details
    assert row.to_dict(lang)["answers"] == list(MANY)  # JSON keeps every answer
