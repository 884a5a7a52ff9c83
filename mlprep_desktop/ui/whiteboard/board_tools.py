"""The drawing tools. The view hands each mouse (or tablet) event to the current tool; a tool
returns True when it used the event, otherwise the view's default handling runs (that is how
the select tool gets Qt's own click-to-select, drag-to-move and rubber band).

Every finished gesture becomes one undoable command through ``BoardEditor``.
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from mlprep_desktop.core.board_geometry import normalized_rect, snap_angle
from mlprep_desktop.core.board_model import Connector, Shape, Text, new_id
from mlprep_desktop.core.board_simplify import InputSmoother, finish_stroke
from mlprep_desktop.ui.whiteboard.board_items import TextGraphic, make_graphic
from mlprep_desktop.ui.whiteboard.board_styles import ToolStyle
from mlprep_desktop.ui.whiteboard.board_theme import HIGHLIGHTER_ALPHA, fill_for, qcolor

MIN_SIZE_PX = 4.0  # a shape smaller than this on screen is a slip, not a shape
ERASER_PX = 14.0


class Tool:
    name = ""
    cursor = Qt.CursorShape.CrossCursor
    takes_tablet = False

    def __init__(self, view) -> None:
        self.view = view

    @property
    def scene(self):
        return self.view.board_scene

    @property
    def editor(self):
        return self.view.editor

    def style(self) -> ToolStyle:
        return self.view.tool_style(self.name)

    def top_z(self) -> float:
        return self.scene.z_range()[1] + 1

    def activate(self) -> None:
        self.view.viewport().setCursor(self.cursor)

    def deactivate(self) -> None:
        self.cancel()

    def press(self, event, pos: QPointF) -> bool:
        return False

    def after_press(self, event, pos: QPointF) -> None:
        pass

    def move(self, event, pos: QPointF) -> bool:
        return False

    def after_move(self, event, pos: QPointF) -> None:
        """After the view's default handling of a move the tool let through."""

    def release(self, event, pos: QPointF) -> bool:
        return False

    def after_release(self, event, pos: QPointF) -> None:
        pass

    def double_click(self, event, pos: QPointF) -> bool:
        return False

    def tablet(self, phase: str, pos: QPointF, pressure: float) -> bool:
        return False

    def cancel(self) -> None:
        pass


class PenTool(Tool):
    """Freehand: samples are smoothed as they come, the stroke is simplified when it ends."""

    name = "pen"
    takes_tablet = True

    def __init__(self, view, highlighter: bool = False) -> None:
        super().__init__(view)
        self.highlighter = highlighter
        self.name = "highlighter" if highlighter else "pen"
        self._samples: list[tuple[float, float]] = []
        self._pressures: list[float] = []
        self._preview: QGraphicsPathItem | None = None
        self._path = QPainterPath()
        self._smoother = InputSmoother()

    @property
    def drawing(self) -> bool:
        return self._preview is not None

    def press(self, event, pos):
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        self._begin(pos, None)
        return True

    def move(self, event, pos):
        if not self.drawing:
            return False
        self._extend(pos, None)
        return True

    def release(self, event, pos):
        if not self.drawing:
            return False
        self._finish(pos, None)
        return True

    def tablet(self, phase, pos, pressure):
        if phase == "press":
            self._begin(pos, pressure)
        elif phase == "move" and self.drawing:
            self._extend(pos, pressure)
        elif phase == "release" and self.drawing:
            self._finish(pos, pressure)
        return True

    def _width(self) -> float:
        return self.style().width * (4 if self.highlighter else 1)

    def _begin(self, pos: QPointF, pressure: float | None) -> None:
        self.cancel()
        self._smoother = InputSmoother(0.35)
        p = self._smoother.add((pos.x(), pos.y()))
        self._samples = [p]
        self._pressures = [pressure] if pressure is not None else []
        color = qcolor(self.style().color, self.scene.theme)
        if self.highlighter:
            color.setAlpha(min(color.alpha(), HIGHLIGHTER_ALPHA))
        self._path = QPainterPath(QPointF(*p))
        self._path.lineTo(p[0] + 0.01, p[1])
        self._preview = QGraphicsPathItem(self._path)
        self._preview.setPen(QPen(color, self._width(), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                  Qt.PenJoinStyle.RoundJoin))
        self._preview.setZValue(self.top_z())
        self.scene.addItem(self._preview)

    def _extend(self, pos: QPointF, pressure: float | None) -> None:
        p = self._smoother.add((pos.x(), pos.y()))
        self._samples.append(p)
        if self._pressures and pressure is not None:
            self._pressures.append(pressure)
        self._path.lineTo(*p)
        self._preview.setPath(self._path)

    def _finish(self, pos: QPointF, pressure: float | None) -> None:
        """End the stroke exactly where the pen left the canvas (smoothing lags behind)."""
        if len(self._samples) > 1 and self._samples[-1] != (pos.x(), pos.y()):
            self._samples.append((pos.x(), pos.y()))
            if self._pressures:
                self._pressures.append(pressure if pressure is not None else self._pressures[-1])
        samples, pressures = self._samples, self._pressures
        style = self.style()
        self.cancel()
        if len(pressures) != len(samples):
            pressures = []
        stroke = finish_stroke(
            samples, pressures, color=style.color, width=self._width(), highlighter=self.highlighter,
            tolerance=0.5 / self.view.zoom(), z=self.top_z(),
        )
        self.editor.add([stroke], "Highlight" if self.highlighter else "Draw")

    def cancel(self) -> None:
        if self._preview is not None:
            self.scene.removeItem(self._preview)
            self._preview = None
        self._samples, self._pressures = [], []


