"""Provider-specific codes on their code pages: the provider data read from below diagnose."""

from __future__ import annotations

from smtp_gui.core.codes.catalogue import explain
from smtp_gui.core.codes.report import explain_report
from smtp_gui.core.codes.vendor import code_in_pattern, provider_meanings
from smtp_gui.core.report.text import render_text


def test_ranges_and_exact_codes() -> None:
    assert code_in_pattern("5.7.606-649", "5.7.606")
    assert code_in_pattern("5.7.606-649", "5.7.649")
    assert not code_in_pattern("5.7.606-649", "5.7.650")
    assert not code_in_pattern("5.7.606-649", "4.7.606")
    assert code_in_pattern("5.7.139", "5.7.139") and not code_in_pattern("5.7.139", "5.7.13")
    assert not code_in_pattern("5.7.1", None)


def test_5_7_139_says_smtp_auth_is_disabled_first() -> None:
    meanings = provider_meanings("5.7.139")
    assert meanings[0].provider.en.startswith("Microsoft")
    assert meanings[0].meaning.en.startswith("SMTP AUTH is disabled for the tenant")
    assert "password will not help" in meanings[0].meaning.en
    assert "修改密码没有用" in meanings[0].meaning.zh


def test_unlisted_provider_code_is_known_by_its_provider() -> None:
    for code in ("5.7.606", "5.7.649", "535 5.7.139"):
        exp = explain(code)
        assert not exp.known  # DESIGN.md: known means "in the catalogue"
        assert exp.provider_meanings, code
        for lang in ("en", "zh"):
            text = render_text(explain_report(exp, lang))
            assert "Not in the catalogue" not in text and "目录中没有此代码" not in text
            assert exp.provider_meanings[0].meaning.get(lang) in text
        assert "Unlisted" not in render_text(explain_report(exp, "en"))
    assert "Microsoft" in explain("5.7.606").title.en
    assert "banned sending IP" in explain("5.7.606").provider_meanings[0].meaning.en


def test_codes_no_provider_uses_are_unchanged() -> None:
    exp = explain("5.7.650")
    assert not exp.provider_meanings
    assert "Not in the catalogue" in render_text(explain_report(exp, "en"))
    assert explain("5.7.1").provider_meanings == ()  # Gmail's 5.7.1 rule needs a phrase


def test_a_catalogued_code_also_shows_what_providers_mean() -> None:
    exp = explain("5.7.26")
    assert exp.known and exp.provider_meanings[0].provider.en.startswith("Gmail")
    data = exp.to_dict("zh")
    assert data["known"] is True
    assert data["provider_meanings"][0]["meaning"] == exp.provider_meanings[0].meaning.zh
