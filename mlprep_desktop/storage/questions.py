"""The question repository: search with filters and facet counts, and loading one question."""
from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Callable, ItemsView, Iterator, Mapping, Sequence, ValuesView
from dataclasses import replace
from datetime import datetime, timedelta
from operator import itemgetter

from mlprep_desktop.core.clock import SystemClock, next_midnight, to_utc_iso
from mlprep_desktop.core.exercise import DEFAULT_MEMORY_MB, DEFAULT_REQUIRES, DEFAULT_TIME_LIMIT, Exercise
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
from mlprep_desktop.core.scheduling import MASTERED_STABILITY_DAYS
from mlprep_desktop.core.search_query import fts_query, search_terms
from mlprep_desktop.storage.database import Database, is_damage
from mlprep_desktop.storage.exercises import SOLVED_SQL
from mlprep_desktop.storage.progress import MISTAKE_DAYS, ProgressRepository, mistakes_from
from mlprep_desktop.storage.question_search import (
    QuestionRows,
    browse_statements,
    details_params,
    ensure_question_list,
    facet_counts,
    listed_titles,
)

_ROW_COLUMNS = (
    "q.id, q.title, q.type, q.topic, q.difficulty, s.seen_at, COALESCE(s.flagged, 0) AS flagged, "
    "s.last_rating, COALESCE(s.review_count, 0) AS review_count, "
    "c.due AS due, c.phase AS phase, c.stability AS stability, "
    "EXISTS (SELECT 1 FROM notes n WHERE n.question_id = q.id AND n.deleted_at IS NULL) AS has_note, "
    f"{SOLVED_SQL} AS solved"
)


