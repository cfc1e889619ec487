"""The diagnosis, piece by piece: replies, phases, DSNs, entities, blocklists, providers, advice."""

from __future__ import annotations

import json

import pytest

from smtp_gui.core.codes.phases import Phase
from smtp_gui.core.diagnose.advice_kind import AdviceKind
from smtp_gui.core.diagnose.analyse import choose_primary, decode_bytes, diagnose
from smtp_gui.core.diagnose.blocklists import find_blocklists
from smtp_gui.core.diagnose.dsn import dsn_from_lines, looks_like_message
from smtp_gui.core.diagnose.entities import IpContext, extract
from smtp_gui.core.diagnose.providers import providers
from smtp_gui.core.diagnose.replies import FoundReply, reply_at
from smtp_gui.core.diagnose.reply_scan import scan_replies
from smtp_gui.core.resources import load_json
from smtp_gui.core.text.errors import InputError
from smtp_gui.core.text.html_text import html_to_text
from smtp_gui.core.text.messages import message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("550 5.7.1 denied", (550, "5.7.1", " ", "denied")),
        ("550-5.7.26 This mail", (550, "5.7.26", "-", "This mail")),
        ("421", (421, None, "", "")),
        ("554 554 5.7.0 Header error", (554, "5.7.0", " ", "Header error")),
        ("550 #5.1.1 smtp;550", (550, "5.1.1", " ", "smtp;550")),
        ("550 4.16.55.1 is not a code", (550, None, " ", "4.16.55.1 is not a code")),
        ("5500 no", None),
        ("650 no", None),
    ],
)
def test_reply_at(text: str, expected: tuple[int, str | None, str, str] | None) -> None:
    assert reply_at(text, 0) == expected


def test_multi_line_reply_is_one_reply() -> None:
    lines = [
        "550-5.7.26 This mail is unauthenticated, which poses a security",
        "550-5.7.26 risk to the sender and Gmail users.",
        "550 5.7.26 https://support.google.com/mail/answer/81126 - gsmtp",
    ]
    replies = scan_replies(lines).replies
    assert len(replies) == 1
    assert replies[0].code == "550 5.7.26"
    assert "550-" not in replies[0].text
    assert replies[0].text.startswith("This mail is unauthenticated, which poses a security risk")


def test_postfix_joined_continuations_are_removed() -> None:
    text = (
        "<a@example.com>: host mx.example.com[192.0.2.1] said: 550-5.1.1 The email account "
        "that you tried to reach does not exist. 550-5.1.1 Please try double-checking "
        "550 5.1.1 the address. - gsmtp (in reply to RCPT TO command)"
    )
    (reply,) = scan_replies([text]).replies
    assert reply.code == "550 5.1.1"
    assert reply.phase is Phase.RCPT
    assert reply.recipient == "a@example.com"
    assert reply.remote == "mx.example.com[192.0.2.1]"
    assert "550" not in reply.text and "in reply to" not in reply.text


@pytest.mark.parametrize(
    ("lines", "phases"),
    [
        (
            ["S: 220 mx ESMTP", "C: EHLO c", "S: 250 ok", "C: MAIL FROM:<a@example.org>",
             "S: 250 ok", "C: RCPT TO:<b@example.com>", "S: 550 5.1.1 no", "C: DATA",
             "S: 503 5.5.1 no rcpt"],
            [Phase.GREETING, Phase.EHLO, Phase.MAIL, Phase.RCPT, Phase.DATA],
        ),
        (
            [">>> DATA", "<<< 354 go", ">>> .", "<<< 554 5.7.1 spam"],
            [Phase.DATA, Phase.END_OF_DATA],
        ),
        (["DATA", "354 go ahead", "554 5.7.1 rejected"], [Phase.DATA, Phase.END_OF_DATA]),
        (["C: AUTH LOGIN", "S: 334 VXNlcm5hbWU6", "C: dXNlcg==", "S: 535 5.7.8 bad"],
         [Phase.AUTH, Phase.AUTH]),
    ],
)  # fmt: skip
def test_transcript_phases(lines: list[str], phases: list[Phase]) -> None:
    assert [r.phase for r in scan_replies(lines).replies] == phases


