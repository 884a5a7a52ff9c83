"""``RenderTheme``: the colours and fonts rendered HTML is made for (light or dark).

A module of its own so the UI's theme can name it at start-up without importing the Markdown
renderer (and its XML, HTML and math modules) before any text is rendered (issue 16).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderTheme:
    dark: bool = False
    text_color: str = "#1a1a1a"
    highlight_background: str = "#ffe066"
    highlight_color: str = "#000000"
    code_style: str = ""  # Pygments style name; "" picks one for light or dark
    x_height: float = 7.0  # px, of the font the HTML is shown in (aligns inline math's baseline)

    @property
    def pygments_style(self) -> str:
        return self.code_style or ("monokai" if self.dark else "friendly")
