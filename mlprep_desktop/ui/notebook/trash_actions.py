"""``TrashActions``: the notebook tab's Trash operations — move the open note to the Trash,
restore it, delete it for good, empty the Trash, and remove notes 30 days after deletion.

A mixin of ``NotebookTab`` (it uses the tab's context, pane, saver and signals); every write
is one transaction, and a refused write is reported through ``error_occurred``.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from mlprep_desktop.services.changes import Change, ChangeKind
from mlprep_desktop.storage.database import WriteError


class TrashActions:
    def delete_current(self) -> None:
        """Move the open note to the Trash and show the next one (in the Trash: delete it for good)."""
        note = self._note
        if note is not None and note.in_trash:
            self.delete_forever_current()
            return
        if note is None or not self._saver.flush():
            return
        row = self.pane.model.row_of(note.id)
        try:
            self._ctx.notes.move_to_trash(note.id)
        except WriteError as exc:
            self.error_occurred.emit(str(exc))
            return
        self._after_removal(row)
        self.message.emit(self.tr(f"Moved “{note.title}” to the Trash. It is kept 30 days; restore it from the Trash."))
        self.operations.publish(Change.of(ChangeKind.NOTES, ChangeKind.NOTE_LINKS, note_ids=[note.id]), self)

    def restore_current(self) -> None:
        note = self._note
        if note is None or not note.in_trash:
            return
        try:
            restored = self._ctx.notes.restore(note.id)
        except WriteError as exc:
            self.error_occurred.emit(str(exc))
            return
        self._note = None
        self.open_note(restored.id)
        self.message.emit(self.tr(f"Restored “{restored.title}”."))
        self.operations.publish(Change.of(ChangeKind.NOTES, ChangeKind.NOTE_LINKS, note_ids=[note.id]), self)

    def delete_forever_current(self) -> None:
        note = self._note
        if note is None or not note.in_trash or not self._confirm(
                self.tr(f"Delete “{note.title}” and its history for good? This cannot be undone.")):
            return
        row = self.pane.model.row_of(note.id)
        try:
            self._ctx.notes.delete_forever(note.id)
        except WriteError as exc:
            self.error_occurred.emit(str(exc))
            return
        self._after_removal(row)
        self.operations.publish(Change.of(ChangeKind.NOTES), self)

    def empty_trash(self) -> None:
        count = self._ctx.notes.trash_count()
        if not count or not self._confirm(self.tr(f"Delete the {count} notes in the Trash for good?")):
            return
        try:
            self._ctx.notes.empty_trash()
        except WriteError as exc:
            self.error_occurred.emit(str(exc))
            return
        self._after_removal(-1)
        self.operations.publish(Change.of(ChangeKind.NOTES), self)

    def _after_removal(self, row: int) -> None:
        self._note = None
        self.refresh()
        count = self.pane.model.rowCount()
        if count:
            self.open_note(self.pane.model.summary_at(min(max(row, 0), count - 1)).id)
        else:
            self._show_nothing()

    def _purge_trash(self) -> None:
        try:
            self._ctx.notes.purge_expired()
        except WriteError as exc:  # not urgent: it is tried again on the next start
            self.message.emit(str(exc))

    def _confirm(self, text: str) -> bool:
        """Ask yes/no; ``text`` is shown as plain text (it quotes note titles, the user's text)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Notebook"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("notebookConfirm")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes
