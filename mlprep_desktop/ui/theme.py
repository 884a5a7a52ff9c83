"""The rendering theme that matches the current Qt palette (light or dark), and the style
fix that keeps check boxes and radio buttons visible on a dark palette."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from mlprep_desktop.rendering.render_theme import RenderTheme


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def mixed(a: QColor, b: QColor, share_of_a: float) -> QColor:
    t = share_of_a
    return QColor(round(a.red() * t + b.red() * (1 - t)), round(a.green() * t + b.green() * (1 - t)),
                  round(a.blue() * t + b.blue() * (1 - t)))


def indicator_outline(palette: QPalette, enabled: bool = True) -> QColor:
    """The edge of an unticked check box or radio button on a dark palette: between the text
    and the window colour, at least 3:1 against the window (WCAG's contrast for controls) when
    enabled, fainter (still visible) when disabled."""
    group = QPalette.ColorGroup.Active if enabled else QPalette.ColorGroup.Disabled
    text = palette.color(group, QPalette.ColorRole.WindowText)
    window = palette.color(group, QPalette.ColorRole.Window)
    return mixed(text, window, 0.6 if enabled else 0.4)


class IndicatorContrastStyle(QProxyStyle):
    """Fusion draws a check box's or radio button's edge in the window colour darkened, which
    on a dark palette is almost the window itself: an unticked box all but vanishes. On a dark
    palette this style draws that edge again in ``indicator_outline``; on a light one it
    changes nothing. Wrap Fusion only (the edge is drawn where Fusion draws its own)."""

    _BOXES = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorRadioButton)

    def drawPrimitive(self, element, option: QStyleOption, painter: QPainter, widget=None) -> None:  # noqa: N802
        super().drawPrimitive(element, option, painter, widget)
        if element not in self._BOXES or not is_dark(option.palette):
            return
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(indicator_outline(option.palette, enabled), 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = option.rect
        if element == QStyle.PrimitiveElement.PE_IndicatorCheckBox:
            painter.drawRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5))
        else:  # Fusion's circle: centred one pixel down-right, radius (odd width) / 2 - 1
            radius = (rect.width() + (rect.width() + 1) % 2) / 2.0 - 1
            centre = QPointF(rect.center()) + QPointF(1.5, 1.5)
            painter.drawEllipse(centre, radius, radius)
        painter.restore()


def use_indicator_contrast(app: QApplication) -> None:
    """Wrap the application's style in ``IndicatorContrastStyle`` once, if it is Fusion (the
    style Qt uses where the platform offers none, and the one a dark palette is drawn with)."""
    style = app.style()
    if isinstance(style, IndicatorContrastStyle) or style.name().lower() != "fusion":
        return
    app.setStyle(IndicatorContrastStyle("fusion"))


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