class QuestionRepository:
    """Read access to questions (bank and user-authored) joined with the user's state."""

    def __init__(self, database: Database, clock=None) -> None:
        self._db = database
        # Set when a search met a damaged full-text index and fell back to matching titles;
        # Tools › Check database rebuilds the index (then a search clears this again).
        self.index_damaged = False
        self._clock = clock or SystemClock()
        # (connection, total_changes, data_version), window start, recent mistakes, failed exercises
        self._mistakes_cache: tuple[tuple[int, int, int], str, list[tuple[str, str]], list[str]] | None = None
        self._total_cache: tuple[tuple[int, int, int], int] | None = None  # (_version(), total)
        self._titles = QuestionTitles(self._db, self._read_rows)

    def search(self, flt: QuestionFilter) -> list[QuestionRow]:
        """Rows matching ``flt``: ranked by relevance when there is search text,
        otherwise by topic, difficulty and title. Never raises for any search text."""
        return self.browse(flt)[0]

    def facet_counts(self, flt: QuestionFilter) -> dict[str, dict[str, int]]:
        """For each facet, how many questions each option would show, the other filters kept."""
        return self.browse_rows(flt)[1]

    def browse(self, flt: QuestionFilter) -> tuple[list[QuestionRow], dict[str, dict[str, int]]]:
        """The rows for ``flt`` and its facet counts (see ``browse_rows``), as a list."""
        rows, counts = self.browse_rows(flt)
        return list(rows), counts

    def browse_rows(self, flt: QuestionFilter) -> tuple[Sequence[QuestionRow], dict[str, dict[str, int]]]:
        """The rows for ``flt`` (made ``QuestionRow``s as they are read) and, for each facet, how
        many questions each option would show with the other filters kept: one SQL statement
        (storage/question_search.py). A damaged file or search index falls back to reading the
        rows leniently and matching titles and tags (``index_damaged``)."""
        match = fts_query(flt.text)
        now = self._clock.now()
        day_end = to_utc_iso(next_midnight(now))
        mistakes = self._mistakes(now)
        rows_sql, counts_sql, params = browse_statements(flt, match, day_end)
        conn = self._db.conn
        own = not conn.in_transaction
        try:
            if own:  # both statements read the same state of the file
                conn.execute("SAVEPOINT browse")
            try:
                ensure_question_list(conn, mistakes)
                cursor = conn.cursor()
                cursor.row_factory = None  # plain tuples, each rowid kept in an array (8 bytes, not ~80)
                found = array("q", map(itemgetter(0), cursor.execute(rows_sql, params)))
                groups = cursor.execute(counts_sql, params).fetchall()
            finally:
                if own and conn.in_transaction:
                    conn.execute("RELEASE browse")
            self.index_damaged = False
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            return self._browse_damaged(flt, match, day_end, set(mistakes))
        rows = QuestionRows(found, self._read_rows, details_params(day_end, mistakes), self._rowid_of)
        return rows, facet_counts(groups, flt)

    def _rowid_of(self, question_id: str) -> int | None:
        found = self._read_rows("SELECT rowid FROM questions WHERE id = :id", {"id": question_id})
        return found[0][0] if found else None

    def _mistakes(self, now: datetime) -> list[str]:
        """``ProgressRepository.mistakes(now)``, its query run again only after a write (by this
        connection or another) or when the clock went back: typing a search asks each key."""
        key = self._version()
        since = to_utc_iso(now - timedelta(days=MISTAKE_DAYS))
        cached = self._mistakes_cache
        if cached is None or cached[0] != key or since < cached[1]:
            progress = ProgressRepository(self._db)
            cached = self._mistakes_cache = (key, since, progress.recent_mistakes(now), progress.failed_exercises())
        return mistakes_from(cached[2], since, cached[3])

    def _read_rows(self, sql: str, params: dict) -> list[sqlite3.Row]:
        """A page of search rows; text damaged in the file is read leniently (U+FFFD)."""
        try:
            return self._db.query(sql, params)
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            return self._db.query_lenient(sql, params)

    def _browse_damaged(self, flt: QuestionFilter, match: str | None, day_end: str,
                        mistakes: set[str]) -> tuple[list[QuestionRow], dict[str, dict[str, int]]]:
        """``browse_rows`` on rows read leniently (slow, in Python; only for a damaged file)."""
        found = self._damaged_browse(flt, bool(match))
        candidates = [self._row(r, day_end, mistakes) for r in found]
        if not match:
            candidates.sort(key=_browse_order)
        rows = [r for r in candidates if _matches(r, flt)]
        counts: dict[str, dict[str, int]] = {}
        for facet in ("type", "topic", "difficulty"):
            others = flt.without(facet)
            tally: dict[str, int] = {}
            for r in candidates:
                if _matches(r, others):
                    tally[getattr(r, facet)] = tally.get(getattr(r, facet), 0) + 1
            counts[facet] = tally
        others = flt.without("status")
        status = {st.value: 0 for st in Status}
        crossing = [st for st in Status if st.crossing]
        for r in candidates:
            if _matches(r, others):
                status[r.state.status.value] += 1
                for st in crossing:
                    status[st.value] += st.holds_for(r.state)
        counts["status"] = status
        return rows, counts

    def total(self) -> int:
        """How many active questions; counted again only after a write (Browse asks every key)."""
        key = self._version()
        if self._total_cache is None or self._total_cache[0] != key:
            self._total_cache = (key, self._db.query("SELECT COUNT(*) FROM questions WHERE retired = 0")[0][0])
        return self._total_cache[1]

    def _version(self) -> tuple[int, int, int]:
        """Changes when this connection or another one wrote to the file."""
        conn = self._db.conn
        return id(conn), conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0]

    def get(self, question_id: str) -> Question | None:
        """The question, or None. A record damaged in the file is read as far as it can be and
        returned with ``damaged=True`` (its unreadable bytes shown as U+FFFD); never raises
        for damage, so the rest of the app keeps working."""
        sql = "SELECT * FROM questions WHERE id = ?"
        try:
            rows = self._db.query(sql, (question_id,))
            return _question(rows[0]) if rows else None
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
        try:
            rows = self._db.query_lenient(sql, (question_id,))
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            rows = []
        if not rows:
            return _unreadable_question(question_id)
        try:
            return replace(_question(rows[0]), damaged=True)
        except (ValueError, TypeError, KeyError):  # its JSON lists are damaged too
            return _unreadable_question(question_id)

    def _damaged_browse(self, flt: QuestionFilter, text_search: bool) -> list[sqlite3.Row]:
        """Rows when the normal query met damage: text read leniently; a damaged full-text
        index replaced by a plain match on titles and tags (slower, but it answers)."""
        sql = f"SELECT {_ROW_COLUMNS} FROM questions q LEFT JOIN question_state s ON s.question_id = q.id" \
              " LEFT JOIN card_state c ON c.question_id = q.id WHERE q.retired = 0"
        params: list = []
        if text_search:
            self.index_damaged = True
            for term in search_terms(flt.text):
                sql += " AND (q.title LIKE ? ESCAPE '\\' OR q.tags LIKE ? ESCAPE '\\')"
                like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                params += [like, like]
        return self._db.query_lenient(sql, params)

    def exercises(self) -> list[tuple[str, str]]:
        """(id, title) of every active question that has a runnable exercise, by id."""
        rows = self._db.query("SELECT id, title FROM questions WHERE retired = 0 AND exercise IS NOT NULL ORDER BY id")
        return [(r[0], r[1]) for r in rows]

    def titles(self) -> Mapping[str, str]:
        """Id -> title of every active question (for links and completion): a read-only view
        of the database, always current, that keeps no titles in memory (see ``QuestionTitles``).
        Every call returns the same view."""
        return self._titles

    @staticmethod
    def _row(r: sqlite3.Row, day_end: str = "", mistakes: frozenset[str] | set[str] = frozenset()) -> QuestionRow:
        due = r["due"]
        state = QuestionState(
            question_id=r["id"],
            seen_at=r["seen_at"],
            flagged=bool(r["flagged"]),
            last_rating=r["last_rating"],
            review_count=r["review_count"],
            due=due,
            due_now=due is not None and due < day_end,
            learning=r["phase"] in (1, 3),
            mastered=r["phase"] == 2 and (r["stability"] or 0) >= MASTERED_STABILITY_DAYS,
            mistake=r["id"] in mistakes,
            solved=None if r["solved"] is None else bool(r["solved"]),
        )
        return QuestionRow(r["id"], r["title"], r["type"], r["topic"], r["difficulty"], state, bool(r["has_note"]))


