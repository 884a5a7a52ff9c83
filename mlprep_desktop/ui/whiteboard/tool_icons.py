"""Icons for the whiteboard toolbar, drawn with QPainter in the palette's text colour so they
read in light and dark palettes without shipping image files."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

SIZE = 24


def _pixmap(draw, color: QColor, ratio: float = 2.0) -> QPixmap:
    pixmap = QPixmap(round(SIZE * ratio), round(SIZE * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(color, 1.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    draw(painter, color)
    painter.end()
    return pixmap


def tool_icon(name: str, color: QColor) -> QIcon:
    draw = _DRAWINGS.get(name)
    if draw is None:
        return QIcon()
    return QIcon(_pixmap(draw, color))


def swatch_icon(fill: QColor, border: QColor) -> QIcon:
    def draw(p: QPainter, _c: QColor) -> None:
        p.setPen(QPen(border, 1.2))
        p.setBrush(fill)
        p.drawEllipse(QRectF(4, 4, 16, 16))

    return QIcon(_pixmap(draw, border))


def width_icon(width: float, color: QColor) -> QIcon:
    def draw(p: QPainter, c: QColor) -> None:
        p.setPen(QPen(c, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(QPointF(5, 12), QPointF(19, 12))

    return QIcon(_pixmap(draw, color))


def _select(p: QPainter, c: QColor) -> None:
    p.setBrush(c)
    p.drawPolygon(QPolygonF([QPointF(7, 4), QPointF(7, 19), QPointF(10.5, 15.5), QPointF(13, 21),
                             QPointF(15, 20), QPointF(12.5, 14.5), QPointF(17.5, 14.5)]))


def _pen(p: QPainter, c: QColor) -> None:
    path = QPainterPath(QPointF(4, 18))
    path.cubicTo(7, 10, 10, 20, 13, 12)
    path.cubicTo(15, 7, 18, 9, 20, 5)
    p.drawPath(path)


def _highlighter(p: QPainter, c: QColor) -> None:
    marker = QColor(c)
    marker.setAlpha(110)
    p.setPen(QPen(marker, 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
    p.drawLine(QPointF(4, 16), QPointF(20, 16))
    p.setPen(QPen(c, 1.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(6, 8), QPointF(18, 8))


def _line(p: QPainter, c: QColor) -> None:
    p.drawLine(QPointF(5, 19), QPointF(19, 5))


def _arrow(p: QPainter, c: QColor) -> None:
    p.drawLine(QPointF(5, 19), QPointF(18, 6))
    p.setBrush(c)
    p.drawPolygon(QPolygonF([QPointF(19, 5), QPointF(11.5, 7.5), QPointF(16.5, 12.5)]))


def _rect(p: QPainter, c: QColor) -> None:
    p.drawRoundedRect(QRectF(4, 6, 16, 12), 1.5, 1.5)


def _ellipse(p: QPainter, c: QColor) -> None:
    p.drawEllipse(QRectF(3.5, 6, 17, 12))


def _text(p: QPainter, c: QColor) -> None:
    font = QFont()
    font.setPixelSize(18)
    font.setBold(True)
    p.setFont(font)
    p.drawText(QRectF(0, 0, SIZE, SIZE), Qt.AlignmentFlag.AlignCenter, "T")


def _eraser(p: QPainter, c: QColor) -> None:
    p.save()
    p.translate(12, 12)
    p.rotate(-40)
    p.drawRoundedRect(QRectF(-8, -4.5, 16, 9), 1.5, 1.5)
    p.drawLine(QPointF(-2, -4.5), QPointF(-2, 4.5))
    p.restore()
    p.drawLine(QPointF(9, 20), QPointF(20, 20))


def _hand(p: QPainter, c: QColor) -> None:
    p.drawLine(QPointF(12, 3), QPointF(12, 21))
    p.drawLine(QPointF(3, 12), QPointF(21, 12))
    p.setBrush(c)
    for poly in (((12, 2), (9, 5.5), (15, 5.5)), ((12, 22), (9, 18.5), (15, 18.5)),
                 ((2, 12), (5.5, 9), (5.5, 15)), ((22, 12), (18.5, 9), (18.5, 15))):
        p.drawPolygon(QPolygonF([QPointF(*xy) for xy in poly]))


def _undo(p: QPainter, c: QColor) -> None:
    path = QPainterPath(QPointF(6, 10))
    path.cubicTo(9, 5, 19, 5, 19, 13)
    path.cubicTo(19, 17, 16, 19, 12, 19)
    p.drawPath(path)
    p.setBrush(c)
    p.drawPolygon(QPolygonF([QPointF(4, 5), QPointF(4, 12), QPointF(10.5, 11)]))


def _redo(p: QPainter, c: QColor) -> None:
    p.translate(SIZE, 0)
    p.scale(-1, 1)
    _undo(p, c)


def _grid(p: QPainter, c: QColor) -> None:
    for v in (8, 16):
        p.drawLine(QPointF(v, 4), QPointF(v, 20))
        p.drawLine(QPointF(4, v), QPointF(20, v))


def _fit(p: QPainter, c: QColor) -> None:
    for (x, y), (dx, dy) in (((4, 4), (1, 1)), ((20, 4), (-1, 1)), ((4, 20), (1, -1)), ((20, 20), (-1, -1))):
        p.drawLine(QPointF(x, y), QPointF(x + 5 * dx, y))
        p.drawLine(QPointF(x, y), QPointF(x, y + 5 * dy))
    p.drawRect(QRectF(9, 9, 6, 6))


def _export(p: QPainter, c: QColor) -> None:
    p.drawLine(QPointF(12, 4), QPointF(12, 15))
    p.drawLine(QPointF(7.5, 10.5), QPointF(12, 15))
    p.drawLine(QPointF(16.5, 10.5), QPointF(12, 15))
    p.drawLine(QPointF(4, 15), QPointF(4, 20))
    p.drawLine(QPointF(4, 20), QPointF(20, 20))
    p.drawLine(QPointF(20, 20), QPointF(20, 15))


_DRAWINGS = {
    "select": _select, "pen": _pen, "highlighter": _highlighter, "line": _line, "arrow": _arrow,
    "rect": _rect, "ellipse": _ellipse, "text": _text, "eraser": _eraser, "hand": _hand,
    "undo": _undo, "redo": _redo, "grid": _grid, "fit": _fit, "export": _export,
}
