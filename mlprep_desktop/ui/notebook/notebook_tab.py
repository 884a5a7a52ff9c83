"""``NotebookTab``: Markdown notes with code and math, linked to questions, never lost.

Contract (a ``TabPage``): its writes are ``context.note_ops`` operations reporting ``NOTES``
(and ``NOTE_LINKS`` when which questions have or are linked from notes changed);
``on_data_changed`` refreshes question titles and board pictures; ``flush_pending`` writes
the open note now. Edits are saved ``AUTOSAVE_MS`` after the last keystroke (and at least every
second while typing goes on: ``DebouncedSaver``'s maximum wait) and flushed on
note switch, tab switch, focus loss, close and quit; a failed write keeps the text on screen,
says so, and is retried on the next edit or flush. A save never overwrites a version saved
in another MLPrep window meanwhile: the user is asked to keep theirs or show the other
(``NoteConflictPrompt``), and whichever text is replaced goes to the note's history.
``question_link_activated`` asks the main window to show a question in the browser. Making
notes is ``CreationActions``, the Trash ``TrashActions``, the open note's widgets ``NotePage``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.services.changes import Change, ChangeKind
from mlprep_desktop.services.errors import NoteConflictError
from mlprep_desktop.ui.notebook.creation_actions import CreationActions, daily_log_action
from mlprep_desktop.ui.notebook.note_conflict import ConflictActions, NoteConflictPrompt
from mlprep_desktop.ui.notebook.trash_actions import TrashActions
from mlprep_desktop.ui.operation_runner import OperationRunner
from mlprep_desktop.ui.tab_page import TabPage
from mlprep_desktop.ui.theme import is_dark, render_theme
from mlprep_desktop.ui.widgets.debounced_saver import DebouncedSaver

if TYPE_CHECKING:
    from mlprep_desktop.core.note_models import Note, SaveResult
    from mlprep_desktop.services.note_ops import NoteOperations
    from mlprep_desktop.ui.notebook.note_history_dialog import NoteHistoryDialog


class NotebookTab(CreationActions, ConflictActions, TrashActions, TabPage):
    question_link_activated = Signal(str)

    AUTOSAVE_MS = 1000

    def __init__(self, context: AppContext, operations: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(operations, parent, lazy=True)
        self.setObjectName("notebookTab")
        self.setAccessibleName(self.tr("Notebook"))
        self._ctx = context
        # Made before the page: the window binds Ctrl+Shift+N to it at start (see daily_log_action).
        self._daily_log_action = daily_log_action(self)
        self._daily_log_action.triggered.connect(lambda: self.new_note("daily_log"))

    @property
    def _ops(self) -> NoteOperations:  # made on first use (not at start-up: issue 16)
        return self._ctx.note_ops

    def build_page(self) -> None:
        """The note list, the editor and the preview (on first show: see TabPage). Their
        modules are imported here, not when the app starts."""
        from mlprep_desktop.rendering.markdown_html import MarkdownRenderer
        from mlprep_desktop.rendering.note_html import NoteRenderer
        from mlprep_desktop.ui.notebook.board_images import BoardImages
        from mlprep_desktop.ui.notebook.note_exporter import NoteExporter
        from mlprep_desktop.ui.notebook.notebook_layout import NotebookLayout
        from mlprep_desktop.ui.notebook.preview_sync import PreviewSync

        context = self._ctx
        self._note: Note | None = None
        self._loading = False
        self._last_error = ""
        self._conflict: NoteConflictError | None = None  # the open note's last save was refused
        self._titles = context.questions.titles()
        self._boards = BoardImages(context)
        self._boards.dark = is_dark(self.palette())
        self._renderer = NoteRenderer(MarkdownRenderer(render_theme(self)), self._titles, self._boards.exists)
        self._build()
        self._saver = DebouncedSaver(self._save_current, self.AUTOSAVE_MS, self)
        self._saver.failed.connect(self._on_saver_failed)
        self._saver.saved.connect(self._on_saver_saved)
        self.sync = PreviewSync(self.editor, self.preview, self.preview_notice, self._renderer, self)
        self.exporter = NoteExporter(context, self._boards, lambda: self._note, self._saver.flush, self)
        self.exporter.attach(self.header.export)
        self.conflict_prompt = NoteConflictPrompt(self)
        self._wire()
        self._purge_trash()
        self.layout_state = NotebookLayout(context.preferences, self)
        self.set_view_mode(self.layout_state.restore())
        self.refresh()
        self._initial_note = self.layout_state.last_note()  # opened when the tab is first shown
        self._initial_done = False

    # ----- construction
    def _build(self) -> None:
        """The note list on the left; on the right the open note (``NotePage``) or, with no
        note open, a short welcome. The note page's widgets are kept here under short names."""
        from mlprep_desktop.ui.notebook.note_list_pane import NoteListPane
        from mlprep_desktop.ui.notebook.note_page import NotePage

        self.pane = NoteListPane(self, new_log_action=self._daily_log_action)
        page = NotePage(self._boards, self)
        self.header, self.editor, self.preview = page.header, page.editor, page.preview
        self.preview_notice, self.preview_box, self.splitter = page.preview_notice, page.preview_box, page.splitter
        self.editor.set_question_titles(self._titles)
        self.editor.set_dark(is_dark(self.palette()))
        self.empty = QLabel(self)
        self.empty.setObjectName("noteEmptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setText(self.tr(
            "<h3>Your notebook</h3><p>Keep your answers and what to revisit here.</p>"
            "<p><b>Ctrl+N</b> writes a new note; <b>Ctrl+Shift+N</b> starts today's study log.<br>"
            "In the browser, <b>Notes</b> opens the note of the question you are reading.</p>"))
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(page)
        self.outer = QSplitter(Qt.Orientation.Horizontal, self)
        self.outer.setObjectName("notebookSplitter")
        self.outer.setChildrenCollapsible(False)
        self.outer.addWidget(self.pane)
        self.outer.addWidget(self.stack)
        self.outer.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.outer)

    def _wire(self) -> None:
        from mlprep_desktop.ui.notebook.note_header import VIEW_MODES

        pane, header = self.pane, self.header
        pane.filter_changed.connect(self._on_pane_filter_changed)
        pane.note_chosen.connect(self._on_pane_note_chosen)
        pane.new_requested.connect(self.new_note)
        pane.delete_requested.connect(self.delete_current)
        pane.rename_requested.connect(self.rename)
        pane.empty_trash_requested.connect(self.empty_trash)
        header.edited.connect(self._on_header_edited)
        header.editing_finished.connect(self._saver.flush)
        header.title_committed.connect(lambda: self.editor.setFocus(Qt.FocusReason.TabFocusReason))
        header.view_mode_chosen.connect(self.set_view_mode)
        header.history_clicked.connect(self.show_history)
        header.delete_clicked.connect(self.delete_current)
        header.restore_clicked.connect(self.restore_current)
        header.delete_forever_clicked.connect(self.delete_forever_current)
        header.question_link_activated.connect(self.question_link_activated)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.editor.focus_lost.connect(self._saver.flush)
        self.preview.question_link_activated.connect(self.question_link_activated)
        self.preview.note_link_activated.connect(self.open_note)
        self.conflict_prompt.keep_mine_chosen.connect(self._on_conflict_keep_mine_chosen)
        self.conflict_prompt.load_theirs_chosen.connect(self._on_conflict_load_theirs_chosen)
        self.exporter.finished.connect(self.message)
        self.exporter.failed.connect(self.error_occurred)
        self.addActions([pane.new_blank_action, pane.new_log_action])

        def shortcut(keys, slot) -> None:
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)

        shortcut(QKeySequence.StandardKey.Find, pane.focus_search)
        shortcut(Qt.Key.Key_F2, self.rename)
        shortcut("Ctrl+Shift+H", self.show_history)
        shortcut(QKeySequence.StandardKey.Save, self._on_save_shortcut)
        for number, mode in enumerate(VIEW_MODES, start=1):
            shortcut(f"Ctrl+{number}", lambda m=mode: self.set_view_mode(m))

    # ----- public API (main window, tests)
    @property
    def current_note(self) -> Note | None:
        return self._note

    @property
    def daily_log_action(self) -> QAction:
        """Today's study log (Ctrl+Shift+N). The main window adds it to itself so the shortcut
        works from any tab; it is one action, so the notebook's own use of the keys is not an
        ambiguous second shortcut."""
        return self._daily_log_action

    @property
    def view_mode(self) -> str:
        return self.sync.view_mode

    def refresh(self) -> None:
        """Re-run the list query (search, tag, Trash) and refresh tags and the Trash count."""
        notes = self._ctx.notes
        self.pane.set_rows(notes.list(self.pane.current_filter()), self._note.id if self._note else None)
        self.pane.set_tags(notes.tag_counts())
        self.pane.set_trash_count(notes.trash_count())

    def open_note(self, note_id: int) -> bool:
        """Show a note (flushing the open one first). False if it is gone or the flush failed."""
        self._initial_done = True
        if self._note is not None and self._note.id == note_id:
            self.pane.select(note_id)
            return True
        if not self._saver.flush():
            return False
        note = self._ctx.notes.get(note_id)
        if note is None:
            self.refresh()
            return False
        if note.in_trash != self.pane.trash_mode or self.pane.model.row_of(note_id) < 0:
            self.pane.set_trash_mode(note.in_trash)
            self.pane.clear_filters()
            self._note = note
            self.refresh()
        self._show(note)
        self.pane.select(note_id)
        return True

    def rename(self) -> None:
        if self._note is not None and not self._note.in_trash:
            self.header.title.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.header.title.selectAll()

    def set_view_mode(self, mode: str) -> None:
        """Editor only, side by side, or preview only (remembered)."""
        from mlprep_desktop.ui.notebook.note_header import VIEW_MODES

        if mode not in VIEW_MODES:
            mode = "split"
        self.header.set_view_mode(mode)
        self.sync.set_view_mode(mode)
        self.layout_state.view_mode = mode

    def show_history(self) -> NoteHistoryDialog | None:
        note = self._note
        if note is None or not self._saver.flush():
            return None
        note = self._note
        from mlprep_desktop.ui.notebook.note_history_dialog import NoteHistoryDialog

        dialog = NoteHistoryDialog(note, self._ctx.notes.revisions(note.id), self._ctx.notes.revision, self)
        dialog.restore_requested.connect(lambda revision_id: self._restore_revision(note.id, revision_id))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def flush_pending(self) -> bool:
        """Write the open note now (tab switch, close, quit) and remember the layout."""
        saved = self._saver.flush()
        self.layout_state.save(self._note.id if self._initial_done and self._note else self._initial_note)
        return saved

    def on_data_changed(self, change: Change) -> None:
        if change.concerns(ChangeKind.QUESTIONS):
            self._titles = self._ctx.questions.titles()
            self._renderer.set_titles(self._titles)
            self.editor.set_question_titles(self._titles)
            self.sync.schedule()
        if change.concerns(ChangeKind.BOARDS):
            self._boards.clear()
            self._renderer.clear_cache()
            self.sync.schedule()
        if change.concerns(ChangeKind.NOTES):  # written elsewhere (an import): list, tags, Trash count
            self.refresh()

    # ----- internals
    def _show(self, note: Note) -> None:
        self._loading = True
        try:
            self._note = note
            self._saver.cancel()
            self.header.show_note(note, self._titles.get(note.question_id) if note.question_id else None)
            self.editor.setReadOnly(note.in_trash)
            self.editor.load_text(note.body)
        finally:
            self._loading = False
        self._last_error = ""
        self._conflict = None
        self.header.set_save_state(self.tr("In the Trash") if note.in_trash else self.tr("Saved"))
        self.stack.setCurrentIndex(1)
        self.sync.note_loaded()

    def _show_nothing(self) -> None:
        self._saver.cancel()
        self._note = None
        self._loading = True
        self.editor.load_text("")
        self._loading = False
        self.stack.setCurrentIndex(0)
        self.sync.note_loaded(False)

    def _open_initial(self, note_id: int | None) -> None:
        self._initial_done = True
        note = self._ctx.notes.get(note_id) if note_id is not None else None
        if note is not None and not note.in_trash:
            self.open_note(note.id)
        elif self.pane.model.rowCount():
            self.open_note(self.pane.model.summary_at(0).id)
        else:
            self._show_nothing()

    def _save_current(self) -> None:
        from mlprep_desktop.core.note_models import DRAFT_NOTE_ID, parse_tags

        note = self._note
        if note is None or note.in_trash:
            return
        self._conflict = None
        try:
            outcome = self._ops.save(note, self.header.title.text(), self.editor.toPlainText(),
                                     parse_tags(self.header.tags.text()))
        except NoteConflictError as exc:  # the saver reports it (ask, do not overwrite)
            self._conflict = exc
            raise
        self._after_save(note, outcome.value)
        if note.id == DRAFT_NOTE_ID:  # the first edit stored the draft: list it, selected
            self._show_created()
        self.operations.publish(outcome.change, self)

    def _after_save(self, before: Note, result: SaveResult) -> None:
        """Show a save's result in the list (its summary, the tags)."""
        self._note = result.note
        if not result.changed:
            return
        summary = self._ctx.notes.summary(before.id)
        if summary is not None:
            self.pane.model.update_summary(summary)
        if set(result.note.tags) != set(before.tags):
            self.pane.set_tags(self._ctx.notes.tag_counts())

    def _on_saver_saved(self) -> None:
        self._last_error = ""
        self._conflict = None
        if self._note is not None and not self._note.in_trash:
            self.header.set_save_state(self.tr("Saved"))

    def _on_saver_failed(self, text: str) -> None:
        if self._conflict is not None:  # saved in another window meanwhile: ask, do not overwrite
            self._ask_about_conflict(text)
            return
        self.header.set_save_state(self.tr("Not saved — your text is kept on screen"), problem=True)
        self.header.save_state.setToolTip(text)
        if text != self._last_error:  # one dialog per problem, not one per keystroke
            self._last_error = text
            self.error_occurred.emit(text)

    def _on_editor_text_changed(self) -> None:
        if self._loading or self._note is None or self._note.in_trash:
            return
        self._saver.schedule()
        if not self._last_error:
            self.header.set_save_state(self.tr("Editing…"))
        self.sync.schedule()

    def _on_header_edited(self) -> None:
        if not self._loading and self._note is not None and not self._note.in_trash:
            self._saver.schedule()

    def _on_pane_note_chosen(self, note_id: int) -> None:
        if not self.open_note(note_id):
            self.pane.select(self._note.id if self._note else None)

    def _on_pane_filter_changed(self) -> None:
        switched = self._note is None or self._note.in_trash != self.pane.trash_mode
        if switched and not self._saver.flush():
            self.pane.set_trash_mode(not self.pane.trash_mode)
            return
        self.refresh()
        if switched:
            first = self.pane.model.summary_at(0)
            if first is not None:
                self.open_note(first.id)
            else:
                self._show_nothing()

    def _on_save_shortcut(self) -> None:
        if self._saver.flush():
            self.message.emit(self.tr("Saved. (Notes also save themselves as you type.)"))

    def _restore_revision(self, note_id: int, revision_id: int) -> None:
        if self._note is None or self._note.id != note_id or not self._saver.flush():
            return
        if self.operations.run(lambda: self._ops.restore_revision(note_id, revision_id), source=self) is None:
            return
        self._note = None
        self.open_note(note_id)
        self.refresh()
        self.message.emit(self.tr("Restored the earlier version; the text it replaced is in the history."))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        super().showEvent(event)
        if not self._initial_done:  # the last note is loaded on first view, not at start-up
            self._open_initial(self._initial_note)
        QTimer.singleShot(0, self._focus_default)

    def _focus_default(self) -> None:
        focus = QApplication.focusWidget()
        if self.isVisible() and (focus is None or not self.isAncestorOf(focus)):
            target = self.editor if self._note is not None and self.editor.isVisible() else self.pane.list
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's API)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and self.is_built:
            from mlprep_desktop.rendering.markdown_html import MarkdownRenderer

            self._renderer.set_renderer(MarkdownRenderer(render_theme(self)))
            self._boards.dark = is_dark(self.palette())
            self._boards.clear()
            self.editor.set_dark(is_dark(self.palette()))
            self.sync.schedule()


