"""When the Diagnose pane offers "Analyze headers": the paste is a message's headers, and no
bounce or delay warning (those are the Diagnose pane's own work)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from smtp_gui.core.diagnose.diagnosis import Diagnosis


def offers_headers(diagnosis: Diagnosis | None, text: str) -> bool:
    """True when ``text`` (diagnosed as ``diagnosis``) is better read by the Headers pane.
    The diagnosis and header code load with the first diagnosis, not at start-up (the
    empty pane of the first paint has none: nothing to offer, nothing to import)."""
    if diagnosis is None or diagnosis.primary is not None:
        return False
    from smtp_gui.core.diagnose.notice import NoticeKind
    from smtp_gui.core.headers.detect import looks_like_headers

    notice = diagnosis.notice.kind
    return notice not in (NoticeKind.BOUNCE, NoticeKind.DELAY) and looks_like_headers(text)
