"""The user's side of coding exercises: every run (kept for ever) and the code draft.

Every write is one transaction. A question is *solved* once a run passed every test (and ran
to the end), *attempted* once it has any run.
"""
from __future__ import annotations

from mlprep_desktop.core.clock import utc_now_iso
from mlprep_desktop.core.exercise import ExerciseRun
from mlprep_desktop.storage.database import Database, inserted_id

# For the question table: NULL (no run), 0 (attempted) or 1 (solved).
SOLVED_SQL = (
    "(SELECT MAX(r.total > 0 AND r.passed = r.total AND r.stop_reason IS NULL) "
    "FROM exercise_runs r WHERE r.question_id = q.id)"
)


class ExerciseRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    def record_run(self, question_id: str, code: str, passed: int, total: int, stop_reason: str | None,
                   seconds: float, context: str = "browse") -> ExerciseRun:
        """Store one run; returns it with its id and time."""
        ran_at = utc_now_iso()
        with self._db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO exercise_runs (question_id, code, passed, total, stop_reason, seconds, ran_at, context) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (question_id, code, passed, total, stop_reason, float(seconds), ran_at, context),
            )
            run_id = inserted_id(cursor)
        return ExerciseRun(run_id, question_id, code, passed, total, stop_reason, float(seconds), ran_at, context)

    def runs(self, question_id: str, limit: int = 50) -> list[ExerciseRun]:
        """The question's runs, newest first."""
        rows = self._db.query(
            "SELECT id, question_id, code, passed, total, stop_reason, seconds, ran_at, context "
            "FROM exercise_runs WHERE question_id = ? ORDER BY id DESC LIMIT ?",
            (question_id, limit),
        )
        return [ExerciseRun(*tuple(r)) for r in rows]

    def solved(self, question_id: str) -> bool | None:
        """True: solved; False: attempted, never solved; None: never run."""
        value = self._db.query("SELECT " + SOLVED_SQL.replace("q.id", "?"), (question_id,))[0][0]
        return None if value is None else bool(value)

    def draft(self, question_id: str) -> str | None:
        rows = self._db.query("SELECT code FROM code_drafts WHERE question_id = ?", (question_id,))
        return rows[0][0] if rows else None

    def save_draft(self, question_id: str, code: str | None) -> None:
        """Store the code draft; ``None`` removes it (back to the starter)."""
        with self._db.transaction() as conn:
            if code is None:
                conn.execute("DELETE FROM code_drafts WHERE question_id = ?", (question_id,))
            else:
                conn.execute(
                    "INSERT INTO code_drafts (question_id, code, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(question_id) DO UPDATE SET code = excluded.code, updated_at = excluded.updated_at",
                    (question_id, code, utc_now_iso()),
                )
