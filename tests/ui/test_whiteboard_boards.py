"""Boards: the list (new, rename, duplicate, delete), autosave, reopening in a new window,
links from the browser's Sketch button and from the interview tab."""
from __future__ import annotations

import json
import sqlite3

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListView, QMessageBox, QPushButton, QToolButton

from mlprep_desktop.core.board_model import Connector, Shape, Stroke, Text
from tests.ui.board_helpers import break_board
from tests.ui.test_whiteboard import at, drag, key, models, whiteboard

CTRL = Qt.KeyboardModifier.ControlModifier


def stored_scene(db_path, board_id: int) -> dict:
    conn = sqlite3.connect(db_path)
    try:
        (text,) = conn.execute("SELECT scene_json FROM boards WHERE id = ?", (board_id,)).fetchone()
    finally:
        conn.close()
    return json.loads(text)


def answer_next_dialog(button: QMessageBox.StandardButton) -> list[str]:
    """Press ``button`` in the next modal message box; returns what it said (for asserts)."""
    seen: list[str] = []

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press)
            return
        seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, press)
    return seen


def draw_a_diagram(tab) -> None:
    key(tab, Qt.Key.Key_R)
    drag(tab, [(-200, -60), (-80, 20)], steps=2)
    key(tab, Qt.Key.Key_O)
    drag(tab, [(60, -60), (160, 40)], steps=2)
    key(tab, Qt.Key.Key_A)
    drag(tab, [(-140, -20), (110, -10)], steps=3)
    key(tab, Qt.Key.Key_P)
    drag(tab, [(-200, 100), (-100, 140), (0, 100), (100, 140)], steps=4)
    key(tab, Qt.Key.Key_H)
    drag(tab, [(-200, 180), (0, 180)], steps=3)
    key(tab, Qt.Key.Key_T)
    vp = tab.view.viewport()
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(tab, -180, -120))
    QTest.keyClicks(vp, "train / val / test")
    QTest.keyClick(vp, Qt.Key.Key_Return)
    QTest.keyClicks(vp, "$x^2$")
    QTest.keyClick(vp, Qt.Key.Key_Escape)
    key(tab, Qt.Key.Key_V)  # and put the rectangle in front of everything
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(tab, -200, -20))
    key(tab, Qt.Key.Key_BracketRight, CTRL | Qt.KeyboardModifier.ShiftModifier)


def test_save_and_reopen_in_a_new_window_gives_the_same_board(open_window, db_path):
    window, tab = whiteboard(open_window)
    draw_a_diagram(tab)
    board_id = tab.current_board_id
    before = models(tab)
    assert {type(m) for m in before} == {Shape, Connector, Stroke, Text}
    assert before[-1].kind == "rect"
    window.close()  # flushes the autosave

    window, tab = whiteboard(open_window, new_board=False)
    assert tab.current_board_id == board_id  # the last board opens again
    after = models(tab)
    assert after == before  # same ids, positions, styles, text, attachments and z-order
    assert [type(tab.scene.graphic(m.id)).__name__ for m in after] == \
           [type(tab.scene.graphic(m.id)).__name__ for m in before]
    assert [tab.scene.graphic(m.id).zValue() for m in after] == sorted(m.z for m in before)
    assert stored_scene(db_path, board_id)["version"] == 1


def test_autosave_is_debounced_and_flushed_on_board_switch_and_tab_switch(open_window, db_path, qtbot):
    window, tab = whiteboard(open_window)
    first = tab.current_board_id
    key(tab, Qt.Key.Key_P)
    drag(tab, [(0, 0), (50, 50)], steps=2)
    assert stored_scene(db_path, first)["items"] == []  # not yet: debounced
    qtbot.waitUntil(lambda: len(stored_scene(db_path, first)["items"]) == 1, timeout=3000)

    drag(tab, [(0, 100), (50, 150)], steps=2)
    QTest.mouseClick(window.findChild(QToolButton, "boardNew"), Qt.MouseButton.LeftButton)
    assert len(stored_scene(db_path, first)["items"]) == 2  # flushed before the switch
    second = tab.current_board_id
    assert second != first and models(tab) == []

    drag(tab, [(0, 0), (10, 60)], steps=2)
    window.show_tab(window.browser)
    assert len(stored_scene(db_path, second)["items"]) == 1  # flushed on tab switch


