"""DDL for the notebook (migration 5): notes with an FTS5 index over title and body kept in
sync by triggers, tags, the questions each note links to, and revisions.

- A note in the Trash has ``deleted_at`` set; it is removed for good 30 days later.
- ``question_id`` marks a question's own note (opened from the browser's Notes button).
- ``note_links`` holds the ids a note links to with [[id]] (no foreign key: a link may name a
  question that does not exist, and must survive a question's retirement).
"""
from __future__ import annotations

NOTES_SQL = """
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    question_id TEXT REFERENCES questions(id) ON UPDATE CASCADE ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX notes_live ON notes (deleted_at, updated_at);
CREATE INDEX notes_question ON notes (question_id) WHERE question_id IS NOT NULL;
CREATE VIRTUAL TABLE notes_fts USING fts5(
    title, body,
    content='notes', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER notes_au AFTER UPDATE OF title, body ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TABLE note_tags (
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (note_id, tag)
);
CREATE INDEX note_tags_tag ON note_tags (tag);
CREATE TABLE note_links (
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    PRIMARY KEY (note_id, question_id)
);
CREATE INDEX note_links_question ON note_links (question_id);
CREATE TABLE note_revisions (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    written_at TEXT NOT NULL,
    kept_at TEXT NOT NULL
);
CREATE INDEX note_revisions_note ON note_revisions (note_id, kept_at);
"""
