"""``CanvasControls``: what the whiteboard's actions and toolbar do to the open canvas — tools,
undo and redo, cut / copy / paste / duplicate / delete, stacking order, zoom, the grid, and the
style (colour, width, fill, text size) of the tool and of the selection.

It owns no board: the whiteboard tab opens, saves and switches boards and sets ``read_only``
(a board that must not be changed gets no editing actions). The grid choice is remembered in
``context.preferences``. ``choice_finished`` asks the tab to give the keyboard back to the canvas
after a toolbar dialog."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QPointF, Signal
from PySide6.QtGui import QCursor

from mlprep_desktop.services.preferences import Preferences
from mlprep_desktop.ui.whiteboard.board_actions import BoardActions
from mlprep_desktop.ui.whiteboard.board_editor import BoardEditor
from mlprep_desktop.ui.whiteboard.board_scene import BoardScene
from mlprep_desktop.ui.whiteboard.board_styles import StyleBook
from mlprep_desktop.ui.whiteboard.board_toolbar import BoardToolBar
from mlprep_desktop.ui.whiteboard.board_view import WhiteboardView

GRID_KEY = "whiteboard.grid"


class CanvasControls(QObject):
    choice_finished = Signal()

    def __init__(self, scene: BoardScene, view: WhiteboardView, editor: BoardEditor, actions: BoardActions,
                 toolbar: BoardToolBar, styles: StyleBook, preferences: Preferences, parent: QObject) -> None:
        super().__init__(parent)
        self.scene, self.view, self.editor = scene, view, editor
        self.actions, self.toolbar, self.styles = actions, toolbar, styles
        self._preferences = preferences
        self.read_only = False
        self._wire()
        self.update_selection_actions()

    def _wire(self) -> None:
        acts, editor, view = self.actions, self.editor, self.view
        for name, action in acts.tools.items():
            action.triggered.connect(lambda _=False, n=name: view.set_tool(n))
        view.tool_changed.connect(self._on_view_tool_changed)
        view.zoom_changed.connect(self.toolbar.set_zoom)
        stack = editor.undo_stack
        acts.undo.triggered.connect(stack.undo)
        acts.redo.triggered.connect(stack.redo)
        stack.canUndoChanged.connect(acts.undo.setEnabled)
        stack.canRedoChanged.connect(acts.redo.setEnabled)
        acts.undo.setEnabled(False)
        acts.redo.setEnabled(False)
        acts.delete.triggered.connect(editor.delete_selection)
        acts.cut.triggered.connect(editor.cut_selection)
        acts.copy.triggered.connect(editor.copy_selection)
        acts.paste.triggered.connect(lambda: editor.paste(self._paste_point()))
        acts.duplicate.triggered.connect(editor.duplicate_selection)
        acts.select_all.triggered.connect(self._on_select_all)
        acts.front.triggered.connect(editor.bring_to_front)
        acts.back.triggered.connect(editor.send_to_back)
        acts.zoom_in.triggered.connect(lambda: view.zoom_by(1.25))
        acts.zoom_out.triggered.connect(lambda: view.zoom_by(0.8))
        acts.zoom_reset.triggered.connect(lambda: view.set_zoom(1.0))
        acts.fit.triggered.connect(view.fit_to_content)
        acts.grid.toggled.connect(self._on_grid_toggled)
        self.toolbar.color_chosen.connect(lambda color: self._restyle(color=color))
        self.toolbar.width_chosen.connect(lambda width: self._restyle(width=width))
        self.toolbar.fill_chosen.connect(lambda mode: self._restyle(fill=mode))
        self.toolbar.text_size_chosen.connect(lambda size: self._restyle(size=size))
        self.toolbar.choice_finished.connect(self.choice_finished)
        self.scene.text_edit_finished.connect(editor.commit_text)
        self.scene.selectionChanged.connect(self.update_selection_actions)

    def restore_grid(self) -> None:
        """Show the grid if the user last left it on."""
        self.scene.grid_enabled = bool(self._preferences.get(GRID_KEY, False))
        self.actions.grid.setChecked(self.scene.grid_enabled)

    def update_selection_actions(self) -> None:
        """Editing actions only with a selection on an editable board; the toolbar shows the
        style of the last selected item while the select tool is active."""
        if not shiboken6.isValid(self.scene):  # the scene clears its selection while it is destroyed
            return
        has = bool(self.scene.selected_graphics()) and not self.read_only
        for action in self.actions.editing_actions():
            action.setEnabled(has)
        models = self.editor.selected_models() if has else []
        if models and self.view.tool.name == "select":
            self.toolbar.show_style(self.styles.take_from(models[-1]), "select")

    def _paste_point(self) -> QPointF:
        local = self.view.viewport().mapFromGlobal(QCursor.pos())
        if self.view.viewport().rect().contains(local):
            return self.view.mapToScene(local)
        return self.view.visible_rect().center()

    def _on_select_all(self) -> None:
        self.view.set_tool("select")
        self.editor.select_all()

    def _on_grid_toggled(self, on: bool) -> None:
        self.scene.grid_enabled = on
        self.view.viewport().update()
        self._preferences.remember(GRID_KEY, on)

    def _on_view_tool_changed(self, name: str) -> None:
        self.actions.tools[name].setChecked(True)
        self.toolbar.show_style(self.styles.style(name), name)
        self.view.refresh_handles()

    def _restyle(self, **changes: object) -> None:
        style = self.styles.update(self.view.tool.name, **changes)
        if self.scene.selected_graphics():
            self.editor.apply_style(**changes)
        self.toolbar.show_style(style, self.view.tool.name)
