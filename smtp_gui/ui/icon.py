"""The app's icon (resources/icons, rendered from its SVG by scripts/render_icons.py)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from smtp_gui.core.resources import resource_path

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """Every rendered size; Qt reads a file only when a size is asked for (no SVG plugin)."""
    icon = QIcon()
    for size in SIZES:
        icon.addFile(str(resource_path("icons", f"smtp-gui-{size}.png")), QSize(size, size))
    return icon
