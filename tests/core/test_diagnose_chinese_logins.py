"""Login failures at Chinese providers (issue 19): QQ Mail, NetEase, Tencent Exmail and Alibaba
Mail refuse the web password over SMTP; the diagnosis names the provider and leads with their
authorization code (授权码) or the setting to switch on, from each one's documented wording
(sources in the rules' ``_about``)."""

from __future__ import annotations

import pytest

from smtp_gui.core.codes.catalogue import explain
from smtp_gui.core.diagnose.analyse import diagnose

QQ_HELP = "http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=28&&no=1001256"
LOGIN = "AUTH LOGIN\n334 VXNlcm5hbWU6\ndXNlckBleGFtcGxlLmNvbQ==\n334 UGFzc3dvcmQ6\nKioqKioqKio=\n"
QQ = (
    "220 newxmesmtplogicsvrszb6.qq.com XMail Esmtp QQ Mail Server.\n"
    "EHLO client.example.com\n250-newxmesmtplogicsvrszb6.qq.com\n250-PIPELINING\n"
    "250-AUTH LOGIN PLAIN XOAUTH XOAUTH2\n250 8BITMIME\n" + LOGIN
    + "535 Login Fail. Please enter your authorization code to login. "
    + f"More information in {QQ_HELP}\n"
)  # fmt: skip
# The same refusal in Chinese, as Python's smtplib prints it with debugging on.
QQ_CHINESE = (
    "send: 'AUTH PLAIN AHVzZXJAcXEuY29tACoqKioqKioq\\r\\n'\n"
    f"reply: b'535 Error: 请使用授权码登录。详情请看: {QQ_HELP}\\r\\n'\n"
)
NETEASE_163 = (
    "220 163.com Anti-spam GT for Coremail System (163com[20141201])\n"
    "EHLO client.example.com\n250-mail\n250-PIPELINING\n250-AUTH LOGIN PLAIN XOAUTH2\n"
    "250-STARTTLS\n250 8BITMIME\n" + LOGIN + "535 Error: authentication failed\n"
)
NETEASE_126 = NETEASE_163.replace("163.com", "126.com").replace("163com", "126com")
NETEASE_NO_PERMISSION = (
    "220 163.com Anti-spam GT for Coremail System (163com[20141201])\n"
    "EHLO client.example.com\n250 8BITMIME\n" + LOGIN
    + "235 Authentication successful\nMAIL FROM:<user@163.com>\n550 User has no permission\n"
)  # fmt: skip
EXMAIL = (
    "220 smtp.qq.com Esmtp QQ Mail Server\nEHLO bumblebee\n250-smtp.qq.com\n"
    "250-AUTH LOGIN PLAIN\n250 8BITMIME\n" + LOGIN
    + "535 Error: authentication failed, system busy\n"
)  # fmt: skip
ALIYUN = (
    "220 smtp.aliyun-inc.com MX AliMail Server\nEHLO office248\n250-smtp.aliyun-inc.com\n"
    "250-AUTH=PLAIN LOGIN XOAUTH2 XALIOAUTH\n250 DSN\n" + LOGIN + "526 Authentication failure[0]\n"
)
ALIYUN_LOCKED = ALIYUN.replace("failure[0]", "failure[1]")

# (paste, provider, rule, words the first finding must hold in English and in Chinese)
CASES = [
    (QQ, "tencent", "tencent.authorization_code", ("authorization code", "授权码")),
    (QQ_CHINESE, "tencent", "tencent.authorization_code", ("authorization code", "授权码")),
    (NETEASE_163, "netease", "netease.authorization_code", ("authorization code", "授权码")),
    (NETEASE_126, "netease", "netease.authorization_code", ("SMTP service", "开启 SMTP 服务")),
    (NETEASE_NO_PERMISSION, "netease", "netease.no_permission", ("SMTP service", "开启 SMTP 服务")),
    (EXMAIL, "tencent", "tencent.login_failed", ("客户端专用密码", "客户端专用密码")),
    (ALIYUN, "aliyun", "aliyun.auth_failure", ("IP addresses", "特定 IP")),
    (ALIYUN_LOCKED, "aliyun", "aliyun.auth_locked", ("too many", "多次登录失败")),
]
IDS = ["qq", "qq-chinese", "163", "126", "163-no-permission", "exmail", "aliyun", "aliyun-locked"]


@pytest.mark.parametrize(("paste", "provider", "rule", "words"), CASES, ids=IDS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_provider_and_its_login_rule_lead(
    paste: str, provider: str, rule: str, words: tuple[str, str], lang: str
) -> None:
    found = diagnose(paste)
    assert found.rejected_by.provider == provider
    assert found.findings[0].get(lang) and words[lang == "zh"] in found.findings[0].get(lang)
    assert {"credentials", "auth_disabled"} & set(found.tags)
    # The rule's own step comes before the generic "check the user name and password".
    if rule not in ("aliyun.auth_failure", "aliyun.auth_locked"):
        first = found.advice[0].note.get(lang)
        assert (
            ("授权码" in first or "客户端专用密码" in first)
            if lang == "zh"
            else ("authorization code" in first or "client-specific" in first)
        )


def test_a_plain_535_elsewhere_is_not_taken_for_netease() -> None:
    """The NetEase rule needs NetEase: the same words from an unknown server stay generic."""
    found = diagnose(NETEASE_163.replace("163.com Anti-spam GT for Coremail System "
                                         "(163com[20141201])", "mx.example.net ESMTP"))  # fmt: skip
    assert found.rejected_by.provider == ""
    assert all("授权码" not in f.zh for f in found.findings)


@pytest.mark.parametrize("code", ["535", "5.7.8"])
def test_the_catalogue_names_the_authorization_code(code: str) -> None:
    fix = explain(code).fix
    assert "授权码" in fix.zh and "authorization code" in fix.en


@pytest.mark.parametrize("text", [QQ, QQ_CHINESE, NETEASE_163])
def test_the_verdict_says_the_authorisation_code(text: str) -> None:
    """The one sentence on top leads with what the user must do at QQ and NetEase: switch
    on SMTP and log in with the 授权码, not "check the user name and password"."""
    from smtp_gui.core.diagnose.report import report
    from smtp_gui.core.report.runs import plain

    found = diagnose(text)
    for lang, words in (("en", "authorisation code (授权码)"), ("zh", "授权码登录")):
        sentence = plain(report(found, lang).blocks[0].text, lang)  # type: ignore[attr-defined]
        assert words in sentence, sentence
        assert "user name and password" not in sentence and "用户名和密码" not in sentence
