"""Read-only queries behind the progress page and the mistakes drill.

Mistakes: a question whose latest rating (Browse, Today or an interview's accuracy score) is
Again or Hard and was given in the last ``MISTAKE_DAYS`` days; or whose communication was
self-scored 1–2 in an interview in that time with no Good/Easy rating since; or, once coding
runs are stored (``exercise_runs``: ``question_id``, ``passed`` and ``total`` tests, ``ran_at``),
whose latest run did not pass every test. An exercise is *solved* once a run passed them all.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from mlprep_desktop.core.clock import to_utc_iso
from mlprep_desktop.storage.database import Database

MISTAKE_DAYS = 14


class ProgressRepository:
    def __init__(self, database: Database) -> None:
        self._db = database
        self._pow: bool | None = None
        self._runs: bool | None = None

    def reviews_per_day(self, since: date) -> dict[date, int]:
        return {date.fromisoformat(r[0]): r[1] for r in self._db.query(
            "SELECT day, COUNT(*) FROM reviews WHERE day >= ? GROUP BY day", (since.isoformat(),))}

    def study_days(self) -> list[date]:
        return list(self.day_counts())

    def day_counts(self) -> dict[date, int]:
        """Reviews per study day, every day ever studied (``review_days``: a row per day)."""
        return {date.fromisoformat(r[0]): r[1] for r in self._db.query("SELECT day, reviews FROM review_days")}

    def topic_summary(self, now: datetime, recall: Callable[[float, float], float],
                      mastered_days: float, curve: tuple[float, float] | None = None
                      ) -> list[tuple[str, int, int, int, float | None]]:
        """Per topic with active questions: (topic, questions, seen, mastered, mean recall now).
        ``recall(stability, elapsed_days)`` is the forgetting curve (FSRS); with ``curve``
        (its factor and decay: ``(1 + factor * days / stability) ** decay``) and SQLite's
        ``pow()`` it runs as SQL, else as a Python function inside SQLite. Reads each card
        once, its question through ``questions_id_topic``."""
        days = "MAX(0, CAST(?2 - julianday(c.last_review) AS INTEGER))"
        params: list = [mastered_days, _julian(now)]
        if curve is not None and self._has_pow():
            value = f"CASE WHEN c.stability IS NULL OR c.stability = 0 THEN 0.0 ELSE pow(1 + ?3 * MAX(0.0, {days}) / c.stability, ?4) END"
            params += list(curve)
        else:
            self._db.conn.create_function("fsrs_recall", 2, recall, deterministic=True)
            value = f"fsrs_recall(c.stability, {days})"
        totals = {r[0]: r[1] for r in self._db.query(
            "SELECT topic, COUNT(*) FROM questions INDEXED BY questions_live_topic WHERE retired = 0 GROUP BY topic")}
        cards = {r[0]: r for r in self._db.query(
            "SELECT q.topic, COUNT(*), SUM(c.phase = 2 AND c.stability >= ?1), "
            f"AVG(CASE WHEN c.last_review IS NOT NULL THEN {value} END) "
            "FROM card_state c CROSS JOIN questions q INDEXED BY questions_id_topic ON q.id = c.question_id "
            "WHERE q.retired = 0 GROUP BY q.topic", tuple(params))}
        return [(topic, total, cards[topic][1] if topic in cards else 0, cards[topic][2] or 0 if topic in cards else 0,
                 cards[topic][3] if topic in cards else None) for topic, total in sorted(totals.items())]

    def _has_pow(self) -> bool:
        """SQLite built with its math functions (3.35+, usually on)."""
        if self._pow is None:
            try:
                self._db.query("SELECT pow(2.0, 0.5)")
                self._pow = True
            except Exception:  # sqlite3.OperationalError: no such function
                self._pow = False
        return self._pow

    def due_per_day(self, now: datetime, days: int, final_pass_start: datetime | None) -> list[int]:
        """Reviews falling due on each of the next ``days`` local days (index 0: today, with
        everything overdue), dues capped at the final pass like the scheduler does."""
        utc_offset = now.utcoffset()
        offset = int(utc_offset.total_seconds() // 60) if utc_offset else 0
        due = "c.due"
        params: list = []
        if final_pass_start is not None:
            start = to_utc_iso(final_pass_start)
            due = "(CASE WHEN c.last_review < ?1 AND c.due > ?1 THEN ?1 ELSE c.due END)"
            params.append(start)
        # Only dues before the window's end (a day's margin for the offset) are counted.
        end = to_utc_iso(datetime.combine(now.date() + timedelta(days=days + 1), time(), tzinfo=UTC))
        rows = self._db.query(
            f"SELECT date({due}, '{offset:+d} minutes') AS d, COUNT(*) FROM card_state c "
            "CROSS JOIN questions q INDEXED BY questions_id_topic ON q.id = c.question_id "
            f"WHERE q.retired = 0 AND {due} < ?{len(params) + 1} GROUP BY d", (*params, end))
        today = now.date()
        counts = [0] * days
        for day, n in rows:
            index = (date.fromisoformat(day) - today).days
            if index < days:
                counts[max(0, index)] += n
        return counts

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
        return mistakes_from(self.recent_mistakes(now, days), to_utc_iso(now - timedelta(days=days)),
                             self.failed_exercises())

    def recent_mistakes(self, now: datetime, days: int = MISTAKE_DAYS) -> list[tuple[str, str]]:
        """(question id, when) of each recent mistake (see the module's rule), latest first.
        For a later ``now`` and no write in between, the answer is these rows with ``when`` at or
        after the new start of the window (``mistakes_from``): nothing else depends on ``now``."""
        since = to_utc_iso(now - timedelta(days=days))
        # A question's latest review is recent only if it is among the recent ones: look at the
        # reviews of the last days alone (by the indexed day, a day early for time zones).
        since_day = (now - timedelta(days=days + 1)).date().isoformat()
        rows = self._db.query(
            # A recent Again/Hard with no later review of its question (ties: the last written),
            # each checked on the (question_id, reviewed_at) index: no grouping of recent reviews.
            "SELECT r.question_id, r.reviewed_at AS at FROM reviews r INDEXED BY reviews_day "
            "JOIN questions q INDEXED BY questions_id_topic ON q.id = r.question_id "
            "WHERE r.day >= ?2 AND r.rating <= 2 AND r.reviewed_at >= ?1 AND q.retired = 0 "
            "AND NOT EXISTS (SELECT 1 FROM reviews n INDEXED BY reviews_question WHERE n.question_id = r.question_id "
            "  AND n.reviewed_at >= r.reviewed_at AND (n.reviewed_at > r.reviewed_at OR n.id > r.id)) "
            "UNION SELECT i.question_id, i.answer_updated_at FROM interview_items i "
            "JOIN questions q ON q.id = i.question_id "
            "WHERE i.communication <= 2 AND i.answer_updated_at >= ?1 AND q.retired = 0 "
            "AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.question_id = i.question_id "
            "  AND r.rating >= 3 AND r.reviewed_at > i.answer_updated_at AND r.interview_item_id IS NOT i.id) "
            "ORDER BY 2 DESC", (since, since_day))
        return [(r[0], r[1]) for r in rows]

    def _has_runs(self) -> bool:
        """The runner's table is there (migration 8); asked once per open database."""
        if self._runs is None:
            columns = {r[1] for r in self._db.query("PRAGMA table_info(exercise_runs)")}
            self._runs = {"question_id", "passed", "total", "ran_at"} <= columns
        return self._runs

    def failed_exercises(self) -> list[str]:
        """Coding questions whose latest stored run did not pass every test (empty until runs
        are stored)."""
        if not self._has_runs():
            return []
        return [r[0] for r in self._db.query(
            "SELECT e.question_id FROM exercise_runs e JOIN questions q ON q.id = e.question_id "
            "WHERE q.retired = 0 AND e.id = (SELECT MAX(id) FROM exercise_runs WHERE question_id = e.question_id) "
            "AND NOT (e.total > 0 AND e.passed = e.total AND e.stop_reason IS NULL)")]

    def solved_per_topic(self) -> dict[str, tuple[int, int]] | None:
        """Topic -> (coding exercises solved, coding questions) once runs are stored; else None."""
        if not self._has_runs():
            return None
        return {r[0]: (r[1], r[2]) for r in self._db.query(
            "SELECT q.topic, COUNT(DISTINCT CASE WHEN e.total > 0 AND e.passed = e.total AND e.stop_reason IS NULL "
            "THEN e.question_id END), COUNT(DISTINCT q.id) "
            "FROM questions q LEFT JOIN exercise_runs e ON e.question_id = q.id "
            "WHERE q.type = 'coding' AND q.retired = 0 GROUP BY q.topic")}


def _julian(moment: datetime) -> float:
    """SQLite's julianday() of an aware datetime."""
    return moment.timestamp() / 86400.0 + 2440587.5


def mistakes_from(recent: list[tuple[str, str]], since: str, failed: list[str]) -> list[str]:
    """The mistakes list from ``recent_mistakes`` rows given on or after ``since`` (UTC ISO),
    then the failed exercises not among them."""
    return list(dict.fromkeys([*(qid for qid, at in recent if at >= since), *failed]))
