"""``IndicatorContrastStyle``: the style fix that keeps check boxes and radio buttons visible
on a dark palette (used through ``theme.use_indicator_contrast``, only while the palette is dark)."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption

from mlprep_desktop.ui.theme import is_dark


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