class QuestionTitles(Mapping[str, str]):
    """Id -> title of the active questions, read from the database when asked: a lookup is one
    indexed query (~10 µs), ``items()`` / ``values()`` / iteration one scan. Keeping the 10,000
    titles of a large bank as a dict took ~3 MB for the few lookups the tabs make (a question's
    related links, a note's links, a board's question) and the ``[[`` list, built when typed.

    Read-only and always current (a rename or a retirement shows at the next lookup). Use it on
    the thread that owns the connection (the GUI thread); copy ``dict(titles.items())`` for
    another. A title damaged in the file is read leniently by a lookup (U+FFFD)."""

    _SCAN = "SELECT id, title FROM questions WHERE retired = 0 ORDER BY rowid"

    def __init__(self, database: Database, read: Callable[[str, dict], list[sqlite3.Row]]) -> None:
        self._db = database
        self._read = read  # QuestionRepository._read_rows: lenient on damage

    def _title(self, key: object) -> str | None:
        if not isinstance(key, str):
            return None
        found = self._read("SELECT title FROM questions WHERE id = :id AND retired = 0", {"id": key})
        return found[0][0] if found else None

    def __getitem__(self, key: str) -> str:
        title = self._title(key)
        if title is None:
            raise KeyError(key)
        return title

    def __contains__(self, key: object) -> bool:
        return self._title(key) is not None

    def get(self, key: str, default=None):  # one query, not two
        title = self._title(key)
        return default if title is None else title

    def __iter__(self) -> Iterator[str]:
        return (r[0] for r in self._db.each(self._SCAN))

    def __len__(self) -> int:
        return self._db.query("SELECT COUNT(*) FROM questions WHERE retired = 0")[0][0]

    def items(self) -> ItemsView[str, str]:
        return _ScanItems(self)

    def values(self) -> ValuesView[str]:
        return _ScanValues(self)

    def scan(self) -> Iterator[tuple[str, str]]:
        """(id, title) of every active question, in one read (rowid order): from the search's
        copy when it is current, else from ``questions``."""
        listed = listed_titles(self._db.conn)
        return listed if listed is not None else ((r[0], r[1]) for r in self._db.each(self._SCAN))


class _ScanItems(ItemsView[str, str]):
    _mapping: QuestionTitles

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return self._mapping.scan()


class _ScanValues(ValuesView[str]):
    _mapping: QuestionTitles

    def __iter__(self) -> Iterator[str]:
        return (title for _, title in self._mapping.scan())


def _matches(row: QuestionRow, flt: QuestionFilter) -> bool:
    if flt.type and row.type != flt.type:
        return False
    if flt.topic and row.topic != flt.topic:
        return False
    if flt.difficulty and row.difficulty != flt.difficulty:
        return False
    if flt.status is None:
        return True
    return Status(flt.status).holds_for(row.state)


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
        exercise=exercise_from_json(r["exercise"]) if "exercise" in r.keys() else None,
    )


def exercise_from_json(text: str | None) -> Exercise | None:
    """The stored exercise of a coding question (see ``bank.build.exercise_json``)."""
    if not text:
        return None
    data = json.loads(text)
    return Exercise(
        starter=data["starter"], solution=data["solution"], tests=data["tests"],
        requires=tuple(data.get("requires", DEFAULT_REQUIRES)),
        time_limit=int(data.get("time_limit", DEFAULT_TIME_LIMIT)),
        memory_mb=int(data.get("memory_mb", DEFAULT_MEMORY_MB)),
    )


def _unreadable_question(question_id: str) -> Question:
    return Question(
        id=question_id, type="theory", topic="", difficulty="", minutes=1,
        title=f"Unreadable question ({question_id})",
        prompt="", answer="", key_points=(), pitfalls=(), follow_ups=(), damaged=True,
    )
