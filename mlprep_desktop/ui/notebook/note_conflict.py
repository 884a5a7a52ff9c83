"""``NoteConflictPrompt`` and ``ConflictActions``: what to do when the open note was saved in
another MLPrep window after it was opened here (the save was refused, nothing overwritten).

A window-modal message box that does not block the event loop (``open()``), shown at most
once at a time; the note's title is shown as plain text. Choices: keep my version (the other
goes to the note's history), show the other version (mine goes to the history), or decide
later (nothing is saved meanwhile; the prompt comes back on the next failed save).
``ConflictActions`` (a mixin of ``NotebookTab``) carries the choice out through
``context.note_ops`` and the window's ``OperationRunner``.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from mlprep_desktop.ui.notebook.note_times import when_exact


class NoteConflictPrompt(QObject):
    keep_mine_chosen = Signal()
    load_theirs_chosen = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.box: QMessageBox | None = None
        self._keep: QAbstractButton | None = None
        self._theirs: QAbstractButton | None = None

    @property
    def visible(self) -> bool:
        return self.box is not None and self.box.isVisible()

    def ask(self, title: str, saved_at: str) -> None:
        """Show the choice for the note ``title`` (saved elsewhere at ``saved_at``), unless shown."""
        if self.visible:
            return
        if self.box is None:
            self._build()
        assert self.box is not None
        self.box.setText(self.tr(
            f"“{title}” was saved in another MLPrep window ({saved_at}) after you opened it here.\n\n"
            "Your changes have not been saved; they are still on screen."))
        self.box.open()

    def _build(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Note changed in another window"), "",
                          QMessageBox.StandardButton.NoButton, self._parent)
        box.setObjectName("noteConflict")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the title is the user's text
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setInformativeText(self.tr(
            "Keep my version: save what is on screen; the other version is kept in the note's history.\n"
            "Show the other version: load it; what is on screen is kept in the note's history.\n"
            "Decide later: keep editing; nothing is saved until you choose."))
        self._keep = box.addButton(self.tr("Keep my version"), QMessageBox.ButtonRole.AcceptRole)
        self._keep.setObjectName("noteConflictKeepMine")
        self._theirs = box.addButton(self.tr("Show the other version"), QMessageBox.ButtonRole.ActionRole)
        self._theirs.setObjectName("noteConflictLoadTheirs")
        later = box.addButton(self.tr("Decide later"), QMessageBox.ButtonRole.RejectRole)
        later.setObjectName("noteConflictLater")
        box.setDefaultButton(self._keep)
        box.setEscapeButton(later)
        box.buttonClicked.connect(self._on_box_button_clicked)
        self.box = box

    def _on_box_button_clicked(self, button: QAbstractButton) -> None:
        if button is self._keep:
            self.keep_mine_chosen.emit()
        elif button is self._theirs:
            self.load_theirs_chosen.emit()


class ConflictActions:
    def _ask_about_conflict(self, text: str) -> None:
        """The last save was refused: the note was saved in another window. Say so and ask."""
        self.header.set_save_state(self.tr("Not saved — changed in another window"), problem=True)
        self.header.save_state.setToolTip(text)
        current = self._conflict.current
        self.conflict_prompt.ask(current.title, when_exact(current.updated_at))

    def _on_conflict_keep_mine_chosen(self) -> None:
        """Save what is on screen over the other window's version (kept in the history)."""
        from mlprep_desktop.core.note_models import parse_tags

        note = self._note
        if note is None or note.in_trash or self._conflict is None:
            return
        title, body, tags = self.header.title.text(), self.editor.toPlainText(), parse_tags(self.header.tags.text())
        outcome = self.operations.run(lambda: self._ops.save_over(note.id, title, body, tags), source=self)
        if outcome is None:
            return
        self._saver.cancel()
        self._after_save(note, outcome.value)
        self._on_saver_saved()
        self.message.emit(self.tr("Saved your version; the other window's version is in the note's history."))

    def _on_conflict_load_theirs_chosen(self) -> None:
        """Show the other window's version; what was on screen goes to the note's history."""
        note = self._note
        if note is None or self._conflict is None:
            return
        title, body = self.header.title.text(), self.editor.toPlainText()
        current = self._conflict.current
        if (title, body) != (current.title, current.body) and self.operations.run(
                lambda: self._ops.keep_revision(note.id, title, body), source=self) is None:
            return
        self._saver.cancel()
        self._note = None
        self.refresh()
        self.open_note(note.id)
        self.message.emit(self.tr("Showing the version saved in the other window; your text is in the note's "
                                  "history (Ctrl+Shift+H)."))
