"""Opening files: first-run copy, migrations, refusal of newer or damaged files."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mlprep_desktop.storage import schema
from mlprep_desktop.storage.database import (
    CorruptDatabaseError,
    NewerSchemaError,
    WriteError,
    open_database,
)
from mlprep_desktop.storage.study import StudyRepository

FIXTURES = Path(__file__).parent / "fixtures"


def tables(database) -> set[str]:
    return {r[0] for r in database.query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}


def test_fresh_file_is_migrated_with_the_agreed_pragmas(tmp_path):
    database = open_database(tmp_path / "new.sqlite")
    try:
        assert {"questions", "questions_fts", "question_state", "reviews", "answers", "settings"} <= tables(database)
        assert database.query("PRAGMA user_version")[0][0] == schema.SCHEMA_VERSION
        assert database.query("PRAGMA journal_mode")[0][0] == "wal"
        assert database.query("PRAGMA synchronous")[0][0] == 2  # FULL
        assert database.query("PRAGMA foreign_keys")[0][0] == 1
    finally:
        database.close()


def test_first_run_copies_the_bundle(tmp_path, bundle):
    target = tmp_path / "deep" / "folder" / "questions.sqlite"
    database = open_database(target, bundle)
    try:
        assert target.exists()
        ids = [r[0] for r in database.query("SELECT id FROM questions ORDER BY id")]
        assert ids == ["alpha-question", "beta-question", "gamma-question"]
    finally:
        database.close()
    assert not list(target.parent.glob(".mlprep-*")), "no temporary file is left behind"


def test_old_schema_file_is_upgraded_and_keeps_its_rows(tmp_path):
    old = tmp_path / "old.sqlite"
    old.write_bytes((FIXTURES / "schema_v1.sqlite").read_bytes())
    database = open_database(old)
    try:
        assert database.query("PRAGMA user_version")[0][0] == schema.SCHEMA_VERSION
        assert database.query("SELECT title FROM questions WHERE id = 'legacy-question'")[0][0] == "A legacy question?"
        StudyRepository(database).rate("legacy-question", 3)
        assert database.query("SELECT COUNT(*) FROM reviews")[0][0] == 1
        hits = database.query("SELECT rowid FROM questions_fts WHERE questions_fts MATCH 'legacy'")
        assert len(hits) == 1
    finally:
        database.close()


def test_newer_schema_is_refused_and_left_byte_identical(tmp_path):
    path = tmp_path / "future.sqlite"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 5}")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError) as info:
        open_database(path)
    assert "newer version" in str(info.value) and str(path) in str(info.value)
    assert path.read_bytes() == before


def test_damaged_file_is_refused_untouched(tmp_path):
    path = tmp_path / "damaged.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    before = path.read_bytes()
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == before


def _file_with_rows_out_of_order(path: Path) -> None:
    """A database whose header and schema read fine but whose last table page has two cells
    swapped: only ``PRAGMA quick_check`` notices (it reports a row; it does not raise)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, t TEXT)")
    conn.executemany("INSERT INTO filler (t) VALUES (?)", [("x" * 50,) for _ in range(2000)])
    conn.commit()
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    last = len(data) - page_size
    assert data[last] == 0x0D  # a table leaf page: its cell pointers start 8 bytes in
    data[last + 8:last + 10], data[last + 10:last + 12] = data[last + 10:last + 12], data[last + 8:last + 10]
    path.write_bytes(bytes(data))


def test_a_file_only_quick_check_finds_damaged_is_refused_untouched(tmp_path):
    path = tmp_path / "subtly-damaged.sqlite"
    _file_with_rows_out_of_order(path)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0  # it opens and reads
    conn.close()
    before = path.read_bytes()
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(path)
    assert "out of order" in str(info.value) and str(path) in str(info.value)
    assert path.read_bytes() == before


def test_failed_write_is_reported_and_rolled_back(db):
    study = StudyRepository(db)
    db.conn.execute("PRAGMA query_only = 1")
    with pytest.raises(WriteError) as info:
        study.rate("alpha-question", 2)
    assert "Could not save" in str(info.value)
    db.conn.execute("PRAGMA query_only = 0")
    assert db.query("SELECT COUNT(*) FROM reviews")[0][0] == 0
    assert study.state("alpha-question").review_count == 0


def test_a_folder_in_place_of_the_file_is_reported_as_unopenable_not_damaged(tmp_path):
    path = tmp_path / "questions.sqlite"
    path.mkdir()
    with pytest.raises(Exception) as info:
        open_database(path)
    assert not isinstance(info.value, CorruptDatabaseError)
    assert "could not be opened" in str(info.value) and str(path) in str(info.value)


def test_any_sqlite_error_in_a_write_is_a_write_error(db):
    with pytest.raises(WriteError), db.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('k', NULL)")  # NOT NULL fails
    assert db.query("SELECT COUNT(*) FROM settings WHERE key = 'k'")[0][0] == 0


def test_a_file_that_cannot_be_written_is_refused_at_open(tmp_path, monkeypatch):
    from mlprep_desktop.storage import database as database_module

    path = tmp_path / "questions.sqlite"
    open_database(path).close()
    real = database_module.Database.transaction

    def read_only(self):  # what SQLite says for a read-only or immutable file
        raise WriteError("Could not save") from sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(database_module.Database, "transaction", read_only)
    with pytest.raises(Exception) as info:
        open_database(path)
    assert "can be read but not written" in str(info.value) and "readonly" in str(info.value)
    monkeypatch.setattr(database_module.Database, "transaction", real)
    open_database(path).close()
