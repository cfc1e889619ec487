"""What the user typed for a probe, checked before anything is sent.

Every value ends up in an SMTP command line, so none may contain CR, LF or other control
characters (a bare CRLF would let a value inject a command: RFC 5321 2.3.8).
"""

from __future__ import annotations

import dataclasses
import re

from smtp_gui.core.probe.model import AUTH_MECHANISMS, ProbeOptions
from smtp_gui.core.probe.target import is_ip, normalize_target
from smtp_gui.core.probe.tls_facts import check_ca_file
from smtp_gui.core.text.errors import input_error

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# RFC 5321 4.1.2: Domain / address-literal for EHLO; a loose check, the server judges the rest.
_HELO = re.compile(r"[^\s<>()\\\",;]{1,255}\Z")
# A mailbox as typed: local@domain, no spaces or angle brackets (they are added).
_MAILBOX = re.compile(r"[^\s<>]{1,254}@[^\s<>@]{1,253}\Z")
MAX_TIMEOUT = 300.0


def _utf8(field: str, value: str | None) -> None:
    """Every value is sent as UTF-8; a lone surrogate (bytes that were not UTF-8, read with
    surrogateescape from argv, a terminal or stdin) cannot be, so it is refused here."""
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise input_error("probe.not_utf8", field=field) from None


def _clean(field: str, value: str | None) -> str | None:
    if value is None:
        return None
    _utf8(field, value)
    value = value.strip()
    if _CONTROL.search(value):
        raise input_error("probe.control_character", field=field)
    return value


def _mailbox(field: str, value: str | None, *, empty_ok: bool) -> str | None:
    value = _clean(field, value)
    if value is None:
        return None
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1].strip()
    if not value:
        if empty_ok:
            return ""  # RFC 5321 4.5.5: the null reverse-path <>
        raise input_error("probe.bad_address", field=field, value=value)
    if not _MAILBOX.match(value):
        raise input_error("probe.bad_address", field=field, value=value)
    return value


def checked_options(options: ProbeOptions) -> ProbeOptions:
    """``options`` normalised, or InputError naming what is wrong; nothing is sent before
    every value has passed (the CA file is loaded here, not after STARTTLS)."""
    _utf8("target", options.target)
    target = normalize_target(options.target)
    if not 0 < options.port < 65536:
        raise input_error("probe.bad_port", port=options.port)
    if not 0 < options.timeout <= MAX_TIMEOUT:
        raise input_error("probe.bad_timeout", value=options.timeout, limit=int(MAX_TIMEOUT))
    helo = _clean("HELO", options.helo) or None
    if helo is not None and not (_HELO.match(helo) or is_ip(helo.strip("[]"))):
        raise input_error("probe.bad_helo", value=helo)
    mail_from = _mailbox("MAIL FROM", options.mail_from, empty_ok=True)
    rcpt_to = _mailbox("RCPT TO", options.rcpt_to, empty_ok=False) if options.rcpt_to else None
    auth = (options.auth or "").strip().upper() or None
    user = _clean("user", options.user)
    password = options.password
    if auth is not None:
        if auth not in AUTH_MECHANISMS:
            raise input_error(
                "probe.bad_mechanism", mechanism=auth[:40], known=", ".join(AUTH_MECHANISMS)
            )
        if not user:
            raise input_error("probe.auth_needs_user", mechanism=auth)
        if password is None:
            raise input_error("probe.auth_needs_password", mechanism=auth)
        _utf8("password", password)
        if "\0" in user or "\0" in password or "\x01" in user or "\x01" in password:
            raise input_error("probe.control_character", field="AUTH")
    # options.resolver was checked where it was made (core.dns.config.resolver_config).
    if options.ca_file is not None:
        check_ca_file(options.ca_file)
    return dataclasses.replace(
        options,
        target=target,
        helo=helo,
        mail_from=mail_from,
        rcpt_to=rcpt_to,
        auth=auth,
        user=user if auth else None,
        password=password if auth else None,
    )
