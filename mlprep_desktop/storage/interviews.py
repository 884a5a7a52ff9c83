"""The interview repository: sessions, their items, answers, ticks and scores.

Every write is one transaction and lands at once (no caching here). Clock checkpoints only
touch a session that is still unfinished (running or paused), so a stale window can never
bring an ended or abandoned interview back to life.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence

from mlprep_desktop.core.clock import utc_now_iso
from mlprep_desktop.core.interview import SessionSnapshot, ended_early
from mlprep_desktop.core.interview_models import (
    SCORE_RANGE,
    Candidate,
    CandidateGroup,
    CodeRun,
    InterviewConfig,
    InterviewItem,
    InterviewRecord,
    ItemStatus,
    KeyPointCheck,
    PlannedItem,
    SessionStatus,
)
from mlprep_desktop.core.interview_plan import RECENT_SESSIONS
from mlprep_desktop.storage.database import Database, inserted_id

_UNFINISHED = "('running', 'paused')"
_ITEM_COLUMNS = (
    "i.*, q.title AS title, q.topic AS topic, q.type AS type"
)
SCORE_KINDS = ("accuracy", "communication")


class InterviewRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    # ----- reading
    def candidates(self) -> list[Candidate]:
        """Every active question, as the planner sees it (read when an interview starts). A
        type, topic or difficulty is one string object however many questions share it."""
        rows = self._db.each(
            "SELECT id, type, topic, difficulty, minutes, title FROM questions WHERE retired = 0 ORDER BY id"
        )
        shared: dict[str, str] = {}
        one = shared.setdefault
        return [Candidate(r[0], one(r[1], r[1]), one(r[2], r[2]), one(r[3], r[3]), r[4], r[5]) for r in rows]

    def candidate_groups(self, sessions: int = RECENT_SESSIONS) -> list[CandidateGroup]:
        """The active questions counted per (type, topic, difficulty), with how many of each
        were answered in the last ``sessions`` sessions (as ``recent_answered_ids``): what the
        set-up page shows, counted by SQLite (10,000 ``Candidate`` objects took ~3 MB)."""
        rows = self._db.query(
            "SELECT type, topic, difficulty, COUNT(*), SUM(id IN (SELECT question_id FROM interview_items "
            "WHERE trim(answer) != '' AND session_id IN "
            "(SELECT id FROM interview_sessions ORDER BY started_at DESC, id DESC LIMIT ?))) "
            "FROM questions WHERE retired = 0 GROUP BY type, topic, difficulty",
            (sessions,),
        )
        return [CandidateGroup(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def recent_answered_ids(self, sessions: int = RECENT_SESSIONS) -> set[str]:
        """Questions with a non-empty answer in the last ``sessions`` sessions (any status)."""
        rows = self._db.query(
            "SELECT DISTINCT question_id FROM interview_items WHERE trim(answer) != '' AND session_id IN "
            "(SELECT id FROM interview_sessions ORDER BY started_at DESC, id DESC LIMIT ?)",
            (sessions,),
        )
        return {r[0] for r in rows}

    def load(self, session_id: int) -> InterviewRecord | None:
        rows = self._db.query("SELECT * FROM interview_sessions WHERE id = ?", (session_id,))
        if not rows:
            return None
        return _record(rows[0], self._items(f"i.session_id = {int(session_id)}"))

    def unfinished(self) -> InterviewRecord | None:
        """The newest session a crash or a close left running or paused, if any."""
        rows = self._db.query(
            f"SELECT id FROM interview_sessions WHERE status IN {_UNFINISHED} ORDER BY started_at DESC, id DESC LIMIT 1"
        )
        return self.load(rows[0][0]) if rows else None

    def unfinished_count(self) -> int:
        """How many sessions are left running or paused (normally at most one; two app windows
        on one file, or an older crash, can leave more)."""
        return self._db.query(f"SELECT COUNT(*) FROM interview_sessions WHERE status IN {_UNFINISHED}")[0][0]

    def history(self) -> list[InterviewRecord]:
        """Every session with its items, newest first."""
        sessions = self._db.query("SELECT * FROM interview_sessions ORDER BY started_at DESC, id DESC")
        items: dict[int, list[InterviewItem]] = {}
        for item in self._items("1 = 1"):
            items.setdefault(item.session_id, []).append(item)
        return [_record(s, items.get(s["id"], [])) for s in sessions]

    def item(self, item_id: int) -> InterviewItem | None:
        found = self._items(f"i.id = {int(item_id)}")
        return found[0] if found else None

    def _items(self, where: str) -> list[InterviewItem]:
        rows = self._db.query(
            f"SELECT {_ITEM_COLUMNS} FROM interview_items i LEFT JOIN questions q ON q.id = i.question_id "
            f"WHERE {where} ORDER BY i.session_id, i.position"
        )
        return [_item(r) for r in rows]

    # ----- writing
    def create(self, config: InterviewConfig, planned: Sequence[PlannedItem], total_budget_seconds: float) -> InterviewRecord:
        """A new running session with its questions, in one transaction."""
        if not planned:
            raise ValueError("an interview needs at least one question")
        now = utc_now_iso()
        with self._db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO interview_sessions (started_at, updated_at, status, config, total_budget_seconds) "
                "VALUES (?, ?, 'running', ?, ?)",
                (now, now, config.to_json(), float(total_budget_seconds)),
            )
            session_id = inserted_id(cursor)
            conn.executemany(
                "INSERT INTO interview_items (session_id, position, question_id, budget_seconds) VALUES (?, ?, ?, ?)",
                [(session_id, pos, p.question_id, float(p.budget_seconds)) for pos, p in enumerate(planned)],
            )
        record = self.load(session_id)
        assert record is not None
        return record

    def checkpoint(self, session_id: int, snapshot: SessionSnapshot) -> bool:
        """Store the clock (elapsed per item and session, current question, statuses).

        Returns False, writing nothing, when the session is no longer unfinished."""
        with self._db.transaction() as conn:
            return _write_snapshot(conn, session_id, snapshot, snapshot.status)

    def finish_answering(
        self, session_id: int, snapshot: SessionSnapshot, key_points: Mapping[int, Sequence[KeyPointCheck]]
    ) -> None:
        """End answering: store the final clock, the graded key points, status 'reviewing' and
        whether it ended early (before every question was reached)."""
        with self._db.transaction() as conn:
            if _write_snapshot(conn, session_id, snapshot, SessionStatus.REVIEWING):
                conn.execute("UPDATE interview_sessions SET ended_at = ?, ended_early = ? WHERE id = ?",
                             (utc_now_iso(), int(ended_early(snapshot)), session_id))
                conn.executemany(
                    "UPDATE interview_items SET key_points = ? WHERE id = ? AND session_id = ?",
                    [(_key_points_json(points), item_id, session_id) for item_id, points in key_points.items()],
                )

    def abandon(self, session_id: int, snapshot: SessionSnapshot | None = None) -> None:
        """Mark an unfinished session abandoned (it stays in the history)."""
        with self._db.transaction() as conn:
            if snapshot is not None:
                _write_snapshot(conn, session_id, snapshot, SessionStatus.ABANDONED)
            conn.execute(
                f"UPDATE interview_sessions SET status = 'abandoned', updated_at = ?, "
                f"ended_at = COALESCE(ended_at, ?) WHERE id = ? AND status IN {_UNFINISHED}",
                (utc_now_iso(), utc_now_iso(), session_id),
            )

    def complete(self, session_id: int) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE interview_sessions SET status = 'completed', updated_at = ? WHERE id = ? AND status = 'reviewing'",
                (utc_now_iso(), session_id),
            )

    def save_answer(self, item_id: int, text: str) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE interview_items SET answer = ?, answer_updated_at = ?, status = CASE "
                "WHEN trim(?) != '' THEN 'answered' WHEN status = 'answered' THEN 'seen' ELSE status END "
                "WHERE id = ?",
                (text, utc_now_iso(), text, item_id),
            )

    def save_code_run(self, item_id: int, run: CodeRun) -> InterviewItem:
        """Store a coding item's last test run (replacing the one before)."""
        with self._db.transaction() as conn:
            conn.execute("UPDATE interview_items SET code_run = ? WHERE id = ?", (run.to_json(), item_id))
        return self._fresh_item(item_id)

    def set_revealed(self, item_id: int) -> None:
        with self._db.transaction() as conn:
            conn.execute("UPDATE interview_items SET revealed = 1 WHERE id = ?", (item_id,))

    def set_key_point(self, item_id: int, index: int, checked: bool) -> InterviewItem:
        """Tick or untick one key point of a reviewed item."""
        with self._db.transaction() as conn:
            row = conn.execute("SELECT key_points FROM interview_items WHERE id = ?", (item_id,)).fetchone()
            if row is None:
                raise KeyError(item_id)
            points = json.loads(row[0])
            if not 0 <= index < len(points):
                raise IndexError(index)
            points[index]["checked"] = bool(checked)
            conn.execute("UPDATE interview_items SET key_points = ? WHERE id = ?", (json.dumps(points), item_id))
        return self._fresh_item(item_id)

    def set_score(self, item_id: int, kind: str, value: int | None) -> InterviewItem:
        """Set (or clear, with None) the 1–4 self-score ``kind``: 'accuracy' or 'communication'."""
        if kind not in SCORE_KINDS:
            raise ValueError(kind)
        if value is not None and value not in SCORE_RANGE:
            raise ValueError(value)
        with self._db.transaction() as conn:
            conn.execute(f"UPDATE interview_items SET {kind} = ? WHERE id = ?", (value, item_id))
        return self._fresh_item(item_id)

    def _fresh_item(self, item_id: int) -> InterviewItem:
        item = self.item(item_id)
        if item is None:
            raise KeyError(item_id)
        return item


