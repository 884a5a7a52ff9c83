"""Opening the one database file: first-run copy, safety checks, pragmas, migrations, content merge.

Contract:
- ``open_database(path, bundle)`` creates ``path`` from the bundled database if it does not
  exist (through SQLite's backup API, into a temporary file that is renamed into place).
- Before anything writes, the file is opened read-only: a schema newer than this app raises
  ``NewerSchemaError`` and a failed ``PRAGMA quick_check`` raises ``CorruptDatabaseError``;
  in both cases the file is left byte-identical.
- Then WAL, ``synchronous=FULL`` and foreign keys are switched on, pending migrations run
  (each in its own transaction) and newer bank content from the bundle is merged.
- One ``Database`` object per thread: its connection is not shared between threads.
"""
from __future__ import annotations

import itertools
import os
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlprep_desktop.core.clock import utc_now_iso
from mlprep_desktop.storage import schema
from mlprep_desktop.storage.clean_close import forget_clean_close, record_clean_close, unchanged_since_clean_close
from mlprep_desktop.storage.connection import connect
from mlprep_desktop.storage.content_merge import merge_bank_content
from mlprep_desktop.storage.file_checks import empty_file_message, file_problem, is_empty_file

if TYPE_CHECKING:
    from mlprep_desktop.core.note_models import Note

BUSY_TIMEOUT_MS = 250
_SAVEPOINTS = itertools.count(1)


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def is_damage(exc: BaseException) -> bool:
    """True for the errors SQLite or Python raise on damage inside the file: a record whose
    text is not UTF-8, a malformed page or index (``quick_check`` at start does not see these)."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and (
        "decode" in text or "malformed" in text or "corrupt" in text or "not a database" in text)


def _is_locked(exc: BaseException | None) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


class DatabaseError(Exception):
    """A database problem the user must be told about, with a message fit to show them."""


class NewerSchemaError(DatabaseError):
    pass


class CorruptDatabaseError(DatabaseError):
    pass


class EmptyDatabaseFileError(DatabaseError):
    """The file exists but is empty (0 bytes): refused, never turned into a new database."""


class WriteError(DatabaseError):
    """A write failed (disk full, file locked or read-only); it was rolled back whole."""


class NoteConflictError(WriteError):
    """Nothing was written: the note was saved elsewhere (another app window on the same file)
    after the caller loaded it. ``current`` is the note as stored now. Not ``retriable``: trying
    again cannot succeed until the user decides whose version to keep. (Raised by
    ``storage.notes``; defined here with the other errors, so naming it imports no more.)"""

    retriable = False

    def __init__(self, message: str, current: Note) -> None:
        super().__init__(message)
        self.current = current


class Database:
    """An open, migrated database file. Use ``transaction()`` around every write."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, check_pending: bool = False) -> None:
        self.path = path
        self.conn = conn
        # True when the start-up quick_check was left for later (the file is as the app left it
        # at its last clean close): run ``clean_close.quick_check_problems`` once the window shows.
        self.check_pending = check_pending

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        """BEGIN … COMMIT, or a savepoint inside a transaction already open (what
        sqlite-utils' ``atomic`` does, without importing it on the start path)."""
        if self.conn.in_transaction:
            savepoint = f"mlprep_{next(_SAVEPOINTS)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield
            except BaseException:
                if self.conn.in_transaction:  # an error may have ended the whole transaction
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        self.conn.execute("BEGIN")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on success, rolled back whole on any error.

        Any SQLite error (disk full, locked, read-only, a constraint, a file damaged while
        open) surfaces as ``WriteError`` with a message fit for the user."""
        try:
            with self._atomic():
                yield self.conn
        except sqlite3.Error as exc:
            if _is_locked(exc):
                raise WriteError(
                    f"Could not save to {self.path}: another program is writing to it (the file is locked). "
                    "Nothing was half-written; what you typed is still on screen and saving is retried "
                    "on its own. Close the other program that has the file open if this goes on."
                ) from exc
            raise WriteError(
                f"Could not save to {self.path}: {exc}. Nothing was half-written; "
                "what you typed is still on screen. Free some disk space or check the file, "
                "and it will be saved on the next change."
            ) from exc

    def query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def each(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Iterator[sqlite3.Row]:
        """``query``'s rows one at a time: for a caller that keeps only what it makes of them
        (10,000 questions read as a list of rows first take ~6 MB that stays with the process)."""
        return iter(self.conn.execute(sql, params))

    def query_lenient(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[sqlite3.Row]:
        """``query`` for rows that may hold damaged text: bytes that are not UTF-8 are read as
        U+FFFD instead of raising (used once a normal read has failed; slower)."""
        self.conn.text_factory = _lenient_text
        try:
            return self.conn.execute(sql, params).fetchall()
        finally:
            self.conn.text_factory = str

    def close(self) -> None:
        try:
            self.conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass
        self.conn.close()
        record_clean_close(self.path)


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The rowid of the row an INSERT just made (SQLite always sets it after an INSERT)."""
    row_id = cursor.lastrowid
    if row_id is None:
        raise WriteError("The database did not report the new row's id; nothing else was written.")
    return row_id


# The page cache of the window's connection, for the file and for its TEMP tables (the
# search's copies, see storage/question_search.py), each in KiB. SQLite's default, 2,000 KiB
# each, filled both within the first minute at 10,000 questions (4 MB of the app's memory,
# issue 16) and bought nothing measurable: the searches' pages are read again from the
# operating system's file cache (a few microseconds each), and per keystroke the search took
# the same time with 100 KiB as with 2,000 (an interleaved comparison of the make bench
# search phrases). The TEMP tables beyond it go to SQLite's temporary file.
CACHE_KIB = 256


