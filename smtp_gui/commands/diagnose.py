"""``smtp-gui diagnose [FILE|-]``: a bounce, NDR, DSN or transcript -> codes, causes, next steps."""

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
        "diagnose",
        help="read a bounce, NDR, DSN (.eml) or SMTP transcript and say what failed and why",
    )
    parser.add_argument(
        "file",
        nargs="?",
        default="-",
        metavar="FILE",
        help="a .eml or text file; '-' or nothing reads stdin",
    )
    add_common_options(parser)
    parser.set_defaults(handler=_run)


def _read(name: str) -> bytes:
    """The input's bytes; one byte more than the limit, so that diagnose() can refuse it."""
    from smtp_gui.core.diagnose.analyse import MAX_INPUT

    if name == "-":
        return read_stdin(MAX_INPUT + 1)
    path = Path(name)
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_INPUT + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {echoed(name)}: {exc.strerror or exc}") from None


def _run(args: argparse.Namespace) -> int:
    from smtp_gui.core.diagnose.analyse import diagnose
    from smtp_gui.core.diagnose.report import report

    lang = lang_of(args)
    result = diagnose(_read(args.file))
    emit(args, result.to_dict(lang), report(result, lang))
    return 0
