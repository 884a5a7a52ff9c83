"""DDL for portable ids (migration 6, registered in ``schema.py``).

Notes, boards, interview sessions and reviews get a ``uid``: a random 32-hex-digit id, set by a trigger
on insert (so no writer has to know about it) and backfilled for existing rows. An export names
rows by these ids, so importing into another installation merges instead of duplicating.
Questions get ``updated_at`` (NULL for bank questions) so an edit of one's own question can be
compared with an imported copy: the newer edit wins.
"""
from __future__ import annotations

_UID = "lower(hex(randomblob(16)))"


def _uid_sql(table: str) -> str:
    return f"""
ALTER TABLE {table} ADD COLUMN uid TEXT;
UPDATE {table} SET uid = {_UID} WHERE uid IS NULL;
CREATE UNIQUE INDEX {table}_uid ON {table} (uid);
CREATE TRIGGER {table}_uid_ai AFTER INSERT ON {table} WHEN new.uid IS NULL BEGIN
    UPDATE {table} SET uid = {_UID} WHERE rowid = new.rowid;
END;
"""


PORTABLE_IDS_SQL = (
    _uid_sql("notes")
    + _uid_sql("boards")
    + _uid_sql("interview_sessions")
    + _uid_sql("reviews")
    + "ALTER TABLE questions ADD COLUMN updated_at TEXT;\n"
)
