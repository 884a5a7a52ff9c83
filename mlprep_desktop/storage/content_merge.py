"""Bringing newer bank content from the bundled database into a user's file.

Bank questions are upserted by ``id``; a bank question missing from the bundle is marked
retired (never deleted), so notes, ratings and sessions that point at it survive. Questions
the user wrote (``source = 'user'``) and every user table are left alone. One transaction.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mlprep_desktop.storage.connection import connect

if TYPE_CHECKING:
    from mlprep_desktop.storage.database import Database

log = logging.getLogger("mlprep")

QUESTION_COLUMNS = (
    "id", "type", "topic", "difficulty", "minutes", "title", "prompt", "answer",
    "key_points", "pitfalls", "follow_ups", "tags", "related", "exercise",
)


def content_version(conn) -> int:
    """The bank content version recorded in a database (0 when none)."""
    try:
        row = conn.execute("SELECT value FROM bank_meta WHERE key = 'content_version'").fetchone()
    except Exception:
        return 0
    return int(row[0]) if row else 0


def merge_bank_content(database: Database, bundle: Path) -> bool:
    """Merge the bundle's bank content if it is newer. Returns True when it merged."""
    src = connect(bundle, readonly=True)
    try:
        bundle_version = content_version(src)
        if bundle_version <= content_version(database.conn):
            return False
        cols = ", ".join(QUESTION_COLUMNS)
        rows = [tuple(r) for r in src.execute(f"SELECT {cols} FROM questions WHERE source = 'bank'")]
        meta = [tuple(r) for r in src.execute("SELECT key, value FROM bank_meta")]
    finally:
        src.close()
    placeholders = ", ".join("?" for _ in QUESTION_COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in QUESTION_COLUMNS if c != "id")
    with database.transaction() as conn:
        taken = {r[0] for r in conn.execute("SELECT id FROM questions WHERE source = 'user'")}
        clashes = sorted(taken.intersection(r[0] for r in rows))
        if clashes:  # the user's own question keeps its id; that bank question is left out
            log.warning("bank questions not merged, their ids belong to your own questions: %s", ", ".join(clashes))
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS bundle_ids (id TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM bundle_ids")
        conn.executemany("INSERT INTO bundle_ids (id) VALUES (?)", [(r[0],) for r in rows])
        conn.executemany(
            f"INSERT INTO questions ({cols}, source, retired) VALUES ({placeholders}, 'bank', 0) "
            f"ON CONFLICT(id) DO UPDATE SET {updates}, retired = 0 WHERE questions.source = 'bank'",
            rows,
        )
        conn.execute(
            "UPDATE questions SET retired = 1 WHERE source = 'bank' AND retired = 0 "
            "AND id NOT IN (SELECT id FROM bundle_ids)"
        )
        conn.executemany("INSERT OR REPLACE INTO bank_meta (key, value) VALUES (?, ?)", meta)
        conn.execute("DROP TABLE temp.bundle_ids")
    return True
