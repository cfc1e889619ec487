"""Property tests: any input gives a Diagnosis (or InputError), and adversarial input stays linear.

No test here is timed; the suite's timeout catches a pattern that backtracks. Each
adversarial case is about a megabyte, which a quadratic scan could not finish.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smtp_gui.core.diagnose.analyse import diagnose
from smtp_gui.core.diagnose.diagnosis import Diagnosis
from smtp_gui.core.diagnose.entities import extract
from smtp_gui.core.text.html_text import html_to_text

_PIECES = st.sampled_from(
    [
        "550", "550-", "5.7.1", "4.16.55.1", " ", "\n", "\t", "-", ".", ":", ";", "@", "[", "]",
        "(", ")", "<", ">", "'", '"', "#", "S: ", "C: ", ">>> ", "<<< ", "said:", "smtp;",
        "Remote Server returned '", "(in reply to RCPT TO command)", "Status: ",
        "Diagnostic-Code: ",
        "Final-Recipient: rfc822; ", "example.com", "a@example.org", "203.0.113.7", "2001:db8::1",
        "http://", "?ip=", "DATA", "354 go", "AUTH LOGIN", "334 ", "zen.spamhaus.org", "Spamhaus",
        "DT:SPM", "[TSS04]", "From: a@example.org\n",
        "Content-Type: multipart/report; boundary=b\n",
        "--b\n", "message/delivery-status", "<html>", "</p>", "用户", "\x00", "\ufffd",
    ]
)  # fmt: skip


@settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_pieces_of_bounces_always_diagnose(text: str) -> None:
    result = diagnose(text)
    assert isinstance(result, Diagnosis)
    result.to_dict("en")
    result.to_dict("zh")


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=2000))
def test_any_text_always_diagnoses(text: str) -> None:
    assert isinstance(diagnose(text), Diagnosis)


@settings(deadline=None, max_examples=200)
@given(st.binary(max_size=2000))
def test_any_bytes_always_diagnose(data: bytes) -> None:
    assert isinstance(diagnose(data), Diagnosis)


@settings(deadline=None, max_examples=60)
@given(st.binary(max_size=400))
def test_any_bytes_after_message_headers_diagnose(body: bytes) -> None:
    head = b"From: a@example.org\r\nTo: b@example.com\r\nContent-Type: multipart/report; "
    head += b'boundary="x"\r\n\r\n--x\r\nContent-Type: message/delivery-status\r\n\r\n'
    assert isinstance(diagnose(head + body), Diagnosis)


_ADVERSARIAL = st.sampled_from(
    [
        "250-",
        "250-\n",
        "550-5.7.1 ",
        "550-5.7.1 x\n",
        "[",
        "[[[(((<<<",
        "]]])))>>>",
        "1234567890",
        "1.",
        "1.2.3.4.",
        "..........",
        "a.",
        "a@",
        "@a.",
        ":",
        "::",
        "1:",
        "x" * 50,
        "said: ",
        "smtp;",
        "returned '",
        "(in reply to ",
        "Status: 5.1.1\n",
        "    550-5.1.1 x\n",
        "http://a.",
        "?ip=1.2.3.4&",
        "host x [",
        "<a@b>: host ",
        "(#5.5.0)",
        "<p>",
        "<a ",
        "<!--",
        "&#",
        "\n",
        " ",
    ]
)


@settings(deadline=None, max_examples=25)
@given(_ADVERSARIAL, st.sampled_from([10_000, 100_000]))
def test_long_runs_finish(atom: str, repeat: int) -> None:
    text = atom * max(1, min(repeat, 1_000_000 // len(atom)))
    result = diagnose(text)
    assert isinstance(result, Diagnosis)
    extract(text)


@settings(deadline=None, max_examples=10)
@given(st.lists(_ADVERSARIAL, min_size=2, max_size=6))
def test_long_mixed_runs_finish(atoms: list[str]) -> None:
    unit = "".join(atoms)
    text = unit * (500_000 // len(unit) + 1)
    assert isinstance(diagnose(text), Diagnosis)


def test_250_dash_repeated_one_hundred_thousand_times() -> None:
    for text in ("250-" * 100_000, "250-\n" * 100_000, "S: 250-x\n" * 100_000 + "S: 250 ok\n"):
        result = diagnose(text)
        assert result.primary is None
        assert len(result.replies) <= 1


def test_one_very_long_line() -> None:
    line = ("550 5.7.1 " + "a" * 50 + " [203.0.113.7] ") * 100_000
    result = diagnose(line)
    assert result.primary is not None and result.primary.code == "550 5.7.1"


def test_html_adversarial_markup_finishes() -> None:
    for markup in ("<" * 600_000, "<a " * 200_000, "<!--" * 150_000, "<p>" * 200_000):
        html_to_text(markup)
        diagnose("<html><body>" + markup)
