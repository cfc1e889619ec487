"""The first reading's known gaps, closed: a clock ahead's inflated delay, ARC-Seal cv=, the
selector of a DKIM result without header.s, and times in the user's zone beside UTC."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from smtp_gui.core.headers.analysis import analyse
from smtp_gui.core.headers.data import to_dict
from smtp_gui.core.headers.report import report
from smtp_gui.core.report.text import render_text
from tests.core.headers.signing import arc_seal, make_key, sign
from tests.core.headers.test_verification import ORIGINAL

SAMPLES = Path(__file__).parent / "samples"


def test_a_clock_ahead_inflates_the_delay_before_the_negative_one() -> None:
    data = to_dict(analyse((SAMPLES / "skew.txt").read_bytes()), "en")
    hops = [(h["delay_s"], h["skew"], h["inflated"]) for h in data["hops"]]
    assert hops == [(None, False, False), (3600.0, False, True), (-3595.0, True, False)]
    texts = [f["text"] for f in data["findings"]]
    assert any(t.startswith("Hop 2: its 3600 s include clock skew") for t in texts)
    assert data["total_s"] == 5.0


def test_a_clock_behind_inflates_the_delay_after_it() -> None:
    fields = [
        "Received: by c.test; Tue, 2 Jul 2024 10:00:20 +0000",  # newest
        "Received: by b.test; Tue, 2 Jul 2024 09:00:10 +0000",  # b's clock an hour behind
        "Received: by a.test; Tue, 2 Jul 2024 10:00:00 +0000",
        "Subject: behind",
    ]
    hops = analyse("\n".join(fields) + "\n").path.hops
    assert [(h.skew, h.inflated) for h in hops] == [(False, False), (True, False), (False, True)]


def test_ordinary_delays_are_not_marked() -> None:
    fields = [
        "Received: by c.test; Tue, 2 Jul 2024 10:03:00 +0000",
        "Received: by b.test; Tue, 2 Jul 2024 10:01:00 +0000",
        "Received: by a.test; Tue, 2 Jul 2024 10:00:00 +0000",
        "Subject: fine",
    ]
    hops = analyse("\n".join(fields) + "\n").path.hops
    assert not any(h.skew or h.inflated for h in hops)


def test_arc_seal_cv_of_each_instance() -> None:
    key = make_key()
    signed = sign(ORIGINAL, "s1", "sender.test", key)
    first = arc_seal(
        b"Authentication-Results: lists.test; dkim=pass header.d=sender.test\n" + signed,
        "arc1", "lists.test", key, "lists.test",
    )  # fmt: skip
    second = arc_seal(
        b"Authentication-Results: fwd.test; arc=pass; dkim=pass header.d=sender.test\n" + first,
        "arc2", "fwd.test", key, "fwd.test",
    )  # fmt: skip
    data = to_dict(analyse(second), "en")
    assert [(a["instance"], a["cv"], a["domain"]) for a in data["arc_seals"]] == [
        (1, "none", "lists.test"),
        (2, "pass", "fwd.test"),
    ]
    text = render_text(report(analyse(second), "en"))
    assert "i=1 cv=none d=lists.test, i=2 cv=pass d=fwd.test" in text


def test_dkim_selector_read_from_the_signature_when_the_receiver_left_it_out() -> None:
    signed = sign(ORIGINAL, "s1", "sender.test", make_key())
    message = (
        b"Authentication-Results: mx.receiver.test; dkim=pass header.d=sender.test\n"
        b"Received: from a.sender.test (a.sender.test [192.0.2.10]) by mx.receiver.test; "
        b"Mon, 6 May 2024 10:00:05 +0000\n" + signed
    )
    (auth,) = to_dict(analyse(message), "en")["auth_results"]
    assert [(d["domain"], d["selector"]) for d in auth["dkim"]] == [("sender.test", "s1")]


@pytest.fixture
def shanghai() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def test_times_in_the_users_zone_and_utc(shanghai: None) -> None:
    text = render_text(report(analyse((SAMPLES / "skew.txt").read_bytes()), "en"))
    assert "2024-07-02 18:00:00 +0800 (10:00:00 UTC)" in text
