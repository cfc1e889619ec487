"""The window's language: Qt translators for UI strings, and the language of catalogue content."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from smtp_gui.core.resources import resource_path
from smtp_gui.core.text.bilingual import normalize_lang

LANGUAGES = (("en", "English"), ("zh", "简体中文"))


class LanguageController(QObject):
    """Installs the translators for ``en`` or ``zh`` and says when the language changed.

    Installing a translator makes Qt send a LanguageChange event to every widget, which
    re-runs their ``retranslate()``; ``language_changed`` tells panes to re-render content.
    """

    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lang = "en"
        # Keep Python references: a collected QTranslator silently stops translating.
        self._translators: list[QTranslator] = []

    @property
    def current(self) -> str:
        return self._lang

    @staticmethod
    def system_language() -> str:
        return normalize_lang(QLocale.system().name())

    def set_language(self, lang: str) -> None:
        lang = normalize_lang(lang)
        app = QCoreApplication.instance()
        changed = lang != self._lang
        self._lang = lang
        if app is not None:
            for translator in self._translators:
                app.removeTranslator(translator)
            self._translators.clear()
            if lang == "zh":
                self._install(app, "smtp_gui_zh_CN", str(resource_path("translations")))
                self._install(
                    app,
                    "qtbase_zh_CN",
                    QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
                )
        if changed:
            self.language_changed.emit(lang)

    def _install(self, app: QCoreApplication, name: str, folder: str) -> None:
        translator = QTranslator(self)
        if translator.load(name, folder):
            app.installTranslator(translator)
            self._translators.append(translator)