class ShapeTool(Tool):
    """Rectangle, ellipse, line and arrow: drag from corner to corner (Shift: square, circle or
    15° steps). Lines and arrows that start or end on a shape or text attach to it."""

    LABELS = {"rect": "Rectangle", "ellipse": "Ellipse", "line": "Line", "arrow": "Arrow"}

    def __init__(self, view, kind: str) -> None:
        super().__init__(view)
        self.kind = kind
        self.name = kind
        self._start: QPointF | None = None
        self._start_target: str | None = None
        self._preview = None
        self._model = None

    def press(self, event, pos):
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        self.cancel()
        self._start = self.scene.snap_point(pos)
        if self.kind in ("line", "arrow"):
            target = self.scene.attach_target_at(pos)
            self._start_target = target.model.id if target is not None else None
        self._model = self._build(self._start, self._start, event.modifiers())
        self._preview = make_graphic(self._model, self.scene.theme)
        self.scene.addItem(self._preview)
        return True

    def move(self, event, pos):
        if self._preview is None:
            return False
        self._model = self._build(self._start, self.scene.snap_point(pos), event.modifiers())
        self._preview.apply_model(self._model, self.scene.theme)
        return True

    def release(self, event, pos):
        if self._preview is None:
            return False
        end = self.scene.snap_point(pos)
        model = self._build(self._start, end, event.modifiers())
        start_px = self.view.mapFromScene(self._start)
        end_px = self.view.mapFromScene(end)
        tiny = abs(end_px.x() - start_px.x()) < MIN_SIZE_PX and abs(end_px.y() - start_px.y()) < MIN_SIZE_PX
        start_target = self._start_target
        self.cancel()
        if tiny:
            return True
        if isinstance(model, Connector):
            target = self.scene.attach_target_at(pos)
            end_target = target.model.id if target is not None else None
            if end_target == start_target:
                end_target = None
            model = self.scene.routed(replace(model, start=start_target, end=end_target))
        self.editor.add([model], self.LABELS[self.kind])
        return True

    def _build(self, a: QPointF, b: QPointF, modifiers):
        style = self.style()
        shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        z = self.top_z()
        item_id = self._model.id if self._model is not None else new_id()
        if self.kind in ("line", "arrow"):
            end = snap_angle((a.x(), a.y()), (b.x(), b.y())) if shift else (b.x(), b.y())
            return Connector(item_id, a.x(), a.y(), end[0] - a.x(), end[1] - a.y(), self.kind == "arrow",
                             style.color, style.width, z=z)
        x, y, w, h = normalized_rect((a.x(), a.y()), (b.x(), b.y()), square=shift)
        return Shape(item_id, self.kind, x, y, w, h, style.color, style.width,
                     fill_for(style.fill, style.color), z)

    def cancel(self) -> None:
        if self._preview is not None:
            self.scene.removeItem(self._preview)
        self._preview = None
        self._model = None
        self._start_target = None


