"""MTA-STS texts, parsed and judged: the ``_mta-sts`` TXT record and the policy file (RFC 8461).

Pure functions over text. The TXT record announces a policy and its id (RFC 8461 3.1); the
policy file says which MX hosts must offer valid TLS and how strictly (RFC 8461 3.2); an MX
pattern ``*.example.net`` covers exactly one label more (RFC 8461 4.1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from smtp_gui.core.checks.findings import problem
from smtp_gui.core.checks.status import Problem, Status
from smtp_gui.core.text.digits import parse_digits
from smtp_gui.core.text.taglist import DUPLICATE, parse_tag_list

TXT_RFC = "RFC 8461 3.1"
POLICY_RFC = "RFC 8461 3.2"
MODES = ("enforce", "testing", "none")
MAX_AGE_LIMIT = 31557600  # RFC 8461 3.2: about one year
SHORT_MAX_AGE = 86400
_ID = re.compile(r"[A-Za-z0-9]{1,32}")
_KEY = re.compile(r"[A-Za-z0-9_.\-]{1,32}")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_MX_PATTERN = re.compile(rf"(?:\*\.)?(?:{_LABEL}\.)+{_LABEL}\.?")


@dataclass(frozen=True, slots=True)
class StsRecord:
    text: str
    policy_id: str | None
    problems: tuple[Problem, ...]

    @property
    def valid(self) -> bool:
        return not any(p.severity is Status.FAIL for p in self.problems)


@dataclass(frozen=True, slots=True)
class StsPolicy:
    text: str
    version: str | None
    mode: str | None
    max_age: int | None
    mx: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def valid(self) -> bool:
        return not any(p.severity is Status.FAIL for p in self.problems)


def is_sts_record(text: str) -> bool:
    """RFC 8461 3.1: records that do not begin with ``v=STSv1;`` are discarded."""
    return text.startswith("v=STSv1")


def parse_sts_record(text: str) -> StsRecord:
    found: list[Problem] = []
    tags = parse_tag_list(text)
    first = tags.tags[0] if tags.tags else None
    if first is None or first.name != "v" or first.value != "STSv1":
        found.append(problem("mta_sts.txt_version", Status.FAIL, TXT_RFC))
    if tags.issues:
        kind = tags.issues[0]
        key = "mta_sts.txt_duplicate" if kind.kind == DUPLICATE else "mta_sts.txt_syntax"
        found.append(problem(key, Status.FAIL, TXT_RFC, text=kind.text[:40]))
    policy_id = tags.get("id")
    if policy_id is None:
        found.append(problem("mta_sts.txt_no_id", Status.FAIL, TXT_RFC))
    elif not _ID.fullmatch(policy_id):
        found.append(problem("mta_sts.txt_bad_id", Status.FAIL, TXT_RFC, id=policy_id[:40]))
    return StsRecord(text, policy_id, tuple(found))


def parse_sts_policy(text: str) -> StsPolicy:
    """The ``key: value`` lines of a policy file (CRLF or LF separated)."""
    found: list[Problem] = []
    values: dict[str, str] = {}
    mx: list[str] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not colon or not _KEY.fullmatch(key):
            found.append(
                problem(
                    "mta_sts.policy_syntax", Status.FAIL, POLICY_RFC, line=number, text=line[:60]
                )
            )
            continue
        if key == "mx":
            mx.append(value)
            if not _MX_PATTERN.fullmatch(value):
                found.append(
                    problem("mta_sts.policy_bad_mx", Status.FAIL, POLICY_RFC, value=value[:80])
                )
        elif key in values:
            found.append(problem("mta_sts.policy_repeated", Status.WARN, POLICY_RFC, field=key))
        else:
            values[key] = value
    version = values.get("version")
    if version != "STSv1":
        found.append(
            problem("mta_sts.policy_version", Status.FAIL, POLICY_RFC, value=version or "")
        )
    mode = values.get("mode")
    if mode not in MODES:
        found.append(problem("mta_sts.policy_mode", Status.FAIL, POLICY_RFC, value=mode or ""))
        mode = None
    max_age = _max_age(values.get("max_age"), found)
    if mode in ("enforce", "testing") and not mx:
        found.append(problem("mta_sts.policy_no_mx", Status.FAIL, POLICY_RFC))
    if mode == "testing":
        found.append(problem("mta_sts.policy_testing", Status.INFO, "RFC 8461 5"))
    elif mode == "none":
        found.append(problem("mta_sts.policy_none", Status.WARN, "RFC 8461 5"))
    return StsPolicy(
        text, version, mode, max_age, tuple(m.lower().rstrip(".") for m in mx), tuple(found)
    )


def _max_age(value: str | None, found: list[Problem]) -> int | None:
    seconds = parse_digits(value, max_digits=10) if value is not None else None
    if value is None or seconds is None:
        found.append(
            problem(
                "mta_sts.policy_max_age",
                Status.FAIL,
                POLICY_RFC,
                value=(value or "")[:20],
                limit=MAX_AGE_LIMIT,
            )
        )
        return None
    if seconds > MAX_AGE_LIMIT:
        found.append(
            problem(
                "mta_sts.policy_max_age", Status.FAIL, POLICY_RFC, value=value, limit=MAX_AGE_LIMIT
            )
        )
        return None
    if seconds < SHORT_MAX_AGE:
        found.append(problem("mta_sts.policy_short", Status.WARN, POLICY_RFC, seconds=seconds))
    return seconds


def mx_matches(pattern: str, host: str) -> bool:
    """RFC 8461 4.1: exact match, or ``*.`` standing for exactly one leftmost label."""
    pattern = pattern.lower().rstrip(".")
    host = host.lower().rstrip(".")
    if pattern.startswith("*."):
        head, _dot, rest = host.partition(".")
        return bool(head) and rest == pattern[2:]
    return host == pattern
