"""``smtp-gui check blacklist|domain|spf``: each kind of check in its own module."""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from smtp_gui.commands.common import add_common_options

# Modules smtp_gui.commands.check_<kind>; each has add_parser(check_subparsers).
_CHECK_MODULES: tuple[str, ...] = ("blacklist", "domain", "spf")


def add_resolver_options(parser: argparse.ArgumentParser) -> None:
    from smtp_gui.core.dns.config import DEFAULT_TIMEOUT

    parser.add_argument(
        "--nameserver",
        action="append",
        default=[],
        metavar="HOST[:PORT]",
        help="nameserver to ask (repeatable; [::1]:5353 for IPv6); default: the system's",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help="seconds each DNS query (and the MTA-STS policy fetch) may wait, at most 60 "
        "(default: %(default)s). Bounds: a blocklist row and the whole 'check blacklist' end "
        "within the timeout (+10%%); a 'check domain' row within 2x and the whole command "
        "within 3x; 'check spf' within 3x",
    )


def resolver_config_of(args: argparse.Namespace) -> Any:
    """The options' ``ResolverConfig``, checked by the one function the window uses too."""
    from smtp_gui.core.dns.config import resolver_config

    return resolver_config(args.nameserver, args.timeout)


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("check", help="blocklist and DNS checks (uses the network)")
    kinds = parser.add_subparsers(
        dest="check_kind", metavar="KIND", required=True, parser_class=type(parser)
    )
    for name in _CHECK_MODULES:
        module = importlib.import_module(f"smtp_gui.commands.check_{name}")
        child = module.add_parser(kinds)
        add_common_options(child)
        add_resolver_options(child)
