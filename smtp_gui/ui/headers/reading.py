"""Reading the Headers pane's input: a paste or a file's bytes read into a header analysis
(bad input as a value, so a worker can return it), whether the text is a bounce, and the text
a file shows in the editor (an Outlook .msg's transport headers, an mbox's first message)."""

from __future__ import annotations

from pathlib import Path

from smtp_gui.core.diagnose.analyse import decode_bytes
from smtp_gui.core.headers.analysis import HeaderAnalysis, analyse
from smtp_gui.core.headers.detect import is_bounce
from smtp_gui.core.headers.source import MAX_INPUT, read_source
from smtp_gui.core.text.errors import InputError

MAX_SHOWN = 1_000_000  # characters of a dropped file shown in the editor


def read_headers(data: str | bytes, name: str) -> tuple[HeaderAnalysis | InputError, bool]:
    """Run anywhere: the reading (bad input as a value) and whether the text is a bounce."""
    try:
        found: HeaderAnalysis | InputError = analyse(data, name)
    except InputError as error:
        found = error
    text = data if isinstance(data, str) else ""
    if isinstance(found, HeaderAnalysis):
        text = found.source.text
    return found, bool(text) and is_bounce(text)


def load_file(path: str) -> tuple[bytes, str]:
    """The file's bytes (up to one past the limit, so the reading can refuse it) and the text
    to show for them; OSError when it cannot be read."""
    with Path(path).open("rb") as handle:
        data = handle.read(MAX_INPUT + 1)
    try:
        text = read_source(data, Path(path).name).text
    except InputError:
        text = decode_bytes(data[: MAX_SHOWN * 4])
    return data, text[:MAX_SHOWN]
