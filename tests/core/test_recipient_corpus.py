"""This project's own bounces for "who bounced and why" (issue 15): tests/corpus/recipients.

Each ``NAME.ext`` has a ``NAME.json`` label (see tests/corpus/recipients/README.md). Every case is
measured on every check that applies to it; the counts are printed with, per file, what is
missed, so the gap is visible. The floors are the counts the code reached when the corpus was
written, so none can regress; raise them as the work lands (the target is every case).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from smtp_gui.core.diagnose.analyse import diagnose
from tests.bounce_measure import (
    failed_recipients,
    failure_found,
    invented_codes,
    is_address,
    message_texts,
    not_addresses,
    permanent,
    recipient_entries,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "recipients"
CASES = sorted(p for p in CORPUS.iterdir() if p.suffix not in (".json", ".md"))
KINDS = {"bounce", "warning", "non-bounce", "delivered"}

# Floors: how many cases pass each check today (of how many it applies to, in the comment).
FLOORS = {
    "recipients_exact": 50,  # of 50
    "recipient_replies": 28,  # of 28
    "primary_code": 50,  # of 50
    "primary_enhanced": 50,  # of 50
    "failure_found": 45,  # of 45
    "warning_transient": 3,  # of 3
    "no_failure": 5,  # of 5
    "no_invented_code": 50,  # of 50
    "inner_reply_named": 1,  # of 1
    "emails_clean": 2,  # of 2
    "recipients_in_emails": 44,  # of 44
    "addresses_clean": 50,  # of 50
}


def _label(path: Path) -> dict[str, Any]:
    sidecar = path.with_name(path.name.rsplit(".", 1)[0] + ".json")
    data: dict[str, Any] = json.loads(sidecar.read_text(encoding="utf-8"))
    return data


def _replies_by_address(result: dict[str, Any]) -> dict[str, set[tuple[Any, Any]]]:
    """address (lower-case) -> the (code, enhanced) pairs the diagnosis gives it."""
    found: dict[str, set[tuple[Any, Any]]] = {}
    entries = result.get("recipients")
    if not isinstance(entries, list):
        entries = [r for r in result["replies"] if r.get("recipient")]
        entries = [{**r, "address": r["recipient"]} for r in entries]
        if result["primary"] is not None and result.get("recipient"):
            entries.append({**result["primary"], "address": result["recipient"]})
    for entry in entries:
        address = str(entry.get("address") or "").lower()
        found.setdefault(address, set()).add((entry.get("code"), entry.get("enhanced")))
    return found


def _checks(path: Path, label: dict[str, Any]) -> dict[str, bool]:
    data = path.read_bytes()
    result = diagnose(data).to_dict("en")
    kind = label["kind"]
    wanted = label["recipients"]
    primary = result["primary"]
    checks: dict[str, bool] = {
        "recipients_exact": failed_recipients(result) == {r["address"].lower() for r in wanted},
        "primary_code": (None if primary is None else primary["code"]) == label["code"],
        "primary_enhanced": (None if primary is None else primary["enhanced"]) == label["enhanced"],
        "no_invented_code": not invented_codes(result, message_texts(data)),
        "addresses_clean": not not_addresses(result),
    }
    with_code = [r for r in wanted if r["code"] or r["enhanced"]]
    if with_code:
        replies = _replies_by_address(result)
        checks["recipient_replies"] = all(
            (r["code"], r["enhanced"]) in replies.get(r["address"].lower(), set())
            for r in with_code
        )
    if kind in ("bounce", "warning"):
        checks["failure_found"] = failure_found(result)
    if kind == "warning":
        checks["warning_transient"] = not permanent(result)
    if kind in ("non-bounce", "delivered"):
        checks["no_failure"] = not failure_found(result)
    if "inner" in label:
        inner = (label["inner"]["code"], label["inner"]["enhanced"])
        checks["inner_reply_named"] = any(
            (reply["code"], reply["enhanced"]) == inner for reply in result["replies"]
        )
    emails = {address.lower() for address in result["emails"]}
    if "emails_absent" in label:
        checks["emails_clean"] = not emails & {a.lower() for a in label["emails_absent"]}
    if wanted:
        checks["recipients_in_emails"] = all(r["address"].lower() in emails for r in wanted)
    if "exact_addresses" in label:
        named = {address for address, _action in recipient_entries(result)}
        checks["addresses_clean"] = checks["addresses_clean"] and named == set(
            label["exact_addresses"]
        )
    return checks


def test_corpus_is_large_and_labelled() -> None:
    assert len(CASES) >= 40
    kinds: Counter[str] = Counter()
    codeless = chinese = 0
    for case in CASES:
        label = _label(case)
        assert label["kind"] in KINDS, case.name
        assert {"form", "recipients", "code", "enhanced", "category"} <= label.keys(), case.name
        for recipient in label["recipients"]:
            assert is_address(recipient["address"]), (case.name, recipient)
            assert {"code", "enhanced"} <= recipient.keys(), case.name
        kinds[label["kind"]] += 1
        codeless += label["kind"] == "bounce" and label["code"] is None
        text = case.read_bytes().decode("utf-8", errors="replace")
        chinese += any("\u4e00" <= ch <= "\u9fff" for ch in text) or case.name.startswith("48-")
    assert kinds.keys() == KINDS
    assert kinds["bounce"] >= 35 and kinds["warning"] >= 3 and kinds["non-bounce"] >= 3
    assert codeless >= 15
    assert chinese >= 6


def test_recipient_corpus_figures(
    record_property: pytest.RecordProperty, capsys: pytest.CaptureFixture[str]
) -> None:
    passed: Counter[str] = Counter()
    applies: Counter[str] = Counter()
    misses: list[str] = []
    for case in CASES:
        checks = _checks(case, _label(case))
        failed = [name for name, ok in checks.items() if not ok]
        for name, ok in checks.items():
            applies[name] += 1
            passed[name] += ok
        if failed:
            misses.append(f"{case.name}: {', '.join(failed)}")
    for name in FLOORS:
        record_property(f"recipients_corpus_{name}", f"{passed[name]}/{applies[name]}")
    with capsys.disabled():
        print(f"\ntests/corpus/recipients: {len(CASES)} cases")
        for name in FLOORS:
            print(f"  {name:22} {passed[name]:>3}/{applies[name]}")
        print("missed per file:\n  " + "\n  ".join(misses))
    for name, floor in FLOORS.items():
        assert passed[name] >= floor, f"{name}: {passed[name]} < {floor}"
