"""DDL for spaced repetition (migration 7): FSRS card state per question, and what the review
log needs for it.

``card_state`` is a cache of the FSRS state each question's reviews lead to (rebuilt by replaying
``reviews`` when it is missing or the settings change); ``phase`` is 1 learning, 2 review,
3 relearning. Times are UTC ISO-8601. ``reviews.day`` is the local calendar day the review
counted for (heatmap, streaks, "done today"); ``reviews.interview_item_id`` ties the review an
interview self-score gave to its item, so re-scoring updates that one review.
Study settings (daily goal, retention, interview date, plan) are rows of ``settings``.
"""
from __future__ import annotations

SCHEDULING_SQL = """
CREATE TABLE card_state (
    question_id TEXT PRIMARY KEY REFERENCES questions(id) ON UPDATE CASCADE,
    phase INTEGER NOT NULL CHECK (phase IN (1, 2, 3)),
    step INTEGER,
    stability REAL,
    difficulty REAL,
    due TEXT NOT NULL,
    last_review TEXT,
    reps INTEGER NOT NULL DEFAULT 0,
    lapses INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX card_state_due ON card_state (due);
ALTER TABLE reviews ADD COLUMN day TEXT;
ALTER TABLE reviews ADD COLUMN interview_item_id INTEGER REFERENCES interview_items(id) ON DELETE SET NULL;
UPDATE reviews SET day = substr(reviewed_at, 1, 10);
CREATE INDEX reviews_day ON reviews (day);
CREATE UNIQUE INDEX reviews_interview_item ON reviews (interview_item_id) WHERE interview_item_id IS NOT NULL;
"""
