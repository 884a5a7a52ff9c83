"""Canvas colours: the paper, the theme's ink, the grid, and the palette the user picks from.

Items store colours as strings (``core.board_model``): ``ink`` follows the theme (near-black
on light paper, near-white on dark paper) so a board drawn in one palette reads in the other;
``#rrggbb`` and ``#rrggbbaa`` are fixed colours (Qt's own ``#aarrggbb`` order is avoided).
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from mlprep_desktop.core.board_model import INK
from mlprep_desktop.ui.theme import is_dark

# Eight colours that read on both light and dark paper, ink first.
PALETTE: tuple[tuple[str, str], ...] = (
    (INK, "Ink"),
    ("#e03131", "Red"),
    ("#f08c00", "Orange"),
    ("#fcc419", "Yellow"),
    ("#2f9e44", "Green"),
    ("#1971c2", "Blue"),
    ("#9c36b5", "Violet"),
    ("#868e96", "Grey"),
)
HIGHLIGHTER_ALPHA = 110
TINT_ALPHA = 0x40


@dataclass(frozen=True)
class CanvasTheme:
    dark: bool
    ink: QColor
    paper: QColor
    grid: QColor
    accent: QColor

    @classmethod
    def light(cls) -> CanvasTheme:
        return cls(False, QColor("#1e1e1e"), QColor("#ffffff"), QColor("#dde1e6"), QColor("#1971c2"))

    @classmethod
    def dark_theme(cls) -> CanvasTheme:
        return cls(True, QColor("#e9ecef"), QColor("#1f2226"), QColor("#353a40"), QColor("#74c0fc"))

    @classmethod
    def from_palette(cls, palette: QPalette) -> CanvasTheme:
        return cls.dark_theme() if is_dark(palette) else cls.light()


def qcolor(value: str | None, theme: CanvasTheme) -> QColor:
    """The QColor for a stored colour string (``ink``, ``#rrggbb`` or ``#rrggbbaa``)."""
    if not value:
        return QColor(0, 0, 0, 0)
    if value == INK:
        return QColor(theme.ink)
    text = value.lstrip("#")
    try:
        r, g, b = int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)
        a = int(text[6:8], 16) if len(text) == 8 else 255
    except ValueError:
        return QColor(theme.ink)
    return QColor(r, g, b, a)


def color_string(color: QColor) -> str:
    """A QColor as the stored form (``#rrggbb``, or ``#rrggbbaa`` when not opaque)."""
    base = f"#{color.red():02x}{color.green():02x}{color.blue():02x}"
    return base if color.alpha() == 255 else base + f"{color.alpha():02x}"


def fill_for(mode: str, color: str) -> str | None:
    """The stored fill for a fill mode: "none", "tint" (the colour, faint) or "solid"."""
    if mode == "solid":
        return color
    if mode == "tint":
        base = "#868e96" if color == INK else color[:7]
        return f"{base}{TINT_ALPHA:02x}"
    return None


def fill_mode(fill: str | None) -> str:
    if not fill:
        return "none"
    return "tint" if len(fill) == 9 and int(fill[7:9], 16) < 255 else "solid"
