"""DDL for mock interviews (migration 3): one row per session and one per question in it.

Times are UTC ISO-8601 text; durations are seconds (REAL) measured on a monotonic clock.
``interview_items.key_points`` is a JSON list of {text, matched, auto, checked}: a snapshot of
the question's key points taken when answering ended, so a review stays as it was graded
even if the bank's wording changes later.
"""
from __future__ import annotations

INTERVIEWS_SQL = """
CREATE TABLE interview_sessions (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    ended_at TEXT,
    status TEXT NOT NULL DEFAULT 'running'
        CHECK (status IN ('running', 'paused', 'reviewing', 'completed', 'abandoned')),
    config TEXT NOT NULL DEFAULT '{}',          -- JSON of the set-up (count, mix, timing, mode)
    total_budget_seconds REAL NOT NULL,
    elapsed_seconds REAL NOT NULL DEFAULT 0,
    current_index INTEGER NOT NULL DEFAULT 0,
    time_up INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX interview_sessions_status ON interview_sessions (status, started_at);
CREATE TABLE interview_items (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES interview_sessions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    question_id TEXT NOT NULL REFERENCES questions(id) ON UPDATE CASCADE,
    budget_seconds REAL NOT NULL,
    elapsed_seconds REAL NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'seen', 'answered', 'skipped')),
    time_up INTEGER NOT NULL DEFAULT 0,
    answer TEXT NOT NULL DEFAULT '',
    answer_updated_at TEXT,
    revealed INTEGER NOT NULL DEFAULT 0,
    key_points TEXT NOT NULL DEFAULT '[]',
    accuracy INTEGER CHECK (accuracy BETWEEN 1 AND 4),
    communication INTEGER CHECK (communication BETWEEN 1 AND 4),
    UNIQUE (session_id, position)
);
CREATE INDEX interview_items_question ON interview_items (question_id);
"""

# Migration 9: a coding item's last test run, JSON {code, ran_at, passed, total, all_passed,
# result} (core ``CodeRun``); NULL until the candidate runs the tests. Its answer is the code.
INTERVIEW_CODE_RUNS_SQL = """
ALTER TABLE interview_items ADD COLUMN code_run TEXT;
"""

# Migration 11 (issue 18): an interview ended before every question was reached is marked, so the
# history and the summary say so and only what was answered is scored.
INTERVIEW_ENDED_EARLY_SQL = """
ALTER TABLE interview_sessions ADD COLUMN ended_early INTEGER NOT NULL DEFAULT 0;
"""
