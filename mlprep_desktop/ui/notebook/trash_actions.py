"""``TrashActions``: the notebook tab's Trash operations — move the open note to the Trash,
restore it, delete it for good, empty the Trash, and remove notes 30 days after deletion.

A mixin of ``NotebookTab`` (it uses the tab's note operations, pane, saver and runner): the
writes are ``context.note_ops`` operations run through the window's ``OperationRunner``, which
reports a refused one; this only asks first and shows the next note.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox


class TrashActions:
    def delete_current(self) -> None:
        """Move the open note to the Trash and show the next one (in the Trash: delete it for good)."""
        from mlprep_desktop.core.note_models import DRAFT_NOTE_ID

        note = self._note
        if note is not None and note.in_trash:
            self.delete_forever_current()
            return
        if note is None or not self._saver.flush():
            return
        note = self._note or note  # a draft stored by that flush has its id now
        if note.id == DRAFT_NOTE_ID:  # an untouched draft: nothing stored, nothing to trash
            self._show_nothing()
            self.refresh()
            return
        row = self.pane.model.row_of(note.id)
        if self.operations.run(lambda: self._ops.move_to_trash(note.id), source=self) is None:
            return
        self._after_removal(row)
        self.message.emit(self.tr(f"Moved “{note.title}” to the Trash. It is kept 30 days; restore it from the Trash."))

    def restore_current(self) -> None:
        note = self._note
        if note is None or not note.in_trash:
            return
        outcome = self.operations.run(lambda: self._ops.restore(note.id), source=self)
        if outcome is None:
            return
        restored = outcome.value
        self._note = None
        self.open_note(restored.id)
        self.message.emit(self.tr(f"Restored “{restored.title}”."))

    def delete_forever_current(self) -> None:
        note = self._note
        if note is None or not note.in_trash or not self._confirm(
                self.tr(f"Delete “{note.title}” and its history for good? This cannot be undone.")):
            return
        row = self.pane.model.row_of(note.id)
        if self.operations.run(lambda: self._ops.delete_forever(note.id), source=self) is None:
            return
        self._after_removal(row)

    def empty_trash(self) -> None:
        count = self._ctx.notes.trash_count()
        if not count or not self._confirm(self.tr(f"Delete the {count} notes in the Trash for good?")):
            return
        if self.operations.run(self._ops.empty_trash, source=self) is None:
            return
        self._after_removal(-1)

    def _after_removal(self, row: int) -> None:
        self._note = None
        self.refresh()
        count = self.pane.model.rowCount()
        if count:
            self.open_note(self.pane.model.summary_at(min(max(row, 0), count - 1)).id)
        else:
            self._show_nothing()

    def _purge_trash(self) -> None:
        # not urgent: a refusal is a status-bar message, and it is tried again on the next start
        self.operations.run(self._ops.purge_expired, source=self, on_error=self.message.emit, report=False)

    def _confirm(self, text: str) -> bool:
        """Ask yes/no; ``text`` is shown as plain text (it quotes note titles, the user's text)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Notebook"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("notebookConfirm")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes
