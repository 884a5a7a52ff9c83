"""Coding runs in progress and mistakes, with the runner's table (exercise_runs: passed of
total tests): solved once every test passed, a mistake while the latest run fails."""
from __future__ import annotations

from datetime import UTC, datetime

from mlprep_desktop.storage.progress import ProgressRepository

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_without_runs_nothing_is_solved_or_failed(db):
    progress = ProgressRepository(db)
    assert progress.failed_exercises() == []
    assert all(solved == 0 for solved, _total in (progress.solved_per_topic() or {}).values())


def test_solved_and_failed_exercises_come_from_the_latest_runs(db):
    with db.transaction() as conn:
        conn.execute("UPDATE questions SET type = 'coding' WHERE id IN ('alpha-question', 'gamma-question')")
        conn.executemany(
            "INSERT INTO exercise_runs (question_id, code, passed, total, seconds, ran_at) VALUES (?, '', ?, ?, 1, ?)",
            [("alpha-question", 1, 3, "2026-03-01T10:00:00Z"), ("alpha-question", 3, 3, "2026-03-01T11:00:00Z"),
             ("gamma-question", 3, 3, "2026-03-01T10:00:00Z"), ("gamma-question", 2, 3, "2026-03-01T12:00:00Z")])
    progress = ProgressRepository(db)
    assert progress.solved_per_topic() == {"fundamentals": (1, 1), "evaluation": (1, 1)}
    assert progress.failed_exercises() == ["gamma-question"]  # its latest run failed a test
    assert "gamma-question" in progress.mistakes(NOW) and "alpha-question" not in progress.mistakes(NOW)
