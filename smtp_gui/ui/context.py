"""What every pane is given: settings, the language controller and the light/dark theme."""

from __future__ import annotations

from dataclasses import dataclass, field

from smtp_gui.ui.language import LanguageController
from smtp_gui.ui.settings import Settings
from smtp_gui.ui.theme import ThemeController


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    language: LanguageController
    theme: ThemeController = field(default_factory=ThemeController)

    @property
    def lang(self) -> str:
        return self.language.current
