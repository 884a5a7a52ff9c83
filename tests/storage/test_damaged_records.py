"""Damage inside the file that the start check does not see: a question whose text is not
UTF-8 and a damaged full-text index. Each is met calmly: the item says it is unreadable,
searches still answer, and Check database repairs the index."""
from __future__ import annotations

import sqlite3

from mlprep_desktop.core.models import QuestionFilter
from mlprep_desktop.storage.db_check import check_database
from mlprep_desktop.storage.questions import QuestionRepository


def damage_text(db, question_id: str, column: str = "answer") -> None:
    """Overwrite a column with bytes that are not UTF-8, as a torn page would leave them."""
    with db.transaction() as conn:
        conn.execute("DROP TRIGGER questions_au")  # keep the index as it was: only the record is hit
        conn.execute(f"UPDATE questions SET {column} = CAST(X'4C6F7373FFFE2066756E6374696F6E' AS TEXT) "
                     "WHERE id = ?", (question_id,))


def damage_index(db) -> None:
    with db.transaction() as conn:
        conn.execute("UPDATE questions_fts_data SET block = X'0000FFFF0000FFFF' WHERE id > 10")


def test_a_question_with_undecodable_text_is_returned_marked_damaged(db):
    repo = QuestionRepository(db)
    damage_text(db, "alpha-question")
    question = repo.get("alpha-question")
    assert question is not None and question.damaged
    assert "\ufffd" in question.answer and question.title == "What is alpha regularization?"
    assert not repo.get("beta-question").damaged  # the others are untouched
    rows = repo.search(QuestionFilter())
    assert {r.id for r in rows} == {"alpha-question", "beta-question", "gamma-question"}


def test_a_damaged_title_does_not_break_the_list(db):
    repo = QuestionRepository(db)
    damage_text(db, "gamma-question", "title")
    rows = repo.search(QuestionFilter())
    assert len(rows) == 3 and any("\ufffd" in r.title for r in rows)


def test_a_damaged_search_index_falls_back_to_titles_and_says_so(db):
    repo = QuestionRepository(db)
    damage_index(db)
    rows = repo.search(QuestionFilter(text="alpha"))  # never raises "malformed"
    assert [r.id for r in rows] == ["alpha-question"] and repo.index_damaged
    assert repo.search(QuestionFilter(text="100% _x_ \\")) == []  # LIKE wildcards typed are literal
    report = check_database(db)
    assert not report.ok or report.lines  # it found and repaired the index
    rows = repo.search(QuestionFilter(text="alpha"))
    assert [r.id for r in rows] == ["alpha-question"] and not repo.index_damaged


def test_a_damaged_index_is_really_damaged(db):
    """The fixture's damage is what the app meets: a plain MATCH fails on it."""
    damage_index(db)
    try:
        db.query("SELECT rowid FROM questions_fts WHERE questions_fts MATCH 'alpha*'")
    except sqlite3.DatabaseError as exc:
        assert "malformed" in str(exc) or "corrupt" in str(exc)
    else:
        raise AssertionError("the damaged index answered a MATCH")


def test_a_damaged_notes_index_still_finds_notes_by_plain_matching(db):
    from mlprep_desktop.core.note_models import NoteFilter
    from mlprep_desktop.storage.notes import NoteRepository

    notes = NoteRepository(db)
    for i in range(40):
        notes.create(f"Note {i}", f"Body {i} about dropout and 100% of the batch " * 20)
    notes.create("Special", "Gradient clipping keeps updates bounded.")
    with db.transaction() as conn:
        conn.execute("UPDATE notes_fts_data SET block = X'0000FFFF0000FFFF' WHERE id > 10")
    found = notes.list(NoteFilter(text="clipping"))
    assert [n.title for n in found] == ["Special"] and notes.index_damaged
    assert notes.list(NoteFilter(text="100%")) != [] and notes.list(NoteFilter(text="zzz_%")) == []
