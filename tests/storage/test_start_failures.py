"""Files that cannot be used are refused with the real reason, and never changed: an empty
file, a read-only file, a folder on a read-only mount or a full disk, another program's lock."""
from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from pathlib import Path

import pytest

from mlprep_desktop.storage.database import DatabaseError, EmptyDatabaseFileError, open_database
from mlprep_desktop.storage.file_checks import file_problem, folder_problem


def test_an_empty_file_is_refused_and_left_empty(tmp_path, bundle):
    path = tmp_path / "kept.sqlite"
    path.write_bytes(b"")
    with pytest.raises(EmptyDatabaseFileError) as info:
        open_database(path, bundle)
    assert "empty (0 bytes)" in str(info.value) and str(path) in str(info.value)
    assert path.read_bytes() == b""


def test_a_read_only_file_is_named_as_such(tmp_path, monkeypatch):
    path = tmp_path / "questions.sqlite"
    open_database(path).close()
    before = path.read_bytes()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == path and mode == os.W_OK
                        else real_access(p, mode))  # root ignores chmod, so say what SQLite would meet
    with pytest.raises(DatabaseError) as info:
        open_database(path)
    assert "is read-only" in str(info.value) and "chmod" in str(info.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize("code, words", [
    (errno.EROFS, "read-only disk or mount"),
    (errno.ENOSPC, "is full"),
    (errno.EACCES, "permission denied"),
])
def test_a_folder_that_cannot_be_written_is_named_with_the_real_reason(tmp_path, monkeypatch, code, words):
    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    message = folder_problem(tmp_path / "data")
    assert message is not None and words in message and "already open" not in message


def test_a_full_disk_found_while_writing_is_reported_and_the_probe_removed(tmp_path, monkeypatch):
    real_write = os.write

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    message = folder_problem(tmp_path)
    monkeypatch.setattr(os, "write", real_write)
    assert message is not None and "is full" in message
    assert not list(tmp_path.glob(".mlprep-probe-*"))


def test_a_writable_folder_and_file_have_no_problem(tmp_path):
    assert folder_problem(tmp_path / "new" / "folder") is None
    path = tmp_path / "x.sqlite"
    open_database(path).close()
    assert file_problem(path) is None


def test_another_programs_write_lock_at_start_is_named_not_blamed_on_permissions(tmp_path):
    path = tmp_path / "questions.sqlite"
    open_database(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
    try:
        with pytest.raises(DatabaseError) as info:
            open_database(path)
        text = str(info.value)
        assert "Another program is writing" in text and "writable" not in text
    finally:
        other.execute("ROLLBACK")
        other.close()
    open_database(path).close()  # once it is done, the file opens


def test_a_write_during_another_programs_lock_fails_fast_with_a_clear_message(db):
    import time

    from mlprep_desktop.storage.database import WriteError

    other = sqlite3.connect(db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        start = time.perf_counter()
        with pytest.raises(WriteError) as info, db.transaction() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES ('k', '1')")
        assert time.perf_counter() - start < 3.0  # not the old 5 s wait per save (generous bound)
        assert "another program is writing" in str(info.value) and "retried" in str(info.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