@pytest.mark.parametrize(
    ("line", "phase"),
    [
        ("host x said: 550 5.1.1 no (in reply to RCPT TO command)", Phase.RCPT),
        ("host x said: 554 5.7.1 spam (in reply to end of DATA command)", Phase.END_OF_DATA),
        ("host x said: 553 5.1.8 sender (in reply to MAIL FROM command)", Phase.MAIL),
        ("host x refused to talk to me: 554 5.7.1 go away", Phase.GREETING),
        ("Remote host said: 550 5.1.1 <a@example.com>... User Unknown [RCPT_TO]", Phase.RCPT),
    ],
)
def test_phase_from_bounce_wording(line: str, phase: Phase) -> None:
    (reply,) = scan_replies([line]).replies
    assert reply.phase is phase


def test_exim_phase_from_the_line_above() -> None:
    lines = [
        "  bob@example.com",
        "    host mx.example.com [198.51.100.1]",
        "    SMTP error from remote mail server after RCPT TO:<bob@example.com>:",
        "    550 5.1.1 unknown",
    ]
    scan = scan_replies(lines)
    (reply,) = scan.replies
    assert reply.phase is Phase.RCPT
    assert reply.recipient == "bob@example.com"
    assert reply.remote == "mx.example.com [198.51.100.1]"


def test_sendmail_restatement_is_not_primary() -> None:
    lines = [">>> DATA", "<<< 554 5.7.1 Message rejected", "554 5.0.0 Service unavailable"]
    replies = scan_replies(lines).replies
    assert [r.summary for r in replies] == [False, True]
    primary = choose_primary(replies)
    assert primary is not None and primary.enhanced == "5.7.1"


def test_primary_is_first_5xx_else_first_4xx() -> None:
    replies = [
        FoundReply(451, "4.7.1", "later"),
        FoundReply(550, "5.1.1", "first"),
        FoundReply(550, "5.2.2", "second"),
        FoundReply(250, "2.0.0", "ok"),
    ]
    primary = choose_primary(replies)
    assert primary is not None and primary.enhanced == "5.1.1"
    only_temporary = choose_primary([FoundReply(421, None, "a"), FoundReply(451, "4.3.0", "b")])
    assert only_temporary is not None and only_temporary.basic == 421
    assert choose_primary([FoundReply(250, None, "ok")]) is None


def test_dsn_fields_as_text() -> None:
    lines = [
        "Reporting-MTA: dns; mta.example.org",
        "X-Postfix-Sender: rfc822; alice@example.org",
        "",
        "Final-Recipient: rfc822; bob@example.com",
        "Action: failed",
        "Status: 5.2.2",
        "Remote-MTA: dns; mx.example.com",
        "Diagnostic-Code: smtp; 552 5.2.2 Mailbox",
        "    full",
    ]
    (record,) = dsn_from_lines(lines)
    assert record.recipient == "bob@example.com"
    assert record.sender == "alice@example.org"
    reply = record.reply()
    assert reply is not None
    assert (reply.basic, reply.enhanced, reply.text) == (552, "5.2.2", "Mailbox full")


def test_dsn_status_without_diagnostic_code() -> None:
    (record,) = dsn_from_lines(["Final-Recipient: rfc822; a@example.com", "Status: 5.1.1"])
    reply = record.reply()
    assert reply is not None and reply.basic is None and reply.enhanced == "5.1.1"


def test_looks_like_message() -> None:
    assert looks_like_message("From: a@example.org\nTo: b@example.com\nSubject: x\n\nbody")
    assert not looks_like_message("550 5.1.1 user unknown\n")
    assert not looks_like_message("Final-Recipient: rfc822; a@example.com\nStatus: 5.1.1\n\n")


def test_entities_are_validated() -> None:
    text = (
        "Client host [203.0.113.7] from 2001:DB8::25 via mx.example.com, see "
        "https://www.example.org/help?ip=198.51.100.9 or mail postmaster@example.net. "
        "Exim 4.96.2.1 id 15.20.7452.28; 999.1.1.1 image.png 5.7.1 RESOLVER.ADR.NotFound 127.0.0.2"
    )
    found = extract(text)
    assert found.ips == ("203.0.113.7", "2001:db8::25", "198.51.100.9")
    assert found.url_ips == ("198.51.100.9",)
    assert found.domains == ("mx.example.com", "www.example.org", "example.net")
    assert found.emails == ("postmaster@example.net",)
    assert found.urls == ("https://www.example.org/help?ip=198.51.100.9",)


