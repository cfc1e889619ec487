"""What every pane is given: settings and the language controller."""

from __future__ import annotations

from dataclasses import dataclass

from smtp_gui.ui.language import LanguageController
from smtp_gui.ui.settings import Settings


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    language: LanguageController

    @property
    def lang(self) -> str:
        return self.language.current
