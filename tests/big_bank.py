"""A bank of 10,000 questions for speed work: the bundle's questions plus numbered copies
(new ids, "(copy n)" titles, the full-text index kept by the triggers), a few of the user's
own questions and study state of every kind (seen, rated, flagged, due, learning, mastered,
mistakes, solved, attempted, notes), all derived from rowids so every build is identical.

Used by the pinned-search tests (tests/storage/test_browse_pins.py) and by `make bench`.
"""
from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

QUESTIONS = 10_000
# The study clock of the pinned results: every date below is relative to it.
NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def build_big_bank(path: Path, total: int = QUESTIONS, *, with_state: bool = True) -> int:
    """A fresh database at ``path`` from the bundle, copied up to ``total`` active questions.
    Returns the number of active questions."""
    from mlprep_desktop.core.paths import bundled_database
    from mlprep_desktop.storage.database import open_database

    open_database(path, bundled_database()).close()
    conn = sqlite3.connect(path, isolation_level=None)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(questions)")]

    def active() -> int:
        return conn.execute("SELECT COUNT(*) FROM questions WHERE retired = 0").fetchone()[0]

    conn.execute("BEGIN")
    have, copy = active(), 1
    while have < total:
        picked = [f"id || '-copy{copy}'" if c == "id" else f"title || ' (copy {copy})'" if c == "title" else c
                  for c in columns]
        conn.execute(f"INSERT INTO questions ({', '.join(columns)}) SELECT {', '.join(picked)} FROM questions "
                     "WHERE retired = 0 AND id NOT LIKE '%-copy%' ORDER BY rowid LIMIT ?", (total - have,))
        have, copy = active(), copy + 1
    if with_state:
        _add_state(conn)
    conn.execute("COMMIT")
    conn.close()
    return have


def _add_state(conn: sqlite3.Connection) -> None:
    """Own questions and study state of every kind, chosen by rowid."""
    conn.execute(
        "INSERT INTO questions (id, type, topic, difficulty, minutes, title, prompt, answer, source) VALUES "
        "('own-gradient-notes', 'theory', 'optimization', 'beginner', 5, 'My gradient descent question', "
        " 'Why does gradient descent need a learning rate?', 'It sets the step.', 'user'), "
        "('own-attention-notes', 'theory', 'nlp-llm', 'advanced', 5, 'My attention question', "
        " 'What does attention compute?', 'A weighted sum.', 'user'), "
        "('own-zeta', 'applied', 'mlops', 'intermediate', 5, 'Zeta deployment', 'Roll out zeta.', 'Canary.', 'user')")
    ids = [(r[0], r[1], r[2]) for r in conn.execute("SELECT rowid, id, type FROM questions ORDER BY rowid")]
    for rowid, qid, qtype in ids:
        if rowid % 7 == 0:
            conn.execute("INSERT INTO question_state (question_id, seen_at) VALUES (?, ?)",
                         (qid, _iso(NOW - timedelta(days=rowid % 30))))
        elif rowid % 5 == 0:
            rating = rowid % 4 + 1
            reviewed = NOW - timedelta(days=rowid % 20, hours=rowid % 9)
            conn.execute(
                "INSERT INTO question_state (question_id, seen_at, flagged, last_rating, last_reviewed_at, "
                "review_count) VALUES (?, ?, ?, ?, ?, ?)",
                (qid, _iso(reviewed), int(rowid % 13 == 0), rating, _iso(reviewed), rowid % 3 + 1))
            conn.execute("INSERT INTO reviews (question_id, rating, reviewed_at, day) VALUES (?, ?, ?, ?)",
                         (qid, rating, _iso(reviewed), reviewed.date().isoformat()))
            phase = rowid % 3 + 1
            due = NOW + timedelta(days=(rowid % 11) - 4, hours=rowid % 5)
            conn.execute("INSERT INTO card_state (question_id, phase, stability, difficulty, due, last_review, reps) "
                         "VALUES (?, ?, ?, 5.0, ?, ?, 1)", (qid, phase, float(rowid % 40), _iso(due), _iso(reviewed)))
        elif rowid % 13 == 0:
            conn.execute("INSERT INTO question_state (question_id, flagged, flagged_at) VALUES (?, 1, ?)",
                         (qid, _iso(NOW)))
        if qtype == "coding" and rowid % 3 == 0:
            passed = 4 if rowid % 2 else 2
            conn.execute("INSERT INTO exercise_runs (question_id, code, passed, total, stop_reason, seconds, ran_at) "
                         "VALUES (?, 'pass', ?, 4, NULL, 0.5, ?)", (qid, passed, _iso(NOW - timedelta(days=1))))
        if rowid % 19 == 0:
            conn.execute("INSERT INTO notes (title, body, question_id, created_at, updated_at, deleted_at) "
                         "VALUES (?, 'notes', ?, ?, ?, ?)",
                         (f"Note on {qid}", qid, _iso(NOW), _iso(NOW), _iso(NOW) if rowid % 38 == 0 else None))
