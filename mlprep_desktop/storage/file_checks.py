"""What is really wrong when a database file cannot be used: a read-only folder or mount, a
full disk, a read-only file, an empty file. Plain file-system checks (no SQL, no Qt), run
before SQLite or the lock file would report the problem in their own, misleading words."""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


def folder_problem(folder: Path) -> str | None:
    """A message for the user if ``folder`` cannot hold the database and its side files
    (WAL, lock, backups): it cannot be created, is read-only, is on a read-only mount or on a
    full disk. None when a small file can be created, written and removed there."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _describe(folder, exc, creating=True)
    try:
        fd, name = tempfile.mkstemp(prefix=".mlprep-probe-", dir=folder)
    except OSError as exc:
        return _describe(folder, exc)
    try:
        try:
            os.write(fd, b"\0" * 4096)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        return _describe(folder, exc)
    finally:
        try:
            os.unlink(name)
        except OSError:
            pass
    return None


def file_problem(path: Path) -> str | None:
    """A message if the existing file at ``path`` cannot be used as is: it is read-only, or
    it is empty (0 bytes; see ``is_empty_file``: the caller may offer to start afresh)."""
    if path.is_file() and not os.access(path, os.W_OK):
        return (f"The database file {path} is read-only, so MLPrep Desktop could not save your answers "
                "and notes in it. It has not been changed. Make the file writable (for example "
                f"`chmod u+w \"{path}\"`), or start with another file (--db PATH).")
    return None


def is_empty_file(path: Path) -> bool:
    """True for an existing file of 0 bytes: never silently turned into a new database, since
    it may be a file the user meant to keep (a failed copy, the wrong name)."""
    try:
        return path.is_file() and path.stat().st_size == 0
    except OSError:
        return False


def empty_file_message(path: Path) -> str:
    return (f"The file {path} is empty (0 bytes), so it holds no MLPrep data. It has not been changed. "
            "If you meant to start a new database there, delete the empty file first; otherwise check "
            "the name (--db PATH) or restore the file from a backup.")


def _describe(folder: Path, exc: OSError, *, creating: bool = False) -> str:
    where = f"the folder {folder}"
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return (f"The disk holding {where} is full, so MLPrep Desktop cannot save anything there. "
                "Nothing was changed. Free some space and start again, or start with a file on another "
                "disk (--db PATH).")
    if exc.errno == errno.EROFS:
        return (f"{where.capitalize()} is on a read-only disk or mount, so MLPrep Desktop cannot save "
                "your work there. Nothing was changed. Start with a file on a writable disk (--db PATH).")
    if exc.errno in (errno.EACCES, errno.EPERM):
        verb = "create" if creating else "write to"
        return (f"MLPrep Desktop may not {verb} {where} (permission denied), and it needs to keep the "
                "database, its journal and its lock file there. Nothing was changed. Make the folder "
                "writable, or start with a file elsewhere (--db PATH).")
    return (f"MLPrep Desktop cannot use {where} ({exc.strerror or exc}). Nothing was changed. "
            "Check the folder, or start with a file elsewhere (--db PATH).")
