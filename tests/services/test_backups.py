"""Automatic backups and restore, with an injected clock, on real database files."""
from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mlprep_desktop.core.models import Rating
from mlprep_desktop.services.backups import BackupError, BackupService, restore_backup
from mlprep_desktop.storage.boards import BoardRepository
from mlprep_desktop.storage.database import open_database
from mlprep_desktop.storage.notes import NoteRepository
from mlprep_desktop.storage.study import StudyRepository

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def fill(database, notes: int = 1) -> None:
    for i in range(notes):
        NoteRepository(database).create(f"Note {i}", "L2 shrinks weights")
    BoardRepository(database).create("Sketch")
    StudyRepository(database).rate("alpha-question", Rating(3))


def count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(db, clock) -> BackupService:
    return BackupService(db.path, clock=clock)


def test_a_backup_of_the_live_file_holds_its_data_and_is_summarized(db, service):
    fill(db, notes=2)
    assert service.due()
    backup = service.create()
    assert backup.path.parent == db.path.parent / "backups"
    assert backup.path.name == "questions-20260302T090000Z.sqlite"
    assert backup.created_at == T0 and backup.size == backup.path.stat().st_size
    summary = service.summary(backup.path)
    assert (summary.notes, summary.boards, summary.reviews, summary.questions_answered) == (2, 1, 1, 1)
    assert not service.due()
    assert not list(backup.path.parent.glob(".mlprep-*"))  # no temporary file left


def test_thirty_minutes_later_another_is_due_and_rotation_prunes_after_a_good_one(db, service, clock):
    for _ in range(15):
        service.create()
        clock.now += timedelta(minutes=30)
    found = service.backups()
    assert len(found) == 12  # one morning: the newest twelve
    assert found[0].created_at == T0 + timedelta(minutes=30 * 14)
    assert [b.created_at for b in found] == sorted((b.created_at for b in found), reverse=True)


def test_a_failing_backup_deletes_no_good_one(db, service, clock, monkeypatch):
    for _ in range(13):
        service.create()
        clock.now += timedelta(minutes=30)
    before = [b.path for b in service.backups()]
    import mlprep_desktop.storage.backup_files as backup_files

    monkeypatch.setattr(backup_files, "integrity_problems", lambda path: ["page 3: btree is broken"])
    with pytest.raises(BackupError, match="integrity check"):
        service.create()
    assert [b.path for b in service.backups()] == before
    assert not list(service.folder.glob(".mlprep-*"))


def test_a_backup_into_a_read_only_folder_fails_clearly(db, service):
    service.folder.mkdir()
    os.chmod(service.folder, 0o500)
    try:
        if os.access(service.folder, os.W_OK):
            pytest.skip("running as root: permissions are not enforced")
        with pytest.raises(BackupError, match=str(service.folder)):
            service.create()
    finally:
        os.chmod(service.folder, 0o700)


def test_a_backup_that_cannot_be_written_names_the_file_and_leaves_the_database(db, tmp_path, clock):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backups folder should be")
    service = BackupService(db.path, clock=clock, folder=blocked)
    with pytest.raises(BackupError, match="not-a-folder"):
        service.create()
    assert blocked.read_text().startswith("a file")
    assert NoteRepository(db).list() == []  # the database still works


def test_other_files_in_the_folder_are_not_backups_and_never_pruned(db, service, clock):
    service.folder.mkdir()
    mine = service.folder / "my-copy.sqlite"
    mine.write_bytes(b"keep me")
    other_db = service.folder / "other-20200101T000000Z.sqlite"
    other_db.write_bytes(b"another database's backup")
    for _ in range(14):
        service.create()
        clock.now += timedelta(minutes=30)
    assert mine.exists() and other_db.exists()


def test_restore_saves_the_current_file_then_swaps_in_the_backup(db, service, clock):
    fill(db)
    old = service.create()
    NoteRepository(db).create("Written after the backup", "keep me in the pre-restore copy")
    db.close()
    clock.now += timedelta(minutes=5)
    result = restore_backup(service, old.path)
    assert count(db.path, "SELECT count(*) FROM notes") == 1
    assert result.previous_saved_as is not None and not result.previous_was_damaged
    assert count(result.previous_saved_as, "SELECT count(*) FROM notes") == 2
    assert not Path(str(db.path) + "-wal").exists()
    reopened = open_database(db.path)
    try:
        assert [n.title for n in NoteRepository(reopened).list()] == ["Note 0"]
    finally:
        reopened.close()


@pytest.mark.parametrize("bad", ["truncated", "not sqlite", "missing"])
def test_a_bad_backup_file_is_refused_and_nothing_changes(db, service, tmp_path, bad):
    fill(db)
    good = service.create()
    db.close()
    before = db.path.read_bytes()
    target = tmp_path / "bad.sqlite"
    if bad == "truncated":
        data = good.path.read_bytes()
        target.write_bytes(data[: len(data) // 3])
    elif bad == "not sqlite":
        target.write_text("hello, I am a text file\n" * 200)
    with pytest.raises(BackupError, match=str(target)):
        restore_backup(service, target)
    assert db.path.read_bytes() == before
    assert [b.path for b in service.backups()] == [good.path]
    assert not list(db.path.parent.glob(".mlprep-*"))


def test_a_backup_from_a_newer_app_is_refused(db, service, tmp_path):
    newer = service.create().path
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 9999")
    conn.close()
    db.close()
    with pytest.raises(BackupError, match="newer version"):
        restore_backup(service, newer)


def test_restoring_over_a_damaged_file_moves_it_aside_unwritten(db, service, clock):
    fill(db)
    good = service.create()
    db.close()
    damaged = bytearray(db.path.read_bytes())
    page = 4096
    damaged[page * 2: page * 3] = b"\xff" * page  # wreck a page in the middle
    db.path.write_bytes(bytes(damaged))
    for side in ("-wal", "-shm"):
        Path(str(db.path) + side).unlink(missing_ok=True)
    clock.now += timedelta(minutes=1)
    assert service.newest_sound() == good
    result = restore_backup(service, good.path)
    assert result.previous_was_damaged
    assert result.previous_saved_as.read_bytes() == bytes(damaged)
    assert count(db.path, "SELECT count(*) FROM notes") == 1


def test_two_backups_in_the_same_second_never_replace_each_other(db, service):
    first = service.create()
    NoteRepository(db).create("Later", "")
    second = service.create()
    assert first.path != second.path and first.path.exists()
    assert second.created_at == first.created_at + timedelta(seconds=1)
    assert count(first.path, "SELECT count(*) FROM notes") == 0
    assert count(second.path, "SELECT count(*) FROM notes") == 1


def test_a_full_disk_during_restore_names_the_files_and_changes_nothing(db, service, monkeypatch):
    import errno

    import mlprep_desktop.storage.backup_files as backup_files

    fill(db)
    good = service.create()
    db.close()
    before = db.path.read_bytes()

    def full(path):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_files, "_fsync", full)
    with pytest.raises(BackupError) as caught:
        restore_backup(service, good.path)
    message = str(caught.value)
    assert str(good.path) in message and str(db.path) in message and "No space left" in message
    assert "Nothing was changed" in message
    assert db.path.read_bytes() == before
    assert [b.path for b in service.backups()] == [good.path]
    assert not list(db.path.parent.glob(".mlprep-*")) and not list(service.folder.glob(".mlprep-*"))
