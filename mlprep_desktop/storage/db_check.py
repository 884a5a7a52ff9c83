"""Check database: SQLite's integrity check, the full-text indexes, and rows that point at
nothing. What can be repaired without losing anything of the user's is repaired, in one
transaction; the rest is reported.

- ``PRAGMA integrity_check``: a damaged file is only reported (restore a backup); nothing
  else runs on it.
- Every FTS5 index gets ``'integrity-check'`` (against its content table too); one that
  fails is rebuilt from its table.
- Rows of a note that no longer exists (tags, links, revisions) are deleted; a board's link
  to an interview answer that no longer exists is cleared (the board stays).
- Reported only, never deleted: boards of retired questions (your drawings are kept) and any
  other foreign-key violation.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from mlprep_desktop.storage.database import Database

_ORPHANS = (
    ("note_tags", "tags of deleted notes",
     "DELETE FROM note_tags WHERE note_id NOT IN (SELECT id FROM notes)"),
    ("note_links", "question links of deleted notes",
     "DELETE FROM note_links WHERE note_id NOT IN (SELECT id FROM notes)"),
    ("note_revisions", "earlier versions of deleted notes",
     "DELETE FROM note_revisions WHERE note_id NOT IN (SELECT id FROM notes)"),
    ("boards", "board links to deleted interview answers",
     "UPDATE boards SET interview_item_id = NULL WHERE interview_item_id IS NOT NULL "
     "AND interview_item_id NOT IN (SELECT id FROM interview_items)"),
)


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)  # found and not repaired
    fixed: list[str] = field(default_factory=list)  # found and repaired
    notes: list[str] = field(default_factory=list)  # worth knowing, nothing wrong

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        out = [f"Problem: {p}" for p in self.problems] + [f"Fixed: {f}" for f in self.fixed]
        out += [f"Note: {n}" for n in self.notes]
        if not self.problems and not self.fixed:
            out.insert(0, "The database is sound: integrity check, full-text indexes and links all passed.")
        return out


def check_database(database: Database) -> CheckReport:
    """Check (and where safe, repair) the open database; see the module docstring."""
    report = CheckReport()
    conn = database.conn
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    if problems:
        report.problems.append(f"SQLite's integrity check failed ({'; '.join(problems[:3])}). Nothing was "
                               "repaired: restore a backup (File › Restore backup…).")
        return report
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    fts = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%' ORDER BY name")]
    with database.transaction():
        for name in fts:
            try:
                # rank = 1: also compare the index with its (external) content table
                conn.execute(f"INSERT INTO {name} ({name}, rank) VALUES ('integrity-check', 1)")
            except sqlite3.DatabaseError as exc:
                conn.execute(f"INSERT INTO {name} ({name}) VALUES ('rebuild')")
                report.fixed.append(f"the search index {name} did not match its table ({exc}); rebuilt it")
        for table, what, sql in _ORPHANS:
            if table in tables:
                changed = conn.execute(sql).rowcount
                if changed:
                    report.fixed.append(f"removed {changed} {what}" if sql.startswith("DELETE")
                                        else f"cleared {changed} {what}")
    if {"boards", "questions"} <= tables:
        retired = conn.execute("SELECT count(*) FROM boards JOIN questions ON questions.id = boards.question_id "
                               "WHERE questions.retired").fetchone()[0]
        if retired:
            report.notes.append(f"{retired} board(s) belong to questions retired from the bank; they are kept")
    violations: dict[str, int] = {}
    for row in conn.execute("PRAGMA foreign_key_check").fetchall():
        violations[row[0]] = violations.get(row[0], 0) + 1
    for table, n in sorted(violations.items()):
        report.problems.append(f"{n} row(s) in {table} point to records that do not exist (kept, not repaired)")
    return report