def open_database(path: Path | str, bundle: Path | str | None = None) -> Database:
    """Open (creating from ``bundle`` if missing) and prepare the database at ``path``."""
    path = Path(path)
    if is_empty_file(path):
        raise EmptyDatabaseFileError(empty_file_message(path))
    problem = file_problem(path)
    if problem:
        raise DatabaseError(problem)
    if not path.exists():
        if bundle is None:
            _create_empty(path)
        else:
            copy_bundle(Path(bundle), path)
    trusted = unchanged_since_clean_close(path)
    preflight(path, quick_check=not trusted)
    forget_clean_close(path)
    conn = connect(path)
    try:
        # A lock held by another program makes a write wait this long, then fail: the GUI never
        # blocks for seconds, and the autosavers retry on their own (DebouncedSaver).
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        database = Database(path, conn, check_pending=trusted)
        schema.migrate_connection(conn)
        _probe_write(database)
        if bundle is not None and Path(bundle).exists() and Path(bundle).resolve() != path.resolve():
            merge_bank_content(database, Path(bundle))
        for cache in ("main", "temp"):  # after the merge, which writes many pages at once
            conn.execute(f"PRAGMA {cache}.cache_size = {-CACHE_KIB}")
    except sqlite3.DatabaseError as exc:
        conn.close()
        if _is_locked(exc):
            raise DatabaseError(_locked_message(path)) from exc
        raise DatabaseError(f"Could not open the database at {path}: {exc}") from exc
    except WriteError as exc:
        conn.close()
        if _is_locked(exc.__cause__):
            raise DatabaseError(_locked_message(path)) from exc
        raise
    except BaseException:
        conn.close()
        raise
    return database


WORKER_BUSY_TIMEOUT_MS = 10_000


def open_for_worker(path: Path | str) -> Database:
    """A second connection to a file ``open_database`` has already opened (checked, migrated),
    for one worker thread (an import): the same pragmas, no checks, copy or migrations. The
    worker blocks no window, so it waits longer for another writer's lock than the GUI does.
    Close it on the thread that opened it."""
    conn = connect(path)
    try:
        conn.execute(f"PRAGMA busy_timeout = {WORKER_BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(f"Could not open the database at {path}: {exc}") from exc
    return Database(Path(path), conn)


def _locked_message(path: Path) -> str:
    return (f"Another program is writing to the database at {path} (it holds a lock on the file), so "
            "MLPrep Desktop cannot start on it now. Nothing was changed. Close that program (a database "
            "browser, a sync tool, another copy of the app) and start again.")


def _probe_write(database: Database) -> None:
    """Record when the file was opened; a file we cannot write is refused now, not at the
    user's first edit."""
    try:
        with database.transaction() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES ('app.last_opened', json_quote(?)) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (utc_now_iso(),),
            )
    except WriteError as exc:
        if _is_locked(exc.__cause__):
            raise
        raise DatabaseError(
            f"The database at {database.path} can be read but not written ({exc.__cause__}). "
            "MLPrep Desktop needs to save your answers and notes there: make the file and its "
            "folder writable, or start with another file (--db PATH)."
        ) from exc


def preflight(path: Path, *, quick_check: bool = True) -> None:
    """Read-only checks before anything may write: integrity (unless ``quick_check`` is False:
    a file unchanged since the app's clean close, checked after start) and schema version."""
    try:
        conn = connect(path, readonly=True)
        conn.execute("PRAGMA schema_version").fetchone()  # reads the header: can we open it at all?
    except sqlite3.OperationalError as exc:  # permissions, a folder, a locked or vanished file
        if _is_locked(exc):
            raise DatabaseError(_locked_message(path)) from exc
        raise DatabaseError(
            f"The database at {path} could not be opened ({exc}). It has not been changed. "
            "Check that the file exists and that you may read and write it and its folder."
        ) from exc
    except sqlite3.DatabaseError as exc:  # not a database at all
        raise CorruptDatabaseError(_unreadable(path, str(exc))) from exc
    try:
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall() if quick_check else []
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise CorruptDatabaseError(_unreadable(path, str(exc))) from exc
        problems = [row[0] for row in rows if row[0] != "ok"]
        if problems:
            raise CorruptDatabaseError(_unreadable(path, "; ".join(problems[:3])))
        if version > schema.SCHEMA_VERSION:
            raise NewerSchemaError(
                f"The database at {path} was written by a newer version of MLPrep Desktop "
                f"(schema {version}; this version understands up to {schema.SCHEMA_VERSION}). "
                "It has not been changed. Please update MLPrep Desktop, or start with another "
                "database file (--db PATH)."
            )
    finally:
        conn.close()


def _unreadable(path: Path, detail: str) -> str:
    return (
        f"The database at {path} failed its integrity check and was not opened or changed "
        f"({detail}). Your data is still in that file: keep a copy of it, then restore a "
        "backup or move the file aside to start afresh."
    )


def copy_bundle(bundle: Path, target: Path) -> None:
    """Copy the bundled database to ``target`` with SQLite's backup API, atomically."""
    if not bundle.exists():
        raise DatabaseError(f"The bundled question bank is missing: {bundle}")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".mlprep-", suffix=".sqlite", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        src = connect(bundle, readonly=True)
        dst = connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            src.close()
            dst.close()
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _create_empty(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path)
    conn.close()
