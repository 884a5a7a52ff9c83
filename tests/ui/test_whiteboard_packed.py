"""Issue 16: a saved board is stored with its packed form and opens from it after a restart,
showing exactly what its JSON shows; whenever the packed form is missing, stale or unreadable
the JSON decides, as before."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from mlprep_desktop.core import board_model, board_packed
from mlprep_desktop.core.board_model import Shape, Stroke, scene_to_json
from tests.ui.board_helpers import break_board
from tests.ui.test_whiteboard import drag, key, models, whiteboard
from tests.ui.test_whiteboard_boards import draw_a_diagram
from tests.ui.test_whiteboard_open_path import looks, strokes

CTRL = Qt.KeyboardModifier.ControlModifier


def stored_packed(db_path, board_id: int) -> bytes | None:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT scene_packed FROM boards WHERE id = ?", (board_id,)).fetchone()[0]
    finally:
        conn.close()


def sql(db_path, statement: str, *args) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute(statement, args)
    conn.commit()
    conn.close()


@pytest.fixture
def reads(monkeypatch):
    """Which reader opened each board: 'packed' or 'json'."""
    seen: list[str] = []
    unpack, read = board_packed.unpack_scene, board_model.read_scene

    def spy_unpack(data):
        seen.append("packed")
        return unpack(data)

    def spy_read(text):
        seen.append("json")
        return read(text)

    monkeypatch.setattr(board_packed, "unpack_scene", spy_unpack)
    monkeypatch.setattr(board_model, "read_scene", spy_read)
    return seen


def picture(tab):
    """The canvas as the user sees it after the board is fitted into view."""
    tab.view.fit_to_content()
    return tab.view.viewport().grab().toImage()


def by_id(items):
    return sorted(items, key=lambda m: m.id)


def reopen(tab, board_id: int, other_id: int) -> None:
    """Open another board, then ``board_id`` again: it is read from the database anew."""
    assert tab.open_board(other_id) and tab.open_board(board_id)


def test_a_drawn_board_opens_after_a_restart_from_its_packed_form_looking_as_its_json_does(
        open_window, db_path, reads):
    window, tab = whiteboard(open_window)
    draw_a_diagram(tab)
    key(tab, Qt.Key.Key_P)
    for i in range(20):  # and some handwriting
        drag(tab, [(-150 + 12 * i, 60), (-140 + 12 * i, 75), (-148 + 12 * i, 90)], steps=3)
    board_id = tab.current_board_id
    before = models(tab)
    window.close()  # flushes the autosave
    assert stored_packed(db_path, board_id) is not None
    reads.clear()  # (the new board was opened from its JSON: it had never been saved)

    window, tab = whiteboard(open_window, new_board=False)
    assert tab.current_board_id == board_id and reads == ["packed"]
    assert models(tab) == before and not tab.read_only
    packed_looks = {m.id: looks(tab.scene.graphic(m.id)) for m in models(tab, Stroke)}
    packed_picture = picture(tab)
    other = tab.new_board()

    sql(db_path, "UPDATE boards SET scene_packed = NULL WHERE id = ?", board_id)  # as before migration 12
    reopen(tab, board_id, other)
    assert reads[-1] == "json"
    assert models(tab) == before
    assert {m.id: looks(tab.scene.graphic(m.id)) for m in models(tab, Stroke)} == packed_looks  # bit for bit
    assert picture(tab) == packed_picture  # pixel for pixel


def test_undo_redo_and_saving_work_on_a_board_opened_from_its_packed_form(open_window, db_path, reads):
    window, tab = whiteboard(open_window)
    board = window.context.boards.create("Many strokes")
    items = [*strokes(), Shape("box", "rect", 0, 0, 40, 30, z=50.0)]
    items = [m for m in items if m.id != "r3"] + [Stroke("r3", 1.0, 2.0, (0.0, 0.0, 8.0, 8.0), z=60.0)]
    tab.open_board(board.id)
    tab.editor.set_models(board_model.read_scene(scene_to_json(items))[1])
    tab._on_editor_changed()
    assert tab.flush_pending()  # saved by the app: JSON and packed form
    first = models(tab)
    reopen(tab, board.id, tab.new_board())
    assert reads[-1] == "packed" and models(tab) == first

    key(tab, Qt.Key.Key_V)
    key(tab, Qt.Key.Key_A, CTRL)
    key(tab, Qt.Key.Key_Delete)
    assert models(tab) == []
    key(tab, Qt.Key.Key_Z, CTRL)
    assert by_id(models(tab)) == by_id(first)  # (items of equal z come back in another order, as ever)
    key(tab, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert models(tab) == []
    key(tab, Qt.Key.Key_Z, CTRL)
    key(tab, Qt.Key.Key_P)
    drag(tab, [(300, 300), (340, 320)], steps=2)
    after = models(tab)
    assert len(after) == len(first) + 1
    window.close()

    window, tab = whiteboard(open_window, new_board=False)
    assert tab.current_board_id == board.id and reads[-1] == "packed"
    assert models(tab) == after
    text = window.context.boards.get(board.id).scene_json
    assert board_model.read_scene(text)[1] == after and text == scene_to_json(after)  # the JSON says the same


def test_a_board_whose_json_was_changed_elsewhere_opens_as_its_json_says(open_window, db_path, reads):
    window, tab = whiteboard(open_window)
    board_id = tab.current_board_id
    key(tab, Qt.Key.Key_R)
    drag(tab, [(0, 0), (50, 50)], steps=2)
    other = tab.new_board()  # saves the first board, packed
    assert stored_packed(db_path, board_id) is not None
    moved = scene_to_json([Shape("elsewhere", "rect", 500, 400, 10, 10)])
    sql(db_path, "UPDATE boards SET scene_json = ? WHERE id = ?", moved, board_id)  # an import, say
    reopen(tab, board_id, other)
    assert reads[-1] == "json"
    assert [(m.id, m.x, m.y) for m in models(tab)] == [("elsewhere", 500, 400)]


def test_a_packed_form_that_cannot_be_read_leaves_the_json_to_decide(open_window, db_path, reads, monkeypatch):
    window, tab = whiteboard(open_window)
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    board = window.context.boards.create("Odd cache")
    items = [Shape("box", "rect", 10, 20, 40, 30)]
    window.context.boards.save_scene(board.id, scene_to_json(items), packed=b"MLPK1 not really")
    reads.clear()
    assert tab.open_board(board.id)
    assert reads == ["packed", "json"]
    assert models(tab) == items and not tab.read_only and errors == []


def test_a_damaged_board_saved_with_its_packed_form_is_still_reported_unreadable(open_window, db_path, monkeypatch):
    window, tab = whiteboard(open_window)
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    board_id = tab.current_board_id
    key(tab, Qt.Key.Key_R)
    drag(tab, [(0, 0), (50, 50)], steps=2)
    other = tab.new_board()
    assert stored_packed(db_path, board_id) is not None
    break_board(db_path, board_id)
    reopen(tab, board_id, other)
    assert tab.read_only and models(tab) == []
    assert "could not be read" in errors[-1]


def test_a_board_a_newer_app_stored_with_a_packed_form_is_shown_read_only(open_window, monkeypatch):
    from mlprep_desktop.core.board_model import item_to_dict
    from mlprep_desktop.core.board_packed import pack_item, pack_scene

    window, tab = whiteboard(open_window)
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    items = [Shape("box", "rect", 10, 20, 40, 30)]
    newer = scene_to_json(items).replace('"version":1', '"version":2')
    board = window.context.boards.create("From the future")
    window.context.boards.save_scene(board.id, newer, packed=pack_scene([pack_item(item_to_dict(items[0]))], version=2))
    assert tab.open_board(board.id)
    assert models(tab) == items and tab.read_only
    assert "newer version" in errors[-1]
