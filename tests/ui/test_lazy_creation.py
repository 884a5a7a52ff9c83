"""Issue 18 item 6: Sketch (S) and Notes (N) used to create an empty board / note at once, so
empty items piled up. Now they open a draft that is stored on the first edit; leaving it
untouched leaves nothing behind, in the list or in the database after a restart."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.ui.interview_helpers import rows
from tests.ui.test_whiteboard import drag, key

QID = "bias-variance-tradeoff"


def sketch_from_browse(qtbot, window, question_id: str = QID) -> None:
    window.show_tab(window.browser)
    window.browser.select_question(question_id)
    qtbot.mouseClick(window.findChild(QPushButton, "sketchButton"), Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.whiteboard


def test_sketch_without_drawing_leaves_no_board(qtbot, open_window, db_path):
    window = open_window()
    sketch_from_browse(qtbot, window)
    tab = window.whiteboard
    assert tab.current_board is not None and tab.current_board.question_id == QID  # the canvas is ready
    assert tab.view.isVisible() and tab.board_list.model.rowCount() == 0
    sketch_from_browse(qtbot, window, "cross-validation")  # and another one, also untouched
    window.show_tab(window.browser)
    window.close()
    assert rows(db_path, "SELECT id FROM boards") == []
    reopened = open_window()
    assert reopened.whiteboard.board_list.model.rowCount() == 0


def test_the_first_stroke_stores_the_board_and_lists_it(qtbot, open_window, db_path):
    window = open_window()
    sketch_from_browse(qtbot, window)
    tab = window.whiteboard
    tab.view.setFocus()
    key(tab, Qt.Key.Key_R)
    drag(tab, [(-60, -30), (60, 30)], steps=2)
    assert tab.flush_pending()
    stored = rows(db_path, "SELECT id, question_id FROM boards")
    assert [(r["question_id"]) for r in stored] == [QID]
    assert tab.current_board_id == stored[0]["id"] and tab.board_list.model.rowCount() == 1
    sketch_from_browse(qtbot, window)  # Sketch again: the same board, with the drawing
    assert tab.current_board_id == stored[0]["id"] and len(tab.scene.models()) == 1


def open_question_note_from_browse(qtbot, window, question_id: str = QID):
    window.show_tab(window.browser)
    window.browser.select_question(question_id)
    qtbot.mouseClick(window.findChild(QPushButton, "notesButton"), Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.notebook
    return window.notebook


def test_notes_without_typing_leaves_no_note(qtbot, open_window, db_path):
    window = open_window()
    notebook = open_question_note_from_browse(qtbot, window)
    assert notebook.current_note.question_id == QID  # the template is on screen, ready to type
    assert notebook.editor.toPlainText().startswith("# Notes: ") or "## My answer" in notebook.editor.toPlainText()
    assert notebook.pane.model.rowCount() == 0
    open_question_note_from_browse(qtbot, window, "cross-validation")
    window.show_tab(window.browser)
    window.close()
    assert rows(db_path, "SELECT id FROM notes") == []
    model = open_window().browser.model
    assert "Note" not in model.index(model.row_of(QID), 4).data()


def test_the_first_keystroke_stores_the_note_linked_to_its_question(qtbot, open_window, db_path):
    window = open_window()
    notebook = open_question_note_from_browse(qtbot, window)
    assert notebook.editor.hasFocus()
    qtbot.keyClicks(notebook.editor, "High bias underfits.")
    assert notebook.flush_pending()
    stored = rows(db_path, "SELECT id, question_id, body FROM notes")
    assert len(stored) == 1 and stored[0]["question_id"] == QID and "High bias underfits." in stored[0]["body"]
    assert notebook.current_note.id == stored[0]["id"] and notebook.pane.model.rowCount() == 1
    open_question_note_from_browse(qtbot, window)  # Notes again: the same note
    assert notebook.current_note.id == stored[0]["id"]
    assert len(rows(db_path, "SELECT id FROM notes")) == 1
