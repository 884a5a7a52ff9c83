"""Read-only queries behind the progress page and the mistakes drill.

Mistakes: a question whose latest rating (Browse, Today or an interview's accuracy score) is
Again or Hard and was given in the last ``MISTAKE_DAYS`` days; or whose communication was
self-scored 1–2 in an interview in that time with no Good/Easy rating since; or, once coding
runs are stored (a table ``exercise_runs`` with ``question_id``, ``passed``, ``ran_at``), whose
latest run failed.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from mlprep_desktop.core.clock import to_utc_iso
from mlprep_desktop.storage.database import Database

MISTAKE_DAYS = 14


class ProgressRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    def reviews_per_day(self, since: date) -> dict[date, int]:
        return {date.fromisoformat(r[0]): r[1] for r in self._db.query(
            "SELECT day, COUNT(*) FROM reviews WHERE day >= ? GROUP BY day", (since.isoformat(),))}

    def study_days(self) -> list[date]:
        return [date.fromisoformat(r[0]) for r in self._db.query(
            "SELECT DISTINCT day FROM reviews WHERE day IS NOT NULL")]

    def first_study_day(self) -> date | None:
        row = self._db.query("SELECT MIN(day) FROM reviews")
        return date.fromisoformat(row[0][0]) if row and row[0][0] else None

    def topic_of(self) -> dict[str, str]:
        """Question id -> topic of every active question."""
        return {r[0]: r[1] for r in self._db.query("SELECT id, topic FROM questions WHERE retired = 0")}

    def interview_trend(self, limit: int = 20) -> list[tuple[str, float]]:
        """(started_at, self-score 0–100) of the last ``limit`` reviewed interviews, oldest
        first: the mean of technical accuracy and communication over the graded answers."""
        rows = self._db.query(
            "SELECT s.started_at, AVG((i.accuracy + i.communication) / 8.0) FROM interview_sessions s "
            "JOIN interview_items i ON i.session_id = s.id "
            "WHERE i.accuracy IS NOT NULL AND i.communication IS NOT NULL "
            "GROUP BY s.id ORDER BY s.started_at DESC, s.id DESC LIMIT ?", (limit,))
        return [(r[0], 100.0 * r[1]) for r in reversed(rows)]

    def mistakes(self, now: datetime, days: int = MISTAKE_DAYS) -> list[str]:
        """Question ids to drill (see the module's rule), most recent mistake first."""
        since = to_utc_iso(now - timedelta(days=days))
        rows = self._db.query(
            "WITH latest AS (SELECT question_id, rating, reviewed_at, ROW_NUMBER() OVER "
            "  (PARTITION BY question_id ORDER BY reviewed_at DESC, id DESC) AS n FROM reviews) "
            "SELECT l.question_id, l.reviewed_at AS at FROM latest l JOIN questions q ON q.id = l.question_id "
            "WHERE l.n = 1 AND l.rating <= 2 AND l.reviewed_at >= ?1 AND q.retired = 0 "
            "UNION SELECT i.question_id, i.answer_updated_at FROM interview_items i "
            "JOIN questions q ON q.id = i.question_id "
            "WHERE i.communication <= 2 AND i.answer_updated_at >= ?1 AND q.retired = 0 "
            "AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.question_id = i.question_id "
            "  AND r.rating >= 3 AND r.reviewed_at > i.answer_updated_at AND r.interview_item_id IS NOT i.id) "
            "ORDER BY at DESC", (since,))
        out = list(dict.fromkeys(r[0] for r in rows))
        for question_id in self.failed_exercises():
            if question_id not in out:
                out.append(question_id)
        return out

    def _has_runs(self) -> bool:
        columns = {r[1] for r in self._db.query("PRAGMA table_info(exercise_runs)")}
        return {"question_id", "passed", "ran_at"} <= columns

    def failed_exercises(self) -> list[str]:
        """Coding questions whose latest stored run failed (empty until runs are stored)."""
        if not self._has_runs():
            return []
        return [r[0] for r in self._db.query(
            "SELECT question_id FROM exercise_runs e WHERE ran_at = (SELECT MAX(ran_at) FROM exercise_runs "
            "WHERE question_id = e.question_id) AND NOT passed GROUP BY question_id")]

    def solved_per_topic(self) -> dict[str, tuple[int, int]] | None:
        """Topic -> (coding exercises solved, coding questions) once runs are stored; else None."""
        if not self._has_runs():
            return None
        return {r[0]: (r[1], r[2]) for r in self._db.query(
            "SELECT q.topic, COUNT(DISTINCT CASE WHEN e.passed THEN e.question_id END), COUNT(DISTINCT q.id) "
            "FROM questions q LEFT JOIN exercise_runs e ON e.question_id = q.id "
            "WHERE q.type = 'coding' AND q.retired = 0 GROUP BY q.topic")}
