"""``SelectTool``: select, move and resize.

Click, Ctrl+click and rubber band select (Qt's own handling, which the tool lets through);
dragging moves the selection (snapped to the grid when it is on); the corner handles resize
the selection (Shift keeps the proportions); a lone line's end handles move its ends and
attach them to the shape they are dropped on. Each gesture is one undoable command.
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, Qt

from mlprep_desktop.core.board_geometry import normalized_rect, resized
from mlprep_desktop.ui.whiteboard.board_tools import Tool, start_text, text_at


class SelectTool(Tool):
    """Click, Ctrl+click and rubber band select; drag moves; corner handles resize (Shift keeps
    the proportions); a line's end handles move its ends and attach them to shapes."""

    name = "select"
    cursor = Qt.CursorShape.ArrowCursor

    def __init__(self, view) -> None:
        super().__init__(view)
        self._before: dict = {}
        self._resize: tuple | None = None

    def press(self, event, pos):
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        handle = self.view.handles.handle_at(self.view, event.position())
        if handle is None:
            self.scene.set_dragging(True)
            return False
        graphics = self.scene.selected_graphics()
        before = [g.current_model() for g in graphics]
        anchor = None
        if handle in ("tl", "tr", "bl", "br"):
            box = self.view.handles.box
            opposite = {"tl": box.bottomRight(), "tr": box.bottomLeft(), "bl": box.topRight(), "br": box.topLeft()}
            anchor = opposite[handle]
            self._resize = (handle, before, QRectF(box), anchor)
        else:
            self._resize = (handle, before, None, None)
        return True

    def after_press(self, event, pos):
        self._before = {m.id: m for m in self.editor.selected_models()}

    def move(self, event, pos):
        if self._resize is None:
            return False
        handle, before, box, anchor = self._resize
        target = self.scene.snap_point(pos)
        if box is not None:
            new = self._new_box(box, anchor, target, bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            old = (box.x(), box.y(), box.width(), box.height())
            states = {m.id: resized(m, old, new) for m in before}
        else:
            m = before[0]
            if handle == "start":
                end = m.end_point
                states = {m.id: replace(m, x=target.x(), y=target.y(), ex=end[0] - target.x(),
                                        ey=end[1] - target.y(), start=None)}
            else:
                states = {m.id: replace(m, ex=target.x() - m.x, ey=target.y() - m.y, end=None)}
        self.scene.apply_states(states)
        self.view.refresh_handles()
        return True

    @staticmethod
    def _new_box(box: QRectF, anchor: QPointF, p: QPointF, keep_ratio: bool):
        x, y, w, h = normalized_rect((anchor.x(), anchor.y()), (p.x(), p.y()))
        if keep_ratio and box.width() > 0 and box.height() > 0:
            ratio = box.width() / box.height()
            if w / max(h, 1e-9) > ratio:
                h = w / ratio
            else:
                w = h * ratio
            x = anchor.x() - w if p.x() < anchor.x() else anchor.x()
            y = anchor.y() - h if p.y() < anchor.y() else anchor.y()
        return (x, y, max(w, 2.0), max(h, 2.0))

    def after_move(self, event, pos):
        if event.buttons() & Qt.MouseButton.LeftButton:  # the selection was dragged: handles follow
            self.view.refresh_handles()

    def release(self, event, pos):
        if self._resize is None:
            return False
        handle, before, box, _ = self._resize
        self._resize = None
        after = [self.scene.model(m.id) for m in before]
        if box is None:  # a line end dropped on a shape attaches to it
            m = after[0]
            target = self.scene.attach_target_at(pos, exclude={m.id})
            key = "start" if handle == "start" else "end"
            other = m.end if key == "start" else m.start
            if target is not None and target.model.id != other:
                m = self.scene.routed(replace(m, **{key: target.model.id}))
                self.scene.apply_states({m.id: m})
            after = [m]
        self.editor.change(before, after, "Resize", applied=True)
        self.view.refresh_handles()
        return True

    def after_release(self, event, pos):
        self.scene.set_dragging(False)
        if self._before:
            self.editor.record_moves(self._before)
        self._before = {}
        self.view.refresh_handles()

    def double_click(self, event, pos):
        text = text_at(self.scene, pos)
        if text is not None and self.scene.is_board_graphic(text):
            text.start_editing()
            return True
        if not any(self.scene.is_board_graphic(i) for i in self.scene.items(pos)):
            start_text(self.view, pos, self.view.tool_style("text"))
            return True
        return False

    def cancel(self) -> None:
        if self._resize is not None:
            _, before, _, _ = self._resize
            self.scene.apply_states({m.id: m for m in before})
            self._resize = None
        self.scene.set_dragging(False)