def test_provider_version_slot_is_not_an_ip() -> None:
    text = "421 4.7.0 [TSS04] Messages from 203.0.113.7 deferred - 4.16.55.1; see x"
    assert extract(text).ips == ("203.0.113.7", "4.16.55.1")
    assert extract(text, [IpContext("- ", ";")]).ips == ("203.0.113.7",)
    assert "4.16.55.1" not in diagnose(text).ips


def test_blocklists_by_zone_and_by_name() -> None:
    found = find_blocklists(
        ["7.113.0.203.zen.spamhaus.org", "bl.spamcop.net"],
        ["blocked using Barracuda Reputation; listed by UCEPROTECT-Level1"],
    )
    assert [b.zone for b in found] == [
        "zen.spamhaus.org",
        "bl.spamcop.net",
        "b.barracudacentral.org",
        "dnsbl-1.uceprotect.net",
    ]
    # "spamhaus" inside pbl.spamhaus.org names PBL only, not ZEN as well.
    assert [b.zone for b in find_blocklists(["pbl.spamhaus.org"], ["see pbl.spamhaus.org"])] == [
        "pbl.spamhaus.org"
    ]


def test_blocklist_names_point_at_known_zones() -> None:
    zones = {z["zone"] for z in load_json("dnsbl", "zones.json")["zones"]}
    names = load_json("diagnose", "blocklist_names.json")["names"]
    assert set(names.values()) <= zones


def test_provider_data_is_well_formed() -> None:
    ids = [p.id for p in providers()]
    assert len(ids) == len(set(ids))
    assert {"gmail", "microsoft", "yahoo", "apple", "netease", "tencent", "aliyun"} <= set(ids)
    for item in providers():
        for rule in item.rules:
            assert rule.tags, rule.id
            if item.id != "generic":
                assert rule.finding.en and rule.finding.zh, rule.id
            for advice in rule.advice:
                assert isinstance(advice.kind, AdviceKind), rule.id
                assert advice.note.en and advice.note.zh, rule.id


def test_messages_are_bilingual() -> None:
    table = json.loads(
        (load_json.__globals__["resource_path"]("messages", "diagnose.json")).read_text("utf-8")
    )
    for key, value in table.items():
        if not key.startswith("_"):
            assert value["en"] and value["zh"], key
            assert message(key).zh != message(key).en or key.startswith("diagnose.label"), key


@pytest.mark.parametrize(
    ("text", "code", "provider", "note"),
    [
        ("550 5.7.606 Access denied, banned sending IP [203.0.113.7]. AS(1430)", "550 5.7.606",
         "microsoft", "sender.office.com"),
        ("550 5.7.15 Access denied, sending domain [example.org] does not meet the required "
         "authentication level.", "550 5.7.515", "microsoft", "5.7.515"),
        ("550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.",
         "550 5.7.708", "microsoft", "5.7.708"),
        ("535 5.7.139 Authentication unsuccessful, the request did not meet the criteria",
         "535 5.7.139", "microsoft", "SMTP AUTH"),
        ("421 4.7.0 [TSS05] Messages from 203.0.113.7 temporarily deferred - 4.16.55.1; see "
         "https://postmaster.yahooinc.com/error-codes", "421 4.7.0", "yahoo", "TSS04/TSS05"),
        ("554 DT:SPM 163 mx19,abc 1719987698, please see http://mail.163.com/help/", "554",
         "netease", "DT:SPM"),
    ],
)  # fmt: skip
def test_provider_knowledge(text: str, code: str, provider: str, note: str) -> None:
    result = diagnose(text)
    assert result.provider == provider
    assert result.explain_code == code
    said = " ".join(f.en for f in result.findings) + " ".join(a.note.en for a in result.advice)
    assert note in said


def test_class_mismatch_is_pointed_out() -> None:
    result = diagnose("554 4.0.0 try later")
    assert result.class_mismatch
    assert any("RFC 3463" in finding.en for finding in result.findings)
    compare = [a for a in result.advice if a.kind == "compare"]
    assert compare and (compare[0].target, compare[0].second) == ("554", "4.0.0")


