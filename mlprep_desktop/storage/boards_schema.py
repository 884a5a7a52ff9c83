"""DDL for whiteboard boards (migrations 4 and 12, registered in ``schema.py``).

A board's scene is versioned JSON (``core.board_model``). A board may be linked to one bank
question (a real foreign key) or to one mock-interview answer (a plain integer: the interview
tables are independent of this one). Names are unique, ignoring case, so a notebook link
``![[board:NAME]]`` names exactly one board.
"""
from __future__ import annotations

BOARDS_SQL = """
CREATE TABLE boards (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE,
    scene_json TEXT NOT NULL DEFAULT '{"format":"mlprep-board","version":1,"items":[]}',
    question_id TEXT REFERENCES questions(id) ON UPDATE CASCADE ON DELETE SET NULL,
    interview_item_id INTEGER,
    thumbnail BLOB,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX boards_name ON boards (name COLLATE NOCASE);
CREATE UNIQUE INDEX boards_question ON boards (question_id) WHERE question_id IS NOT NULL;
CREATE UNIQUE INDEX boards_interview_item ON boards (interview_item_id) WHERE interview_item_id IS NOT NULL;
CREATE INDEX boards_updated ON boards (updated_at);
"""

# Migration 12 (issue 16): a cache of the scene in packed form (``core.board_packed``) beside
# the JSON, so a big board opens without parsing its text. NULL until the board is next saved;
# ``storage.boards`` keeps a digest of the JSON with it and ignores it once they differ.
BOARDS_PACKED_SQL = """
ALTER TABLE boards ADD COLUMN scene_packed BLOB;
"""
