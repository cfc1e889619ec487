"""Building AUTH answers by hand, checked against the RFC and Google examples."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp_gui.core.sasl.decode import decode_exchange
from smtp_gui.core.sasl.encode import (
    decode_text,
    encode_login,
    encode_plain,
    encode_text,
    encode_xoauth2,
)
from smtp_gui.core.text.errors import InputError


def test_login_encodes_each_value() -> None:
    answers = encode_login("tim", "tanstaaftanstaaf")
    assert answers.username == "dGlt"
    assert answers.password == "dGFuc3RhYWZ0YW5zdGFhZg=="


@pytest.mark.parametrize(
    ("authzid", "user", "password", "expected"),
    [
        ("", "tim", "tanstaaftanstaaf", "AHRpbQB0YW5zdGFhZnRhbnN0YWFm"),  # RFC 4616 4
        ("Ursel", "Kurt", "xipj3plmq", "VXJzZWwAS3VydAB4aXBqM3BsbXE="),  # RFC 4616 4
        ("test", "test", "1234", "dGVzdAB0ZXN0ADEyMzQ="),  # RFC 4954 4.1
    ],
)
def test_plain(authzid: str, user: str, password: str, expected: str) -> None:
    assert encode_plain(authzid, user, password) == expected


def test_plain_rejects_nul() -> None:
    with pytest.raises(InputError) as caught:
        encode_plain("", "ti\0m", "pw")
    assert caught.value.key == "sasl.encode_nul"
    assert "username" in caught.value.text("en")


def test_xoauth2_matches_google_example() -> None:
    token = "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg"
    assert encode_xoauth2("someuser@example.com", token) == (
        "dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52YjNSbGNr"
        "QmhkSFJoZG1semRHRXVZMjl0Q2cBAQ=="
    )
    with pytest.raises(InputError):
        encode_xoauth2("a\x01b", token)


def test_text_both_ways() -> None:
    assert encode_text("Username:") == "VXNlcm5hbWU6"
    assert encode_text("密码") == "5a+G56CB"
    assert decode_text("5a+G56CB").text == "密码"


@given(
    st.text(max_size=50).filter(lambda s: "\0" not in s),
    st.text(max_size=50).filter(lambda s: "\0" not in s),
    st.text(min_size=1, max_size=50).filter(lambda s: "\0" not in s),
)
@settings(max_examples=100, deadline=None)
def test_plain_round_trip(authzid: str, user: str, password: str) -> None:
    exchange = decode_exchange("AUTH PLAIN " + encode_plain(authzid, user, password))
    values = {f.name: f.value for f in exchange.steps[0].fields}
    assert (values["authzid"], values["authcid"], values["password"]) == (authzid, user, password)
