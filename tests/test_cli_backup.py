"""``mlprep backup`` / ``mlprep restore`` from the shell: output, exit codes, the files after."""
from __future__ import annotations

import sqlite3

from mlprep_desktop import cli
from mlprep_desktop.commands.db_lock import DatabaseLock
from mlprep_desktop.storage.database import open_database
from mlprep_desktop.storage.notes import NoteRepository


def make_db(path, bundle, notes=("One",)):
    database = open_database(path, bundle)
    for title in notes:
        NoteRepository(database).create(title, "body")
    database.close()


def note_titles(path):
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute("SELECT title FROM notes"))
    finally:
        conn.close()


def test_backup_to_the_backups_folder_and_to_a_file(tmp_path, bundle, capsys):
    db = tmp_path / "data" / "questions.sqlite"
    make_db(db, bundle)
    assert cli.main(["backup", "--db", str(db)]) == 0
    (made,) = (tmp_path / "data" / "backups").glob("questions-*.sqlite")
    assert f"to {made} (verified)" in capsys.readouterr().out
    assert note_titles(made) == ["One"]
    target = tmp_path / "elsewhere" / "copy.sqlite"
    assert cli.main(["backup", "--db", str(db), "--to", str(target)]) == 0
    assert note_titles(target) == ["One"]


def test_backup_failures_exit_non_zero_naming_the_file(tmp_path, bundle, capsys):
    missing = tmp_path / "none.sqlite"
    assert cli.main(["backup", "--db", str(missing)]) == 1
    assert f"no database at {missing}" in capsys.readouterr().err
    assert not missing.exists()
    db = tmp_path / "questions.sqlite"
    make_db(db, bundle)
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    assert cli.main(["backup", "--db", str(db), "--to", str(blocker / "x.sqlite")]) == 1
    assert str(blocker) in capsys.readouterr().err
    assert cli.main(["backup", "--db", str(db), "--to", str(db)]) == 1
    assert "cannot replace the database it copies" in capsys.readouterr().err


def test_restore_swaps_the_backup_in_and_keeps_the_replaced_file(tmp_path, bundle, capsys):
    db = tmp_path / "questions.sqlite"
    make_db(db, bundle, notes=("Old",))
    saved = tmp_path / "saved.sqlite"
    assert cli.main(["backup", "--db", str(db), "--to", str(saved)]) == 0
    database = open_database(db)
    NoteRepository(database).create("New", "after the backup")
    database.close()
    capsys.readouterr()
    assert cli.main(["restore", str(saved), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"Restored {db} from {saved}." in out
    assert note_titles(db) == ["Old"]
    (previous,) = (tmp_path / "backups").glob("questions-*.sqlite")
    assert f"backed up to {previous}" in out
    assert note_titles(previous) == ["New", "Old"]


def test_restore_of_a_truncated_file_changes_nothing(tmp_path, bundle, capsys):
    db = tmp_path / "questions.sqlite"
    make_db(db, bundle)
    saved = tmp_path / "saved.sqlite"
    assert cli.main(["backup", "--db", str(db), "--to", str(saved)]) == 0
    truncated = tmp_path / "truncated.sqlite"
    truncated.write_bytes(saved.read_bytes()[:5000])
    before = db.read_bytes()
    assert cli.main(["restore", str(truncated), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert str(truncated) in err and "Nothing was changed" in err
    assert db.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_restore_refuses_while_the_app_holds_the_database(tmp_path, bundle, capsys):
    db = tmp_path / "questions.sqlite"
    make_db(db, bundle)
    saved = tmp_path / "saved.sqlite"
    assert cli.main(["backup", "--db", str(db), "--to", str(saved)]) == 0
    before = db.read_bytes()
    with DatabaseLock(db) as held:  # what the running app holds
        assert held
        assert cli.main(["restore", str(saved), "--db", str(db)]) == 3
    assert "MLPrep Desktop is open on" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_check_db_reports_a_sound_file_and_repairs_a_stale_index(tmp_path, bundle, capsys):
    db = tmp_path / "questions.sqlite"
    make_db(db, bundle)
    assert cli.main(["check-db", "--db", str(db)]) == 0
    assert "The database is sound" in capsys.readouterr().out
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO notes_fts (rowid, title, body) VALUES (999, 'ghost', 'x')")
    conn.commit()
    conn.close()
    assert cli.main(["check-db", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Fixed: the search index notes_fts" in out
    assert cli.main(["check-db", "--db", str(db)]) == 0
    assert "The database is sound" in capsys.readouterr().out


def test_check_db_on_a_damaged_file_writes_nothing_and_fails(tmp_path, bundle, capsys):
    db = tmp_path / "questions.sqlite"
    make_db(db, bundle)
    data = bytearray(db.read_bytes())
    data[4096 * 2: 4096 * 3] = b"\xff" * 4096
    db.write_bytes(bytes(data))
    assert cli.main(["check-db", "--db", str(db)]) == 1
    assert "failed SQLite's integrity check" in capsys.readouterr().out
    assert db.read_bytes() == bytes(data)
    with DatabaseLock(db) as held:
        assert held
        assert cli.main(["check-db", "--db", str(db)]) == 3
    assert cli.main(["check-db", "--db", str(tmp_path / "none.sqlite")]) == 2
