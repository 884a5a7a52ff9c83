"""The question repository: search with filters and facet counts, and loading one question."""
from __future__ import annotations

import json
import sqlite3

from mlprep_desktop.core.models import (
    DIFFICULTIES,
    TOPICS,
    FollowUp,
    Question,
    QuestionFilter,
    QuestionRow,
    QuestionState,
    Status,
)
from mlprep_desktop.core.search_query import fts_query
from mlprep_desktop.storage.database import Database

# bm25 weights per FTS column: title, prompt, answer, key_points, tags.
_BM25 = "bm25(questions_fts, 10.0, 4.0, 1.0, 2.0, 6.0)"

_STATUS_SQL = {
    Status.NEW: "(s.seen_at IS NULL AND COALESCE(s.review_count, 0) = 0)",
    Status.SEEN: "(s.seen_at IS NOT NULL AND COALESCE(s.review_count, 0) = 0)",
    Status.RATED: "(COALESCE(s.review_count, 0) > 0)",
    Status.FLAGGED: "(COALESCE(s.flagged, 0) = 1)",
}

_ROW_COLUMNS = (
    "q.id, q.title, q.type, q.topic, q.difficulty, s.seen_at, COALESCE(s.flagged, 0) AS flagged, "
    "s.last_rating, COALESCE(s.review_count, 0) AS review_count"
)


class QuestionRepository:
    """Read access to questions (bank and user-authored) joined with the user's state."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def search(self, flt: QuestionFilter) -> list[QuestionRow]:
        """Rows matching ``flt``: ranked by relevance when there is search text,
        otherwise by topic, difficulty and title. Never raises for any search text."""
        sql, params, ranked = self._select(flt, _ROW_COLUMNS)
        rows = [self._row(r) for r in self._db.query(sql + (" ORDER BY f.rank" if ranked else ""), params)]
        if not ranked:
            rows.sort(key=_browse_order)
        return rows

    def facet_counts(self, flt: QuestionFilter) -> dict[str, dict[str, int]]:
        """For each facet, how many questions each option would show, the other filters kept."""
        counts: dict[str, dict[str, int]] = {}
        for facet in ("type", "topic", "difficulty"):
            sql, params, _ = self._select(flt.without(facet), f"q.{facet} AS option, COUNT(*) AS n")
            rows = self._db.query(sql + f" GROUP BY q.{facet}", params)
            counts[facet] = {r["option"]: r["n"] for r in rows}
        parts = ", ".join(f"SUM(CASE WHEN {cond} THEN 1 ELSE 0 END) AS {st.value}" for st, cond in _STATUS_SQL.items())
        sql, params, _ = self._select(flt.without("status"), parts)
        row = self._db.query(sql, params)[0]
        counts["status"] = {st.value: row[st.value] or 0 for st in Status}
        return counts

    def total(self) -> int:
        return self._db.query("SELECT COUNT(*) FROM questions WHERE retired = 0")[0][0]

    def get(self, question_id: str) -> Question | None:
        rows = self._db.query("SELECT * FROM questions WHERE id = ?", (question_id,))
        return _question(rows[0]) if rows else None

    def titles(self) -> dict[str, str]:
        """Id -> title of every active question (for links and completion)."""
        return {r[0]: r[1] for r in self._db.query("SELECT id, title FROM questions WHERE retired = 0")}

    def _select(self, flt: QuestionFilter, columns: str) -> tuple[str, list, bool]:
        match = fts_query(flt.text)
        params: list = []
        sql = f"SELECT {columns} FROM questions q LEFT JOIN question_state s ON s.question_id = q.id"
        if match:
            sql += (
                f" JOIN (SELECT rowid, {_BM25} AS rank FROM questions_fts WHERE questions_fts MATCH ?) f"
                " ON f.rowid = q.rowid"
            )
            params.append(match)
        where = ["q.retired = 0"]
        for facet in ("type", "topic", "difficulty"):
            value = getattr(flt, facet)
            if value:
                where.append(f"q.{facet} = ?")
                params.append(value)
        if flt.status is not None:
            where.append(_STATUS_SQL[Status(flt.status)])
        return sql + " WHERE " + " AND ".join(where), params, bool(match)

    @staticmethod
    def _row(r: sqlite3.Row) -> QuestionRow:
        state = QuestionState(
            question_id=r["id"],
            seen_at=r["seen_at"],
            flagged=bool(r["flagged"]),
            last_rating=r["last_rating"],
            review_count=r["review_count"],
        )
        return QuestionRow(r["id"], r["title"], r["type"], r["topic"], r["difficulty"], state)


def _browse_order(row: QuestionRow) -> tuple:
    topic = TOPICS.index(row.topic) if row.topic in TOPICS else len(TOPICS)
    level = DIFFICULTIES.index(row.difficulty) if row.difficulty in DIFFICULTIES else len(DIFFICULTIES)
    return (topic, level, row.title.casefold())


def _question(r: sqlite3.Row) -> Question:
    return Question(
        id=r["id"],
        type=r["type"],
        topic=r["topic"],
        difficulty=r["difficulty"],
        minutes=r["minutes"],
        title=r["title"],
        prompt=r["prompt"],
        answer=r["answer"],
        key_points=tuple(json.loads(r["key_points"])),
        pitfalls=tuple(json.loads(r["pitfalls"])),
        follow_ups=tuple(FollowUp(f["question"], f["answer"]) for f in json.loads(r["follow_ups"])),
        tags=tuple(json.loads(r["tags"])),
        related=tuple(json.loads(r["related"])),
        source=r["source"],
        retired=bool(r["retired"]),
    )
