"""Each tool's current style: colour, stroke width, fill for closed shapes, text size.

Tools keep their own style (the highlighter stays yellow while the pen draws in ink); the
select tool's style mirrors the item last selected, so the style row shows what it has.
"""
from __future__ import annotations

from dataclasses import dataclass

from mlprep_desktop.core.board_model import INK, BoardItem, Shape, Stroke, Text
from mlprep_desktop.ui.whiteboard.board_theme import fill_mode


@dataclass
class ToolStyle:
    color: str = INK
    width: float = 3.0
    fill: str = "none"  # fill mode for closed shapes: none | tint | solid
    text_size: float = 22.0


class StyleBook:
    def __init__(self) -> None:
        self._styles = {name: ToolStyle(INK, 2.0) for name in ("select", "line", "arrow", "rect", "ellipse", "text")}
        self._styles["pen"] = ToolStyle(INK, 3.5)
        self._styles["highlighter"] = ToolStyle("#fcc419", 3.5)

    def style(self, tool: str) -> ToolStyle:
        return self._styles.setdefault(tool, ToolStyle())

    def update(self, tool: str, **changes) -> ToolStyle:
        """Change ``color``, ``width``, ``fill`` (a mode) or ``size`` of a tool's style."""
        style = self.style(tool)
        for key, value in changes.items():
            setattr(style, "text_size" if key == "size" else key, value)
        return style

    def take_from(self, model: BoardItem) -> ToolStyle:
        """The select tool's style becomes that of ``model`` (the item just selected)."""
        style = self.style("select")
        style.color = getattr(model, "color", style.color)
        if isinstance(model, Stroke):
            style.width = model.width / 4 if model.highlighter else model.width
        elif hasattr(model, "width"):
            style.width = model.width
        if isinstance(model, Shape):
            style.fill = fill_mode(model.fill)
        if isinstance(model, Text):
            style.text_size = model.size
        return style
