"""Outlook .msg: the transport headers read from a Compound File the test writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from smtp_gui.core.headers.analysis import analyse
from smtp_gui.core.headers.data import to_dict
from smtp_gui.core.text.errors import InputError
from tests.core.headers.cfb import compound_file

SAMPLE = (Path(__file__).parent / "samples" / "microsoft365.txt").read_text()
PAD = "X-Pad: " + "p" * 4100 + "\n"


@pytest.mark.parametrize(
    ("stream", "encoding"),
    [("__substg1.0_007D001F", "utf-16-le"), ("__substg1.0_007D001E", "utf-8")],
)
def test_transport_headers_of_a_msg(stream: str, encoding: str) -> None:
    data = compound_file(stream, (SAMPLE + PAD).encode(encoding))
    result = to_dict(analyse(data, "mail.msg"), "en")
    assert result["source"] == "msg"
    assert result["entry_hop"] == 2 and result["spam"] is True


def test_msg_without_transport_headers_is_one_clear_error() -> None:
    data = compound_file("__substg1.0_0037001F", ("Subject" + PAD).encode("utf-16-le"))
    with pytest.raises(InputError) as caught:
        analyse(data, "draft.msg")
    assert caught.value.message.startswith("draft.msg holds no transport headers")


def test_broken_compound_file_is_one_clear_error() -> None:
    data = compound_file("__substg1.0_007D001F", (SAMPLE + PAD).encode("utf-16-le"))
    with pytest.raises(InputError) as caught:
        analyse(data[:600], "cut.msg")
    assert caught.value.message.startswith("cut.msg is not a readable Outlook .msg file")
