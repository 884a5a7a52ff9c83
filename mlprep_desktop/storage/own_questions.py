"""Writing the user's own questions (``source = 'user'``) and reading questions for exports.

Contract: ``save`` upserts own questions in ONE transaction and never touches a bank question:
an id that belongs to one raises ``OwnQuestionError`` and nothing is written. Bank content
updates (``content_merge``) leave these rows alone.
"""
from __future__ import annotations

import json
from collections.abc import Sequence

from mlprep_desktop.core.clock import utc_now_iso
from mlprep_desktop.core.models import Question
from mlprep_desktop.storage.database import Database
from mlprep_desktop.storage.questions import _question


class OwnQuestionError(Exception):
    """The question cannot be stored as an own question; the message says why."""


class OwnQuestionRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    def ids(self) -> dict[str, str]:
        """Every question id -> its source ('bank' or 'user')."""
        return {r[0]: r[1] for r in self._db.query("SELECT id, source FROM questions")}

    def save(self, questions: Sequence[Question], *, now: str | None = None) -> tuple[list[str], list[str]]:
        """Insert or update ``questions`` as own questions. Returns (added ids, updated ids)."""
        now = now or utc_now_iso()
        added: list[str] = []
        updated: list[str] = []
        with self._db.transaction() as conn:
            for q in questions:
                row = conn.execute("SELECT source FROM questions WHERE id = ?", (q.id,)).fetchone()
                if row is not None and row[0] != "user":
                    raise OwnQuestionError(f"the id {q.id!r} belongs to a bank question")
                values = _values(q)
                if row is None:
                    cols = list(values) + ["source", "retired", "updated_at"]
                    conn.execute(f"INSERT INTO questions ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                                 [*values.values(), "user", 0, now])
                    added.append(q.id)
                else:
                    sets = ", ".join(f"{c} = ?" for c in values if c != "id")
                    conn.execute(f"UPDATE questions SET {sets}, updated_at = ? WHERE id = ?",
                                 [v for c, v in values.items() if c != "id"] + [now, q.id])
                    updated.append(q.id)
        return added, updated

    def same_content(self, q: Question) -> bool:
        """True when the stored own question ``q.id`` already reads exactly like ``q``."""
        rows = self._db.query("SELECT * FROM questions WHERE id = ? AND source = 'user'", (q.id,))
        return bool(rows) and _values(_question(rows[0])) == _values(q)

    def questions(self, topics: Sequence[str] = (), ids: Sequence[str] | None = None) -> list[Question]:
        """Active questions (bank and own), by topic then id; only ``topics`` / ``ids`` if given."""
        sql = "SELECT * FROM questions WHERE retired = 0"
        params: list = []
        if topics:
            sql += f" AND topic IN ({', '.join('?' for _ in topics)})"
            params += list(topics)
        if ids is not None:
            sql += f" AND id IN ({', '.join('?' for _ in ids)})"
            params += list(ids)
        return [_question(r) for r in self._db.query(sql + " ORDER BY topic, id", params)]

    def status_rows(self, topics: Sequence[str] = (), ids: Sequence[str] | None = None) -> list[dict]:
        """One dict per active question: its facets and the user's status, for the CSV export."""
        sql = (
            "SELECT q.id, q.title, q.type, q.topic, q.difficulty, q.minutes, q.source, q.tags, "
            "s.seen_at, COALESCE(s.flagged, 0) AS flagged, s.last_rating, COALESCE(s.review_count, 0) AS review_count, "
            "s.last_reviewed_at, EXISTS (SELECT 1 FROM answers a WHERE a.question_id = q.id) AS has_answer, "
            "EXISTS (SELECT 1 FROM notes n WHERE n.question_id = q.id AND n.deleted_at IS NULL) AS has_note "
            "FROM questions q LEFT JOIN question_state s ON s.question_id = q.id WHERE q.retired = 0"
        )
        params: list = []
        if topics:
            sql += f" AND q.topic IN ({', '.join('?' for _ in topics)})"
            params += list(topics)
        if ids is not None:
            sql += f" AND q.id IN ({', '.join('?' for _ in ids)})"
            params += list(ids)
        out = []
        for r in self._db.query(sql + " ORDER BY q.topic, q.id", params):
            row = {k: r[k] for k in r.keys()}
            row["tags"] = " ".join(json.loads(row["tags"]))
            out.append(row)
        return out

    def mine(self, question_id: str) -> tuple[str, str]:
        """(my answer draft, the body of the question's own note) — empty when none."""
        answer = self._db.query("SELECT body FROM answers WHERE question_id = ?", (question_id,))
        note = self._db.query(
            "SELECT body FROM notes WHERE question_id = ? AND deleted_at IS NULL ORDER BY updated_at DESC, id DESC",
            (question_id,))
        return (answer[0][0] if answer else "", note[0][0] if note else "")


def _values(q: Question) -> dict:
    def js(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    return {
        "id": q.id, "type": q.type, "topic": q.topic, "difficulty": q.difficulty, "minutes": int(q.minutes),
        "title": q.title, "prompt": q.prompt, "answer": q.answer, "key_points": js(list(q.key_points)),
        "pitfalls": js(list(q.pitfalls)),
        "follow_ups": js([{"question": f.question, "answer": f.answer} for f in q.follow_ups]),
        "tags": js(list(q.tags)), "related": js(list(q.related)),
    }
