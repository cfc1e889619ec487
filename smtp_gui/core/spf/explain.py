"""The explanation string of a fail result (RFC 7208 6.2).

Fetched after the result is known, so its lookup never counts against the limits
(RFC 7208 4.6.4); any problem fetching or expanding it means "no explanation".
"""

from __future__ import annotations

from smtp_gui.core.spf.lookups import CheckHostError, SpfSession, dns_text
from smtp_gui.core.spf.macros import (
    ALL_LETTERS,
    MacroContext,
    expand,
    parse_macro_string,
    to_domain,
)
from smtp_gui.core.spf.record import Modifier
from smtp_gui.core.spf.trace import EntryBuilder
from smtp_gui.core.text.errors import InputError
from smtp_gui.core.text.messages import Note

MAX_EXPLANATION = 1024  # our cap on the TXT text and on its expansion


def explain(
    session: SpfSession, ctx: MacroContext, modifier: Modifier, entry: EntryBuilder
) -> str | None:
    """The expanded exp= text, or None (and a note on ``entry`` saying why)."""
    try:
        target = to_domain(expand(modifier.value, ctx))
        entry.target = target
        name = dns_text(target)
        if name is None:
            entry.note = Note("spf.trace.invalid_target", {"target": target})
            return None
        found, query = session.query(name, "TXT")
        entry.queries.append(query)
        # RFC 7208 6.2: a DNS error, no record or several records: no explanation
        if len(found.raw_txt) != 1:
            entry.note = Note("spf.trace.exp_unusable", {"count": len(found.raw_txt)})
            return None
        data = b"".join(found.raw_txt[0])
        if not data.isascii() or len(data) > MAX_EXPLANATION:
            # RFC 7208 6.2: the explanation string is 7-bit ASCII
            entry.note = Note("spf.trace.exp_not_ascii")
            return None
        text = parse_macro_string(data.decode("ascii"), letters=ALL_LETTERS, spaces=True)
        explanation = expand(text, ctx)[:MAX_EXPLANATION]
    except InputError as error:
        # RFC 7208 6.2: a syntax error in the explanation string: no explanation
        entry.note = Note("spf.trace.exp_syntax", {"column": (error.position or 0) + 1})
        return None
    except CheckHostError as abort:  # the time limit ran out, or %{p} could not be looked up
        entry.note = abort.note
        return None
    entry.matched = True
    return explanation
