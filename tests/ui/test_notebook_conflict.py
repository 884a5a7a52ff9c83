"""Two MLPrep windows on one database file: a note saved in the other window meanwhile is never
silently overwritten. The user is asked; the text on screen stays; whichever version is
replaced is kept in the note's history."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from mlprep_desktop.storage.database import open_database
from mlprep_desktop.storage.notes import NoteRepository
from tests.ui.notebook_helpers import db_rows, open_notebook


@pytest.fixture
def other_window(db_path):
    """The other app instance's note repository (its own connection to the same file)."""
    database = None

    def _open() -> NoteRepository:
        nonlocal database
        database = open_database(db_path)
        return NoteRepository(database)

    yield _open
    if database is not None:
        database.close()


def edited_elsewhere(qtbot, open_window, other_window, title="Plan <b>bold</b>"):
    """A note open here; then the other window saves a version of it; then the user types here."""
    window, tab = open_notebook(qtbot, open_window)
    note = window.context.notes.create(title, "first version")
    tab.refresh()
    tab.open_note(note.id)
    theirs = other_window()
    theirs.save(note.id, title, "their version")
    tab.editor.setFocus()
    tab.editor.moveCursor(tab.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(tab.editor, " + my words")
    return window, tab, note


def prompt(tab) -> QMessageBox:
    box = tab.findChild(QMessageBox, "noteConflict")
    assert box is not None and box.isVisible()
    return box


def bodies(db_path, note_id) -> tuple[str, list[str]]:
    body = db_rows(db_path, "SELECT body FROM notes WHERE id = ?", (note_id,))[0][0]
    kept = [r[0] for r in db_rows(db_path, "SELECT body FROM note_revisions WHERE note_id = ? ORDER BY id", (note_id,))]
    return body, kept


def test_a_save_over_another_windows_version_is_refused_and_the_user_asked(qtbot, open_window, other_window,
                                                                           db_path):
    window, tab, note = edited_elsewhere(qtbot, open_window, other_window)
    errors: list[str] = []
    tab.error_occurred.connect(errors.append)
    assert tab.flush_pending() is False
    assert bodies(db_path, note.id) == ("their version", [])  # the last writer did not silently win
    box = prompt(tab)
    assert box.textFormat() == Qt.TextFormat.PlainText and "Plan <b>bold</b>" in box.text()
    assert "another MLPrep window" in box.text()
    assert tab.editor.toPlainText() == "first version + my words"  # kept on screen
    assert "changed in another window" in tab.header.save_state.text()
    assert errors == []  # one report (the prompt), not a second error dialog
    tab.flush_pending()  # a second failed flush does not stack a second prompt
    assert len([b for b in tab.findChildren(QMessageBox) if b.isVisible()]) == 1

    box.findChild(QPushButton, "noteConflictKeepMine").click()
    assert not box.isVisible()
    assert bodies(db_path, note.id) == ("first version + my words", ["their version"])
    assert tab.header.save_state.text() == "Saved"
    qtbot.keyClicks(tab.editor, "!")  # and saving goes on normally from the stored version
    assert tab.flush_pending()
    assert bodies(db_path, note.id)[0] == "first version + my words!"


def test_showing_the_other_version_keeps_mine_in_the_history(qtbot, open_window, other_window, db_path):
    window, tab, note = edited_elsewhere(qtbot, open_window, other_window)
    assert tab.flush_pending() is False
    prompt(tab).findChild(QPushButton, "noteConflictLoadTheirs").click()
    assert tab.editor.toPlainText() == "their version"
    assert bodies(db_path, note.id) == ("their version", ["first version + my words"])
    assert tab.header.save_state.text() == "Saved"
    tab.editor.moveCursor(tab.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(tab.editor, " and mine")
    assert tab.flush_pending()
    assert bodies(db_path, note.id)[0] == "their version and mine"


def test_decide_later_keeps_the_text_unsaved_and_asks_again_on_the_next_save(qtbot, open_window, other_window,
                                                                             db_path):
    window, tab, note = edited_elsewhere(qtbot, open_window, other_window)
    assert tab.flush_pending() is False
    prompt(tab).findChild(QPushButton, "noteConflictLater").click()
    assert bodies(db_path, note.id) == ("their version", [])
    qtbot.keyClicks(tab.editor, " more")
    assert tab.flush_pending() is False
    assert tab.editor.toPlainText() == "first version + my words more"
    prompt(tab).findChild(QPushButton, "noteConflictKeepMine").click()
    assert bodies(db_path, note.id) == ("first version + my words more", ["their version"])
