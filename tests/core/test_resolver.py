"""The one nameserver parser and the one ResolverConfig maker (CLI --nameserver/--timeout and
the checks pane's fields)."""

from __future__ import annotations

import pytest

from smtp_gui.core.dns.config import DEFAULT_TIMEOUT, ResolverConfig, resolver_config
from smtp_gui.core.dns.resolver import Nameserver, parse_nameserver, parse_timeout
from smtp_gui.core.text.errors import InputError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1", Nameserver("127.0.0.1")),
        ("127.0.0.1:5353", Nameserver("127.0.0.1", 5353)),
        ("[::1]:5353", Nameserver("::1", 5353)),
        ("::1", Nameserver("::1")),
        ("192.0.2.255", Nameserver("192.0.2.255")),  # a host address, for all we know
        ("2001:db8::53", Nameserver("2001:db8::53")),
    ],
)
def test_nameservers(text: str, expected: Nameserver) -> None:
    assert parse_nameserver(text) == expected


@pytest.mark.parametrize(
    ("text", "key", "words", "zh"),
    [
        ("224.0.0.1", "resolver.multicast_nameserver", "multicast address", "组播地址"),
        ("239.255.255.250:1900", "resolver.multicast_nameserver", "multicast", "组播"),
        ("[ff02::1]:53", "resolver.multicast_nameserver", "multicast", "组播"),
        ("::ffff:224.0.0.251", "resolver.multicast_nameserver", "multicast", "组播"),
        ("255.255.255.255", "resolver.broadcast_nameserver", "broadcast address", "广播地址"),
        ("0.0.0.0", "resolver.unspecified_nameserver", "names no machine", "未指定地址"),
        ("0.0.0.0:5353", "resolver.unspecified_nameserver", "unspecified", "未指定"),
        ("::", "resolver.unspecified_nameserver", "unspecified", "未指定"),
        ("[::]:53", "resolver.unspecified_nameserver", "unspecified", "未指定"),
        ("fe80::1%eth0", "resolver.scoped_nameserver", "interface zone (%eth0)", "%eth0"),
        ("[fe80::1%2]:5353", "resolver.scoped_nameserver", "zone-scoped", "区域标识"),
        ("not an address", "resolver.bad_nameserver", "is not a nameserver", "不是有效"),
    ],
)
def test_not_a_nameserver(text: str, key: str, words: str, zh: str) -> None:
    """Issue 12: a multicast or zone-scoped address was taken, and a query sent to it."""
    with pytest.raises(InputError) as caught:
        parse_nameserver(text)
    assert caught.value.key == key
    assert text in caught.value.text("en") and words in caught.value.text("en")
    assert zh in caught.value.text("zh")
    assert "\n" not in caught.value.text("en")


@pytest.mark.parametrize(
    ("value", "seconds"), [(3, 3.0), (0.5, 0.5), ("2.5", 2.5), (" 60 ", 60.0), ("1e1", 10.0)]
)
def test_timeouts(value: object, seconds: float) -> None:
    assert parse_timeout(value) == seconds


@pytest.mark.parametrize(
    "value",
    [
        float("nan"),
        "nan",
        float("inf"),
        "-inf",
        0,
        -1,
        "61",
        "1e999",
        "9" * 400,
        "three",
        "",
        None,
        True,
        b"3",
        [3],
    ],
)
def test_not_a_timeout(value: object) -> None:
    """The CLI's --timeout and the value read back from the settings file share this check."""
    with pytest.raises(InputError) as caught:
        parse_timeout(value)
    assert caught.value.key == "resolver.bad_timeout"


# --- one function from what was typed to a ResolverConfig: the window and the CLI -------------
def _cli_config(*options: str) -> ResolverConfig:
    """What ``smtp-gui check blacklist`` makes of its options (the real parser)."""
    from smtp_gui.cli import build_parser
    from smtp_gui.commands.check import resolver_config_of

    args = build_parser().parse_args(["check", "blacklist", "192.0.2.1", *options])
    return resolver_config_of(args)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("field", "options", "expected"),
    [
        ("", (), ()),
        ("127.0.0.1", ("--nameserver", "127.0.0.1"), (Nameserver("127.0.0.1"),)),
        (
            "127.0.0.1:5353, [::1]:5353  192.0.2.53",
            ("--nameserver", "127.0.0.1:5353", "--nameserver", "[::1]:5353")
            + ("--nameserver", "192.0.2.53"),
            (Nameserver("127.0.0.1", 5353), Nameserver("::1", 5353), Nameserver("192.0.2.53")),
        ),
    ],
)
def test_the_pane_field_and_the_cli_options_give_the_same_config(
    field: str, options: tuple[str, ...], expected: tuple[Nameserver, ...]
) -> None:
    from_field = resolver_config(field, 2.5)  # the checks pane: its field text and spin box
    from_cli = _cli_config(*options, "--timeout", "2.5")
    assert from_field == from_cli == ResolverConfig(expected, timeout=2.5)


def test_one_default_timeout_for_the_cli_and_the_window() -> None:
    assert _cli_config().timeout == DEFAULT_TIMEOUT == resolver_config("").timeout
    assert _cli_config() == resolver_config("") == ResolverConfig((), DEFAULT_TIMEOUT)


@pytest.mark.parametrize("timeout", [0, -1, "61", float("nan"), "1e999"])
def test_a_timeout_out_of_range_is_refused_for_the_window_as_for_the_cli(timeout: object) -> None:
    """Only the CLI checked the range; the window's text now goes through the same check."""
    with pytest.raises(InputError) as from_field:
        resolver_config("127.0.0.1", timeout)
    with pytest.raises(InputError) as from_cli:
        _cli_config("--timeout", str(timeout))
    assert from_field.value.key == from_cli.value.key == "resolver.bad_timeout"


@pytest.mark.parametrize("bad", ["224.0.0.1", "not-an-address", "127.0.0.1:99999"])
def test_a_bad_nameserver_is_refused_the_same_way_in_both(bad: str) -> None:
    with pytest.raises(InputError) as from_field:
        resolver_config(f"127.0.0.1, {bad}", 3)
    with pytest.raises(InputError) as from_cli:
        _cli_config("--nameserver", "127.0.0.1", "--nameserver", bad)
    assert from_field.value.key == from_cli.value.key
    assert from_field.value.text("en") == from_cli.value.text("en")
