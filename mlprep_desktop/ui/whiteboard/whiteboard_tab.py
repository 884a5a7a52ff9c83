"""``WhiteboardTab``: named boards on the left, the canvas with its toolbars on the right.

A ``TabPage``: its writes are ``context.board_ops`` operations, reporting ``BOARDS`` through the
window's ``OperationRunner``; ``on_data_changed`` refreshes the list when boards or questions
changed. What the actions and toolbar do to the open canvas is ``CanvasControls``.

Autosave: every change (a command, undo, redo) schedules a debounced save of the scene and
its thumbnail; ``flush_pending`` ends any text being typed and saves at once. It runs on
board switch, tab switch, focus loss, window close and quit. When the open board cannot be
saved, switching to another board (open, new, duplicate) is refused: it stays open and
selected, with its drawing on screen, until a save succeeds.

Opening a board never writes it. A board whose stored scene cannot be read or shown (bad
JSON or numbers, a crash while building its graphics) or that comes from a newer app version
is shown read-only and never overwritten.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.services.changes import Change, ChangeKind
from mlprep_desktop.ui.operation_runner import OperationRunner
from mlprep_desktop.ui.tab_page import TabPage
from mlprep_desktop.ui.widgets.debounced_saver import DebouncedSaver

if TYPE_CHECKING:
    from mlprep_desktop.core.board_model import BoardItem
    from mlprep_desktop.core.board_records import Board
    from mlprep_desktop.ui.whiteboard.board_styles import ToolStyle

log = logging.getLogger(__name__)

LAST_BOARD_KEY = "whiteboard.board"


class WhiteboardTab(TabPage):
    board_opened = Signal(int)

    SAVE_DELAY_MS = 800

    def __init__(self, context: AppContext, operations: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(operations, parent, lazy=True)
        self.setObjectName("whiteboardTab")
        self.setAccessibleName(self.tr("Whiteboard"))
        self._ctx = context

    def build_page(self) -> None:
        """The canvas, the board list and the tools (on first show: see TabPage). Their
        modules are imported here, not when the app starts."""
        from mlprep_desktop.ui.whiteboard.board_editor import BoardEditor
        from mlprep_desktop.ui.whiteboard.board_export import BoardExporter
        from mlprep_desktop.ui.whiteboard.board_scene import BoardScene
        from mlprep_desktop.ui.whiteboard.board_styles import StyleBook
        from mlprep_desktop.ui.whiteboard.board_theme import CanvasTheme

        context = self._ctx
        self._ops = context.board_ops
        self._board: Board | None = None
        self._read_only = False
        self._fit_pending = False
        self._save_error = ""
        self.styles = StyleBook()
        self.scene = BoardScene(CanvasTheme.from_palette(self.palette()))
        self.editor = BoardEditor(self.scene, self)
        self._saver = DebouncedSaver(self._save_board, self.SAVE_DELAY_MS, self)
        self._build()
        self.exporter = BoardExporter(self.scene, context.preferences, self)
        self._wire()
        self.refresh_list()
        self.canvas.restore_grid()
        self.view.set_tool("pen")
        self._show_current_page()

    # ----- construction
    def _build(self) -> None:
        from mlprep_desktop.ui.whiteboard.board_actions import BoardActions
        from mlprep_desktop.ui.whiteboard.board_list import BoardListModel, BoardListPanel
        from mlprep_desktop.ui.whiteboard.board_toolbar import BoardToolBar
        from mlprep_desktop.ui.whiteboard.board_view import WhiteboardView
        from mlprep_desktop.ui.whiteboard.empty_boards_page import EmptyBoardsPage

        self.canvas_page = QWidget(self)
        self.view = WhiteboardView(self.scene, self.editor, self.canvas_page)
        # The view owns the scene, so the view (and its slots) is gone before the scene's items
        # are torn down: no handler runs on a half-destroyed scene when the window closes.
        self.scene.setParent(self.view)
        self.view.tool_style = self.style_for
        self.actions = BoardActions(self, self.canvas_page)
        self.toolbar = BoardToolBar(self.actions, self.canvas_page)
        canvas_layout = QVBoxLayout(self.canvas_page)
        canvas_layout.setContentsMargins(0, 0, 0, 0)
        canvas_layout.setSpacing(0)
        canvas_layout.addWidget(self.toolbar)
        canvas_layout.addWidget(self.view, 1)

        self.empty_page = EmptyBoardsPage(self.actions.new_board, self)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.canvas_page)
        self.stack.addWidget(self.empty_page)

        self.list_model = BoardListModel(self, self.scene.theme)
        self.board_list = BoardListPanel(self.list_model, self.actions.new_board, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("whiteboardSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.board_list)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([250, 1030])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def _wire(self) -> None:
        from mlprep_desktop.ui.whiteboard.canvas_controls import CanvasControls

        self.canvas = CanvasControls(self.scene, self.view, self.editor, self.actions, self.toolbar, self.styles,
                                     self._ctx.preferences, self)
        self.canvas.choice_finished.connect(self._return_to_canvas)
        acts = self.actions
        self.view.focus_lost.connect(self._on_view_focus_lost)
        acts.export_png.triggered.connect(lambda: self._export_png(1.0))
        acts.export_png2x.triggered.connect(lambda: self._export_png(2.0))
        acts.export_svg.triggered.connect(self._export_svg)
        acts.copy_image.triggered.connect(self.exporter.copy_image)
        acts.new_board.triggered.connect(self.new_board)
        acts.duplicate_board.triggered.connect(lambda: self._board and self.duplicate_board(self._board.id))
        self.exporter.message.connect(self.message)
        self.exporter.error_occurred.connect(self.error_occurred)
        self.editor.changed.connect(self._on_editor_changed)
        self._saver.failed.connect(self._on_saver_failed)
        self.board_list.board_activated.connect(self.open_board)
        self.board_list.delete_requested.connect(self.delete_board)
        self.board_list.duplicate_requested.connect(self.duplicate_board)
        self.list_model.rename_requested.connect(self.rename_board)

    # ----- public API
    @property
    def current_board_id(self) -> int | None:
        """The open board's id; None when none is open or the open one is an unsaved draft."""
        from mlprep_desktop.core.board_records import DRAFT_ID

        return self._board.id if self._board is not None and self._board.id != DRAFT_ID else None

    @property
    def current_board(self) -> Board | None:
        return self._board

    @property
    def read_only(self) -> bool:
        return self._read_only

    def style_for(self, tool: str) -> ToolStyle:
        return self.styles.style(tool)

    def _set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.canvas.read_only = read_only

    def open_board(self, board_id: int) -> bool:
        """Save the open board, then show ``board_id`` (selected in the list). Returns False,
        with the open board still open and selected, when that board cannot be saved or
        ``board_id`` no longer exists. Opening writes nothing to the board opened."""
        if self._board is not None and self._board.id == board_id:
            self.board_list.select_board(board_id)
            return True
        if not self._leave_open_board():
            return False
        board = self._ctx.boards.get(board_id)
        if board is None:
            self.message.emit(self.tr("That board no longer exists."))
            self.refresh_list()
            return False
        self._board = board
        self._set_read_only(True)  # until it has loaded: nothing half-shown is ever saved
        self._set_read_only(not self._load(board))
        self.view.setInteractive(not self._read_only)
        for action in [*self.actions.tools.values(), self.actions.paste, *self.actions.editing_actions()]:
            action.setEnabled(not self._read_only)
        self.canvas.update_selection_actions()
        if self.list_model.row_of(board_id) < 0:
            self.refresh_list()
        self.board_list.select_board(board_id)
        self._show_current_page()
        self._fit_pending = True
        if self.view.isVisible():
            self._fit_now()
        self._ctx.preferences.remember(LAST_BOARD_KEY, board_id)  # only a convenience for next start
        self.board_opened.emit(board_id)
        return True

    def open_board_or_draft(self, board: Board) -> bool:
        """Open a stored board, or show a draft (``DRAFT_ID``): an empty canvas that becomes a
        board, listed, only when first drawn on; left untouched, it leaves nothing behind."""
        from mlprep_desktop.core.board_records import DRAFT_ID

        if board.id != DRAFT_ID:
            return self.open_board(board.id)
        if self._board is not None and self._board.id == DRAFT_ID and \
                (self._board.question_id, self._board.interview_item_id) == (board.question_id, board.interview_item_id):
            return True
        if not self._leave_open_board():
            return False
        self._board = board
        self._set_read_only(True)  # while the empty scene is put up: nothing to save yet
        self._show_models([])
        self._set_read_only(False)
        self.view.setInteractive(True)
        for action in [*self.actions.tools.values(), self.actions.paste, *self.actions.editing_actions()]:
            action.setEnabled(True)
        self.canvas.update_selection_actions()
        self.board_list.select_board(DRAFT_ID)  # nothing selected: it is not in the list yet
        self._show_current_page()
        self._fit_pending = True
        if self.view.isVisible():
            self._fit_now()
        self.message.emit(self.tr(f"A new board for “{board.name}”: it is saved as soon as you draw on it."))
        return True

    def new_board(self) -> int | None:
        if not self._leave_open_board():
            return None
        outcome = self.operations.run(lambda: self._ops.create(self.tr("Untitled board")), source=self)
        if outcome is None:
            return None
        board = outcome.value
        self.refresh_list()
        self.open_board(board.id)
        self.view.setFocus()
        self.message.emit(self.tr(f"Made “{board.name}”. F2 in the list renames it."))
        return board.id

    def rename_board(self, board_id: int, name: str) -> bool:
        outcome = self.operations.run(lambda: self._ops.rename(board_id, name), source=self,
                                      on_error=lambda _: self.refresh_list())
        if outcome is None:
            return False
        board = outcome.value
        if self._board is not None and self._board.id == board_id:
            self._board = self._ctx.boards.get(board_id)
        self.refresh_list()
        self.message.emit(self.tr(f"Renamed to “{board.name}”."))
        return True

    def duplicate_board(self, board_id: int) -> int | None:
        if not self._leave_open_board():  # also: a copy of the open board has its latest edits
            return None
        outcome = self.operations.run(lambda: self._ops.duplicate(board_id), source=self)
        if outcome is None:
            return None
        copy = outcome.value
        self.refresh_list()
        self.open_board(copy.id)
        return copy.id

    def delete_board(self, board_id: int, *, confirm: bool = True) -> bool:
        board = self._ctx.boards.get(board_id)
        if board is None:
            return False
        if confirm and not self._confirm_delete(board.name):
            return False
        if self._board is not None and self._board.id == board_id:
            self.editor.finish_text_editing()
            self._saver.cancel()
            self._board = None
            self.editor.set_models([])
        if self.operations.run(lambda: self._ops.delete(board_id), source=self) is None:
            return False
        self.refresh_list()
        if self._board is None and self.list_model.rowCount():
            self.open_board(self.list_model.board(0).id)
        self._show_current_page()
        self.message.emit(self.tr(f"Deleted “{board.name}”."))
        return True

    def refresh_list(self) -> None:
        titles = self._ctx.questions.titles()
        self.list_model.set_rows(self._ctx.boards.list(), titles)
        if self._board is not None:
            self.board_list.select_board(self._board.id)
        self.board_list.update_buttons()

    def flush_pending(self) -> bool:
        """End any text being typed and save the open board now."""
        self.editor.finish_text_editing()
        return self._saver.flush()

    def on_data_changed(self, change: Change) -> None:
        if change.concerns(ChangeKind.BOARDS, ChangeKind.QUESTIONS):
            self.refresh_list()
            self._show_current_page()

    # ----- opening and leaving
    def _load(self, board: Board) -> bool:
        """Show ``board``'s scene. Returns whether it may be edited; when not, the user is told
        why (unreadable, from a newer app, or it could not be shown) and it is never saved."""
        from mlprep_desktop.core.board_model import VERSION, BoardFormatError
        from mlprep_desktop.core.gc_pause import paused_gc

        unreadable: BoardFormatError | None = None
        with paused_gc():  # a big board: thousands of objects made at once, nearly all kept
            try:
                version, models = self._read_board(board)
            except BoardFormatError as exc:
                version, models, unreadable = VERSION, [], exc
            error = self._show_models(models)
        editable = True
        if unreadable is not None:
            editable = False
            self.error_occurred.emit(self.tr(
                f"The board “{board.name}” could not be read ({unreadable}). It is shown empty and will "
                "not be changed."))
        if version > VERSION:
            editable = False
            self.error_occurred.emit(self.tr(
                f"The board “{board.name}” was saved by a newer version of MLPrep Desktop. It is "
                "shown read-only, as far as this version understands it, and will not be changed. "
                "Update the app to edit it."))
        if error is not None:
            editable = False
            self.error_occurred.emit(self.tr(
                f"The board “{board.name}” could not be shown ({error}). It is shown empty and "
                "will not be changed."))
        return editable

    @staticmethod
    def _read_board(board: Board) -> tuple[int, list[BoardItem]]:
        """The board's format version and items: from its packed form when storage has one made
        with this very JSON (a big board opens without parsing it), else from the JSON, which
        also decides whenever the packed form cannot be read. Raises ``BoardFormatError``."""
        from mlprep_desktop.core.board_model import VERSION, read_scene

        if board.scene_packed is not None:
            from mlprep_desktop.core.board_packed import PackedFormatError, unpack_scene

            try:
                return VERSION, unpack_scene(board.scene_packed)
            except PackedFormatError:
                log.warning("board %s: its packed scene is unreadable; reading its JSON", board.id)
        return read_scene(board.scene_json)

    def _show_models(self, models: list[BoardItem]) -> str | None:
        """Put ``models`` on the canvas. On any failure the canvas is cleared (nothing
        half-built stays) and the error, also logged, is returned."""
        try:
            self.editor.set_models(models)
        except Exception as exc:
            log.exception("could not show a board")
            self.editor.set_models([])
            return f"{type(exc).__name__}: {exc}"
        return None

    def _leave_open_board(self) -> bool:
        """Save the open board before another is shown. If that fails, the open board stays
        open and selected in the list, the user is told, and False is returned."""
        if self.flush_pending():
            return True
        if self._board is not None:
            self.board_list.select_board(self._board.id)
            # a click in the list goes on selecting the clicked row after it asked to open it
            QTimer.singleShot(0, self, self._on_refused_switch_timeout)
            self.error_occurred.emit(self.tr(
                f"“{self._board.name}” stays open: its latest changes could not be saved, and "
                f"switching boards now would lose them. {self._save_error}"))
        return False

    def _on_refused_switch_timeout(self) -> None:
        if self._board is not None:
            self.board_list.select_board(self._board.id)

    # ----- saving
    def _on_saver_failed(self, text: str) -> None:
        self._save_error = text
        self.error_occurred.emit(text)

    def _on_view_focus_lost(self, window_deactivated: bool) -> None:
        """Save when the canvas loses focus; text being typed stays open if only the window
        was deactivated (it is finished on tab switch, board switch, close and quit)."""
        if window_deactivated:
            self._saver.flush()
        else:
            self.flush_pending()

    def _on_editor_changed(self) -> None:
        if self._board is not None and not self._read_only:
            self._saver.schedule()

    def _save_board(self) -> None:
        """The debounced save; a refused write raises to the saver (kept pending, reported)."""
        from mlprep_desktop.core.board_records import DRAFT_ID

        if self._board is None or self._read_only:
            return
        from mlprep_desktop.ui.whiteboard.board_image import thumbnail_png

        draft = self._board.id == DRAFT_ID
        scene_json, packed = self.scene.stored()
        outcome = self._ops.save_scene(self._board, scene_json, thumbnail_png(self.scene), packed)
        if draft:  # the first drawing stored the draft: it is a listed board from now on
            self._board = outcome.value
            self._ctx.preferences.remember(LAST_BOARD_KEY, self._board.id)
            self.board_opened.emit(self._board.id)
        elif outcome.value.id != self._board.id:  # deleted elsewhere while open: kept as a new board
            self._board = outcome.value
            self.message.emit(self.tr(f"The board was deleted elsewhere; saved your drawing as “{self._board.name}”."))
        self.refresh_list()
        self.operations.publish(outcome.change, self)

    # ----- behaviour
    def _show_current_page(self) -> None:
        self.stack.setCurrentWidget(self.canvas_page if self._board is not None else self.empty_page)

    def _fit_now(self) -> None:
        self._fit_pending = False
        self.view.fit_to_content()

    def _confirm_delete(self, name: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete board"),
                          self.tr(f"Delete the board “{name}”? This cannot be undone."),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmDeleteBoard")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Delete"))
        return box.exec() == QMessageBox.StandardButton.Yes

    def _export_png(self, scale: float) -> None:
        if self._board is not None:
            self.flush_pending()
            self.exporter.export_png(self._board.name, scale)
            self._return_to_canvas()

    def _export_svg(self) -> None:
        if self._board is not None:
            self.flush_pending()
            self.exporter.export_svg(self._board.name)
            self._return_to_canvas()

    def _return_to_canvas(self) -> None:
        """Give the keyboard back to the canvas after a dialog opened from the toolbar or a
        shortcut (the file dialog, the colour dialog): the single-key tool shortcuts work at
        once, without a click on the canvas first."""
        if not self.isVisible() or self.stack.currentWidget() is not self.canvas_page:
            return
        window = self.window()
        if not window.isActiveWindow():
            window.activateWindow()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # ----- Qt events
    def showEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        super().showEvent(event)
        self.refresh_list()  # "edited 5 min ago" moves on while the tab is hidden
        if self._board is None and self.list_model.rowCount():
            last = self._ctx.preferences.get(LAST_BOARD_KEY)
            row = self.list_model.row_of(last) if isinstance(last, int) else -1
            self.open_board(self.list_model.board(max(row, 0)).id)
        if self._fit_pending:
            self._fit_now()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's API)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and self.is_built:
            from mlprep_desktop.ui.whiteboard.board_theme import CanvasTheme

            theme = CanvasTheme.from_palette(self.palette())
            self.scene.set_theme(theme)
            self.list_model.set_theme(theme)
            self.toolbar.refresh_icons(theme)
            self.view.viewport().update()
