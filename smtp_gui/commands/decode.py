"""``smtp-gui decode [TEXT|-]``: decode an SMTP AUTH exchange or Base64; secrets masked."""

from __future__ import annotations

import argparse
from typing import Any

from smtp_gui.commands.common import add_common_options, emit, lang_of, read_text_argument


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "decode",
        help="decode a 334 challenge, Base64, or a whole AUTH exchange (secrets masked)",
        description=(
            "Decode SMTP AUTH text offline: a server line such as '334 VXNlcm5hbWU6', bare "
            "Base64, 'AUTH PLAIN <base64>', or a whole exchange (S:/C:, <<</>>>, swaks "
            "markers, or none). Passwords, tokens and proofs are masked unless --reveal. "
            "Prefer standard input for real credentials: command lines are visible to others."
        ),
    )
    parser.add_argument(
        "text",
        nargs="*",
        metavar="TEXT",
        help="the text (several words are joined with spaces); '-' or nothing reads stdin",
    )
    parser.add_argument(
        "--reveal", action="store_true", help="show passwords, tokens and proofs in the output"
    )
    add_common_options(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from smtp_gui.core.sasl.decode import decode_exchange
    from smtp_gui.core.sasl.report import report

    lang = lang_of(args)
    words: list[str] = args.text
    text = read_text_argument(" ".join(words) if words and words != ["-"] else None)
    exchange = decode_exchange(text)
    reveal = bool(args.reveal)
    emit(args, exchange.to_dict(lang, reveal=reveal), report(exchange, lang, reveal=reveal))
    return 0
