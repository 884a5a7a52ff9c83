"""The rendering theme that matches the current Qt palette (light or dark)."""
from __future__ import annotations

from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from mlprep_desktop.rendering.render_theme import RenderTheme


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def render_theme(widget: QWidget | None = None) -> RenderTheme:
    palette = widget.palette() if widget is not None else QApplication.palette()
    font = widget.font() if widget is not None else QApplication.font()
    dark = is_dark(palette)
    return RenderTheme(
        dark=dark,
        text_color=palette.color(QPalette.ColorRole.Text).name(),
        highlight_background="#b58900" if dark else "#ffe066",
        highlight_color="#000000",
        x_height=float(QFontMetrics(font).xHeight()),
    )


def document_css(widget: QWidget) -> str:
    """Default style sheet for rendered Markdown in a QTextBrowser."""
    palette = widget.palette()
    dark = is_dark(palette)
    muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
    code_bg = "#272822" if dark else "#f0f0f0"
    border = "#555555" if dark else "#c8c8c8"
    return f"""
        body {{ line-height: 135%; }}
        h2 {{ font-size: x-large; margin-top: 4px; margin-bottom: 4px; }}
        h3 {{ font-size: large; margin-top: 16px; margin-bottom: 4px; }}
        h4, h5 {{ font-size: medium; margin-top: 10px; margin-bottom: 2px; }}
        p {{ margin-top: 4px; margin-bottom: 6px; }}
        em {{ color: {muted}; }}
        pre {{ font-family: "DejaVu Sans Mono", monospace; background-color: {code_bg};
               padding: 6px; margin-top: 6px; margin-bottom: 6px; }}
        code {{ font-family: "DejaVu Sans Mono", monospace; background-color: {code_bg}; }}
        table {{ border-color: {border}; margin-top: 6px; margin-bottom: 6px; }}
        th {{ font-weight: bold; }}
        li {{ margin-bottom: 3px; }}
    """
