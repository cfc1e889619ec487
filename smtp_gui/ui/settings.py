"""One small typed wrapper over an injected QSettings; defaults in one table.

Only preferences live here (language, light or dark, window geometry, last codes compared,
resolver).
Nothing the user pastes or decodes is ever stored: no secrets, no history of payloads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from smtp_gui.core.dns.config import (
    DEFAULT_TIMEOUT,
    ResolverConfig,
    parse_timeout,
    resolver_config,
)
from smtp_gui.core.text.errors import InputError

_DEFAULTS: dict[str, Any] = {
    "language": "",  # "" = follow the system locale
    "view/colour_scheme": "system",  # or "light", "dark" (ui/theme.py: Scheme)
    "window/geometry": QByteArray(),
    "window/pane": "",  # the tab open at the last close, kept only when it was not Diagnose
    "compare/left": "334",
    "compare/right": "554",
    "checks/nameservers": "",
    "checks/timeout": DEFAULT_TIMEOUT,
}

# Numbers read back from the file pass the same checks as the user's input: a hand-edited
# "timeout=nan" (or inf, -1, 1e999, text) is the default, never whatever a widget clamps it to.
_SCHEMES = ("system", "light", "dark")

_CHECKS: dict[str, Callable[[Any], Any]] = {
    "checks/timeout": parse_timeout,
}


class Settings(QObject):
    """Typed access to the app's preferences."""

    # Emitted once, the first time a preference could not be written (QSettings.AccessError:
    # the settings folder is a file, or read-only); the window says so.
    save_failed = Signal()

    def __init__(self, backend: QSettings) -> None:
        super().__init__()
        self._backend = backend
        self._save_failed = False

    @property
    def backend(self) -> QSettings:
        return self._backend

    @property
    def unsaved(self) -> bool:
        """True once a preference could not be written to the settings file."""
        return self._save_failed

    def _get(self, key: str) -> Any:
        default = _DEFAULTS[key]
        value = self._backend.value(key, default)
        check = _CHECKS.get(key)
        if check is not None:
            try:
                return check(value)
            except InputError:
                return default
        if isinstance(default, str):
            return value if isinstance(value, str) else default
        return value

    def _set(self, key: str, value: Any) -> None:
        if key not in _DEFAULTS:
            raise KeyError(key)
        self._backend.setValue(key, value)
        self.sync()

    @property
    def language(self) -> str:
        return str(self._get("language"))

    @language.setter
    def language(self, value: str) -> None:
        self._set("language", value)

    @property
    def colour_scheme(self) -> str:
        value = str(self._get("view/colour_scheme"))
        return value if value in _SCHEMES else "system"  # a hand-edited file

    @colour_scheme.setter
    def colour_scheme(self, value: str) -> None:
        self._set("view/colour_scheme", value)

    @property
    def geometry(self) -> QByteArray:
        value = self._get("window/geometry")
        return value if isinstance(value, QByteArray) else QByteArray()

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._set("window/geometry", value)

    @property
    def last_pane(self) -> str:
        """The tab to open on (a pane's attribute name); "" opens the first pane."""
        return str(self._get("window/pane"))

    @last_pane.setter
    def last_pane(self, value: str) -> None:
        self._set("window/pane", value)

    @property
    def compare_codes(self) -> tuple[str, str]:
        return str(self._get("compare/left")), str(self._get("compare/right"))

    @compare_codes.setter
    def compare_codes(self, value: tuple[str, str]) -> None:
        self._set("compare/left", value[0])
        self._set("compare/right", value[1])

    @property
    def nameservers(self) -> str:
        return str(self._get("checks/nameservers"))

    @nameservers.setter
    def nameservers(self, value: str) -> None:
        self._set("checks/nameservers", value)

    @property
    def timeout(self) -> float:
        return float(self._get("checks/timeout"))

    @timeout.setter
    def timeout(self, value: float) -> None:
        self._set("checks/timeout", float(value))

    def resolver_config(self) -> ResolverConfig:
        """The resolver every DNS question of the window asks (the checks pane's fields, as
        last typed there): the checks, and the probe's MX lookup. InputError if the file
        holds a nameserver that is not one."""
        return resolver_config(self.nameservers, self.timeout)

    def sync(self) -> None:
        """Write now, and report (once) a file that cannot be written."""
        self._backend.sync()
        failed = self._backend.status() == QSettings.Status.AccessError
        if failed and not self._save_failed:
            self._save_failed = True
            self.save_failed.emit()
