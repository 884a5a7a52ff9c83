"""Opening and switching boards never loses or rewrites a drawing: a board whose save failed
stays open, a board that cannot be loaded (bad numbers, a newer app's format, a crash while
building its graphics) is shown read-only and never overwritten, and merely opening a board
does not save it."""
from __future__ import annotations

import json
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QListView

from mlprep_desktop.core.board_model import Shape, Text
from mlprep_desktop.storage.database import WriteError
from tests.ui.test_whiteboard import drag, key, models, whiteboard
from tests.ui.test_whiteboard_boards import stored_scene

OLD_TIME = "2020-01-02T03:04:05Z"


def stored_row(db_path, board_id: int) -> tuple:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT scene_json, updated_at, thumbnail FROM boards WHERE id = ?",
                            (board_id,)).fetchone()
    finally:
        conn.close()


def store_scene(db_path, board_id: int, scene_json: str) -> None:
    """Write a scene behind the app's back, as an older or newer app (or a bad disk) left it."""
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("UPDATE boards SET scene_json = ?, updated_at = ?, thumbnail = NULL WHERE id = ?",
                     (scene_json, OLD_TIME, board_id))
        conn.commit()
    finally:
        conn.close()


def scene_text(items: list[dict], version: int = 1) -> str:
    return json.dumps({"format": "mlprep-board", "version": version, "items": items})


def collect(signal) -> list[str]:
    seen: list[str] = []
    signal.connect(seen.append)
    return seen


def quiet_errors(window, monkeypatch) -> list[str]:
    """The tab's error messages, without the window's modal boxes (also the one asking
    whether to close with unsaved edits, which a failing test could leave behind)."""
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    monkeypatch.setattr(window, "confirm_close_unsaved", lambda: True)
    window.whiteboard.error_occurred.disconnect()
    window.whiteboard.error_occurred.connect(errors.append)
    return errors


def list_selection(window) -> list[int]:
    board_list = window.findChild(QListView, "boardList")
    model = board_list.model()
    return [model.board(i.row()).id for i in board_list.selectionModel().selectedRows()]


def draw_rect(tab) -> None:
    key(tab, Qt.Key.Key_R)
    drag(tab, [(0, 0), (60, 40)], steps=2)


# ----- a failed save keeps the board open

def test_a_failed_save_keeps_the_board_open_when_another_is_opened(open_window, db_path, monkeypatch):
    window, tab = whiteboard(open_window)
    errors = quiet_errors(window, monkeypatch)
    first = tab.current_board_id
    second = window.context.boards.create("Second").id
    tab.refresh_list()
    draw_rect(tab)
    conn = window.context.database.conn
    conn.execute("PRAGMA query_only=1")  # the disk refuses every write
    try:
        assert tab.open_board(second) is False
    finally:
        conn.execute("PRAGMA query_only=0")
    assert tab.current_board_id == first
    assert [m.kind for m in models(tab, Shape)] == ["rect"]  # still on screen
    assert list_selection(window) == [first]
    assert errors and any("stays open" in e for e in errors)
    assert tab.flush_pending()  # the disk is back: the drawing lands
    assert [i["type"] for i in stored_scene(db_path, first)["items"]] == ["rect"]


@pytest.mark.parametrize("operation", ["open", "new", "duplicate"])
def test_no_board_switch_while_the_open_board_cannot_be_saved(open_window, db_path, monkeypatch, operation):
    window, tab = whiteboard(open_window)
    errors = quiet_errors(window, monkeypatch)
    first = tab.current_board_id
    other = window.context.boards.create("Other").id
    tab.refresh_list()
    draw_rect(tab)
    real_save = window.context.boards.save_scene

    def disk_full(*_args, **_kwargs):
        raise WriteError("Could not save: disk full.")

    monkeypatch.setattr(window.context.boards, "save_scene", disk_full)
    count = len(window.context.boards.list())
    if operation == "open":
        assert tab.open_board(other) is False
    elif operation == "new":
        assert tab.new_board() is None
    else:
        assert tab.duplicate_board(first) is None
    assert len(window.context.boards.list()) == count  # nothing was made
    assert tab.current_board_id == first and list_selection(window) == [first]
    assert [m.kind for m in models(tab, Shape)] == ["rect"]
    assert any("disk full" in e for e in errors) and any("stays open" in e for e in errors)
    monkeypatch.setattr(window.context.boards, "save_scene", real_save)
    assert tab.flush_pending()
    assert [i["type"] for i in stored_scene(db_path, first)["items"]] == ["rect"]


def test_clicking_another_board_after_a_failed_save_keeps_the_first_selected(open_window, db_path, monkeypatch,
                                                                              qtbot):
    window, tab = whiteboard(open_window)
    quiet_errors(window, monkeypatch)
    first = tab.current_board_id
    second = window.context.boards.create("Second").id
    tab.refresh_list()
    draw_rect(tab)
    monkeypatch.setattr(window.context.boards, "save_scene",
                        lambda *a, **k: (_ for _ in ()).throw(WriteError("disk full")))
    board_list = window.findChild(QListView, "boardList")
    index = board_list.model().index(board_list.model().row_of(second), 0)
    QTest.mouseClick(board_list.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     board_list.visualRect(index).center())
    assert tab.current_board_id == first
    qtbot.waitUntil(lambda: list_selection(window) == [first] and board_list.currentIndex().row()
                    == board_list.model().row_of(first))
    assert [m.kind for m in models(tab, Shape)] == ["rect"]


# ----- opening a board does not rewrite it

