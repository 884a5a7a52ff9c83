"""The whiteboard's actions: one QAction per tool and command, with its shortcut and tooltip.

The actions live on the whiteboard tab (shortcut context: the tab and its children), so the
single-key tool shortcuts work while the canvas or the board list has focus, never in other
tabs, and never while text is being typed on the canvas (the text item takes the keys first).
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ToolSpec:
    name: str
    label: str
    key: str
    tip: str
    object_name: str


TOOLS: tuple[ToolSpec, ...] = (
    ToolSpec("select", "Select", "V", "Select, move and resize (V). Ctrl+click adds to the selection; "
             "drag on empty canvas to select an area; double-click text to edit it", "toolSelect"),
    ToolSpec("pen", "Pen", "P", "Pen (P): freehand, smoothed; uses pen pressure on a tablet", "toolPen"),
    ToolSpec("highlighter", "Highlighter", "H", "Highlighter (H): wide, see-through marker", "toolHighlighter"),
    ToolSpec("line", "Line", "L", "Line (L). Shift: 15° steps", "toolLine"),
    ToolSpec("arrow", "Arrow", "A", "Arrow (A). Start or end it on a shape to attach it; Shift: 15° steps",
             "toolArrow"),
    ToolSpec("rect", "Rectangle", "R", "Rectangle (R). Shift: square", "toolRect"),
    ToolSpec("ellipse", "Ellipse", "O", "Ellipse (O). Shift: circle", "toolEllipse"),
    ToolSpec("text", "Text", "T", "Text (T): click and type, Enter for a new line, Esc to finish. "
             "Text between $ … $ shows as LaTeX math", "toolText"),
    ToolSpec("eraser", "Eraser", "E", "Eraser (E): drag across strokes and shapes to remove them whole",
             "toolEraser"),
    ToolSpec("hand", "Hand", "M", "Hand (M): drag to move around the board. "
             "Any time: hold Space and drag, or drag with the middle button", "toolHand"),
)


class BoardActions(QObject):
    """All actions. Tool, zoom, export and board actions live on ``owner`` (the tab); the
    editing actions (undo, delete, copy …) on ``canvas`` (the toolbar and the view), so that
    keys like Delete keep their own meaning in the board list."""

    def __init__(self, owner: QWidget, canvas: QWidget) -> None:
        super().__init__(owner)
        self._owner = owner
        self._canvas = canvas
        tr = owner.tr
        self._target = owner
        self.tool_group = QActionGroup(owner)
        self.tool_group.setExclusive(True)
        self.tools: dict[str, QAction] = {}
        for spec in TOOLS:
            action = self._make(tr(spec.label), spec.object_name + "Action", tr(spec.tip), spec.key)
            action.setCheckable(True)
            action.setData(spec.name)
            self.tool_group.addAction(action)
            self.tools[spec.name] = action

        self._target = canvas
        self.undo = self._make(tr("Undo"), "undoAction", tr("Undo (Ctrl+Z)"), QKeySequence.StandardKey.Undo)
        self.redo = self._make(tr("Redo"), "redoAction", tr("Redo (Ctrl+Shift+Z)"),
                               [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.delete = self._make(tr("Delete"), "deleteAction", tr("Delete the selection (Del)"),
                                 [QKeySequence(Qt.Key.Key_Delete), QKeySequence(Qt.Key.Key_Backspace)])
        self.cut = self._make(tr("Cut"), "cutAction", tr("Cut (Ctrl+X)"), QKeySequence.StandardKey.Cut)
        self.copy = self._make(tr("Copy"), "copyAction", tr("Copy (Ctrl+C)"), QKeySequence.StandardKey.Copy)
        self.paste = self._make(tr("Paste"), "pasteAction", tr("Paste (Ctrl+V)"), QKeySequence.StandardKey.Paste)
        self.duplicate = self._make(tr("Duplicate"), "duplicateAction", tr("Duplicate the selection (Ctrl+D)"),
                                    "Ctrl+D")
        self.select_all = self._make(tr("Select all"), "selectAllAction", tr("Select everything (Ctrl+A)"),
                                     QKeySequence.StandardKey.SelectAll)
        self.front = self._make(tr("Bring to front"), "bringToFrontAction", tr("Bring to front (Ctrl+Shift+])"),
                                "Ctrl+Shift+]")
        self.back = self._make(tr("Send to back"), "sendToBackAction", tr("Send to back (Ctrl+Shift+[)"),
                               "Ctrl+Shift+[")
        self._target = owner
        self.zoom_in = self._make(tr("Zoom in"), "zoomInAction", tr("Zoom in (Ctrl++)"),
                                  [QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self.zoom_out = self._make(tr("Zoom out"), "zoomOutAction", tr("Zoom out (Ctrl+-)"), "Ctrl+-")
        self.zoom_reset = self._make(tr("Actual size"), "zoomResetAction", tr("Zoom to 100 % (Ctrl+0)"), "Ctrl+0")
        self.fit = self._make(tr("Fit to content"), "fitAction", tr("Fit the whole board in view (F)"), "F")
        self.grid = self._make(tr("Grid"), "gridAction", tr("Show the grid and snap shapes to it (G)"), "G")
        self.grid.setCheckable(True)
        self.export_png = self._make(tr("Export PNG…"), "exportPng", tr("Save the board as a PNG image (Ctrl+E)"),
                                     "Ctrl+E")
        self.export_png2x = self._make(tr("Export PNG at 2×…"), "exportPng2x",
                                       tr("Save the board as a PNG image at double resolution (Ctrl+Alt+E)"),
                                       "Ctrl+Alt+E")
        self.export_svg = self._make(tr("Export SVG…"), "exportSvg",
                                     tr("Save the board as a vector SVG file (Ctrl+Shift+E)"), "Ctrl+Shift+E")
        self.copy_image = self._make(tr("Copy as image"), "copyAsImage",
                                     tr("Copy the selection (or the whole board) as an image (Ctrl+Shift+C)"),
                                     "Ctrl+Shift+C")
        self.new_board = self._make(tr("New board"), "newBoardAction", tr("Make a new board (Ctrl+N)"),
                                    QKeySequence.StandardKey.New)
        self.duplicate_board = self._make(tr("Duplicate board"), "duplicateBoardAction",
                                          tr("Make a copy of the board (Ctrl+Shift+D)"), "Ctrl+Shift+D")

    def _make(self, text: str, name: str, tip: str, keys) -> QAction:
        action = QAction(text, self._target)
        action.setObjectName(name)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if isinstance(keys, list):
            action.setShortcuts(keys)
        elif keys:
            action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._target.addAction(action)
        return action

    def editing_actions(self) -> list[QAction]:
        return [self.delete, self.cut, self.copy, self.duplicate, self.front, self.back]
