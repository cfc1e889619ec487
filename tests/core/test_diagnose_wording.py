"""Code-less bounces read from their wording, codes after Chinese labels, wrappers (quoted
blocks, Domino), the kind of notice (bounce, delay, not a bounce, delivered), the last attempt an
expiry quotes and the enhanced status a Sendmail summary adds (issue 15)."""

from __future__ import annotations

import pytest

from smtp_gui.core.diagnose.analyse import diagnose
from smtp_gui.core.diagnose.notice import NoticeKind
from smtp_gui.core.diagnose.wording import classify


@pytest.mark.parametrize(
    ("text", "reason", "usually"),
    [
        ("<a@example.net>: Name service error for name=example.net type=MX: Host not found",
         "host_not_found", "550 5.1.2"),
        ("This message could not be delivered.\n  a@example.com\n    no such user here",
         "user_unknown", "550 5.1.1"),
        ("Your message was not delivered to: a@example.com\nbecause:\n"
         "  User a (a@example.com) not listed in Domino Directory", "user_unknown", "550 5.1.1"),
        ("The message that you sent was undeliverable to the following:\n"
         "\ta@example.com (user not found)", "user_unknown", "550 5.1.1"),
        ("Sorry, we were unable to deliver your message to the following address.\n\n"
         "<a@example.com>:\nThis user doesn't have a example.com account", "user_unknown",
         "550 5.1.1"),
        ("Delivery failed:\n  a@example.com\n    mailbox is full: retry timeout exceeded",
         "mailbox_full", "552 5.2.2"),
        ("Your message to a@example.com could not be delivered: message too large",
         "too_large", "552 5.3.4"),
        ("Delivery failed for a@example.net\nReason: Relaying denied.", "relay_denied",
         "550 5.7.1"),
        ("Your message to a@example.com was blocked as spam and has not been delivered.",
         "blocked", "554 5.7.1"),
        ("The following address(es) failed:\n  a@example.net\n    retry timeout exceeded",
         "expired", "4.4.7"),
        ("could not be delivered\n<a@example.com>: connect to mx.example.com[192.0.2.1]:25: "
         "Connection timed\n    out", "timed_out", "4.4.1"),
        ("邮件投递失败\n收件人：a@example.com\n退信原因：收件人不存在", "user_unknown",
         "550 5.1.1"),
        ("您发送的邮件未能成功投递。\n收件人：a@example.com\n退信原因：对方邮箱已满",
         "mailbox_full", "552 5.2.2"),
        ("系统退信通知\n发送给 a@example.net 的邮件发送失败。\n退信原因：邮件被对方服务器拒绝。",
         "blocked", "554 5.7.1"),
    ],
)  # fmt: skip
def test_a_codeless_bounce_is_read_from_its_wording(text: str, reason: str, usually: str) -> None:
    result = diagnose(text)
    assert result.primary is None and result.cause is not None
    assert result.cause.reason == reason and result.cause.usually == usually
    data = result.to_dict("en")
    first = data["primary"]
    assert first["code"] is None and first["enhanced"] is None  # never an invented code
    assert first["reason"] == reason and first["read_from"] == "wording"
    assert data["kind"] == "bounce"
    assert "read from its wording" in data["message"]
    assert "根据措辞判断" in result.to_dict("zh")["message"]
    assert ("explain", usually) in [(a["kind"], a["target"]) for a in data["advice_items"]]
    assert "a@example" in (first["recipient"] or "")
    # the line shown is the one that names the cause (a wrapped one: its first line)
    assert result.cause.text in text
    wrapped = "\n    " in text
    named = classify(result.cause.text)
    assert wrapped or (named is not None and named.reason == reason)


def test_gb18030_wrapper_is_read() -> None:
    data = "系统退信\n\n收件人：\n    a@example.com\n\n退信原因：收件人不存在\n".encode("gb18030")
    result = diagnose(data)
    assert result.cause is not None and result.cause.reason == "user_unknown"
    assert result.cause.text == "退信原因：收件人不存在"
    assert result.cause.recipient == "a@example.com"


def test_the_sender_is_not_taken_for_the_recipient() -> None:
    text = (
        "Your mail to the following recipients could not be delivered because they are "
        "not accepting mail from sender@example.org:\n\tnils"
    )
    result = diagnose(text)
    assert result.cause is not None and result.cause.reason == "blocked"
    assert result.cause.recipient == ""


def test_words_alone_do_not_make_a_bounce() -> None:
    """A weak cause ("spam", "timed out") needs a notice around it; a mail about spam is
    not a failure."""
    result = diagnose("Hi, our spam filter timed out yesterday, see you tomorrow.")
    assert result.cause is None and result.primary is None
    assert result.to_dict("en")["kind"] is None


@pytest.mark.parametrize(
    "text",
    ["邮件投递失败\n收件人：a@example.com\n原因: 550 User not found",
     "很抱歉您发送的邮件被退回。\n收件人：a@example.com\n退信原因：550 User not found",
     "错误：550 User not found"],
)  # fmt: skip
def test_a_code_after_a_chinese_label_is_a_code(text: str) -> None:
    primary = diagnose(text).primary
    assert primary is not None and primary.basic == 550 and primary.text == "User not found"


def test_domino_remote_smtp_server_returned() -> None:
    text = (
        "Delivery Failure Report\n\nYour document: Plan\nwas not delivered to: a@example.net\n"
        "because: Reason: Remote SMTP Server Returned: 550 Requested action not taken: "
        "mailbox unavailable\n"
    )
    primary = diagnose(text).primary
    assert primary is not None and primary.basic == 550
    assert primary.text.startswith("Requested action not taken")