def test_the_board_is_saved_when_the_canvas_loses_focus(open_window, db_path):
    window, tab = whiteboard(open_window)
    board_id = tab.current_board_id
    key(tab, Qt.Key.Key_R)
    drag(tab, [(0, 0), (50, 50)], steps=2)
    assert stored_scene(db_path, board_id)["items"] == []
    board_list = window.findChild(QListView, "boardList")
    board_list.setFocus()
    assert [i["type"] for i in stored_scene(db_path, board_id)["items"]] == ["rect"]


def test_text_being_typed_is_saved_when_the_window_closes(open_window, db_path):
    window, tab = whiteboard(open_window)
    board_id = tab.current_board_id
    key(tab, Qt.Key.Key_T)
    QTest.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(tab, 0, 0))
    QTest.keyClicks(tab.view.viewport(), "half-typed idea")
    window.close()
    (item,) = stored_scene(db_path, board_id)["items"]
    assert item["type"] == "text" and item["text"] == "half-typed idea"


def test_new_rename_duplicate_and_delete_from_the_list(open_window, db_path, qtbot):
    window, tab = whiteboard(open_window)
    board_list = window.findChild(QListView, "boardList")
    key(tab, Qt.Key.Key_R)
    drag(tab, [(0, 0), (40, 40)], steps=2)
    first = tab.current_board_id
    # rename in place: F2, type, Enter
    board_list.setFocus()
    QTest.keyClick(board_list, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    QTest.keyClicks(editor, "Bias and variance")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab._ctx.boards.get(first).name == "Bias and variance")
    assert board_list.model().index(0, 0).data() == "Bias and variance"
    assert "Edited" in board_list.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)

    tab.view.setFocus()
    key(tab, Qt.Key.Key_D, CTRL | Qt.KeyboardModifier.ShiftModifier)  # the Duplicate button's shortcut
    copy = tab.current_board_id
    assert copy != first and tab._ctx.boards.get(copy).name == "Bias and variance copy"
    assert len(models(tab, Shape)) == 1  # the copy shows the same drawing
    assert board_list.model().rowCount() == 2

    said = answer_next_dialog(QMessageBox.StandardButton.Cancel)
    QTest.mouseClick(window.findChild(QToolButton, "boardDelete"), Qt.MouseButton.LeftButton)
    assert said and "Bias and variance copy" in said[0]
    assert tab._ctx.boards.get(copy) is not None  # cancelled: still there

    answer_next_dialog(QMessageBox.StandardButton.Yes)
    QTest.mouseClick(window.findChild(QToolButton, "boardDelete"), Qt.MouseButton.LeftButton)
    assert tab._ctx.boards.get(copy) is None
    assert board_list.model().rowCount() == 1 and tab.current_board_id == first

    window.activateWindow()  # shortcuts need the active window, and a dialog just closed
    qtbot.waitUntil(window.isActiveWindow)
    answer_next_dialog(QMessageBox.StandardButton.Yes)
    board_list.setFocus()
    QTest.keyClick(board_list, Qt.Key.Key_Delete)
    assert board_list.model().rowCount() == 0 and tab.current_board_id is None
    assert tab.stack.currentWidget() is tab.empty_page
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM boards").fetchone() == (0,)
    conn.close()


def test_renaming_to_a_taken_name_is_refused(open_window, monkeypatch):
    window, tab = whiteboard(open_window)
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    tab.error_occurred.disconnect()
    tab.error_occurred.connect(errors.append)
    first = tab.current_board_id
    key(tab, Qt.Key.Key_N, CTRL)
    second = tab.current_board_id
    assert tab._ctx.boards.get(second).name == "Untitled board (2)"
    assert not tab.rename_board(second, "untitled BOARD")
    assert errors and "already called" in errors[0]
    assert tab._ctx.boards.get(first).name == "Untitled board"


