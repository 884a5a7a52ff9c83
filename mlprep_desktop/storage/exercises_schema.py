"""DDL for coding exercises: the bank's exercise column, the user's runs and code drafts."""
from __future__ import annotations

EXERCISES_SQL = """
-- JSON {starter, solution, tests, requires, time_limit, memory_mb} of a coding question; NULL otherwise
ALTER TABLE questions ADD COLUMN exercise TEXT;
CREATE TABLE exercise_runs (
    id INTEGER PRIMARY KEY,
    question_id TEXT NOT NULL REFERENCES questions(id) ON UPDATE CASCADE,
    code TEXT NOT NULL,
    passed INTEGER NOT NULL CHECK (passed >= 0),
    total INTEGER NOT NULL CHECK (total >= passed),
    stop_reason TEXT,                      -- NULL: every test ran; else StopReason's value
    seconds REAL NOT NULL,                 -- wall-clock seconds of the run
    ran_at TEXT NOT NULL,                  -- UTC ISO-8601
    context TEXT NOT NULL DEFAULT 'browse' -- browse | interview | cli
);
CREATE INDEX exercise_runs_question ON exercise_runs (question_id, ran_at);
CREATE TABLE code_drafts (
    question_id TEXT PRIMARY KEY REFERENCES questions(id) ON UPDATE CASCADE,
    code TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""
