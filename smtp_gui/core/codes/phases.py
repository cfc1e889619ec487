"""The SMTP phase a reply answered (RFC 5321 3.1-3.3, 4.3.2), named as in the catalogue."""

from __future__ import annotations

from enum import Enum

from smtp_gui.core.codes.taxonomy import phase_name
from smtp_gui.core.text.bilingual import Text


class Phase(Enum):
    """Values are the catalogue's phase ids (``resources/catalogue/taxonomy.json``)."""

    GREETING = "greeting"
    EHLO = "ehlo"
    STARTTLS = "starttls"
    AUTH = "auth"
    MAIL = "mail"
    RCPT = "rcpt"
    DATA = "data"
    END_OF_DATA = "end-of-data"
    BDAT = "bdat"
    QUIT = "quit"
    OTHER = "other"

    def title(self) -> Text:
        """The phase's name in both languages, from the catalogue's taxonomy."""
        return phase_name(self.value)
