"""``WhiteboardView``: the canvas. Hands input to the current tool; pans and zooms.

- Pan: the hand tool, Space+drag, the middle button, or the wheel / touchpad scroll.
- Zoom: Ctrl+wheel and pinch (touch screen or touchpad) around the pointer, ``zoom_by`` /
  ``set_zoom`` / ``fit_to_content``; ``zoom_changed`` reports the level (1.0 = 100 %).
- A tablet's pressure reaches the pen tool (tablet events are handled before Qt turns them
  into mouse events); other tools get the mouse events.
- The scene rectangle is fixed and huge so the canvas has no edges and zooming around the
  pointer never fights the scroll bars (which are hidden).
"""
from __future__ import annotations

from functools import lru_cache

import shiboken6
from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QPainter, QPen, QPixmap, QTransform
from PySide6.QtWidgets import QFrame, QGraphicsView, QPinchGesture, QWidget

from mlprep_desktop.core.board_geometry import moved, snap
from mlprep_desktop.ui.whiteboard.board_editor import BoardEditor
from mlprep_desktop.ui.whiteboard.board_handles import SelectionHandles
from mlprep_desktop.ui.whiteboard.board_items import TextGraphic
from mlprep_desktop.ui.whiteboard.board_scene import GRID, BoardScene
from mlprep_desktop.ui.whiteboard.board_tools import (
    ERASER_PX,
    Tool,
    ToolStyle,
    make_tools,
)

MIN_ZOOM = 0.05
MAX_ZOOM = 8.0
CANVAS = QRectF(-1_000_000, -1_000_000, 2_000_000, 2_000_000)


