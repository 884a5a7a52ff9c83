"""``SelectionHandles``: the resize handles drawn around the selection.

Corners of the selection's box when shapes, strokes or text are selected; the two ends when a
single line or arrow is selected. The handles keep the same size on screen at any zoom. The
overlay never takes mouse events itself: the select tool asks ``handle_at`` first.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from mlprep_desktop.ui.whiteboard.board_items import ConnectorGraphic

HANDLE_PX = 9.0
CORNERS = ("tl", "tr", "bl", "br")


class SelectionHandles(QGraphicsItem):
    def __init__(self) -> None:
        super().__init__()
        self.setZValue(1e12)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        self._box = QRectF()
        self._points: list[tuple[str, QPointF]] = []
        self._zoom = 1.0
        self._accent = Qt.GlobalColor.blue

    @property
    def box(self) -> QRectF:
        return QRectF(self._box)

    def refresh(self, graphics: list[QGraphicsItem], zoom: float, accent) -> None:
        """Place the handles for the selected board graphics (hidden when none)."""
        self.prepareGeometryChange()
        self._zoom = max(zoom, 1e-6)
        self._accent = accent
        self._points = []
        self._box = QRectF()
        if len(graphics) == 1 and isinstance(graphics[0], ConnectorGraphic):
            m = graphics[0].current_model()
            self._points = [("start", QPointF(m.x, m.y)), ("end", QPointF(m.x + m.ex, m.y + m.ey))]
        elif graphics:
            box = QRectF()
            for graphic in graphics:
                box = box.united(graphic.model_rect())
            self._box = box
            self._points = [("tl", box.topLeft()), ("tr", box.topRight()),
                            ("bl", box.bottomLeft()), ("br", box.bottomRight())]
        self.setVisible(bool(self._points))
        self.update()

    def handle_at(self, view, view_pos: QPointF) -> str | None:
        """The handle under a point of ``view`` (in viewport pixels), if any."""
        if not self.isVisible():
            return None
        for name, point in self._points:
            p = view.mapFromScene(point)
            if math.hypot(p.x() - view_pos.x(), p.y() - view_pos.y()) <= HANDLE_PX:
                return name
        return None

    def point(self, name: str) -> QPointF:
        return dict(self._points)[name]

    def _half(self) -> float:
        return HANDLE_PX / 2 / self._zoom

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's API)
        """Everything ``paint`` touches: the box and every handle with its pen, plus a pixel.

        Built from the points' extremes: ``QRectF.united`` ignores zero-size rectangles, so
        uniting the points would give only the last one, and Qt would neither repaint the old
        box when it moves (ghost trails) nor paint the other handles in full."""
        if not self._points:
            return QRectF()
        xs = [p.x() for _, p in self._points]
        ys = [p.y() for _, p in self._points]
        pad = self._half() + 2 / self._zoom
        return QRectF(min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        half = self._half()
        for _, p in self._points:
            path.addRect(QRectF(p.x() - half, p.y() - half, 2 * half, 2 * half))
        return path

    def paint(self, painter, option, widget=None) -> None:
        if not self._points:
            return
        painter.save()
        pen = QPen(self._accent, 0)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if not self._box.isNull():
            painter.drawRect(self._box)
        painter.setBrush(QBrush(Qt.GlobalColor.white))
        pen.setWidthF(1.5)
        pen.setCosmetic(True)
        painter.setPen(pen)
        half = self._half()
        for name, p in self._points:
            rect = QRectF(p.x() - half, p.y() - half, 2 * half, 2 * half)
            if name in CORNERS:
                painter.drawRect(rect)
            else:
                painter.drawEllipse(rect)
        painter.restore()
