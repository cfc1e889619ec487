"""The failed-recipients section of the diagnosis report: a table of every recipient with
its own reply, shown when a bounce names more than one."""

from __future__ import annotations

from smtp_gui.core.diagnose.diagnosis import Diagnosis
from smtp_gui.core.diagnose.recipients import FailedRecipient
from smtp_gui.core.report import Block, Heading, Inline, Outside, Table
from smtp_gui.core.text.messages import message

MAX_ROWS = 50
MAX_TEXT = 120  # characters of a reply's text in a cell


def _label(key: str, **params: object) -> Inline:
    return message(f"diagnose.recipients.{key}", **params)


def _reply(item: FailedRecipient) -> Inline:
    reply = item.reply
    if reply is None:
        return _label("no_code")
    text = reply.text if len(reply.text) <= MAX_TEXT else reply.text[:MAX_TEXT] + "…"
    code = reply.code
    return Outside(f"{code} {text}".strip() if code else text)


def recipients_section(diagnosis: Diagnosis, lang: str) -> list[Block]:
    """A heading and a table (recipient, reply, outcome) when more than one recipient failed."""
    del lang  # the blocks hold bilingual text; the renderer picks the language
    items = diagnosis.recipients
    if len(items) < 2:
        return []
    rows: list[tuple[Inline, ...]] = [
        (Outside(item.address), _reply(item), _label(item.action)) for item in items[:MAX_ROWS]
    ]
    if len(items) > MAX_ROWS:
        rows.append((_label("more", count=len(items) - MAX_ROWS), "", ""))
    header = (_label("address"), _label("reply"), _label("outcome"))
    return [Heading(_label("heading", count=len(items))), Table(header, tuple(rows))]
