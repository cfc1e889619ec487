"""Status colours: every one readable (WCAG 2.1 AA, at least 4.5:1) on the light and the dark
palette's backgrounds, and chosen in ui/colours.py only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from smtp_gui.core.report.model import Severity
from smtp_gui.ui.colours import (
    CLASS_TONES,
    Tone,
    arrow_icon,
    class_colour,
    contrast_ratio,
    is_dark,
    mark_colour,
    severity_colour,
    status_colour,
)
from smtp_gui.ui.theme import scheme_palette

UI = Path(__file__).resolve().parents[2] / "smtp_gui" / "ui"
AA = 4.5
BACKGROUNDS = (QPalette.ColorRole.Base, QPalette.ColorRole.Window, QPalette.ColorRole.AlternateBase)


def _palettes() -> dict[str, QPalette]:
    return {
        "light": scheme_palette(dark=False),
        "dark": scheme_palette(dark=True),
        "default": QGuiApplication.palette(),  # Fusion's own, as the tests run
    }


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#777777", "#ffffff", 4.48)],
)
def test_contrast_ratio_is_wcag_s(first: str, second: str, ratio: float) -> None:
    assert contrast_ratio(QColor(first), QColor(second)) == pytest.approx(ratio, abs=0.01)


def test_palettes_are_what_they_say(qapp) -> None:  # type: ignore[no-untyped-def]
    palettes = _palettes()
    assert is_dark(palettes["dark"]) and not is_dark(palettes["light"])
    assert not is_dark(palettes["default"])


@pytest.mark.parametrize("scheme", ["light", "dark", "default"])
@pytest.mark.parametrize("tone", list(Tone))
def test_every_status_colour_reads_on_every_background(qapp, scheme: str, tone: Tone) -> None:  # type: ignore[no-untyped-def]
    palette = _palettes()[scheme]
    colour = status_colour(tone, palette)
    for role in BACKGROUNDS:
        ratio = contrast_ratio(colour, palette.color(role))
        assert ratio >= AA, (tone, scheme, role.name, colour.name(), round(ratio, 2))


@pytest.mark.parametrize("scheme", ["light", "dark", "default"])
def test_severities_classes_links_and_marks_read_too(qapp, scheme: str) -> None:  # type: ignore[no-untyped-def]
    palette = _palettes()[scheme]
    base = palette.color(QPalette.ColorRole.Base)
    for severity in Severity:
        assert contrast_ratio(severity_colour(severity, palette), base) >= AA
    for digit in CLASS_TONES:
        colour = class_colour(digit, palette)
        assert colour is not None and contrast_ratio(colour, base) >= AA
    assert class_colour(1, palette) is None
    # The input error's mark: the character keeps the box's text colour on it.
    text = palette.color(QPalette.ColorRole.Text)
    assert contrast_ratio(mark_colour(palette), text) >= AA
    if scheme != "default":  # our palettes' links; the platform chooses its own
        assert contrast_ratio(palette.color(QPalette.ColorRole.Link), base) >= AA


@pytest.mark.parametrize("dark", [False, True])
def test_the_advice_arrow_is_drawn_in_the_button_text_colour(qapp, dark: bool) -> None:  # type: ignore[no-untyped-def]
    palette = scheme_palette(dark)
    image = arrow_icon(palette).pixmap(20, 20).toImage()
    inked = [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    ]
    assert inked
    button = palette.color(QPalette.ColorRole.Button)
    assert all(contrast_ratio(c, button) >= AA for c in inked)


def test_no_colour_is_named_outside_the_colour_module() -> None:
    """Hex colours, named QColors and style sheets that set a colour live in colours.py
    (and the palettes in theme.py) only; everything else asks them or the palette."""
    pattern = re.compile(r"#[0-9a-fA-F]{6}\b|QColor\(\"|Qt\.GlobalColor|color:\s*#")
    found = []
    for path in UI.rglob("*.py"):
        if path.name in ("colours.py", "theme.py"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(UI)}:{number}: {line.strip()}")
    assert not found
