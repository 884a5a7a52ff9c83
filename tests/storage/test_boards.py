"""BoardRepository: named boards, their scenes, and links to questions and interview answers."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mlprep_desktop.core.board_model import EMPTY_SCENE_JSON
from mlprep_desktop.storage import schema
from mlprep_desktop.storage.boards import BoardNameError, BoardRepository
from mlprep_desktop.storage.database import WriteError, open_database

FIXTURES = Path(__file__).parent / "fixtures"
SCENE = '{"format":"mlprep-board","version":1,"items":[{"id":"a","z":1,"x":0,"y":0,"type":"rect","w":1,"h":1}]}'


@pytest.fixture
def boards(db) -> BoardRepository:
    return BoardRepository(db)


def test_migration_4_adds_the_boards_table_to_an_older_file(tmp_path):
    old = tmp_path / "old.sqlite"
    old.write_bytes((FIXTURES / "schema_v1.sqlite").read_bytes())
    conn = sqlite3.connect(old)
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'boards'").fetchone() == (0,)
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    conn.close()
    database = open_database(old)
    try:
        assert database.query("PRAGMA user_version")[0][0] == schema.SCHEMA_VERSION
        applied = {r[0] for r in database.query("SELECT name FROM _sqlite_migrations")}
        assert "0004_boards" in applied
        columns = {r["name"] for r in database.query("PRAGMA table_info(boards)")}
        assert {"id", "name", "scene_json", "question_id", "interview_item_id", "thumbnail", "updated_at"} <= columns
        board = BoardRepository(database).create("After the upgrade")
        assert BoardRepository(database).get(board.id).name == "After the upgrade"
    finally:
        database.close()


def test_create_get_and_list(boards):
    first = boards.create("Network")
    assert first.name == "Network" and first.scene_json == EMPTY_SCENE_JSON
    assert first.updated_at.endswith("Z") and first.thumbnail is None
    second = boards.create("Split")
    listed = boards.list()
    assert [b.name for b in listed] == ["Split", "Network"]  # most recently edited first
    assert not hasattr(listed[0], "scene_json")  # the list never loads scenes
    assert boards.get(first.id) == first
    assert boards.get(9999) is None
    assert second.id != first.id


def test_names_are_unique_ignoring_case(boards):
    boards.create("Sketch")
    assert boards.create("sketch").name == "sketch (2)"
    assert boards.create("  Sketch ").name == "Sketch (3)"


def test_rename(boards):
    a = boards.create("A")
    boards.create("B")
    assert boards.rename(a.id, "  Attention   heads ").name == "Attention heads"
    assert boards.rename(a.id, "attention HEADS").name == "attention HEADS"  # its own name, new case
    with pytest.raises(BoardNameError, match="already called"):
        boards.rename(a.id, "b")
    with pytest.raises(BoardNameError):
        boards.rename(a.id, "   ")


def test_save_scene_and_thumbnail(boards):
    board = boards.create("Board")
    boards.save_scene(board.id, SCENE, b"\x89PNG thumb")
    again = boards.get(board.id)
    assert again.scene_json == SCENE and again.thumbnail == b"\x89PNG thumb"
    boards.save_scene(board.id, EMPTY_SCENE_JSON)  # no thumbnail given: the old one stays
    assert boards.get(board.id).thumbnail == b"\x89PNG thumb"
    with pytest.raises(KeyError):
        boards.save_scene(12345, SCENE)


def test_duplicate_copies_scene_and_thumbnail_but_not_links(boards):
    board = boards.for_question("alpha-question")
    boards.save_scene(board.id, SCENE, b"png")
    copy = boards.duplicate(board.id)
    assert copy.name == "What is alpha regularization? copy"
    assert copy.scene_json == SCENE and copy.thumbnail == b"png"
    assert copy.question_id is None and copy.interview_item_id is None
    assert boards.duplicate(board.id).name == "What is alpha regularization? copy (2)"


def test_delete(boards):
    board = boards.create("Gone")
    boards.delete(board.id)
    assert boards.get(board.id) is None and boards.list() == []


def test_find_by_name_ignores_case_and_spacing(boards):
    board = boards.create("Train Val Test")
    assert boards.find_by_name("train   val test").id == board.id
    assert boards.find_by_name("nothing") is None


def test_for_question_gets_or_creates_the_linked_board(boards, db):
    board = boards.for_question("beta-question")
    assert board.name == "Derive the beta gradient." and board.question_id == "beta-question"
    assert boards.for_question("beta-question").id == board.id
    assert len(boards.list()) == 1
    with pytest.raises(KeyError):
        boards.for_question("no-such-question")


def test_for_interview_item_gets_or_creates_the_linked_board(boards):
    board = boards.for_interview_item(42, "Explain dropout")
    assert board.interview_item_id == 42 and board.name == "Explain dropout"
    assert boards.for_interview_item(42, "Another title").id == board.id
    other = boards.for_interview_item(43, "Explain dropout")
    assert other.name == "Explain dropout (2)"


def test_a_board_survives_reopening_the_file(tmp_path, bundle):
    path = tmp_path / "user.sqlite"
    database = open_database(path, bundle)
    board = BoardRepository(database).create("Kept")
    BoardRepository(database).save_scene(board.id, SCENE)
    database.close()
    database = open_database(path, bundle)
    try:
        assert BoardRepository(database).get(board.id).scene_json == SCENE
    finally:
        database.close()


def test_a_failed_write_raises_write_error_and_changes_nothing(tmp_path, bundle):
    path = tmp_path / "user.sqlite"
    database = open_database(path, bundle)
    repo = BoardRepository(database)
    board = repo.create("Locked")
    other = sqlite3.connect(path, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    database.conn.execute("PRAGMA busy_timeout = 0")
    try:
        with pytest.raises(WriteError):
            repo.save_scene(board.id, SCENE)
    finally:
        other.rollback()
        other.close()
    assert repo.get(board.id).scene_json == EMPTY_SCENE_JSON
    database.close()


# ----- the packed form kept beside the JSON (migration 12, issue 16)
PACKED = b"MLPK1 packed form of SCENE"  # storage keeps it as opaque bytes


def test_a_scene_saved_with_its_packed_form_gives_it_back_also_after_reopening(tmp_path, bundle):
    path = tmp_path / "user.sqlite"
    database = open_database(path, bundle)
    repo = BoardRepository(database)
    board = repo.create("Packed")
    repo.save_scene(board.id, SCENE, b"png", packed=PACKED)
    assert repo.get(board.id).scene_packed == PACKED
    database.close()
    database = open_database(path, bundle)
    try:
        repo = BoardRepository(database)
        again = repo.get(board.id)
        assert (again.scene_json, again.scene_packed, again.thumbnail) == (SCENE, PACKED, b"png")
        assert repo.duplicate(board.id).scene_packed == PACKED  # the copy has the same JSON
        repo.save_scene(board.id, EMPTY_SCENE_JSON)  # saved without one: the old one is dropped
        assert repo.get(board.id).scene_packed is None
        assert database.query("SELECT scene_packed FROM boards WHERE id = ?", (board.id,))[0][0] is None
        made = repo.create("Made packed", scene_json=SCENE, scene_packed=PACKED)
        assert repo.get(made.id).scene_packed == PACKED
    finally:
        database.close()


@pytest.mark.parametrize("change", [
    "UPDATE boards SET scene_json = replace(scene_json, '\"w\":1', '\"w\":2')",  # an import, another app
    "UPDATE boards SET scene_packed = substr(scene_packed, 1, 40) || x'00' || substr(scene_packed, 42)",
    "UPDATE boards SET scene_packed = substr(scene_packed, 1, 20)",
])
def test_a_packed_form_that_no_longer_matches_its_json_is_not_given(boards, db, change):
    board = boards.create("Changed elsewhere")
    boards.save_scene(board.id, SCENE, packed=PACKED)
    with db.transaction() as conn:
        conn.execute(change)
    assert boards.get(board.id).scene_packed is None
    assert boards.get(board.id).scene_json in (SCENE, SCENE.replace('"w":1', '"w":2'))


def test_migration_12_opens_an_older_file_with_its_boards_unchanged(tmp_path, bundle):
    path = tmp_path / "user.sqlite"
    database = open_database(path, bundle)
    board = BoardRepository(database).create("Drawn before", scene_json=SCENE)
    database.close()
    conn = sqlite3.connect(path)  # the same file as the app before migration 12 left it
    conn.execute("ALTER TABLE boards DROP COLUMN scene_packed")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0012_board_packed_scene'")
    conn.execute("PRAGMA user_version = 11")
    conn.commit()
    conn.close()
    database = open_database(path, bundle)
    try:
        assert database.query("PRAGMA user_version")[0][0] == schema.SCHEMA_VERSION
        repo = BoardRepository(database)
        old = repo.get(board.id)
        assert (old.name, old.scene_json, old.scene_packed) == ("Drawn before", SCENE, None)
        repo.save_scene(board.id, SCENE, packed=PACKED)  # its next save keeps the packed form
        assert repo.get(board.id).scene_packed == PACKED
    finally:
        database.close()
