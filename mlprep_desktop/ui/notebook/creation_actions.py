"""``CreationActions``: how the notebook tab makes notes — a question's own note (opened from
the browser's Notes button, created from the template on first use), today's study log
(Ctrl+Shift+N: one per day, listing what was studied), a "My project" note (sections to fill,
linked to the behavioural questions) and a blank note (Ctrl+N).

A mixin of ``NotebookTab`` (it uses the tab's note operations, saver, pane, header, editor and
runner): the writes are ``context.note_ops`` operations run through the window's
``OperationRunner``, which reports a refused one; this shows the new note and puts the cursor
where the user writes first.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from mlprep_desktop.core.note_models import Note


class CreationActions:
    def open_question_note(self, question_id: str) -> Note | None:
        """Open the question's own note; if there is none, a draft from the template that is
        created (linked to the question) on the first edit — untouched, it leaves nothing."""
        from mlprep_desktop.core.note_models import DRAFT_NOTE_ID

        if not self._saver.flush():
            return None
        outcome = self.operations.run(lambda: self._ops.question_note_draft(question_id), source=self)
        if outcome is None:
            return None
        note = outcome.value
        if note is None:
            self.message.emit(self.tr("That question is not in the bank."))
            return None
        if note.id == DRAFT_NOTE_ID:  # stored on the first edit (see NotebookTab._save_current)
            self._initial_done = True
            self._show(note)
            self.pane.select(None)
            self.header.set_save_state(self.tr("New: saved when you first type"))
        elif not self.open_note(note.id):
            return None
        self._place_cursor_after("## My answer\n\n")
        return self._note

    def new_note(self, kind: str = "blank") -> Note | None:
        """Create a blank note or a "My project" note (kind "project"; title selected for typing)
        or today's study log (kind "daily_log")."""
        if not self._saver.flush():
            return None
        if kind == "daily_log":
            logged = self.operations.run(lambda: self._ops.daily_log(date.today()), source=self)
            if logged is None:
                return None
            note, created = logged.value
            if not created:
                self.open_note(note.id)
                self.message.emit(self.tr("Today's study log is already in your notebook."))
                self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
                return note
        else:
            create = self._ops.project_note if kind == "project" else self._ops.create_blank
            created_note = self.operations.run(create, source=self)
            if created_note is None:
                return None
            note = created_note.value
        self._show_created()
        self.open_note(note.id)
        if kind == "daily_log":
            self._place_cursor_after("## What I learned\n\n- ")
        else:
            self.header.title.setFocus(Qt.FocusReason.OtherFocusReason)
            self.header.title.selectAll()
        return self._note

    def _show_created(self) -> None:
        """A note was just created: list the notes (not the Trash), unfiltered, to show it."""
        self.pane.set_trash_mode(False)
        self.pane.clear_filters()
        self.refresh()

    def _place_cursor_after(self, marker: str) -> None:
        position = self.editor.toPlainText().find(marker)
        cursor = self.editor.textCursor()
        cursor.setPosition(position + len(marker) if position >= 0 else 0)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        if self.sync.view_mode == "preview":
            self.set_view_mode("split")
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)


def daily_log_action(parent: QWidget) -> QAction:
    """"From template: Daily study log" (Ctrl+Shift+N); the caller connects ``triggered``."""
    action = QAction(parent.tr("From template: Daily study log"), parent)
    action.setObjectName("noteNewDailyLog")
    action.setShortcut(QKeySequence("Ctrl+Shift+N"))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setToolTip(parent.tr("Today's date, the questions you did, what you learned, what to revisit"))
    return action
