"""The export registry covers every table and column of the user's data: a table or column
added later must be given a Section (or a reason to stay out), never silently left behind."""
from __future__ import annotations

from mlprep_desktop.storage.portable_sections import LOCAL_COLUMNS, NOT_EXPORTED, SECTIONS


def user_tables(db) -> dict[str, set[str]]:
    names = [r[0] for r in db.query("SELECT name FROM sqlite_master WHERE type = 'table'")]
    shadow = {n for n in names for fts in NOT_EXPORTED if n.startswith(fts + "_")}  # FTS5 shadow tables
    return {n: {r[1] for r in db.query(f"PRAGMA table_info({n})")}
            for n in names if n not in shadow and not n.startswith("sqlite_")}


def test_every_table_is_exported_or_said_why_not(db):
    covered = {s.table for s in SECTIONS}
    missing = sorted(set(user_tables(db)) - covered - set(NOT_EXPORTED))
    assert not missing, (f"tables {missing} are in no export section: add a Section to SECTIONS in "
                         "storage/portable_sections.py (or list them in NOT_EXPORTED with why)")


def test_every_column_of_an_exported_table_travels(db):
    tables = user_tables(db)
    for table in {s.table for s in SECTIONS}:
        carried = set(LOCAL_COLUMNS)
        for s in SECTIONS:
            if s.table == table:
                carried |= set(s.columns) | {r.column for r in s.refs}
        left = sorted(tables[table] - carried)
        assert not left, f"{table}.{left} are not exported: add them to its Section's columns"
