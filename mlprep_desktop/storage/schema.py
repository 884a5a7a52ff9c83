"""The schema, as an ordered list of migrations (sqlite-utils ``Migrations``).

Each migration runs in its own transaction and sets ``PRAGMA user_version`` to its number,
so a file's schema version can be read without writing (see ``database.preflight``).
Append new migrations at the end; never edit one that has shipped.

sqlite-utils (which imports pandas and numpy when they are installed: most of a second) is
imported only when a file has migrations pending: ``migrate_connection`` first reads the
applied migrations with plain SQL. ``migrations`` (the sqlite-utils set) is built on first use.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

from mlprep_desktop.storage.boards_schema import BOARDS_PACKED_SQL, BOARDS_SQL
from mlprep_desktop.storage.exercises_schema import EXERCISES_SQL
from mlprep_desktop.storage.interviews_schema import (
    INTERVIEW_CODE_RUNS_SQL,
    INTERVIEW_ENDED_EARLY_SQL,
    INTERVIEWS_SQL,
)
from mlprep_desktop.storage.notes_schema import NOTES_SQL
from mlprep_desktop.storage.portable_schema import PORTABLE_IDS_SQL
from mlprep_desktop.storage.progress_schema import PROGRESS_SQL
from mlprep_desktop.storage.study_schema import SCHEDULING_SQL

SET_NAME = "mlprep"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' record of applied migrations
# (name, function) of the app's migrations, in order; the sqlite-utils set is built from it.
_DECLARED: list[tuple[str, Callable[[Any], None]]] = []


def __getattr__(name: str) -> Any:
    if name == "migrations":
        return _migration_set()
    raise AttributeError(name)


def _migration_set() -> Migrations:
    """The sqlite-utils migration set (imports sqlite-utils: only when needed)."""
    existing = globals().get("migrations")
    if existing is not None:
        return existing
    from sqlite_utils.migrations import Migrations

    built = Migrations(SET_NAME)
    for name, apply in _DECLARED:
        built(name=name)(apply)
    globals()["migrations"] = built
    return built

_QUESTIONS = """
CREATE TABLE questions (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    topic TEXT NOT NULL,
    difficulty TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    title TEXT NOT NULL,
    prompt TEXT NOT NULL DEFAULT '',
    answer TEXT NOT NULL DEFAULT '',
    key_points TEXT NOT NULL DEFAULT '[]',   -- JSON list of strings
    pitfalls TEXT NOT NULL DEFAULT '[]',     -- JSON list of strings
    follow_ups TEXT NOT NULL DEFAULT '[]',   -- JSON list of {question, answer}
    tags TEXT NOT NULL DEFAULT '[]',         -- JSON list of slugs
    related TEXT NOT NULL DEFAULT '[]',      -- JSON list of question ids
    source TEXT NOT NULL DEFAULT 'bank' CHECK (source IN ('bank', 'user')),
    retired INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX questions_facets ON questions (retired, type, topic, difficulty);
CREATE VIRTUAL TABLE questions_fts USING fts5(
    title, prompt, answer, key_points, tags,
    content='questions', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);
CREATE TRIGGER questions_ai AFTER INSERT ON questions BEGIN
    INSERT INTO questions_fts (rowid, title, prompt, answer, key_points, tags)
    VALUES (new.rowid, new.title, new.prompt, new.answer, new.key_points, new.tags);
END;
CREATE TRIGGER questions_ad AFTER DELETE ON questions BEGIN
    INSERT INTO questions_fts (questions_fts, rowid, title, prompt, answer, key_points, tags)
    VALUES ('delete', old.rowid, old.title, old.prompt, old.answer, old.key_points, old.tags);
END;
CREATE TRIGGER questions_au AFTER UPDATE ON questions BEGIN
    INSERT INTO questions_fts (questions_fts, rowid, title, prompt, answer, key_points, tags)
    VALUES ('delete', old.rowid, old.title, old.prompt, old.answer, old.key_points, old.tags);
    INSERT INTO questions_fts (rowid, title, prompt, answer, key_points, tags)
    VALUES (new.rowid, new.title, new.prompt, new.answer, new.key_points, new.tags);
END;
CREATE TABLE bank_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

_STUDY = """
CREATE TABLE question_state (
    question_id TEXT PRIMARY KEY REFERENCES questions(id) ON UPDATE CASCADE,
    seen_at TEXT,
    flagged INTEGER NOT NULL DEFAULT 0,
    flagged_at TEXT,
    last_rating INTEGER CHECK (last_rating BETWEEN 1 AND 4),
    last_reviewed_at TEXT,
    review_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    question_id TEXT NOT NULL REFERENCES questions(id) ON UPDATE CASCADE,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    reviewed_at TEXT NOT NULL,
    seconds_spent REAL,
    context TEXT NOT NULL DEFAULT 'browse'
);
CREATE INDEX reviews_question ON reviews (question_id, reviewed_at);
CREATE TABLE answers (
    question_id TEXT PRIMARY KEY REFERENCES questions(id) ON UPDATE CASCADE,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


def _register(version: int, name: str, sql: str) -> None:
    """Declare migration ``version`` (its DDL in ``sql``); it sets ``user_version`` itself."""

    if _VERSIONS and version <= _VERSIONS[-1]:
        raise ValueError(f"migration {version} must come after {_VERSIONS[-1]}")

    def apply(db: sqlite_utils.Database) -> None:
        _script(db, sql)
        current = db.execute("PRAGMA user_version").fetchone()[0]
        db.execute(f"PRAGMA user_version = {max(int(current), version)}")

    apply.__name__ = name
    existing = globals().get("migrations")  # built already (or a test's own set): register there
    if existing is not None:
        existing(name=f"{version:04d}_{name}")(apply)
    else:
        _DECLARED.append((f"{version:04d}_{name}", apply))
    _VERSIONS.append(version)


_VERSIONS: list[int] = []

# In order. One line per migration; a feature's DDL lives in its own storage module.
_register(1, "questions", _QUESTIONS)
_register(2, "study_state", _STUDY)
_register(3, "interviews", INTERVIEWS_SQL)
_register(4, "boards", BOARDS_SQL)
_register(5, "notes", NOTES_SQL)
_register(6, "portable_ids", PORTABLE_IDS_SQL)
_register(7, "scheduling", SCHEDULING_SQL)
_register(8, "exercises", EXERCISES_SQL)
_register(9, "interview_code_runs", INTERVIEW_CODE_RUNS_SQL)
_register(10, "progress_speed", PROGRESS_SQL)
_register(11, "interview_ended_early", INTERVIEW_ENDED_EARLY_SQL)
_register(12, "board_packed_scene", BOARDS_PACKED_SQL)

SCHEMA_VERSION = max(_VERSIONS)


def _script(db: sqlite_utils.Database, sql: str) -> None:
    """Run a multi-statement script inside the caller's transaction (no implicit COMMIT)."""
    for statement in _statements(sql):
        db.execute(statement)


def _statements(sql: str) -> list[str]:
    """Split a script on top-level semicolons, keeping trigger bodies whole."""
    import sqlite3

    out: list[str] = []
    buf = ""
    for line in sql.splitlines(keepends=True):
        if line.strip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def migrate(db: sqlite_utils.Database) -> None:
    """Apply every pending migration, each in its own transaction."""
    _migration_set().apply(db)


def pending(db: sqlite_utils.Database) -> list[str]:
    return [m.name for m in _migration_set().pending(db)]


def _declared_names() -> list[str]:
    existing = globals().get("migrations")
    return [m.name for m in existing._migrations] if existing is not None else [n for n, _ in _DECLARED]


def migrate_connection(conn: sqlite3.Connection) -> None:
    """Apply the pending migrations of the file behind ``conn``; when none are pending (read
    with plain SQL), return without importing sqlite-utils."""
    try:
        applied = {r[0] for r in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", (SET_NAME,))}
    except sqlite3.OperationalError:  # no table yet: a new file
        applied = set()
    if all(name in applied for name in _declared_names()):
        return
    import sqlite_utils

    migrate(sqlite_utils.Database(conn))
