"""``smtp-gui headers [FILE|-] [--verify]``: a message's headers read offline: path,
authentication as the receiver judged it, identity, provider verdicts, and the verdict first.

With ``--verify`` the authentication is re-checked here over DNS (``--nameserver``,
``--timeout`` as for ``check``): each DKIM signature, the ARC chain, SPF for the entry hop's
IP, DMARC alignment. Each query waits at most ``--timeout``; the whole verification ends
within 3 x ``--timeout``. Without ``--verify`` nothing touches the network.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from smtp_gui.commands.common import (
    UsageError,
    add_common_options,
    echoed,
    emit,
    lang_of,
    read_stdin,
)


def add_parser(subparsers: Any) -> None:
    from smtp_gui.core.dns.config import DEFAULT_TIMEOUT

    parser = subparsers.add_parser(
        "headers",
        help="read a message's headers (.eml, mbox, .txt, Outlook .msg): path, SPF/DKIM/DMARC "
        "as the receiver judged them, spam verdicts; offline unless --verify",
    )
    parser.add_argument(
        "file",
        nargs="?",
        default="-",
        metavar="FILE",
        help="a .eml, mbox, .txt or .msg file; '-' or nothing reads stdin",
    )
    parser.add_argument(
        "--verify",
        action="store_true",
        help="re-check here over DNS: each DKIM signature (with the reason it fails), the ARC "
        "chain, SPF for the entry hop's IP, DMARC alignment",
    )
    parser.add_argument(
        "--nameserver",
        action="append",
        default=[],
        metavar="HOST[:PORT]",
        help="with --verify: nameserver to ask (repeatable; [::1]:5353 for IPv6); default: the "
        "system's",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help="with --verify: seconds each DNS query may wait, at most 60 (default: "
        "%(default)s); the whole verification ends within 3x",
    )
    add_common_options(parser)
    parser.set_defaults(handler=_run)


def _read(name: str) -> bytes:
    """The input's bytes; one byte more than the limit, so that analyse() can refuse it."""
    from smtp_gui.core.headers.source import MAX_INPUT

    if name == "-":
        return read_stdin(MAX_INPUT + 1)
    try:
        with Path(name).open("rb") as handle:
            return handle.read(MAX_INPUT + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {echoed(name)}: {exc.strerror or exc}") from None


def _run(args: argparse.Namespace) -> int:
    from smtp_gui.core.headers.analysis import analyse
    from smtp_gui.core.headers.data import to_dict
    from smtp_gui.core.headers.verification_report import verification_dict, verified_report

    lang = lang_of(args)
    config = None
    if args.verify:  # bad options are refused before anything is read or sent
        from smtp_gui.core.dns.config import resolver_config

        config = resolver_config(args.nameserver, args.timeout)
    name = "standard input" if args.file == "-" else echoed(Path(args.file).name)
    result = analyse(_read(args.file), name)
    found = None
    if config is not None:
        from smtp_gui.core.deadline import DOMAIN_FACTOR, Deadline
        from smtp_gui.core.dns.deadline_resolver import with_deadline
        from smtp_gui.core.dns.resolver import build_resolver
        from smtp_gui.core.headers.verification import verify

        deadline = Deadline.after(DOMAIN_FACTOR * config.timeout)
        resolver = with_deadline(build_resolver(config), deadline)
        found = verify(result, resolver, deadline, config.describe())
    data = to_dict(result, lang)
    if found is not None:
        data["verification"] = verification_dict(found, lang)
    emit(args, data, verified_report(result, found, lang))
    return 0
