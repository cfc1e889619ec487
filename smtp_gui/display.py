"""Can Qt open a window here? Checked before Qt tries, because Qt aborts (exit 134) instead.

Without a display, or with a library its X11 (xcb) plugin needs missing, Qt prints a hint
about ``libxcb-cursor0`` whatever the real cause was and calls ``abort()``. This module finds
the real cause first, without importing Qt, so that the app can say it in one line.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

# Qt's xcb platform plugin links these (readelf -d on PySide6's libqxcb.so and
# libQt6XcbQpa.so.6), with the Debian/Ubuntu package that ships each.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}

# Platform plugins that need a display server; any other (offscreen, minimal, vnc, eglfs,
# linuxfb, ...) is the user's explicit choice and left to Qt.
_X11 = ("xcb",)
_WAYLAND = ("wayland", "wayland-egl", "wayland-brcm")


@dataclass(frozen=True)
class DisplayProblem:
    """Why no window can open: a message key of resources/messages, its parameters, and for
    ``display.none`` the key and parameters of the reason."""

    key: str
    params: dict[str, str] = field(default_factory=dict)
    reason: str | None = None
    reason_params: dict[str, str] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        from smtp_gui.core.text.messages import message_text

        params = dict(self.params)
        if self.reason is not None:
            params["reason"] = message_text(self.reason, lang, **self.reason_params)
        return message_text(self.key, lang, **params)


def _echoed(value: str) -> str:
    from smtp_gui.core.text.safe_text import echoed

    return echoed(value)


def _loads(name: str) -> bool:
    """Whether the dynamic linker can load the shared library ``name``."""
    import ctypes

    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def _x_display_opens(display: str) -> bool:
    """Whether libxcb can connect to ``display`` (an X server that is there and lets us in)."""
    import ctypes

    xcb = ctypes.CDLL("libxcb.so.1")
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = (ctypes.c_char_p, ctypes.c_void_p)
    xcb.xcb_connection_has_error.argtypes = (ctypes.c_void_p,)
    xcb.xcb_disconnect.argtypes = (ctypes.c_void_p,)
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        # xcb_connect never returns NULL: a failed connection is an object in an error state.
        return bool(connection) and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection:
            xcb.xcb_disconnect(connection)


def missing_xcb_packages(loads: Callable[[str], bool] = _loads) -> dict[str, str]:
    """The xcb plugin's libraries that do not load, each with its Debian package."""
    return {lib: package for lib, package in XCB_LIBRARIES.items() if not loads(lib)}


def display_problem(
    environ: Mapping[str, str],
    *,
    platform: str = sys.platform,
    loads: Callable[[str], bool] = _loads,
    x_display_opens: Callable[[str], bool] = _x_display_opens,
) -> DisplayProblem | None:
    """Why Qt could not open a window with this environment, or None when it should."""
    if platform.startswith(("win", "darwin", "cygwin")):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    # QT_QPA_PLATFORM is a ';'-separated list tried in order; options follow a ':'.
    names = [part.split(":", 1)[0].strip() for part in chosen.split(";") if part.strip()]
    if any(name not in _X11 + _WAYLAND for name in names):
        return None
    x11_allowed = not names or any(name in _X11 for name in names)
    wayland_allowed = not names or any(name in _WAYLAND for name in names)
    x11 = x11_allowed and bool(environ.get("DISPLAY"))
    wayland = wayland_allowed and bool(environ.get("WAYLAND_DISPLAY"))
    if not x11 and not wayland:
        if x11_allowed and wayland_allowed:
            return DisplayProblem("display.none", reason="display.reason_unset")
        needs = "DISPLAY" if x11_allowed else "WAYLAND_DISPLAY"
        return DisplayProblem(
            "display.none",
            reason="display.reason_platform_needs",
            reason_params={"platform": _echoed(chosen), "variable": needs},
        )
    if wayland:
        return None  # Qt may go either way; the Wayland plugin needs none of the xcb libraries
    missing = missing_xcb_packages(loads)
    if missing:
        return DisplayProblem(
            "display.missing_libraries",
            {"libraries": ", ".join(missing), "packages": " ".join(sorted(set(missing.values())))},
        )
    display = environ["DISPLAY"]
    if not x_display_opens(display):
        return DisplayProblem(
            "display.none",
            reason="display.reason_unreachable",
            reason_params={"display": _echoed(display)},
        )
    return None