def test_advice_targets() -> None:
    text = (
        "<b@example.com>: host mx.example.com[198.51.100.5] said: 554 5.7.1 Service "
        "unavailable; Client host [203.0.113.45] blocked using zen.spamhaus.org "
        "(in reply to RCPT TO command)"
    )
    result = diagnose(text)
    blacklist = [a for a in result.advice if a.kind == "blacklist"]
    assert blacklist and blacklist[0].target == "203.0.113.45"  # never the receiver's MX
    assert result.advice[0].kind == "blacklist"
    assert {a.kind for a in result.advice} >= {"blacklist", "delist", "explain"}
    delist = next(a for a in result.advice if a.kind == "delist")
    assert delist.target == "https://check.spamhaus.org/"  # from our data, not from the paste


def test_auth_failure_points_at_the_sending_domain() -> None:
    text = (
        "550-5.7.26 Unauthenticated email from news.example.org is not accepted due to\n"
        "550 5.7.26 domain's DMARC policy. - gsmtp"
    )
    result = diagnose(text)
    domain = [a for a in result.advice if a.kind == "domain"]
    assert domain and domain[0].target == "news.example.org"


def test_temporary_failure_says_retry() -> None:
    result = diagnose("451 4.7.1 Greylisted, please try again in 300 seconds")
    assert result.advice[0].kind == "retry"
    assert any("temporary" in f.en for f in result.findings)


def test_no_reply_found() -> None:
    result = diagnose("Hello, my mail bounced, can you look? Thanks")
    assert not result.found and result.primary is None and not result.advice
    data = result.to_dict("en")
    assert data["primary"] is None and data["provider"] is None
    assert "No SMTP reply found" in data["message"]
    assert "没有找到 SMTP 回复" in result.to_dict("zh")["message"]


def test_only_successes() -> None:
    result = diagnose("250 2.0.0 Ok: queued as 4F1A2B3C4D")
    assert result.found and result.primary is None
    assert "No failure" in result.summary("en")


def test_too_large_input_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        diagnose(b" " * (64 * 1024 * 1024 + 1))
    assert "64 MB" in caught.value.text("en")


def test_html_is_reduced_to_text_not_rendered() -> None:
    html = (
        "<html><body><script>alert(1)</script>"
        "<p>Remote Server returned '550 5.1.1 x'</p></body></html>"
    )
    assert html_to_text(html) == "Remote Server returned '550 5.1.1 x'"
    result = diagnose(html)
    assert result.primary is not None and result.primary.code == "550 5.1.1"
    assert result.source == "html"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("550 用户不存在".encode(), "550 用户不存在"),
        ("550 用户不存在".encode("gb18030"), "550 用户不存在"),
        (b"\xff\xfe" + "550 x".encode("utf-16-le"), "550 x"),
        (b"\xef\xbb\xbf550 x", "550 x"),
        (b"550 \xff\xfe\xfd", "550 \ufffd\ufffd\ufffd"),
    ],
)
def test_decode_bytes(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


def test_to_dict_has_the_design_keys() -> None:
    data = diagnose("550 5.1.1 <a@example.com> unknown").to_dict("en")
    assert data["primary"] == {
        "code": "550",
        "enhanced": "5.1.1",
        "text": "<a@example.com> unknown",
        "phase": None,
        "phase_name": None,
        "recipient": "a@example.com",  # the address the reply starts with
        "remote": None,
        "class": 5,
    }
    for key in ("replies", "ips", "domains", "emails", "blocklists", "provider", "advice"):
        assert key in data
    assert all(isinstance(item, str) for item in data["advice"])
    assert {item["kind"] for item in data["advice_items"]} <= {
        "explain", "compare", "decode", "blacklist", "domain", "retry", "delist", "contact"
    }  # fmt: skip


def test_no_code_but_a_known_wording() -> None:
    text = "<bob@example.com>: Name service error for domain example.com: Host not\n    found"
    result = diagnose(text)
    assert result.primary is None and result.tags == ("routing",)
    assert any("could not be reached" in finding.en for finding in result.findings)
    # the catalogue page offered is the code that usually carries the cause, never a reply
    assert [(a.kind, a.target) for a in result.advice] == [
        ("domain", "example.com"),
        ("explain", "550 5.1.2"),
    ]
    assert result.cause is not None and result.cause.reason == "host_not_found"
