"""Real-world header shapes, written for these tests, read end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from smtp_gui.core.headers.analysis import analyse
from smtp_gui.core.headers.data import to_dict
from smtp_gui.core.headers.report import report
from smtp_gui.core.report.text import render_text

SAMPLES = Path(__file__).parent / "samples"


def _read(name: str) -> dict:  # type: ignore[type-arg]
    return to_dict(analyse((SAMPLES / name).read_bytes(), name), "en")


def test_microsoft365_non_rfc_results_spam_verdict_and_entry_hop() -> None:
    data = _read("microsoft365.txt")
    assert data["verdict"] == (
        "Delivered to spam by Microsoft 365 (SCL 5) because DMARC failed: header "
        "From example.com is not aligned with the SPF domain mailer.example.net, and no DKIM "
        "signature for example.com."
    )
    (auth,) = data["auth_results"]
    assert auth["authserv_id"] is None and auth["trusted"] and auth["parsed_by"] == "lenient"
    assert auth["spf"]["smtp_mailfrom"] == "mailer.example.net"
    assert auth["spf"]["ip"] == "198.51.100.23"
    assert auth["dmarc"] == {
        "result": "fail", "policy": None, "action": "quarantine", "header_from": "example.com"
    }  # fmt: skip
    assert auth["others"][0] == {"method": "compauth", "result": "fail", "detail": "001"}
    assert data["entry_hop"] == 2 and data["connecting_ip"] == "198.51.100.23"
    assert data["hops"][1]["tls"] == "TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"
    fields = {f["key"]: f for f in data["provider_verdicts"][0]["fields"]}
    assert fields["SFV"]["meaning"] == "spam filtering found the message to be spam"
    assert fields["dest"]["meaning"] == "the Junk Email folder"
    assert fields["CAT"]["meaning"] == "spoofing"
    assert data["spam"] is True


def test_gmail_trusted_results_below_the_entry_received() -> None:
    data = _read("gmail.txt")
    assert data["verdict"].startswith("Accepted by Gmail")
    assert [a["trusted"] for a in data["auth_results"]] == [True, True]
    dmarc = data["auth_results"][1]["dmarc"]
    assert (dmarc["policy"], dmarc["action"]) == ("quarantine", "none")
    assert data["entry_hop"] == 2 and data["receiver"]["entry_found_by"] == "ip"
    assert data["hops"][1]["tls"] == "TLSv1.3 TLS_AES_256_GCM_SHA384"
    assert data["identity"]["one_click_unsubscribe"] is True
    assert data["auth_results"][1]["dkim"][0]["selector"] == "s1"


def test_yahoo_comment_without_space_is_read() -> None:
    data = _read("yahoo.txt")
    assert data["auth_results"][0]["dmarc"]["policy"] == "none"
    assert data["verdict"].startswith("Accepted by Yahoo")


def test_apple_one_field_per_method_taken_together() -> None:
    data = _read("apple.txt")
    assert "DMARC failed" in data["verdict"]
    assert "the DKIM signature of example.com was fail" in data["verdict"]
    assert data["identity"]["from"]["display"] == "张三"
    assert data["identity"]["subject"] == "Café"
    bimi = data["auth_results"][0]["others"][0]
    assert bimi == {"method": "bimi", "result": "skipped", "detail": "insufficient dmarc"}


def test_qq_netease_date_without_semicolon_and_reply_to_elsewhere() -> None:
    data = _read("qq_netease.txt")
    assert [h["delay_s"] for h in data["hops"]] == [None, 3.0, 1.0]
    assert data["entry_hop"] == 3
    assert data["identity"]["mismatches"] == [
        "Replies go to another domain (qq.example) than the one in From (163.com)."
    ]
    assert data["identity"]["from"]["display"] == "李朔"


def test_postfix_rspamd_forged_results_below_the_boundary_are_untrusted() -> None:
    data = _read("postfix_rspamd.txt")
    assert [a["trusted"] for a in data["auth_results"]] == [True, False]
    spf = data["auth_results"][0]["spf"]
    assert (spf["smtp_mailfrom"], spf["smtp_helo"]) == ("sales@shop.example", "[192.0.2.44]")
    assert data["verdict"].startswith("Delivered to spam by rspamd (score 6.90) because DMARC")
    names = {v["provider"]: v for v in data["provider_verdicts"]}
    assert names["spamassassin"]["spam"] and names["spamassassin"]["score"] == "7.3"
    rules = [f["key"] for f in names["spamassassin"]["fields"]]
    assert rules[-4:] == ["BAYES_99", "RDNS_NONE", "SPF_SOFTFAIL", "URIBL_BLOCKED"]
    symbols = {f["key"]: f for f in names["rspamd"]["fields"]}
    assert symbols["R_SPF_SOFTFAIL"]["meaning"] == "SPF soft-failed (~all)"
    assert any("display name shows the address support@bank.example" in m
               for m in data["identity"]["mismatches"])  # fmt: skip


def test_clock_skew_is_not_a_delay() -> None:
    data = _read("skew.txt")
    assert data["hops"][2]["skew"] is True and data["hops"][2]["delay_s"] == -3595.0
    assert data["total_s"] == 5.0
    assert any("disagree by 3595 s" in f["text"] for f in data["findings"])
    text = render_text(report(analyse((SAMPLES / "skew.txt").read_bytes()), "en"))
    assert "clocks disagree by 3595 s" in text and "23:" not in text


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.iterdir()))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_sample_reports_in_both_languages(name: str, lang: str) -> None:
    result = analyse((SAMPLES / name).read_bytes(), name)
    text = render_text(report(result, lang))
    assert to_dict(result, lang)["verdict"].rstrip("。.") in text.replace("\n", "")


def test_sixty_hops_oldest_first() -> None:
    lines = [
        f"Received: from h{i}.example.net ([192.0.2.{i}]) by h{i + 1}.example.net with ESMTP;"
        f" Tue, 2 Jul 2024 10:{i:02d}:00 +0000"
        for i in range(59, -1, -1)
    ]
    data = to_dict(analyse("\n".join(lines) + "\nFrom: a@example.net\n"), "en")
    assert [h["index"] for h in data["hops"]] == list(range(1, 61))
    assert data["hops"][0]["ip"] == "192.0.2.0" and data["hops"][-1]["delay_s"] == 60.0
    assert data["total_s"] == 59 * 60


def test_odd_folding_and_encoded_words() -> None:
    text = (
        "Received: from a.example.org\n\t\t  (a.example.org [192.0.2.1])\n   by mx.example.com"
        "\n with ESMTPS id X;\n\tTue, 2 Jul 2024\n 10:00:00 +0000\n"
        "Authentication-Results: mx.example.com;\n spf=pass\n\tsmtp.mailfrom=a.example.org\n"
        "From: =?UTF-8?B?5byg5LiJ?=\n =?UTF-8?Q?_Caf=C3=A9?= <z@a.example.org>\n"
    )
    data = to_dict(analyse(text), "en")
    hop = data["hops"][0]
    assert (hop["ip"], hop["by"], hop["with"]) == ("192.0.2.1", "mx.example.com", "ESMTPS")
    assert hop["time"] == "2024-07-02T10:00:00+00:00"
    assert data["auth_results"][0]["spf"]["smtp_mailfrom"] == "a.example.org"
    assert data["identity"]["from"]["display"] == "张三 Café"
