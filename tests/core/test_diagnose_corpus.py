"""Every bounce in tests/corpus/bounces gives the diagnosis its sidecar JSON expects."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from smtp_gui.core.diagnose.analyse import diagnose

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "bounces"
CASES = sorted(p for p in CORPUS.iterdir() if p.suffix != ".json")


def _expected(path: Path) -> dict[str, Any]:
    sidecar = path.with_name(path.name.rsplit(".", 1)[0] + ".json")
    data: dict[str, Any] = json.loads(sidecar.read_text(encoding="utf-8"))
    return data


def test_corpus_is_large_and_complete() -> None:
    assert len(CASES) >= 40
    for case in CASES:
        assert case.with_name(case.name.rsplit(".", 1)[0] + ".json").exists(), case.name
    providers = {_expected(case)["provider"] for case in CASES}
    assert {"gmail", "microsoft", "yahoo", "apple", "netease", "tencent", "aliyun"} <= providers
    assert {case.suffix for case in CASES} >= {".txt", ".eml", ".html"}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_corpus_case(case: Path) -> None:
    expected = _expected(case)
    result = diagnose(case.read_bytes())
    primary = result.primary
    got_primary = None
    if primary is not None:
        code = None if primary.basic is None else str(primary.basic)
        got_primary = {"code": code, "enhanced": primary.enhanced}
    assert got_primary == expected["primary"]
    assert (None if result.phase is None else result.phase.value) == expected["phase"]
    assert (result.provider or None) == expected["provider"]
    # Optional: who wrote the bounce and who refused (a provider id, else the host).
    for key, system in (("reported_by", result.reported_by), ("rejected_by", result.rejected_by)):
        if key in expected:
            assert (system.provider or system.host or None) == expected[key], key
    assert [b.zone for b in result.blocklists] == expected["blocklists"]
    assert list(result.ips) == expected["ips"]
    assert list(result.domains) == expected["domains"]
    assert list(result.emails) == expected["emails"]
    assert (result.sender_ip or None) == expected["sender_ip"]
    assert result.class_mismatch == expected["class_mismatch"]
    assert (result.explain_code or None) == expected["explain_code"]
    assert sorted({item.kind for item in result.advice}) == expected["advice_kinds"]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_corpus_case_renders_in_both_languages(case: Path) -> None:
    result = diagnose(case.read_bytes())
    english, chinese = result.to_dict("en"), result.to_dict("zh")
    assert english.keys() == chinese.keys()
    design_keys = ("primary", "replies", "ips", "domains", "emails", "blocklists", "provider")
    for key in (*design_keys, "advice"):
        assert key in english
    assert len(english["advice"]) == len(chinese["advice"])
    if result.primary is not None:
        assert english["findings"] and chinese["findings"]
        assert english["findings"] != chinese["findings"]
