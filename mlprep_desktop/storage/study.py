"""The user's study data: seen marks, flags, ratings (every one kept), and 'my answer' drafts.

Every method that writes runs one transaction and returns the new state, so the caller can
report what changed.
"""
from __future__ import annotations

from collections.abc import Iterable

from mlprep_desktop.core.clock import utc_now_iso
from mlprep_desktop.core.models import QuestionState, Rating
from mlprep_desktop.storage.database import Database

_ENSURE = "INSERT OR IGNORE INTO question_state (question_id) VALUES (?)"


class StudyRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    def state(self, question_id: str) -> QuestionState:
        rows = self._db.query(
            "SELECT seen_at, flagged, last_rating, review_count FROM question_state WHERE question_id = ?",
            (question_id,),
        )
        if not rows:
            return QuestionState(question_id)
        r = rows[0]
        return QuestionState(question_id, r["seen_at"], bool(r["flagged"]), r["last_rating"], r["review_count"])

    def mark_seen(self, question_id: str) -> QuestionState:
        with self._db.transaction() as conn:
            conn.execute(_ENSURE, (question_id,))
            conn.execute(
                "UPDATE question_state SET seen_at = COALESCE(seen_at, ?) WHERE question_id = ?",
                (utc_now_iso(), question_id),
            )
        return self.state(question_id)

    def set_flag(self, question_id: str, flagged: bool) -> QuestionState:
        with self._db.transaction() as conn:
            conn.execute(_ENSURE, (question_id,))
            conn.execute(
                "UPDATE question_state SET flagged = ?, flagged_at = ? WHERE question_id = ?",
                (int(flagged), utc_now_iso() if flagged else None, question_id),
            )
        return self.state(question_id)

    def set_flags(self, question_ids: Iterable[str], flagged: bool = True) -> list[QuestionState]:
        """Flag (or unflag) several questions in one transaction: all of them or, if the write
        fails, none. Returns their new states, in the order given."""
        ids = list(dict.fromkeys(question_ids))
        now = utc_now_iso() if flagged else None
        with self._db.transaction() as conn:
            conn.executemany(_ENSURE, [(q,) for q in ids])
            conn.executemany(
                "UPDATE question_state SET flagged = ?, flagged_at = ? WHERE question_id = ?",
                [(int(flagged), now, q) for q in ids],
            )
        return [self.state(q) for q in ids]

    def rate(
        self, question_id: str, rating: Rating, seconds_spent: float | None = None, context: str = "browse"
    ) -> QuestionState:
        """Record one rating (kept forever in ``reviews``) and update the question's state."""
        now = utc_now_iso()
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO reviews (question_id, rating, reviewed_at, seconds_spent, context) VALUES (?, ?, ?, ?, ?)",
                (question_id, int(rating), now, seconds_spent, context),
            )
            conn.execute(_ENSURE, (question_id,))
            conn.execute(
                "UPDATE question_state SET last_rating = ?, last_reviewed_at = ?, review_count = review_count + 1,"
                " seen_at = COALESCE(seen_at, ?) WHERE question_id = ?",
                (int(rating), now, now, question_id),
            )
        return self.state(question_id)

    def reviews(self, question_id: str) -> list[tuple[int, str]]:
        rows = self._db.query(
            "SELECT rating, reviewed_at FROM reviews WHERE question_id = ? ORDER BY id", (question_id,)
        )
        return [(r["rating"], r["reviewed_at"]) for r in rows]

    def answer(self, question_id: str) -> str:
        rows = self._db.query("SELECT body FROM answers WHERE question_id = ?", (question_id,))
        return rows[0]["body"] if rows else ""

    def save_answer(self, question_id: str, body: str) -> None:
        """Store the draft (an empty draft removes the row)."""
        with self._db.transaction() as conn:
            if body:
                conn.execute(
                    "INSERT INTO answers (question_id, body, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(question_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                    (question_id, body, utc_now_iso()),
                )
            else:
                conn.execute("DELETE FROM answers WHERE question_id = ?", (question_id,))
