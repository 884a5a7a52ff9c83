"""Migration 6: notes, boards, sessions and reviews carry a stable uid from the moment they exist."""
from __future__ import annotations

from mlprep_desktop.core.models import Rating
from mlprep_desktop.storage.boards import BoardRepository
from mlprep_desktop.storage.notes import NoteRepository
from mlprep_desktop.storage.study import StudyRepository


def test_every_new_row_gets_a_distinct_uid_without_its_writer_knowing(db):
    notes = NoteRepository(db)
    a, b = notes.create("A"), notes.create("B")
    BoardRepository(db).create("Board")
    StudyRepository(db).rate("alpha-question", Rating.GOOD)
    uids = [r[0] for r in db.query("SELECT uid FROM notes ORDER BY id")]
    assert len(set(uids)) == 2 and all(len(u) == 32 for u in uids)
    assert db.query("SELECT uid FROM boards")[0][0] and db.query("SELECT uid FROM reviews")[0][0]
    # editing a note keeps its uid
    notes.save(a.id, "A2", "text")
    assert db.query("SELECT uid FROM notes WHERE id = ?", (a.id,))[0][0] == uids[0]
    assert b.id != a.id
