"""``smtp-gui probe HOST|DOMAIN``: a live SMTP dialogue up to RCPT TO, never DATA.

The password is never an argument: it is read from the terminal (no echo) or, with
``--password-stdin``, from the first line of standard input. Exit status: 0 when everything
asked for was accepted, 1 when the server refused something or could not be reached,
2 for bad input.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Sequence
from typing import Any

from smtp_gui.commands.common import (
    UsageError,
    add_common_options,
    emit,
    flush_out,
    lang_of,
    output_format,
    read_stdin_line,
    stdin_is_terminal,
    write_text,
)
from smtp_gui.core.text.messages import message_text


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "probe",
        help="talk SMTP to a server up to RCPT TO (never DATA) and explain every reply",
        description="Connect to HOST (or to the MX hosts of DOMAIN on port 25), read the "
        "greeting, EHLO, STARTTLS, AUTH, MAIL FROM and RCPT TO, then RSET and QUIT. "
        "Nothing is ever sent with DATA. Exit status 0: accepted; 1: refused or failed; "
        "2: bad input.",
    )
    parser.add_argument("target", metavar="HOST|DOMAIN", help="host name, IP address or domain")
    parser.add_argument(
        "--port", type=int, default=25, metavar="N", help="TCP port (default: %(default)s)"
    )
    parser.add_argument(
        "--tls",
        choices=("auto", "starttls", "implicit", "none"),
        default="auto",
        help="auto (default): implicit TLS on 465, else STARTTLS when offered; starttls: "
        "required; implicit: TLS from the first byte; none: plain text (AUTH allowed)",
    )
    parser.add_argument("--helo", metavar="H", help="name for EHLO/HELO (default: this host)")
    parser.add_argument("--from", dest="mail_from", metavar="A", help="MAIL FROM address")
    parser.add_argument("--to", dest="rcpt_to", metavar="A", help="RCPT TO address")
    parser.add_argument(
        "--auth",
        metavar="MECH",
        type=str.upper,
        choices=("PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2"),
        help="authenticate with PLAIN, LOGIN, CRAM-MD5 or XOAUTH2 (needs --user)",
    )
    parser.add_argument("--user", metavar="U", help="user name for --auth")
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password (XOAUTH2: the token) from the first line of standard input; "
        "otherwise it is asked for on the terminal",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="S",
        help="seconds each step may wait (default: %(default)s); the whole probe, every step "
        "and MX host included, ends within 3x this",
    )
    parser.add_argument(
        "--insecure",
        action="store_true",
        help="continue when the certificate does not validate (it is still reported)",
    )
    parser.add_argument("--cafile", metavar="PATH", help="trust only the CA certificates in PATH")
    parser.add_argument(
        "--mx",
        choices=("auto", "yes", "no"),
        default="auto",
        help="look up the MX hosts of a domain: auto (default) = on port 25",
    )
    parser.add_argument(
        "--nameserver",
        action="append",
        default=[],
        metavar="HOST[:PORT]",
        help="nameserver for the MX lookup (repeatable); default: the system's",
    )
    parser.add_argument(
        "--reveal", action="store_true", help="show secrets in the transcript and JSON"
    )
    add_common_options(parser)
    parser.set_defaults(handler=_run)


def password_on_command_line(words: Sequence[str]) -> bool:
    """Whether ``words`` try to give the password as an argument (``--password S``,
    ``--password=S``, ``--pass S``, ``-pS``). Checked before argparse, whose errors repeat
    the words after an unknown option, and which would read ``--password`` as an
    abbreviation of ``--password-stdin`` (making the password the target)."""
    for word in words:
        if word == "--":
            break
        name = word.split("=", 1)[0]
        if name.startswith("--pass") and not name.startswith("--password-"):
            return True
        if name.startswith("-p") and not name.startswith("--"):
            return True
    return False


def _password(args: argparse.Namespace, lang: str) -> str | None:
    if args.auth is None:
        if args.password_stdin or args.user:
            raise UsageError(message_text("probe.auth_without_mechanism", lang))
        return None
    if args.password_stdin:
        try:  # a password that is not UTF-8 is refused before any packet
            return read_stdin_line("cli.stdin_closed_password")
        except UnicodeDecodeError:
            raise UsageError(
                message_text("probe.not_utf8", lang, field="--password-stdin")
            ) from None
    if stdin_is_terminal():
        import getpass

        prompt = message_text(
            "probe.password_on_terminal", lang, user=args.user or "?", mechanism=args.auth
        )
        return getpass.getpass(prompt)
    raise UsageError(message_text("probe.password_missing", lang))


def _run(args: argparse.Namespace) -> int:
    from smtp_gui.core.dns.config import MAX_TIMEOUT, resolver_config
    from smtp_gui.core.probe.input import checked_options
    from smtp_gui.core.probe.model import MxMode, ProbeOptions, ProbeStep, TlsMode
    from smtp_gui.core.probe.report import probe_report, step_lines
    from smtp_gui.core.probe.run import run_probe
    from smtp_gui.core.report.text import render_text
    from smtp_gui.core.text.errors import input_error

    lang = lang_of(args)
    options = ProbeOptions(
        target=args.target,
        port=args.port,
        tls=TlsMode(args.tls),
        helo=args.helo,
        mail_from=args.mail_from,
        rcpt_to=args.rcpt_to,
        auth=args.auth,
        user=args.user,
        password=None,
        timeout=args.timeout,
        insecure=args.insecure,
        ca_file=args.cafile,
        mx=MxMode(args.mx),
    )
    # Check everything else before asking for the password.
    checked_options(dataclasses.replace(options, auth=None))
    if args.nameserver:  # the MX lookup's nameservers; each query within the step timeout
        config = resolver_config(args.nameserver, min(options.timeout, MAX_TIMEOUT))
        options = dataclasses.replace(options, resolver=config)
    if args.auth and not args.user:
        raise input_error("probe.auth_needs_user", mechanism=args.auth)
    options = dataclasses.replace(options, password=_password(args, lang))

    streamed = output_format(args) == "text"  # Markdown and HTML come whole, at the end

    def stream(step: ProbeStep) -> None:
        if streamed:
            for line in step_lines(step, lang, args.reveal):
                write_text(line + "\n")
            flush_out()

    try:
        result = run_probe(options, on_step=stream)
    except KeyboardInterrupt:
        return 130
    if streamed:
        # The transcript was streamed above, line by line: the report without it follows.
        report = probe_report(result, lang, args.reveal, with_transcript=False)
        write_text("\n" + render_text(report))
    else:
        data = result.to_dict(lang, reveal=args.reveal)
        emit(args, data, probe_report(result, lang, args.reveal))
    return 0 if result.ok else 1