def test_switching_boards_in_the_list_shows_each_drawing(open_window):
    window, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_R)
    drag(tab, [(0, 0), (40, 40)], steps=2)
    first = tab.current_board_id
    tab.new_board()
    key(tab, Qt.Key.Key_O)
    drag(tab, [(0, 0), (40, 40)], steps=2)
    board_list = window.findChild(QListView, "boardList")
    row = board_list.model().row_of(first)
    QTest.mouseClick(board_list.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     board_list.visualRect(board_list.model().index(row, 0)).center())
    assert tab.current_board_id == first
    assert [m.kind for m in models(tab, Shape)] == ["rect"]
    assert not tab.editor.undo_stack.canUndo()  # each board starts a fresh history
    QTest.mouseClick(window.findChild(QToolButton, "boardDuplicate"), Qt.MouseButton.LeftButton)
    assert board_list.model().rowCount() == 3 and tab.current_board_id not in (first, None)
    assert [m.kind for m in models(tab, Shape)] == ["rect"]


def test_the_browser_sketch_button_opens_the_questions_board(open_window, db_path):
    window = open_window()
    window.show_tab(window.browser)
    window.browser.select_question("bias-variance-tradeoff")
    sketch = window.findChild(QPushButton, "sketchButton")
    assert sketch.isVisible()
    QTest.mouseClick(sketch, Qt.MouseButton.LeftButton)
    tab = window.whiteboard
    assert window.tabs.currentWidget() is tab
    # issue 18: nothing is stored until the first stroke (empty boards do not pile up)
    assert tab.current_board_id is None and tab._ctx.boards.list() == []
    window.show_tab(window.browser)
    QTest.mouseClick(sketch, Qt.MouseButton.LeftButton)
    key(tab, Qt.Key.Key_R)
    drag(tab, [(-60, -30), (60, 30)], steps=2)
    assert tab.flush_pending()
    board = tab._ctx.boards.get(tab.current_board_id)
    assert board.question_id == "bias-variance-tradeoff"
    assert board.name == window.context.questions.get("bias-variance-tradeoff").title
    window.show_tab(window.browser)
    QTest.mouseClick(sketch, Qt.MouseButton.LeftButton)
    assert tab.current_board_id == board.id  # the same board, not a new one
    assert len(tab._ctx.boards.list()) == 1


def test_open_board_for_interview_item(open_window):
    window = open_window()
    window.interview.sketch_requested.emit(7, "Design a feature store")  # the interview's Sketch
    tab = window.whiteboard
    assert window.tabs.currentWidget() is tab
    assert tab.current_board_id is None and tab._ctx.boards.list() == []  # a draft until drawn on
    key(tab, Qt.Key.Key_P)
    drag(tab, [(-60, -30), (60, 30)], steps=2)
    assert tab.flush_pending()
    board = tab._ctx.boards.get(tab.current_board_id)
    assert (board.interview_item_id, board.name) == (7, "Design a feature store")
    window.open_board_for_interview_item(7, "Design a feature store")
    assert len(tab._ctx.boards.list()) == 1


def test_an_unreadable_board_is_shown_read_only_and_never_overwritten(open_window, db_path, monkeypatch):
    window = open_window()
    board = window.context.boards.create("Broken")
    break_board(db_path, board.id)
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    window.show_tab(window.whiteboard)
    tab = window.whiteboard
    tab.open_board(board.id)
    assert tab.read_only and errors and "could not be read" in errors[-1]
    key(tab, Qt.Key.Key_P)
    drag(tab, [(0, 0), (50, 50)], steps=2)
    assert models(tab) == []  # nothing can be drawn on it
    tab.flush_pending()
    window.close()
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT scene_json FROM boards WHERE id = ?", (board.id,)).fetchone() == ("{broken",)
    conn.close()


@pytest.mark.parametrize("dark", [False, True])
def test_ink_follows_the_palette(open_window, dark):
    from PySide6.QtGui import QColor, QPalette

    window, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_P)
    drag(tab, [(-100, 0), (100, 0)], steps=4)
    palette = QPalette(tab.palette())
    if dark:
        palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
        palette.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    tab.setPalette(palette)
    image = tab.view.viewport().grab().toImage()
    ink = min((image.pixelColor(at(tab, 0, dy)) for dy in range(-2, 3)), key=lambda c: abs(c.lightness() - 128))
    paper = image.pixelColor(at(tab, 0, 80))
    if dark:
        assert paper.lightness() < 60 and ink.lightness() > 150
    else:
        assert paper.lightness() > 240 and ink.lightness() < 100