class TextTool(Tool):
    """Click to type (Enter makes a new line; Esc, Ctrl+Enter or a click elsewhere ends);
    click existing text to edit it in place."""

    name = "text"
    cursor = Qt.CursorShape.IBeamCursor

    def press(self, event, pos):
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        editing = self.scene.editing_text()
        hit = text_at(self.scene, pos)
        if editing is not None:
            if hit is editing:
                return False  # let the text place its cursor
            editing.finish_editing()
            return True
        if hit is not None:
            hit.start_editing()
            return True
        start_text(self.view, pos, self.style())
        return True


def start_text(view, pos: QPointF, style: ToolStyle) -> TextGraphic:
    """A new, empty text item at ``pos`` in edit mode (added to the board once it has text)."""
    scene = view.board_scene
    size = style.text_size
    at = scene.snap_point(QPointF(pos.x(), pos.y() - size * 0.7))
    model = Text(new_id(), at.x(), at.y(), "", style.color, size, scene.z_range()[1] + 1)
    graphic = TextGraphic(model, scene.theme)
    scene.addItem(graphic)
    scene.watch_text(graphic)
    scene.clearSelection()
    graphic.start_editing()
    return graphic


def text_at(scene, pos: QPointF) -> TextGraphic | None:
    """The topmost text item under ``pos`` (the one being typed included)."""
    for item in scene.items(pos):
        if isinstance(item, TextGraphic):
            return item
    return None


class EraserTool(Tool):
    """Drag across items to erase them whole (they fade while you drag; one undo step)."""

    name = "eraser"

    def __init__(self, view) -> None:
        super().__init__(view)
        self._hits: dict[str, object] = {}
        self._last: QPointF | None = None

    def press(self, event, pos):
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        self._hits = {}
        self._last = pos
        self._sweep(pos, pos)
        return True

    def move(self, event, pos):
        if self._last is None:
            return False
        self._sweep(self._last, pos)
        self._last = pos
        return True

    def release(self, event, pos):
        if self._last is None:
            return False
        ids = list(self._hits)
        self.cancel()
        self.editor.remove(ids, "Erase")
        return True

    def _sweep(self, a: QPointF, b: QPointF) -> None:
        line = QPainterPath(a)
        line.lineTo(b + QPointF(0.01, 0))
        stroker = QPainterPathStroker()
        stroker.setWidth(ERASER_PX / self.view.zoom())
        stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
        area = stroker.createStroke(line)
        for item in self.scene.items(area, Qt.ItemSelectionMode.IntersectsItemShape):
            if self.scene.is_board_graphic(item) and item.model.id not in self._hits:
                self._hits[item.model.id] = item
                item.setOpacity(0.25)

    def cancel(self) -> None:
        for item in self._hits.values():
            item.setOpacity(1.0)
        self._hits = {}
        self._last = None


class HandTool(Tool):
    name = "hand"
    cursor = Qt.CursorShape.OpenHandCursor

    def press(self, event, pos):
        self.view.begin_pan(event.position())
        return True


def make_tools(view) -> dict[str, Tool]:
    from mlprep_desktop.ui.whiteboard.select_tool import SelectTool  # it builds on this module

    tools: list[Tool] = [
        SelectTool(view), PenTool(view), PenTool(view, highlighter=True),
        ShapeTool(view, "line"), ShapeTool(view, "arrow"), ShapeTool(view, "rect"), ShapeTool(view, "ellipse"),
        TextTool(view), EraserTool(view), HandTool(view),
    ]
    return {t.name: t for t in tools}

