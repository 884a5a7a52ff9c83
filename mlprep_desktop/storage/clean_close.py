"""Skipping the start-up ``quick_check`` only for a file nobody touched since the app closed it.

At a clean close the app records the file's size and modification time beside it
(``<db>.clean``). At the next start, a file that still has that size and time, and no WAL
file, was not changed outside the app: its ``PRAGMA quick_check`` can run after the window is
shown, in the background (``quick_check_problems``). Any other file — changed, copied in,
restored, left by a crash (the record is removed as soon as the file is opened) — is checked
before anything is opened for writing, as before.
"""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from mlprep_desktop.storage.connection import connect


def record_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".clean")


def _stamp(db_path: Path) -> dict[str, int] | None:
    try:
        st = os.stat(db_path)
    except OSError:
        return None
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def record_clean_close(db_path: Path) -> None:
    """After the last connection closed: remember the file's size and time (best effort)."""
    if Path(str(db_path) + "-wal").exists():
        return  # not checkpointed: not a clean close
    stamp = _stamp(db_path)
    if stamp is None:
        return
    try:
        record_path(db_path).write_text(json.dumps(stamp), encoding="ascii")
    except OSError:
        pass  # then the next start simply checks the file first


def unchanged_since_clean_close(db_path: Path) -> bool:
    """True if the file is exactly as the app left it at its last clean close."""
    try:
        recorded = json.loads(record_path(db_path).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return False
    return not Path(str(db_path) + "-wal").exists() and recorded == _stamp(db_path)


def forget_clean_close(db_path: Path) -> None:
    """The file is open now: until the next clean close it must be checked at start."""
    try:
        record_path(db_path).unlink(missing_ok=True)
    except OSError:
        pass


def quick_check_problems(db_path: Path) -> list[str]:
    """``PRAGMA quick_check`` on a read-only connection of its own (any thread): [] if sound."""
    try:
        conn = connect(db_path, readonly=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [row[0] for row in rows if row[0] != "ok"]
