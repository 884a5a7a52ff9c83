"""The user's study data: seen marks, flags, ratings (every one kept), and 'my answer' drafts.

Every method that writes runs one transaction and returns the new state, so the caller can
report what changed. Every rating is one review fed to FSRS: ``rate`` updates the question's
card (``card_state``) in the same transaction, under the user's study settings
(``study_cards.schedule_policy``). An interview's technical-accuracy self-score is one review
too (``record_interview_score``; see that method for the mapping).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from mlprep_desktop.core.clock import SystemClock, next_midnight, to_utc_iso, utc_now_iso
from mlprep_desktop.core.models import QuestionState, Rating
from mlprep_desktop.core.scheduling import CardState, StudyScheduler
from mlprep_desktop.storage.database import Database
from mlprep_desktop.storage.progress import MISTAKE_DAYS
from mlprep_desktop.storage.study_cards import load_card, replay_card, schedule_policy, write_card

_ENSURE = "INSERT OR IGNORE INTO question_state (question_id) VALUES (?)"


class StudyRepository:
    def __init__(self, database: Database, clock=None) -> None:
        self._db = database
        self._clock = clock or SystemClock()

    def state(self, question_id: str) -> QuestionState:
        rows = self._db.query(
            "SELECT seen_at, flagged, last_rating, review_count, last_reviewed_at FROM question_state"
            " WHERE question_id = ?",
            (question_id,),
        )
        if not rows:
            return QuestionState(question_id)
        r = rows[0]
        now = self._clock.now()
        card = load_card(self._db.conn, question_id)
        recent = r["last_reviewed_at"] is not None and r["last_reviewed_at"] >= to_utc_iso(
            now - timedelta(days=MISTAKE_DAYS))
        return QuestionState(
            question_id, r["seen_at"], bool(r["flagged"]), r["last_rating"], r["review_count"],
            due=to_utc_iso(card.due) if card else None,
            due_now=card is not None and card.due < next_midnight(now),
            learning=card is not None and card.learning,
            mastered=card is not None and card.mastered,
            mistake=recent and (r["last_rating"] or 4) <= 2,
        )

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
        self, question_id: str, rating: Rating, seconds_spent: float | None = None, context: str = "browse",
        at: datetime | None = None,
    ) -> QuestionState:
        """Record one rating (kept forever in ``reviews``), update the question's state and
        its FSRS card, all in one transaction. ``at``: the review time (default: the clock)."""
        at = at or self._clock.now()
        now = to_utc_iso(at)
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO reviews (question_id, rating, reviewed_at, seconds_spent, context, day)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (question_id, int(rating), now, seconds_spent, context, at.date().isoformat()),
            )
            conn.execute(_ENSURE, (question_id,))
            conn.execute(
                "UPDATE question_state SET last_rating = ?, last_reviewed_at = ?, review_count = review_count + 1,"
                " seen_at = COALESCE(seen_at, ?) WHERE question_id = ?",
                (int(rating), now, now, question_id),
            )
            scheduler = StudyScheduler(schedule_policy(conn, at.tzinfo))
            card = scheduler.review(load_card(conn, question_id), question_id, rating, at)
            write_card(conn, card)
        return self.state(question_id)

    def record_interview_score(self, item_id: int, question_id: str, accuracy: int | None,
                               at: datetime | None = None) -> CardState | None:
        """The review an interview answer's technical-accuracy self-score stands for.

        Mapping: accuracy 1 "wrong or missing" = Again, 2 "partly right, with gaps" = Hard,
        3 "right on the essentials" = Good, 4 "precise and complete" = Easy (the scales line
        up one to one). One review per interview item, timed when it was first scored:
        re-scoring changes that review's rating, clearing the score removes it. The question's
        card is then rebuilt from all its reviews. Call inside the caller's transaction (or
        alone: it is one)."""
        at = at or self._clock.now()
        with self._db.transaction() as conn:
            row = conn.execute("SELECT id FROM reviews WHERE interview_item_id = ?", (item_id,)).fetchone()
            if accuracy is None:
                if row is not None:
                    conn.execute("DELETE FROM reviews WHERE id = ?", (row[0],))
            elif row is not None:
                conn.execute("UPDATE reviews SET rating = ? WHERE id = ?", (int(accuracy), row[0]))
            else:
                conn.execute(
                    "INSERT INTO reviews (question_id, rating, reviewed_at, context, day, interview_item_id)"
                    " VALUES (?, ?, ?, 'interview', ?, ?)",
                    (question_id, int(accuracy), to_utc_iso(at), at.date().isoformat(), item_id),
                )
            conn.execute(_ENSURE, (question_id,))
            conn.execute(
                "UPDATE question_state SET review_count = (SELECT COUNT(*) FROM reviews WHERE question_id = ?1),"
                " last_rating = (SELECT rating FROM reviews WHERE question_id = ?1 ORDER BY reviewed_at DESC, id DESC LIMIT 1),"
                " last_reviewed_at = (SELECT MAX(reviewed_at) FROM reviews WHERE question_id = ?1),"
                " seen_at = COALESCE(seen_at, ?2) WHERE question_id = ?1",
                (question_id, to_utc_iso(at)),
            )
            return replay_card(conn, question_id, StudyScheduler(schedule_policy(conn, at.tzinfo)))

    def reviews(self, question_id: str) -> list[tuple[int, str]]:
        rows = self._db.query(
            "SELECT rating, reviewed_at FROM reviews WHERE question_id = ? ORDER BY id", (question_id,)
        )
        return [(r["rating"], r["reviewed_at"]) for r in rows]

    def answer(self, question_id: str) -> str:
        """The question's latest attempt: the "my answer" draft, or the answer given in a mock
        interview when that is newer (so an interview answer shows up in Browse)."""
        return self.latest_attempt(question_id)[0]

    def latest_attempt(self, question_id: str) -> tuple[str, str, str | None]:
        """(text, 'draft' | 'interview', when) of the newest attempt; ('', 'draft', None) if none."""
        rows = self._db.query(
            "SELECT body, 'draft' AS source, updated_at AS at FROM answers WHERE question_id = ?1 "
            "UNION ALL SELECT answer, 'interview', answer_updated_at FROM interview_items "
            "WHERE question_id = ?1 AND trim(answer) != '' AND answer_updated_at IS NOT NULL "
            "ORDER BY at DESC LIMIT 1",
            (question_id,),
        )
        if not rows:
            return "", "draft", None
        return rows[0][0], rows[0][1], rows[0][2]

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