def _write_snapshot(conn: sqlite3.Connection, session_id: int, snapshot: SessionSnapshot, status: SessionStatus) -> bool:
    cursor = conn.execute(
        f"UPDATE interview_sessions SET status = ?, current_index = ?, elapsed_seconds = ?, time_up = ?, "
        f"updated_at = ? WHERE id = ? AND status IN {_UNFINISHED}",
        (status.value, snapshot.current_index, snapshot.elapsed_seconds, int(snapshot.time_up), utc_now_iso(),
         session_id),
    )
    if cursor.rowcount == 0:
        return False
    # An item's status follows the answer once it has text (see save_answer); the clock sets the rest.
    conn.executemany(
        "UPDATE interview_items SET elapsed_seconds = ?, time_up = ?, status = CASE "
        "WHEN trim(answer) != '' AND ? != 'skipped' THEN 'answered' ELSE ? END WHERE id = ? AND session_id = ?",
        [(i.elapsed_seconds, int(i.time_up), i.status.value, i.status.value, i.item_id, session_id)
         for i in snapshot.items],
    )
    return True


def _key_points_json(points: Sequence[KeyPointCheck]) -> str:
    return json.dumps([p.to_dict() for p in points])


def _record(row: sqlite3.Row, items: Sequence[InterviewItem]) -> InterviewRecord:
    return InterviewRecord(
        id=row["id"],
        started_at=row["started_at"],
        updated_at=row["updated_at"],
        status=SessionStatus(row["status"]),
        config=InterviewConfig.from_json(row["config"]),
        total_budget_seconds=row["total_budget_seconds"],
        elapsed_seconds=row["elapsed_seconds"],
        current_index=row["current_index"],
        time_up=bool(row["time_up"]),
        ended_at=row["ended_at"],
        ended_early=bool(row["ended_early"]),
        items=tuple(items),
    )


def _item(r: sqlite3.Row) -> InterviewItem:
    try:
        points = tuple(KeyPointCheck.from_dict(p) for p in json.loads(r["key_points"]))
    except (ValueError, TypeError, AttributeError):
        points = ()
    return InterviewItem(
        id=r["id"],
        session_id=r["session_id"],
        position=r["position"],
        question_id=r["question_id"],
        budget_seconds=r["budget_seconds"],
        elapsed_seconds=r["elapsed_seconds"],
        status=ItemStatus(r["status"]),
        time_up=bool(r["time_up"]),
        answer=r["answer"],
        revealed=bool(r["revealed"]),
        key_points=points,
        accuracy=r["accuracy"],
        communication=r["communication"],
        title=r["title"] or r["question_id"],
        topic=r["topic"] or "",
        type=r["type"] or "",
        code_run=CodeRun.from_json(r["code_run"]) if "code_run" in r.keys() else None,
    )