def test_a_bounce_forwarded_in_a_quoted_block() -> None:
    text = (
        "Hi helpdesk, see below.\n\n> -----Original Message-----\n> From: MAILER-DAEMON\n>\n"
        "> I'm sorry to have to inform you that your message could not\n"
        "> be delivered to one or more recipients.\n>\n> <bob@example.com>: 550 unknown user\n"
    )
    result = diagnose(text)
    assert result.primary is not None and result.primary.basic == 550
    assert result.primary.recipient == "bob@example.com"


@pytest.mark.parametrize(
    ("text", "until"),
    [
        ("Subject: x\n\nDelivery Status Notification (Delay)\n\nFinal-Recipient: rfc822; "
         "a@example.com\nAction: delayed\nStatus: 4.4.1\nWill-Retry-Until: Fri, 22 Mar 2024 "
         "08:38:51 -0700", "Fri, 22 Mar 2024 08:38:51 -0700"),
        ("THIS IS A WARNING MESSAGE ONLY\n<a@example.net>... Deferred: Connection timed out "
         "with mx.example.net.\nWarning: message still undelivered after 4 hours\n"
         "Will keep trying until message is 5 days old", "message is 5 days old"),
        ("This is the mail system.\nYour message could not be delivered for more than 4 "
         "hour(s).\nIt will be retried until it is 5 day(s) old.\n\n<a@example.com>: host "
         "mx.example.com[192.0.2.1] said: 450 4.7.1 Greylisted (in reply to RCPT TO command)",
         "it is 5 day(s) old"),
        ("Mailman: warning: message still undelivered\n\na@example.com\n", ""),
    ],
)  # fmt: skip
def test_a_delay_is_transient_and_says_until_when(text: str, until: str) -> None:
    result = diagnose(text)
    assert result.notice.kind is NoticeKind.DELAY
    assert result.notice.retry_until == until
    assert result.primary is None or result.primary.cls == 4  # never permanent
    data = result.to_dict("en")
    assert data["kind"] == "delay"
    if until:
        assert until in data["notice"]["text"]


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("From: a@example.com\nTo: b@example.org\nSubject: Automatic reply: Offer\n\n"
         "I am out of the office until Monday.\n", "auto_reply"),
        ("From: a@example.com\nTo: b@example.org\nSubject: 自动回复: 报价\n\n"
         "您好，我正在休假。\n", "auto_reply"),
        ("From: a@example.com\nTo: b@example.org\nSubject: Please confirm\n\nYour message is "
         "held. Please confirm that you are a person: https://verify.example.com/x\n",
         "challenge_response"),
        ("Final-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.0.0\n"
         "Diagnostic-Code: smtp; 550 Your server requires confirmation. Visit "
         "http://example.com/w to confirm this mail server.\n", "challenge_response"),
    ],
)  # fmt: skip
def test_not_a_bounce(text: str, what: str) -> None:
    result = diagnose(text)
    assert result.notice.kind is NoticeKind.NOT_BOUNCE and result.notice.what == what
    assert result.primary is None and result.cause is None
    data = result.to_dict("en")
    assert data["kind"] == "not_bounce" and data["primary"] is None
    assert data["message"].startswith("Not a bounce")
    assert result.to_dict("zh")["message"].startswith("这不是退信")


@pytest.mark.parametrize("action", ["relayed", "delivered", "expanded"])
def test_delivered_dsns(action: str) -> None:
    text = f"Final-Recipient: rfc822; a@example.com\nAction: {action}\nStatus: 2.0.0\n"
    result = diagnose(text)
    assert result.notice.kind is NoticeKind.DELIVERED and result.primary is None
    assert result.to_dict("en")["kind"] == "delivered"
    assert action in result.to_dict("en")["message"]


def test_an_expiry_names_its_last_attempt() -> None:
    text = (
        "Final-Recipient: rfc822;udo@example.com\nAction: failed\nStatus: 4.4.7\n"
        "Diagnostic-Code: smtp;554 4.4.7 Message expired: unable to deliver in 1440 minutes."
        "<451 4.7.500 Server busy. Please try again later from [203.0.113.45]. (AS800)>\n"
    )
    result = diagnose(text)
    assert result.primary is not None and result.primary.code == "554 4.4.7"  # the outcome
    attempt = result.last_attempt
    assert attempt is not None and attempt.code == "451 4.7.500"  # the cause
    assert attempt.text.startswith("Server busy") and attempt in result.replies
    assert any("451 4.7.500" in f.en for f in result.findings)
    assert result.to_dict("en")["primary"]["last_attempt"]["code"] == "451"


def test_a_sendmail_summary_adds_its_enhanced_status() -> None:
    text = (
        "   ----- The following addresses had permanent fatal errors -----\n"
        "<m@example.com>\n    (reason: 550 MAILBOX NOT FOUND)\n\n"
        "   ----- Transcript of session follows -----\n"
        ">>> RCPT To:<m@example.com>\n<<< 550 MAILBOX NOT FOUND\n"
        "550 5.1.1 <m@example.com>... User unknown\n"
    )
    primary = diagnose(text).primary
    assert primary is not None and primary.code == "550 5.1.1"


def test_classify_a_single_reason() -> None:
    rule = classify("Mailbox disk quota exceeded")
    assert rule is not None and rule.reason == "mailbox_full"
    assert classify("Thank you") is None
