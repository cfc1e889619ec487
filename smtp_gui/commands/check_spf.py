"""``smtp-gui check spf DOMAIN [--ip IP] [--sender S] [--helo H]``: RFC 7208 evaluation.

With ``--ip`` the record is evaluated for that client (result, explanation, lookups, void
lookups and the trace of every term); without it, the record is analysed (syntax, lookups
through every include, warnings). Each query waits at most ``--timeout``; the whole command
ends within 3 x ``--timeout`` (README "Time limits"), the evaluation and the analysis
sharing that time and each answer.
"""

from __future__ import annotations

import argparse
from typing import Any

from smtp_gui.commands.check import resolver_config_of
from smtp_gui.commands.common import emit, lang_of


def add_parser(kinds: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = kinds.add_parser(
        "spf", help="evaluate a domain's SPF record (RFC 7208) for an IP, or analyse it"
    )
    parser.add_argument("domain", metavar="DOMAIN", help="the domain whose SPF record to check")
    parser.add_argument("--ip", help="the client IP to evaluate (without it: static analysis)")
    parser.add_argument("--sender", help="MAIL FROM address (default postmaster@DOMAIN)")
    parser.add_argument("--helo", help="HELO/EHLO name for %%{h} (default DOMAIN)")
    parser.set_defaults(handler=_run)
    return parser


def _run(args: argparse.Namespace) -> int:
    from smtp_gui.core.deadline import DOMAIN_FACTOR, Deadline
    from smtp_gui.core.dns.deadline_resolver import with_deadline
    from smtp_gui.core.dns.lookup import Lookup
    from smtp_gui.core.dns.resolver import build_resolver
    from smtp_gui.core.spf.analysis import analyze
    from smtp_gui.core.spf.evaluate import check_host
    from smtp_gui.core.spf.lookups import is_checkable_domain
    from smtp_gui.core.spf.report import spf_report
    from smtp_gui.core.text.errors import input_error

    lang = lang_of(args)
    domain = args.domain.strip().rstrip(".")
    if not is_checkable_domain(domain):
        raise input_error("spf.bad_domain", value=args.domain)
    config = resolver_config_of(args)
    # One deadline for the whole command, carried by the resolver into every query.
    deadline = Deadline.after(DOMAIN_FACTOR * config.timeout)
    resolver = with_deadline(build_resolver(config), deadline)
    where = config.describe()
    answers: dict[tuple[str, str], Lookup] = {}  # each question asked once per command
    if args.ip is None:
        analysis = analyze(domain, resolver, answers=answers)
        data: dict[str, Any] = {
            "domain": domain,
            "result": None,
            "explanation": None,
            "lookups": analysis.lookups,
            "void_lookups": analysis.void_lookups,
            "trace": [],
            "record": analysis.record,
            "analysis": analysis.to_dict(lang),
            "resolver": where,
        }
        emit(args, data, spf_report(analysis, where, lang))
        return 0
    sender = args.sender or f"postmaster@{domain}"
    evaluation = check_host(resolver, args.ip, domain, sender, args.helo or domain, answers=answers)
    analysis = analyze(domain, resolver, answers=answers)
    data = evaluation.to_dict(lang)
    data["analysis"] = analysis.to_dict(lang)
    data["problems"] = [p.text(lang) for p in analysis.problems]
    data["resolver"] = where
    emit(args, data, spf_report(analysis, where, lang, evaluation))
    return 0