class WhiteboardView(QGraphicsView):
    zoom_changed = Signal(float)
    tool_changed = Signal(str)
    focus_lost = Signal(bool)  # True when only the window was deactivated (Alt+Tab, a menu)

    def __init__(self, scene: BoardScene, editor: BoardEditor, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("whiteboardView")
        self.setAccessibleName(self.tr("Whiteboard canvas"))
        self.board_scene = scene
        self.editor = editor
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSceneRect(CANVAS)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)

        self.handles = SelectionHandles()
        scene.addItem(self.handles)
        self.handles.hide()
        scene.selectionChanged.connect(self.refresh_handles)
        editor.changed.connect(self.refresh_handles)

        self.tool_style = lambda name: ToolStyle()  # the tab installs its style book here
        self.tools: dict[str, Tool] = make_tools(self)
        self._tool: Tool = self.tools["select"]
        self._pan_from: QPointF | None = None
        self._space_down = False
        self.centerOn(0, 0)

    # ----- tools
    @property
    def tool(self) -> Tool:
        return self._tool

    def set_tool(self, name: str) -> None:
        if name not in self.tools:
            raise KeyError(name)
        if self._tool.name == name:
            return
        self._tool.deactivate()
        self.editor.finish_text_editing()
        self._tool = self.tools[name]
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag if name == "select"
                         else QGraphicsView.DragMode.NoDrag)
        if name != "select":
            self.board_scene.clearSelection()
        self._tool.activate()
        if name == "eraser":
            self.viewport().setCursor(_eraser_cursor())
        self.tool_changed.emit(name)

    # ----- zoom and pan
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, level: float, anchor: QPointF | None = None) -> None:
        self.zoom_by(level / self.zoom(), anchor)

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom by ``factor``, keeping the scene point under ``anchor`` (viewport pixels) still."""
        old = self.zoom()
        new = min(MAX_ZOOM, max(MIN_ZOOM, old * factor))
        if abs(new - old) < 1e-9:
            return
        anchor = anchor if anchor is not None else QPointF(self.viewport().rect().center())
        fixed = self.mapToScene(anchor.toPoint())
        self.setTransform(QTransform.fromScale(new, new))
        moved = self.mapFromScene(fixed)
        self._scroll_by(moved.x() - anchor.x(), moved.y() - anchor.y())
        self.refresh_handles()
        self.zoom_changed.emit(new)

    def fit_to_content(self) -> None:
        """Show everything on the board (never enlarging past 100 %); an empty board goes home."""
        content = self.board_scene.content_rect()
        if content.isEmpty():
            self.setTransform(QTransform())
            self.centerOn(0, 0)
        else:
            margin = 40.0
            view = self.viewport().rect()
            scale = min((view.width() - 2 * margin) / max(content.width(), 1.0),
                        (view.height() - 2 * margin) / max(content.height(), 1.0), 1.0)
            scale = min(MAX_ZOOM, max(MIN_ZOOM, scale))
            self.setTransform(QTransform.fromScale(scale, scale))
            self.centerOn(content.center())
        self.refresh_handles()
        self.zoom_changed.emit(self.zoom())

    def visible_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def begin_pan(self, at: QPointF) -> None:
        self._pan_from = QPointF(at)
        self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def _scroll_by(self, dx: float, dy: float) -> None:
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + round(dx))
        v.setValue(v.value() + round(dy))

    def refresh_handles(self) -> None:
        if not shiboken6.isValid(self.handles):  # the scene is being torn down
            return
        graphics = self.board_scene.selected_graphics() if self._tool.name == "select" else []
        self.handles.refresh(graphics, self.zoom(), self.board_scene.theme.accent)

    # ----- input
    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        if event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and (self._space_down or not self.isInteractive())
        ):  # a read-only board (not interactive) can still be looked around
            self.begin_pan(event.position())
            event.accept()
            return
        pos = self.mapToScene(event.position().toPoint())
        if self._tool.press(event, pos):
            event.accept()
            return
        super().mousePressEvent(event)
        self._tool.after_press(event, pos)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = QPointF(event.position())
            self._scroll_by(-delta.x(), -delta.y())
            event.accept()
            return
        pos = self.mapToScene(event.position().toPoint())
        if self._tool.move(event, pos):
            event.accept()
            return
        super().mouseMoveEvent(event)
        self._tool.after_move(event, pos)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if self._space_down else self._cursor())
            event.accept()
            return
        pos = self.mapToScene(event.position().toPoint())
        if self._tool.release(event, pos):
            event.accept()
            return
        super().mouseReleaseEvent(event)
        self._tool.after_release(event, pos)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        pos = self.mapToScene(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and self._tool.double_click(event, pos):
            event.accept()
            return
        if self._tool.name in ("select", "text"):
            super().mouseDoubleClickEvent(event)
        else:  # a quick second click with a drawing tool starts another gesture
            self.mousePressEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120 or event.pixelDelta().y() / 60
            self.zoom_by(1.2 ** steps, event.position())
        else:
            pixels = event.pixelDelta()
            delta = pixels if not pixels.isNull() else event.angleDelta() / 2
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and delta.x() == 0:
                self._scroll_by(-delta.y(), 0)
            else:
                self._scroll_by(-delta.x(), -delta.y())
        event.accept()

    def viewportEvent(self, event) -> bool:  # noqa: N802 (Qt's API)
        kind = event.type()
        if (kind in _TABLET and self._tool.takes_tablet and self._pan_from is None and not self._space_down
                and self.isInteractive()):
            pos = self.mapToScene(event.position().toPoint())
            self._tool.tablet(_TABLET[kind], pos, max(0.0, min(1.0, event.pressure())))
            event.accept()
            return True
        if kind == QEvent.Type.NativeGesture and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
            self.zoom_by(1.0 + event.value(), event.position())
            event.accept()
            return True
        if kind == QEvent.Type.Gesture:
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if pinch is not None:
                if pinch.changeFlags() & QPinchGesture.ChangeFlag.ScaleFactorChanged:
                    center = self.viewport().mapFromGlobal(pinch.centerPoint().toPoint())
                    self.zoom_by(pinch.scaleFactor(), QPointF(center))
                event.accept()
                return True
        return super().viewportEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        if self.board_scene.editing_text() is not None:
            super().keyPressEvent(event)
            return
        key = event.key()
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        selected = self.board_scene.selected_graphics()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and len(selected) == 1 \
                and isinstance(selected[0], TextGraphic):
            selected[0].start_editing()  # edit the selected text in place from the keyboard
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self._tool.cancel()
            self.board_scene.clearSelection()
            event.accept()
            return
        step = 10.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1.0
        nudge = {Qt.Key.Key_Left: (-step, 0), Qt.Key.Key_Right: (step, 0),
                 Qt.Key.Key_Up: (0, -step), Qt.Key.Key_Down: (0, step)}.get(key)
        if nudge is not None and self.board_scene.selected_graphics():
            self._nudge(*nudge)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space_down:
            self._space_down = False
            if self._pan_from is None:
                self.viewport().setCursor(self._cursor())
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        super().focusOutEvent(event)
        self._space_down = False
        self.focus_lost.emit(event.reason() in (Qt.FocusReason.ActiveWindowFocusReason,
                                                Qt.FocusReason.PopupFocusReason))

    def _nudge(self, dx: float, dy: float) -> None:
        before = self.editor.selected_models()
        self.editor.change(before, [moved(m, dx, dy) for m in before], "Move")

    def _cursor(self):
        return _eraser_cursor() if self._tool.name == "eraser" else self._tool.cursor

    # ----- painting
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 (Qt's API)
        theme = self.board_scene.theme
        painter.fillRect(rect, theme.paper)
        if not self.board_scene.grid_enabled:
            return
        step = GRID
        while step * self.zoom() < 8:
            step *= 5
        pen = QPen(theme.grid, 0)
        painter.setPen(pen)
        x = snap(rect.left(), step) - step
        lines = []
        while x <= rect.right() + step:
            lines.append(QLineF(x, rect.top(), x, rect.bottom()))
            x += step
        y = snap(rect.top(), step) - step
        while y <= rect.bottom() + step:
            lines.append(QLineF(rect.left(), y, rect.right(), y))
            y += step
        painter.drawLines(lines)


_TABLET = {
    QEvent.Type.TabletPress: "press",
    QEvent.Type.TabletMove: "move",
    QEvent.Type.TabletRelease: "release",
}


@lru_cache(maxsize=1)
def _eraser_cursor() -> QCursor:
    """A circle the size of the eraser."""
    size = int(ERASER_PX) + 4
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(0, 0, 0, 200), 1.5))
    painter.setBrush(QColor(255, 255, 255, 160))
    painter.drawEllipse(QRectF(2, 2, ERASER_PX, ERASER_PX))
    painter.end()
    return QCursor(pixmap, size // 2, size // 2)
