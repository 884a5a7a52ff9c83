"""Check database: what it finds, what it repairs, and that it never touches the user's work."""
from __future__ import annotations

from mlprep_desktop.storage.boards import BoardRepository
from mlprep_desktop.storage.db_check import check_database
from mlprep_desktop.storage.notes import NoteRepository


def test_a_sound_database_passes(db):
    report = check_database(db)
    assert report.ok and not report.fixed
    assert report.lines()[0].startswith("The database is sound")


def test_a_search_index_out_of_step_with_its_table_is_rebuilt(db):
    note = NoteRepository(db).create("Dropout", "randomly zeroes activations")
    db.conn.execute("INSERT INTO notes_fts (rowid, title, body) VALUES (999, 'ghost', 'not in notes')")
    db.conn.execute("DROP TRIGGER notes_au")
    db.conn.execute("UPDATE notes SET body = 'batch norm' WHERE id = ?", (note.id,))
    report = check_database(db)
    assert report.ok
    assert any("notes_fts" in line and "rebuilt" in line for line in report.fixed), report.lines()
    hits = db.query("SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'batch'")
    assert [r[0] for r in hits] == [note.id]
    assert db.query("SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'ghost'") == []
    assert check_database(db).fixed == []  # once repaired, it stays repaired


def test_rows_of_deleted_notes_are_removed_and_the_user_data_is_kept(db):
    notes = NoteRepository(db)
    kept = notes.create("Kept", "links [[alpha-question]]", tags=["ml"])
    gone = notes.create("Gone", "links [[beta-question]]", tags=["x", "y"])
    board = BoardRepository(db).create("Interview sketch")
    db.conn.execute("PRAGMA foreign_keys = OFF")  # as an older or buggy writer might have
    db.conn.execute("DELETE FROM notes WHERE id = ?", (gone.id,))
    db.conn.execute("UPDATE boards SET interview_item_id = 4242 WHERE id = ?", (board.id,))
    db.conn.execute("PRAGMA foreign_keys = ON")
    report = check_database(db)
    assert report.ok, report.lines()
    assert "removed 2 tags of deleted notes" in report.fixed
    assert any("question links of deleted notes" in f for f in report.fixed)
    assert "cleared 1 board links to deleted interview answers" in report.fixed
    assert db.query("SELECT count(*) FROM note_tags WHERE note_id = ?", (kept.id,))[0][0] == 1
    assert BoardRepository(db).get(board.id).name == "Interview sketch"
    assert check_database(db).fixed == []


def test_boards_of_retired_questions_are_reported_not_deleted(db):
    board = BoardRepository(db).for_question("alpha-question")
    db.conn.execute("UPDATE questions SET retired = 1 WHERE id = 'alpha-question'")
    report = check_database(db)
    assert report.ok and "1 board(s) belong to questions retired" in report.notes[0]
    assert BoardRepository(db).get(board.id) is not None


def test_a_broken_foreign_key_is_reported(db):
    db.conn.execute("PRAGMA foreign_keys = OFF")
    db.conn.execute("INSERT INTO reviews (question_id, rating, reviewed_at) VALUES ('no-such-question', 3, '2026')")
    db.conn.execute("PRAGMA foreign_keys = ON")
    report = check_database(db)
    assert not report.ok and "1 row(s) in reviews" in report.problems[0]
