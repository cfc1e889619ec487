"""One small typed wrapper over an injected QSettings; defaults in one table.

Only preferences live here (language, window geometry, last codes compared, resolver).
Nothing the user pastes or decodes is ever stored: no secrets, no history of payloads.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings

_DEFAULTS: dict[str, Any] = {
    "language": "",  # "" = follow the system locale
    "window/geometry": QByteArray(),
    "compare/left": "334",
    "compare/right": "554",
    "checks/nameservers": "",
    "checks/timeout": 3.0,
}


class Settings:
    """Typed access to the app's preferences."""

    def __init__(self, backend: QSettings) -> None:
        self._backend = backend

    @property
    def backend(self) -> QSettings:
        return self._backend

    def _get(self, key: str) -> Any:
        default = _DEFAULTS[key]
        value = self._backend.value(key, default)
        if isinstance(default, float):
            try:
                return float(value)
            except (TypeError, ValueError):
                return default
        if isinstance(default, str):
            return value if isinstance(value, str) else default
        return value

    def _set(self, key: str, value: Any) -> None:
        if key not in _DEFAULTS:
            raise KeyError(key)
        self._backend.setValue(key, value)

    @property
    def language(self) -> str:
        return str(self._get("language"))

    @language.setter
    def language(self, value: str) -> None:
        self._set("language", value)

    @property
    def geometry(self) -> QByteArray:
        value = self._get("window/geometry")
        return value if isinstance(value, QByteArray) else QByteArray()

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._set("window/geometry", value)

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

    def sync(self) -> None:
        self._backend.sync()
