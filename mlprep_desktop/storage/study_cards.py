"""FSRS cards and study settings in the database: reading them for Today, Browse and Progress,
and the helpers ``StudyRepository`` uses to keep a card in step with each review.

Study settings are ``settings`` rows (JSON values): ``study.goal`` (1–50, default 8),
``study.retention`` (default 0.90), ``study.interview_date`` (ISO date or null) and
``study.plan`` (``StudyPlan.to_json``). The final pass before an interview is as long as the
studied questions need at the goal (``final_pass_days_for``).
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from mlprep_desktop.core.clock import from_utc_iso, to_utc_iso
from mlprep_desktop.core.daily_queue import DEFAULT_GOAL, GOAL_RANGE, NewCandidate
from mlprep_desktop.core.scheduling import (
    DEFAULT_RETENTION,
    RETENTION_RANGE,
    CardState,
    Phase,
    SchedulePolicy,
    StudyScheduler,
    final_pass_days_for,
)
from mlprep_desktop.core.study_plan import StudyPlan
from mlprep_desktop.storage.database import Database

GOAL_KEY = "study.goal"
RETENTION_KEY = "study.retention"
INTERVIEW_DATE_KEY = "study.interview_date"
PLAN_KEY = "study.plan"

_CARD_COLUMNS = "question_id, phase, step, stability, difficulty, due, last_review, reps, lapses"


@dataclass(frozen=True)
class StudySettings:
    goal: int = DEFAULT_GOAL
    retention: float = DEFAULT_RETENTION
    interview_date: date | None = None
    plan_json: str | None = None

    def plan(self, fallback_start: date) -> StudyPlan:
        return StudyPlan.from_json(self.plan_json, fallback_start)


def read_settings(conn: sqlite3.Connection) -> StudySettings:
    """The stored study settings; a missing or unreadable value falls back to its default."""
    values = dict(conn.execute(
        "SELECT key, value FROM settings WHERE key IN (?, ?, ?, ?)",
        (GOAL_KEY, RETENTION_KEY, INTERVIEW_DATE_KEY, PLAN_KEY),
    ).fetchall())

    def value(key: str):
        try:
            return json.loads(values[key]) if key in values else None
        except ValueError:
            return None

    goal = value(GOAL_KEY)
    goal = goal if isinstance(goal, int) and GOAL_RANGE[0] <= goal <= GOAL_RANGE[1] else DEFAULT_GOAL
    retention = value(RETENTION_KEY)
    ok = isinstance(retention, (int, float)) and RETENTION_RANGE[0] <= retention <= RETENTION_RANGE[1]
    try:
        interview = date.fromisoformat(value(INTERVIEW_DATE_KEY)) if value(INTERVIEW_DATE_KEY) else None
    except (TypeError, ValueError):
        interview = None
    plan = value(PLAN_KEY)
    return StudySettings(goal, float(retention) if ok else DEFAULT_RETENTION, interview,
                         plan if isinstance(plan, str) else None)


def schedule_policy(conn: sqlite3.Connection, tz: tzinfo | None) -> SchedulePolicy:
    """The scheduling policy the stored settings and the number of studied questions give."""
    settings = read_settings(conn)
    studied = conn.execute("SELECT COUNT(*) FROM card_state").fetchone()[0]
    return SchedulePolicy(
        retention=settings.retention,
        interview_date=settings.interview_date,
        final_pass_days=final_pass_days_for(studied, settings.goal),
        **({"tz": tz} if tz is not None else {}),
    )


def load_card(conn: sqlite3.Connection, question_id: str) -> CardState | None:
    row = conn.execute(f"SELECT {_CARD_COLUMNS} FROM card_state WHERE question_id = ?", (question_id,)).fetchone()
    return _card(row) if row else None


def write_card(conn: sqlite3.Connection, card: CardState) -> None:
    conn.execute(
        f"INSERT OR REPLACE INTO card_state ({_CARD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (card.question_id, int(card.phase), card.step, card.stability, card.difficulty, to_utc_iso(card.due),
         to_utc_iso(card.last_review) if card.last_review else None, card.reps, card.lapses),
    )


def replay_card(conn: sqlite3.Connection, question_id: str, scheduler: StudyScheduler) -> CardState | None:
    """Rebuild one card from all its reviews (no reviews: the card is removed)."""
    reviews = [(r[0], from_utc_iso(r[1])) for r in conn.execute(
        "SELECT rating, reviewed_at FROM reviews WHERE question_id = ? ORDER BY reviewed_at, id", (question_id,))]
    card = scheduler.replay(question_id, reviews)
    if card is None:
        conn.execute("DELETE FROM card_state WHERE question_id = ?", (question_id,))
    else:
        write_card(conn, card)
    return card


def _card(row) -> CardState:
    return CardState(
        question_id=row[0], phase=Phase(row[1]), step=row[2], stability=row[3], difficulty=row[4],
        due=from_utc_iso(row[5]), last_review=from_utc_iso(row[6]) if row[6] else None, reps=row[7], lapses=row[8],
    )


class CardRepository:
    """Read access to cards, study settings and the day's reviews; settings writes; rebuilds."""

    def __init__(self, database: Database) -> None:
        self._db = database

    # ----- settings
    def settings(self) -> StudySettings:
        return read_settings(self._db.conn)

    def policy(self, tz: tzinfo | None = None) -> SchedulePolicy:
        return schedule_policy(self._db.conn, tz)

    def write_setting(self, conn: sqlite3.Connection, key: str, value) -> None:
        """Store one setting inside the caller's transaction."""
        conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, json.dumps(value)))

    def delete_setting(self, conn: sqlite3.Connection, key: str) -> None:
        """Remove one setting inside the caller's transaction."""
        conn.execute("DELETE FROM settings WHERE key = ?", (key,))

    # ----- cards
    def card(self, question_id: str) -> CardState | None:
        return load_card(self._db.conn, question_id)

    def cards(self, due_before: datetime | None = None, reviewed_before: datetime | None = None
              ) -> dict[str, CardState]:
        """Cards of active questions, by question id: all, or those due before ``due_before``
        (or, with ``reviewed_before``, last reviewed before it: an interview's final pass)."""
        sql = (f"SELECT c.{_CARD_COLUMNS.replace(', ', ', c.')} FROM card_state c "
               "JOIN questions q ON q.id = c.question_id WHERE q.retired = 0")
        params: list = []
        if due_before is not None:
            sql += " AND (c.due < ?" + (" OR c.last_review < ?)" if reviewed_before else ")")
            params.append(to_utc_iso(due_before))
            if reviewed_before:
                params.append(to_utc_iso(reviewed_before))
        return {r[0]: _card(r) for r in self._db.query(sql, params)}

    def due_cards(self, before: datetime, limit: int, final_pass_start: datetime | None = None
                  ) -> tuple[list[CardState], int]:
        """The ``limit`` most overdue cards of active questions due before ``before`` (a due
        past the final pass counts as its start, as the scheduler caps it), and how many are
        due in all. Reads the due index (and, in a final pass, the cards last reviewed before
        its start) and each card's question through ``questions_id_topic``."""
        before_iso = to_utc_iso(before)
        if final_pass_start is None:
            due, where, params = "c.due", "c.due < ?1", [before_iso]
        else:  # capped: a card last reviewed before the start is due at the start at the latest
            due = "(CASE WHEN c.last_review < ?2 AND c.due > ?2 THEN ?2 ELSE c.due END)"
            where = f"{due} < ?1"
            params = [before_iso, to_utc_iso(final_pass_start)]
        source = (f"FROM card_state c CROSS JOIN questions q INDEXED BY questions_id_topic "
                  f"ON q.id = c.question_id WHERE q.retired = 0 AND {where}")
        total = self._db.query(f"SELECT COUNT(*) {source}", tuple(params))[0][0]
        rows = self._db.query(
            f"SELECT c.{_CARD_COLUMNS.replace(', ', ', c.')} {source} ORDER BY {due}, c.question_id LIMIT {int(limit)}",
            tuple(params))
        return [_card(r) for r in rows], total

    def cards_for(self, ids: set[str]) -> dict[str, CardState]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return {r[0]: _card(r) for r in self._db.query(
            f"SELECT {_CARD_COLUMNS} FROM card_state WHERE question_id IN ({marks})", tuple(ids))}

    def started_per_topic(self) -> dict[str, int]:
        """Topic -> active questions with a card (topics with none are left out)."""
        return {t: started for t, (_, started) in self.topic_counts().items() if started}

    def topic_counts(self) -> dict[str, tuple[int, int]]:
        """Topic -> (active questions, of them with a card), from two indexes alone."""
        return {r[0]: (r[1], r[2]) for r in self._db.query(
            "SELECT q.topic, COUNT(*), COUNT(c.question_id) FROM questions q INDEXED BY questions_live_topic "
            "LEFT JOIN card_state c ON c.question_id = q.id WHERE q.retired = 0 GROUP BY q.topic")}

    def new_candidates(self, per_group: int | None = None) -> list[NewCandidate]:
        """Active questions never rated (no card; ``topic_counts`` says how many). With ``per_group``,
        only the first ``per_group`` (by id) of each topic, level and type: every question a
        day's ``per_group`` picks could take (``pick_new`` takes each group in id order); each
        group is read in index order and stops after ``per_group``."""
        unrated = "NOT EXISTS (SELECT 1 FROM card_state c WHERE c.question_id = {q}.id)"
        if per_group is None:
            rows = self._db.query(
                f"SELECT q.id, q.topic, q.type, q.difficulty FROM questions q WHERE q.retired = 0 AND {unrated.format(q='q')}")
            return [NewCandidate(*r) for r in rows]
        rows = self._db.query(
            "SELECT q.id, q.topic, q.type, q.difficulty FROM (SELECT DISTINCT topic, difficulty, type "
            "FROM questions INDEXED BY questions_live_topic WHERE retired = 0) g "
            "JOIN questions q INDEXED BY questions_live_topic ON q.retired = 0 AND q.topic = g.topic "
            "AND q.difficulty = g.difficulty AND q.type = g.type AND q.id IN (SELECT x.id FROM questions x "
            "INDEXED BY questions_live_topic WHERE x.retired = 0 AND x.topic = g.topic AND x.difficulty = g.difficulty "
            f"AND x.type = g.type AND {unrated.format(q='x')} ORDER BY x.id LIMIT ?)", (per_group,))
        return [NewCandidate(*r) for r in rows]

    def reviewed_on(self, day: date) -> set[str]:
        """Questions with a review counted for ``day``."""
        return {r[0] for r in self._db.query("SELECT DISTINCT question_id FROM reviews WHERE day = ?",
                                             (day.isoformat(),))}

    # ----- rebuilding
    def rebuild(self, conn: sqlite3.Connection, scheduler: StudyScheduler, only_missing: bool = False) -> int:
        """Replay reviews into cards (all questions with reviews, or only those without a
        card), inside the caller's transaction. Returns how many cards were written."""
        sql = "SELECT DISTINCT question_id FROM reviews"
        if only_missing:
            sql += " WHERE question_id NOT IN (SELECT question_id FROM card_state)"
        ids = [r[0] for r in conn.execute(sql).fetchall()]
        if not only_missing:
            conn.execute("DELETE FROM card_state")
        for question_id in ids:
            replay_card(conn, question_id, scheduler)
        return len(ids)
