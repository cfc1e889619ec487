"""Who bounced (issue 15): one entry per failed recipient, each with its own reply, named
cleanly, and never a string that is not an address."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smtp_gui.core.diagnose.addresses import clean_address
from smtp_gui.core.diagnose.analyse import diagnose
from smtp_gui.core.diagnose.entities import extract
from smtp_gui.core.diagnose.mentions import find_mentions
from tests.bounce_measure import is_address


def _recipients(text: str) -> list[tuple[str, str | None, str | None, str]]:
    data = diagnose(text).to_dict("en")
    return [(r["address"], r["code"], r["enhanced"], r["action"]) for r in data["recipients"]]


def test_clean_address_strips_every_dress() -> None:
    assert clean_address("rfc822; <User.Name@EXAMPLE.COM>") == "User.Name@example.com"
    assert clean_address("[SMTP:paula@example.com]") == "paula@example.com"
    assert clean_address("<wim@example.edu>=20") == "wim@example.edu"
    assert clean_address('"Wim" <wim@example.edu>') == "wim@example.edu"
    assert clean_address("john.b@b.c") == "john.b@b.c"  # syntactic: no Public Suffix List
    for bad in ("<>", "<f.b>", "recipient@#example.net", "x400; /S=Muster/", "a@b", "@x.org"):
        assert clean_address(bad) is None, bad
    assert clean_address("E1rkQ2w-0004Yd-2x@mail.example.org") is None  # an Exim message id


def test_four_recipients_with_the_same_reply_stay_four() -> None:
    text = "\n".join(
        f"<u{n}@example.com>: 550 5.1.1 The email account does not exist." for n in range(4)
    )
    assert _recipients(text) == [(f"u{n}@example.com", "550", "5.1.1", "failed") for n in range(4)]
    assert len(diagnose(text).replies) == 4


def test_the_primary_is_the_first_permanent_failure() -> None:
    text = (
        "<a@example.com>: 452 4.2.2 Mailbox full\n"
        "<b@example.com>: 550 5.1.1 User unknown\n"
        "<c@example.com>: 554 5.7.1 Rejected\n"
    )
    result = diagnose(text)
    assert result.primary is not None and result.primary.code == "550 5.1.1"
    assert result.recipient == "b@example.com"
    assert [r.address for r in result.recipients] == [
        "a@example.com",
        "b@example.com",
        "c@example.com",
    ]


def test_a_reply_goes_to_the_address_it_names_not_the_one_above() -> None:
    # Sendmail: the transcript's 550 names rudi, although susi is named just above it.
    text = (
        "   ----- The following addresses had permanent fatal errors -----\n"
        "rudi@example.net\n    (reason: User unknown)\n"
        "susi@example.net\n    (reason: Mailbox disk quota exceeded)\n\n"
        "   ----- Transcript of session follows -----\n"
        "550 rudi@example.net... User unknown\n"
    )
    assert _recipients(text) == [
        ("rudi@example.net", "550", None, "failed"),
        ("susi@example.net", None, None, "failed"),
    ]


def test_rcpt_to_in_a_transcript_names_its_reply() -> None:
    text = (
        "C: MAIL FROM:<s@example.org>\nS: 250 ok\n"
        "C: RCPT TO:<ok@example.com>\nS: 250 ok\n"
        "C: RCPT TO:<gone@example.com>\nS: 550 5.1.1 No such user\n"
        "C: RCPT TO:<full@example.com>\nS: 452 4.2.2 Over quota\n"
    )
    assert _recipients(text) == [
        ("gone@example.com", "550", "5.1.1", "failed"),
        ("full@example.com", "452", "4.2.2", "failed"),
    ]


def test_a_dsn_is_the_list_and_x400_gives_the_original_recipient() -> None:
    text = (
        "<bounce@example.com>: host mx.example.com[192.0.2.1] said: 554 Relay access denied\n\n"
        "Reporting-MTA: dns; mta.example.org\n\n"
        "Original-Recipient: rfc822;Erika.M@Example.COM\n"
        "Final-Recipient: x400; /G=Erika/S=M/O=Example/C=DE/\n"
        "Action: failed\nStatus: 5.1.1\n"
    )
    # The DSN names one recipient: the text's reply is about it, not a second recipient.
    assert _recipients(text) == [("Erika.M@example.com", "554", "5.1.1", "failed")]


def test_delivered_and_relayed_blocks_are_not_failures() -> None:
    text = (
        "<q@example.com>... relayed; expect no further notifications\n\n"
        "Final-Recipient: RFC822; q@example.com\nAction: relayed (to non-DSN-aware mailer)\n"
        "Status: 2.0.0\n"
    )
    assert _recipients(text) == []


def test_codeless_lists_and_sentences_name_recipients_without_a_code() -> None:
    exim = "The following address(es) failed:\n\n  x@example.net\n    retry timeout exceeded\n"
    assert _recipients(exim) == [("x@example.net", None, None, "failed")]
    assert _recipients("Your message to u@example.com could not be delivered.\n") == [
        ("u@example.com", None, None, "failed")
    ]
    assert _recipients("退信原因：收件人不存在\n收件人：amy@example.com\n") == [
        ("amy@example.com", None, None, "failed")
    ]
    warning = "<j@example.net>... Deferred: Connection timed out\nWill keep trying\n"
    assert _recipients(warning) == [("j@example.net", None, None, "delayed")]


def test_an_auto_reply_names_no_recipient() -> None:
    text = "I am out of the office. Recipient: assistant@example.com can help you.\n"
    assert find_mentions(text.splitlines()) == []
    assert _recipients(text) == []


def test_emails_are_clean_and_hold_every_recipient() -> None:
    text = (
        "Authentication-Results: mx.example.org; auth=pass smtp.mail=yara@example.org\n"
        "Message-Id: <E1rkZz9-0001aB-00@relay.example.net>\n"
        "Message-ID: <abc.123@mail.example.org>\n"
        "id e1rkzz9-0001ab-00@relay.example.net\n"
        "X-Failed-Recipients: john.b@b.c\n"
    )
    emails = diagnose(text).emails
    assert "yara@example.org" in emails
    assert not any(e.startswith(("smtp.mail=", "e1rkzz9", "abc.123")) for e in emails)
    assert "john.b@b.c" in emails
    assert extract("smtp.mailfrom=a@example.org").emails == ("a@example.org",)


_BOUNCE_PIECES = st.sampled_from(
    [
        "<", ">", ":", "...", " ", "\n", "\t", "=20", ";", ",", "@", ".", "#", "(", ")", "[",
        "]", "a@example.com", "B@EXAMPLE.ORG", "<f.b>", "<>", "x@#example.net", "rfc822; ",
        "x400; /S=Muster/", "SMTP:", "Final-Recipient: ", "Original-Recipient: ",
        "Action: failed\n", "Action: delayed\n", "Status: 5.1.1\n", "X-Failed-Recipients: ",
        "Recipient: ", "收件人：", "The following address(es) failed:\n",
        "Delivery to the following recipients failed.\n", "was not delivered to: ",
        "Your message to ", " could not be delivered", "550 ", "5.1.1 ", "452 4.2.2 ",
        "RCPT TO:", "S: ", "C: ", "said: ", "User unknown", "用户", "\x00", "\ufffd", "é",
    ]
)  # fmt: skip


@settings(deadline=None, max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_BOUNCE_PIECES, max_size=50).map("".join))
def test_bounce_shaped_text_names_only_addresses(text: str) -> None:
    for item in diagnose(text).recipients:
        assert is_address(item.address), item.address
        assert item.address.lower() in diagnose(text).emails


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=300))
def test_arbitrary_text_names_only_addresses(text: str) -> None:
    for item in diagnose(text).recipients:
        assert is_address(item.address), item.address


def test_the_report_shows_a_table_of_recipients_when_several_failed() -> None:
    from smtp_gui.core.diagnose.report import report
    from smtp_gui.core.report.text import render_text

    several = diagnose(
        "<a@example.com>: 550 5.1.1 User unknown\n<b@example.com>: 452 4.2.2 Mailbox full\n"
        "Will keep trying\n"
    )
    english = render_text(report(several, "en"))
    assert "Failed recipients (2)" in english
    assert "a@example.com" in english and "550 5.1.1 User unknown" in english
    assert "delayed (still being retried)" in english
    chinese = render_text(report(several, "zh"))
    assert "投递失败的收件人（2 个）" in chinese and "延迟（仍在重试）" in chinese
    one = render_text(report(diagnose("<a@example.com>: 550 5.1.1 User unknown\n"), "en"))
    assert "Failed recipients" not in one


def test_a_bare_dsn_status_is_the_reply_the_text_quoted() -> None:
    """Postfix's text quotes ``550 5.7.26 ...`` and its DSN part says only ``Status: 5.7.26``:
    one failure, not two (and so no "compare 550 5.7.26 with 5.7.26")."""
    text = (
        "<bob@gmail.com>: host gmail-smtp-in.l.google.com[192.0.2.27] said: 550-5.7.26\n"
        "    This mail is unauthenticated (in reply to end of DATA command)\n\n"
        "Reporting-MTA: dns; mail.example.org\n\n"
        "Final-Recipient: rfc822; bob@gmail.com\nAction: failed\nStatus: 5.7.26\n"
    )
    found = diagnose(text)
    assert [(r.basic, r.enhanced) for r in found.replies] == [(550, "5.7.26")]
    assert found.replies[0].recipient == "bob@gmail.com"
    assert "compare" not in {str(a.kind) for a in found.advice}


def test_exchange_did_not_reach_the_following_recipients() -> None:
    """Exchange 5.5/2000: "did not reach the following recipient(s):" then ``ADDRESS on
    <date>`` and a code-less reason."""
    text = (
        "Your message\n\n  To:      recipient\n  Subject: Report\n\n"
        "did not reach the following recipient(s):\n\n"
        "RECIPIENT@EXAMPLE.NET on Wed, 15 Feb 2006 04:25:29 -0500\n"
        "    The recipient name is not recognized\n"
        "    MSEXCH:IMS:DNB:USEAST:EXBHBHBH01 0 (000C05A6) Unknown Recipient\n"
    )
    found = diagnose(text)
    assert [r.address for r in found.recipients] == ["RECIPIENT@example.net"]
    assert found.primary is None and found.cause is not None
    assert found.cause.reason == "user_unknown"
