"""``smtp-gui headers [FILE|-]``: a message's headers read offline: path, authentication as
the receiver judged it, identity, provider verdicts, and the verdict first."""

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
    parser = subparsers.add_parser(
        "headers",
        help="read a message's headers (.eml, mbox, .txt, Outlook .msg): path, SPF/DKIM/DMARC "
        "as the receiver judged them, spam verdicts; offline",
    )
    parser.add_argument(
        "file",
        nargs="?",
        default="-",
        metavar="FILE",
        help="a .eml, mbox, .txt or .msg file; '-' or nothing reads stdin",
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
    from smtp_gui.core.headers.report import report

    lang = lang_of(args)
    name = "standard input" if args.file == "-" else echoed(Path(args.file).name)
    result = analyse(_read(args.file), name)
    emit(args, to_dict(result, lang), report(result, lang))
    return 0
