"""``BoardEditor``: the editing operations of a board, each one undoable command.

Tools and actions call the editor; the editor builds before/after states and pushes a
``SceneStateCommand``. ``changed`` fires after every change to the board's content (new
command, undo, redo) so the tab can schedule an autosave; never for ``set_models`` (opening a
board is not an edit: it must not rewrite the board just opened).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import QMimeData, QObject, QPointF, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from mlprep_desktop.core.board_geometry import moved
from mlprep_desktop.core.board_model import (
    BoardFormatError,
    BoardItem,
    Connector,
    RawItem,
    Shape,
    Stroke,
    Text,
    new_id,
    scene_from_json,
    scene_to_json,
    stored_form,
)
from mlprep_desktop.ui.whiteboard.board_commands import SceneStateCommand
from mlprep_desktop.ui.whiteboard.board_items import TextGraphic
from mlprep_desktop.ui.whiteboard.board_scene import BoardScene
from mlprep_desktop.ui.whiteboard.board_theme import fill_for, fill_mode

BOARD_MIME = "application/x-mlprep-board+json"
PASTE_OFFSET = 20.0


class BoardEditor(QObject):
    changed = Signal()

    def __init__(self, scene: BoardScene, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)
        self._paste_count = 0
        self._loading = False

    def _on_undo_stack_index_changed(self, _index: int) -> None:
        if not self._loading:  # clearing the history while a board opens is not an edit
            self.changed.emit()

    # ----- the one way in
    def push(self, text: str, before: dict, after: dict, *, applied: bool = False) -> None:
        """Push one command. New states are kept in their stored form (see ``stored_form``)."""
        after = {i: stored_form(m) if m is not None else None for i, m in after.items()}
        if before == after:
            return
        if applied:  # the scene shows the unrounded drag result: bring it to the stored form
            self.scene.apply_states({i: m for i, m in after.items() if m is not None and self.scene.model(i) != m})
        self.undo_stack.push(SceneStateCommand(self.scene, text, before, after, applied=applied))

    def add(self, models: Iterable[BoardItem], text: str) -> None:
        models = list(models)
        if models:
            self.push(text, {m.id: None for m in models}, {m.id: m for m in models})

    def remove(self, item_ids: Iterable[str], text: str) -> None:
        ids = [i for i in dict.fromkeys(item_ids) if self.scene.model(i) is not None]
        if not ids:
            return
        before: dict[str, BoardItem | None] = {i: self.scene.model(i) for i in ids}
        after: dict[str, BoardItem | None] = {i: None for i in ids}
        gone = set(ids)
        for model in self.scene.connectors():  # arrows attached to removed shapes come loose
            if model.id not in gone and (model.start in gone or model.end in gone):
                before[model.id] = model
                after[model.id] = replace(
                    model,
                    start=None if model.start in gone else model.start,
                    end=None if model.end in gone else model.end,
                )
        self.push(text, before, after)

    def change(self, before: Iterable[BoardItem], after: Iterable[BoardItem], text: str, *,
               applied: bool = False) -> None:
        b = {m.id: m for m in before}
        a = {m.id: m for m in after}
        changed = {i for i in a if a[i] != b.get(i)}
        self.push(text, {i: b.get(i) for i in changed}, {i: a[i] for i in changed}, applied=applied)

    def record_moves(self, before: dict[str, BoardItem]) -> None:
        """After a drag: the moved items as one command. An arrow dragged without the shapes it
        is attached to lets go of them; arrows attached to moved shapes follow by themselves."""
        after: dict[str, BoardItem] = {}
        for item_id, old in before.items():
            current = self.scene.model(item_id)
            if current is not None and current != old:
                after[item_id] = current
        if not after:
            return
        moved_ids = set(after)
        for item_id, model in list(after.items()):  # an arrow dragged alone lets go of its shapes
            if isinstance(model, Connector):
                loose = replace(
                    model,
                    start=model.start if model.start in moved_ids else None,
                    end=model.end if model.end in moved_ids else None,
                )
                if loose != model:
                    after[item_id] = loose
                    self.scene.apply_states({item_id: loose})
        self.push("Move", {i: before[i] for i in after}, after, applied=True)

    # ----- selection-based operations
    def selected_models(self) -> list[BoardItem]:
        return sorted((g.current_model() for g in self.scene.selected_graphics()), key=lambda m: m.z)

    def delete_selection(self) -> None:
        self.remove([m.id for m in self.selected_models()], "Delete")

    def select_all(self) -> None:
        for graphic in self.scene.graphics():
            graphic.setSelected(True)

    def duplicate_selection(self) -> None:
        models = self.selected_models()
        if models:
            self._paste_models(models, PASTE_OFFSET, "Duplicate")

    def copy_selection(self) -> bool:
        models = self.selected_models()
        if not models:
            return False
        data = QMimeData()
        data.setData(BOARD_MIME, scene_to_json(models).encode("utf-8"))
        texts = [m.text for m in models if isinstance(m, Text)]
        if texts:
            data.setText("\n\n".join(texts))
        QApplication.clipboard().setMimeData(data)
        self._paste_count = 0
        return True

    def cut_selection(self) -> None:
        if self.copy_selection():
            self.delete_selection()

    def paste(self, at: QPointF | None = None) -> bool:
        """Paste board items from the clipboard (offset each time), or plain text as a text item."""
        data = QApplication.clipboard().mimeData()
        if data is not None and data.hasFormat(BOARD_MIME):
            try:
                models = scene_from_json(bytes(data.data(BOARD_MIME)).decode("utf-8"))
            except (BoardFormatError, UnicodeDecodeError):
                return False
            self._paste_count += 1
            self._paste_models(models, PASTE_OFFSET * self._paste_count, "Paste")
            return bool(models)
        if data is not None and data.hasText() and data.text().strip() and at is not None:
            z = self.scene.z_range()[1] + 1
            self.add([Text(new_id(), at.x(), at.y(), data.text().strip(), z=z)], "Paste text")
            return True
        return False

    def _paste_models(self, models: list[BoardItem], offset: float, text: str) -> None:
        ids = {m.id: new_id() for m in models}
        top = self.scene.z_range()[1]
        fresh: list[BoardItem] = []
        for i, model in enumerate(sorted(models, key=lambda m: m.z)):
            if isinstance(model, RawItem):
                continue
            copy = replace(moved(model, offset, offset), id=ids[model.id], z=top + 1 + i)
            if isinstance(copy, Connector):
                copy = replace(copy, start=ids.get(copy.start), end=ids.get(copy.end))
            fresh.append(copy)
        self.add(fresh, text)
        self.scene.clearSelection()
        for model in fresh:
            graphic = self.scene.graphic(model.id)
            if graphic is not None:
                graphic.setSelected(True)

    def bring_to_front(self) -> None:
        self._restack(front=True)

    def send_to_back(self) -> None:
        self._restack(front=False)

    def _restack(self, front: bool) -> None:
        models = self.selected_models()
        if not models:
            return
        low, high = self.scene.z_range()
        after = []
        for i, model in enumerate(models):
            z = high + 1 + i if front else low - len(models) + i
            after.append(replace(model, z=z))
        self.change(models, after, "Bring to front" if front else "Send to back")

    def apply_style(self, *, color: str | None = None, width: float | None = None,
                    fill: str | None = None, size: float | None = None) -> bool:
        """Restyle the selection. ``fill`` is a fill mode (none | tint | solid) for closed
        shapes, whose fill follows their colour; ``size`` is for text. Returns whether
        anything changed."""
        models = self.selected_models()
        after = []
        for model in models:
            changes: dict = {}
            if color is not None and isinstance(model, (Stroke, Shape, Connector, Text)):
                changes["color"] = color
            if width is not None and isinstance(model, (Stroke, Shape, Connector)):
                changes["width"] = width * (4 if isinstance(model, Stroke) and model.highlighter else 1)
            if isinstance(model, Shape) and (fill is not None or color is not None):
                mode = fill if fill is not None else fill_mode(model.fill)
                changes["fill"] = fill_for(mode, changes.get("color", model.color))
            if size is not None and isinstance(model, Text):
                changes["size"] = size
            after.append(replace(model, **changes) if changes else model)
        before_count = self.undo_stack.count()
        self.change(models, after, "Change style")
        return self.undo_stack.count() != before_count

    # ----- text typed in place
    def commit_text(self, graphic: TextGraphic) -> None:
        """Turn a finished edit into a command: new text is added, changed text is changed,
        text left empty is removed (or, if it was new, simply dropped)."""
        text = graphic.toPlainText()
        registered = self.scene.is_board_graphic(graphic)
        pos = graphic.pos()
        if not registered:
            if text.strip():
                model = replace(graphic.model, text=text, x=pos.x(), y=pos.y())
                graphic.apply_model(model, self.scene.theme)
                self.scene.register(graphic)
                self.push("Add text", {model.id: None}, {model.id: model}, applied=True)
            else:
                graphic.setSelected(False)
                self.scene.removeItem(graphic)
            return
        old = graphic.current_model()
        if not text.strip():
            graphic.setPlainText(old.text)
            self.remove([old.id], "Delete text")
        elif text != old.text:
            new = replace(old, text=text)
            self.push("Edit text", {old.id: old}, {old.id: new})
        else:
            graphic.apply_model(old, self.scene.theme)

    def finish_text_editing(self) -> None:
        """End any in-place text edit now (before saving, switching boards or tools)."""
        graphic = self.scene.editing_text()
        if graphic is None:
            for item in self.scene.items():
                if isinstance(item, TextGraphic) and item.editing:
                    graphic = item
                    break
        if graphic is not None:
            graphic.finish_editing()

    def set_models(self, models: list[BoardItem]) -> None:
        """Show a freshly opened board: no undo history, and no ``changed``. Whatever the scene
        raises while building the graphics is passed on (the caller decides what to show)."""
        self._loading = True
        try:
            self.undo_stack.clear()
            self._paste_count = 0
            self.scene.load(models)
        finally:
            self._loading = False
