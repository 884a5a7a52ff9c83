"""Database files as whole files: verified copies through SQLite's backup API, checks, a
summary of what a file holds, and the atomic swap a restore needs.

Contract: a copy is written to a temporary file beside its target, checked with
``PRAGMA integrity_check``, fsynced and only then renamed into place, so ``target`` is either
untouched or a complete, verified copy. Nothing here writes to a source file. Any failure
raises ``BackupFileError`` with a message naming the file, for the user. Opens its own
connections: safe on any thread.
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mlprep_desktop.storage import schema
from mlprep_desktop.storage.connection import connect
from mlprep_desktop.storage.database import DatabaseError

SIDE_FILES = ("-wal", "-shm", "-journal")


class BackupFileError(DatabaseError):
    """A copy, check or swap failed; ``str(exc)`` names the file and says what happened."""


@dataclass(frozen=True)
class DataSummary:
    """What a database file holds of the user's: shown beside each backup."""

    questions_answered: int
    notes: int
    boards: int
    reviews: int
    schema_version: int


def write_verified_copy(source: Path, target: Path) -> None:
    """Copy the database at ``source`` (live or not, WAL included) to ``target`` through the
    backup API; ``target`` is replaced only by a complete copy that passed integrity_check."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupFileError(f"Could not create the folder {target.parent}: {exc.strerror or exc}.") from exc
    tmp = _temp_beside(target)
    try:
        try:
            src = connect(source, readonly=True)
        except sqlite3.Error as exc:
            raise BackupFileError(f"Could not read {source}: {exc}.") from exc
        try:
            dst = connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        except sqlite3.Error as exc:
            raise BackupFileError(f"Could not write the copy {target}: {exc}. Nothing was replaced.") from exc
        finally:
            src.close()
        problems = integrity_problems(tmp)
        if problems:
            raise BackupFileError(f"The copy of {source} failed its integrity check ({'; '.join(problems[:3])}); "
                                  f"{target} was not written.")
        _fsync(tmp)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except OSError as exc:
        raise BackupFileError(f"Could not write {target}: {exc.strerror or exc}. Nothing was replaced.") from exc
    finally:
        tmp.unlink(missing_ok=True)


def integrity_problems(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` of the file at ``path`` (read-only): [] when it is sound.
    A file that is not an SQLite database at all gives one problem saying so."""
    if not path.is_file():
        return [f"{path} does not exist"]
    try:
        conn = connect(path, readonly=True)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [f"not a usable SQLite database ({exc})"]
    return [row[0] for row in rows if row[0] != "ok"]


def check_restorable(path: Path) -> None:
    """Raise ``BackupFileError`` unless ``path`` is a sound MLPrep database this version can
    open (not truncated, not another kind of file, not from a newer app)."""
    problems = integrity_problems(path)
    if problems:
        raise BackupFileError(f"{path} cannot be restored: {'; '.join(problems[:3])}. Nothing was changed.")
    summary = summarize(path)
    if summary.schema_version > schema.SCHEMA_VERSION:
        raise BackupFileError(f"{path} was written by a newer version of MLPrep Desktop (schema "
                              f"{summary.schema_version}); update the app to restore it. Nothing was changed.")


def summarize(path: Path) -> DataSummary:
    """Counts of the user's data in the file at ``path`` (read-only)."""
    try:
        conn = connect(path, readonly=True)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "questions" not in tables:
                raise BackupFileError(f"{path} is an SQLite file but not an MLPrep Desktop database.")

            def count(table: str, sql: str) -> int:
                return conn.execute(sql).fetchone()[0] if table in tables else 0

            return DataSummary(
                questions_answered=count("question_state", "SELECT count(*) FROM question_state WHERE review_count > 0"),
                notes=count("notes", "SELECT count(*) FROM notes WHERE deleted_at IS NULL"),
                boards=count("boards", "SELECT count(*) FROM boards"),
                reviews=count("reviews", "SELECT count(*) FROM reviews"),
                schema_version=conn.execute("PRAGMA user_version").fetchone()[0],
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupFileError(f"Could not read {path}: {exc}.") from exc


def checkpoint_and_clear_side_files(path: Path) -> None:
    """Fold the write-ahead log of the (closed) database at ``path`` into the file and remove
    its -wal/-shm, so that a file put in its place cannot be mixed with an old log."""
    if path.exists() and any(Path(str(path) + s).exists() for s in SIDE_FILES[:2]):
        try:
            conn = connect(path)
            try:
                busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise BackupFileError(f"Could not finish the write-ahead log of {path}: {exc}.") from exc
        if busy:
            raise BackupFileError(f"{path} is in use by another program; close it and try again.")
    for suffix in SIDE_FILES[:2]:
        Path(str(path) + suffix).unlink(missing_ok=True)


def move_aside(path: Path, target: Path) -> None:
    """Rename ``path`` (and its -wal/-shm, which belong to it) to ``target``: nothing is written
    to the file itself."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", *SIDE_FILES[:2]):
        src = Path(str(path) + suffix)
        if src.exists():
            os.replace(src, Path(str(target) + suffix))
    _fsync_dir(target.parent)
    _fsync_dir(path.parent)


def prepare_replacement(backup: Path, target: Path) -> Path:
    """A verified copy of ``backup`` in a temporary file beside ``target``, ready for
    ``swap_in``; the caller removes it if it is not swapped in."""
    tmp_target = _temp_beside(target)
    tmp_target.unlink()
    write_verified_copy(backup, tmp_target)
    return tmp_target


def swap_in(replacement: Path, target: Path) -> None:
    """Atomically put ``replacement`` in place of ``target`` (whose -wal/-shm must be gone)."""
    try:
        os.replace(replacement, target)
        _fsync_dir(target.parent)
    except OSError as exc:
        raise BackupFileError(f"Could not replace {target}: {exc.strerror or exc}. It was not changed.") from exc


def _temp_beside(target: Path) -> Path:
    try:
        fd, name = tempfile.mkstemp(prefix=".mlprep-", suffix=".sqlite.tmp", dir=target.parent)
    except OSError as exc:
        raise BackupFileError(f"Could not write in {target.parent}: {exc.strerror or exc}. Nothing was changed.") from exc
    os.close(fd)
    return Path(name)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