def test_opening_a_board_after_editing_another_leaves_it_as_stored(open_window, db_path):
    window, tab = whiteboard(open_window)
    second = window.context.boards.create("Second").id
    stored = scene_text([{"type": "rect", "id": "r", "x": 0, "y": 0, "w": 30, "h": 20, "z": 1}])
    store_scene(db_path, second, stored)
    draw_rect(tab)  # an edit on the first board
    assert tab.open_board(second)
    assert tab.flush_pending()
    window.close()
    assert stored_row(db_path, second) == (stored, OLD_TIME, None)


# ----- boards that cannot be loaded are read-only

@pytest.mark.parametrize("bad", [
    '{"format":"mlprep-board","version":1,"items":[{"type":"rect","id":"r","x":NaN,"y":0,"w":9,"h":9}]}',
    '{"format":"mlprep-board","version":1,"items":[{"type":"text","id":"t","x":0,"y":0,"text":"a","size":Infinity}]}',
    '{"format":"mlprep-board","version":1,"items":[{"type":"stroke","id":"s","x":0,"y":0,"points":[0,0,NaN,1]}]}',
])
def test_a_board_with_non_finite_numbers_is_read_only_and_never_overwritten(open_window, db_path, monkeypatch, bad):
    window, tab = whiteboard(open_window)
    errors = quiet_errors(window, monkeypatch)
    board = window.context.boards.create("Bad numbers")
    store_scene(db_path, board.id, bad)
    assert tab.open_board(board.id)
    assert tab.read_only and "could not be read" in errors[-1]
    draw_rect(tab)
    assert models(tab) == []
    tab.flush_pending()
    window.close()
    assert stored_row(db_path, board.id) == (bad, OLD_TIME, None)


def test_a_huge_text_size_opens_clamped_instead_of_crashing(open_window, db_path):
    window, tab = whiteboard(open_window)
    board = window.context.boards.create("Huge")
    store_scene(db_path, board.id, scene_text([
        {"type": "text", "id": "t", "x": 1e30, "y": 0, "text": "big", "size": 1e30, "z": 1},
        {"type": "rect", "id": "r", "x": 0, "y": 0, "w": 1e30, "h": 20, "width": 1e30, "z": 2},
    ]))
    assert tab.open_board(board.id)
    assert not tab.read_only
    (text,) = models(tab, Text)
    (rect,) = models(tab, Shape)
    assert 4 <= text.size <= 1000 and abs(text.x) <= 1e6
    assert rect.w <= 1e6 and rect.width <= 1000
    assert tab.scene.graphic("t").font().pixelSize() == round(text.size)


def test_a_board_that_fails_to_load_is_read_only_and_never_overwritten(open_window, db_path, monkeypatch):
    window, tab = whiteboard(open_window)
    errors = quiet_errors(window, monkeypatch)
    board = window.context.boards.create("Crashes")
    stored = scene_text([
        {"type": "rect", "id": "r", "x": 0, "y": 0, "w": 30, "h": 20, "z": 1},
        {"type": "text", "id": "t", "x": 0, "y": 50, "text": "boom", "z": 2},
    ])
    store_scene(db_path, board.id, stored)
    from mlprep_desktop.ui.whiteboard import board_items

    def broken_apply(self, model, theme):
        raise OverflowError("Python int too large to convert to C int")

    monkeypatch.setattr(board_items.TextGraphic, "apply_model", broken_apply)
    assert tab.open_board(board.id)
    assert tab.current_board_id == board.id and tab.read_only
    assert "could not be shown" in errors[-1] and "Python int too large" in errors[-1]
    monkeypatch.undo()
    quiet_errors(window, monkeypatch)
    draw_rect(tab)
    assert models(tab) == []  # nothing can be drawn on it, nothing half-loaded is saved
    tab.flush_pending()
    window.close()
    assert stored_row(db_path, board.id) == (stored, OLD_TIME, None)


def test_a_board_from_a_newer_app_is_shown_read_only_and_never_downgraded(open_window, db_path, monkeypatch):
    window, tab = whiteboard(open_window)
    errors = quiet_errors(window, monkeypatch)
    board = window.context.boards.create("From the future")
    stored = scene_text([
        {"type": "rect", "id": "r", "x": 0, "y": 0, "w": 30, "h": 20, "z": 1},
        {"type": "hologram", "id": "h", "z": 2},
    ], version=2)
    store_scene(db_path, board.id, stored)
    assert tab.open_board(board.id)
    assert tab.read_only and "newer version" in errors[-1]
    assert [m.kind for m in models(tab, Shape)] == ["rect"]  # what this version understands is shown
    draw_rect(tab)
    assert len(models(tab, Shape)) == 1
    tab.flush_pending()
    window.close()
    assert stored_row(db_path, board.id) == (stored, OLD_TIME, None)


def test_after_a_read_only_board_the_next_board_is_editable_again(open_window, db_path, monkeypatch):
    window, tab = whiteboard(open_window)
    quiet_errors(window, monkeypatch)
    good = tab.current_board_id
    board = window.context.boards.create("From the future")
    store_scene(db_path, board.id, scene_text([], version=2))
    assert tab.open_board(board.id) and tab.read_only
    assert tab.open_board(good) and not tab.read_only
    draw_rect(tab)
    assert tab.flush_pending()
    assert [i["type"] for i in stored_scene(db_path, good)["items"]] == ["rect"]


def test_showing_a_board_is_not_an_edit(open_window, qtbot):
    window, tab = whiteboard(open_window)
    draw_rect(tab)
    assert tab.editor.undo_stack.canUndo()
    with qtbot.assertNotEmitted(tab.editor.changed):
        tab.editor.set_models([Shape("r", "rect", 0, 0, 10, 10)])
    assert not tab.editor.undo_stack.canUndo()
    assert tab.editor.undo_stack.count() == 0
