"""The Browse search in one SQL statement: the rows a filter shows, in order, and every facet's
counts, computed by SQLite in one pass over the matching questions (no per-row Python).

``browse_statement`` builds the statement; ``QuestionRows`` is the list of rows it returned,
turned into ``QuestionRow`` objects only when one is read (the table asks for the few it shows).

The question rows are large (prompt, answer, exercise: ~10 KB each), so reading titles and
facets from ``questions`` for 10,000 of them costs more than the search. ``ensure_question_list``
keeps a small copy in the connection's TEMP schema, ``temp.question_list`` (rowid, id, title,
type, topic, difficulty and ``pos``, the position in the browse order), rebuilt only when the
questions changed: a TEMP trigger on ``questions`` marks it stale for this connection's writes,
``PRAGMA data_version`` for other connections'. Likewise ``temp.question_status`` holds the
study state the filters and counts read (seen, flag, rating, reviews, the card's due date,
phase and stability, solved), one row per question that has any, keyed by rowid: joining it
costs a third of joining ``question_state``, ``card_state`` and the exercise runs by id for
every match (10,000 for "re"); it is rebuilt when those tables change (TEMP triggers, and
``data_version``). What depends on the clock is computed in the query (due today) or given to
it: the mistakes, a list of ids the repository keeps, are copied into
``temp.question_mistakes`` by rowid when the list changes (probing the ids' JSON list for
every match cost a fifth of the search).
The rows shown (a page at a time) read the state live.

How the result must look (the rules are the ones ``core.models.Status.holds_for`` states and
tests/storage/test_browse_pins.py pins at 10,000 questions):
- with search text, rows by relevance (bm25 with the column weights), ties by rowid; without,
  by topic (``TOPICS`` order, unknown topics last), difficulty (``DIFFICULTIES`` order), title
  case-folded, then type and rowid (the order the facets index gave the old sort);
- each facet's counts ignore that facet's own filter and keep the others.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from mlprep_desktop.core.models import DIFFICULTIES, TOPICS, QuestionFilter, QuestionRow, QuestionState, Status
from mlprep_desktop.core.scheduling import MASTERED_STABILITY_DAYS
from mlprep_desktop.storage.exercises import SOLVED_SQL

# bm25 weights per FTS column: title, prompt, answer, key_points, tags.
BM25 = "bm25(questions_fts, 10.0, 4.0, 1.0, 2.0, 6.0)"

# What each status filter means, over the columns of the candidate table below.
STATUS_SQL = {
    Status.NEW: "status = 'new'",
    Status.SEEN: "status = 'seen'",
    Status.RATED: "status = 'rated'",
    Status.FLAGGED: "flagged <> 0",
    Status.DUE: "due_now",
    Status.LEARNING: "learning",
    Status.MASTERED: "mastered",
    Status.MISTAKES: "mistake",
    Status.SOLVED: "(solved IS NOT NULL AND solved <> 0)",
    Status.ATTEMPTED: "solved = 0",
}
FACETS = ("type", "topic", "difficulty")


def _index_case(column: str, values: Sequence[str]) -> str:
    whens = " ".join(f"WHEN {_quote(v)} THEN {i}" for i, v in enumerate(values))
    return f"CASE {column} {whens} ELSE {len(values)} END"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# Case-folded title: SQLite's lower() is Python's casefold() for ASCII; other titles go
# through casefold() (registered on every connection, see storage/connection.py), as bytes so
# that a title damaged in the file (not UTF-8) sorts as its lenient reading does.
_FOLDED_TITLE = "CASE WHEN title GLOB '*[^ -~]*' THEN casefold(CAST(title AS BLOB)) ELSE lower(title) END"
_BROWSE_ORDER = (f"{_index_case('topic', TOPICS)}, {_index_case('difficulty', DIFFICULTIES)}, "
                 f"{_FOLDED_TITLE}, type, rid")

_STATE_TABLES = ("question_state", "card_state", "exercise_runs")
_LIST_DDL = (
    "CREATE TEMP TABLE IF NOT EXISTS question_list (rid INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT, "
    "type TEXT, topic TEXT, difficulty TEXT, pos INTEGER NOT NULL)",
    "CREATE TEMP TABLE IF NOT EXISTS question_status (rid INTEGER PRIMARY KEY, seen_at TEXT, flagged INTEGER, "
    "last_rating INTEGER, review_count INTEGER, due TEXT, phase INTEGER, stability REAL, solved INTEGER)",
    "CREATE TEMP TABLE IF NOT EXISTS question_mistakes (rid INTEGER PRIMARY KEY)",
    "CREATE TEMP TABLE IF NOT EXISTS question_list_meta (stale INTEGER NOT NULL, data_version INTEGER, "
    "state_stale INTEGER NOT NULL DEFAULT 1, mistakes TEXT)",
    *(f"CREATE TEMP TRIGGER IF NOT EXISTS question_list_stale_{event.lower()} AFTER {event} ON main.questions "
      "BEGIN UPDATE question_list_meta SET stale = 1; END" for event in ("INSERT", "UPDATE", "DELETE")),
    *(f"CREATE TEMP TRIGGER IF NOT EXISTS question_status_stale_{table}_{event.lower()} AFTER {event} "
      f"ON main.{table} BEGIN UPDATE question_list_meta SET state_stale = 1; END"
      for table in _STATE_TABLES for event in ("INSERT", "UPDATE", "DELETE")),
)
_LIST_FILL = (
    "INSERT INTO temp.question_list (rid, id, title, type, topic, difficulty, pos) "
    "SELECT rid, id, title, type, topic, difficulty, ROW_NUMBER() OVER (ORDER BY {order}) FROM "
    "(SELECT rowid AS rid, id, title, type, topic, difficulty FROM main.questions WHERE retired = 0)"
)


_STATUS_FILL = (
    "INSERT INTO temp.question_status (rid, seen_at, flagged, last_rating, review_count, due, phase, stability, "
    "solved) SELECT q.rid, s.seen_at, s.flagged, s.last_rating, s.review_count, c.due, c.phase, c.stability, "
    f"{SOLVED_SQL} FROM temp.question_list q LEFT JOIN question_state s ON s.question_id = q.id "
    "LEFT JOIN card_state c ON c.question_id = q.id WHERE s.question_id IS NOT NULL OR c.question_id IS NOT NULL "
    "OR q.id IN (SELECT question_id FROM exercise_runs)"
)


def ensure_question_list(conn: sqlite3.Connection, mistakes: Sequence[str] = ()) -> None:
    """Make ``temp.question_list``, ``temp.question_status`` and ``temp.question_mistakes``
    (the ids in ``mistakes``) current (see the module's note); cheap when they are."""
    try:
        meta = conn.execute("SELECT stale, data_version, state_stale, mistakes FROM temp.question_list_meta").fetchone()
    except sqlite3.OperationalError:  # first use on this connection
        for statement in _LIST_DDL:
            conn.execute(statement)
        meta = None
    version = conn.execute("PRAGMA data_version").fetchone()[0]
    wanted = json.dumps(list(mistakes))
    if meta is not None and not meta[0] and not meta[2] and meta[1] == version and meta[3] == wanted:
        return
    list_current = meta is not None and not meta[0] and meta[1] == version
    own = not conn.in_transaction
    if own:
        conn.execute("SAVEPOINT question_list")
    try:
        if not list_current:
            conn.execute("DELETE FROM temp.question_list")
            conn.execute(_LIST_FILL.format(order=_BROWSE_ORDER))
        conn.execute("DELETE FROM temp.question_status")
        conn.execute(_STATUS_FILL)
        conn.execute("DELETE FROM temp.question_mistakes")
        conn.execute("INSERT INTO temp.question_mistakes (rid) SELECT rid FROM temp.question_list "
                     "WHERE id IN (SELECT value FROM json_each(?))", (wanted,))
        conn.execute("DELETE FROM temp.question_list_meta")
        conn.execute("INSERT INTO temp.question_list_meta (stale, data_version, state_stale, mistakes) "
                     "VALUES (0, ?, 0, ?)", (version, wanted))
    except BaseException:
        if own and conn.in_transaction:
            conn.execute("ROLLBACK TO question_list")
            conn.execute("RELEASE question_list")
        raise
    if own:
        conn.execute("RELEASE question_list")



def _candidates(card: str, solved: str, state_join: str) -> str:
    """The candidate rows with their state columns; ``card``: the alias the card columns (due,
    phase, stability) are read from, ``solved``: the solved expression, ``state_join``: the
    joins that bring the state (alias ``s``, and ``card``). Left in it: {extra}, {rank},
    {source}."""
    return (
        "SELECT q.rid AS rid, q.id AS id, q.title AS title, q.type AS type, q.topic AS topic, "
        "q.difficulty AS difficulty, q.pos AS pos, s.seen_at AS seen_at, COALESCE(s.flagged, 0) AS flagged, "
        f"s.last_rating AS last_rating, COALESCE(s.review_count, 0) AS review_count, {card}.due AS due, "
        f"({card}.due IS NOT NULL AND {card}.due < :day_end) AS due_now, "
        f"COALESCE({card}.phase IN (1, 3), 0) AS learning, "
        f"COALESCE({card}.phase = 2 AND COALESCE({card}.stability, 0) >= :mastered, 0) AS mastered, "
        "(q.id IN (SELECT value FROM json_each(:mistakes))) AS mistake, "
        f"{solved} AS solved, "
        "{{extra}}"
        "CASE WHEN COALESCE(s.review_count, 0) <> 0 THEN 'rated' "
        "  WHEN s.seen_at IS NOT NULL AND s.seen_at <> '' THEN 'seen' ELSE 'new' END AS status, "
        "{{rank}} AS rank "
        f"FROM {{source}} {state_join}"
    ).replace("{{", "{").replace("}}", "}")


# The state read live (the rows shown) …
_CANDIDATES = _candidates("c", SOLVED_SQL, "LEFT JOIN question_state s ON s.question_id = q.id "
                                           "LEFT JOIN card_state c ON c.question_id = q.id")
# … and from temp.question_status (the search: filters and counts over every match), only
# the columns the filters, the counts and the order read (copied for every match). The
# same rules as _candidates.
_FAST_CANDIDATES = (
    "SELECT q.rid AS rid, q.id AS id, q.type AS type, q.topic AS topic, q.difficulty AS difficulty, "
    "COALESCE(s.flagged, 0) AS flagged, (s.due IS NOT NULL AND s.due < :day_end) AS due_now, "
    "COALESCE(s.phase IN (1, 3), 0) AS learning, "
    "COALESCE(s.phase = 2 AND COALESCE(s.stability, 0) >= :mastered, 0) AS mastered, "
    "(m.rid IS NOT NULL) AS mistake, s.solved AS solved, "
    "CASE WHEN COALESCE(s.review_count, 0) <> 0 THEN 'rated' "
    "  WHEN s.seen_at IS NOT NULL AND s.seen_at <> '' THEN 'seen' ELSE 'new' END AS status, "
    "{key} AS ord "
    "FROM {source} LEFT JOIN temp.question_status s ON s.rid = q.rid "
    "LEFT JOIN temp.question_mistakes m ON m.rid = q.rid"
)
_FTS_SOURCE = (f"(SELECT rowid, {BM25} AS rank FROM questions_fts WHERE questions_fts MATCH :match) f "
               "JOIN temp.question_list q ON q.rid = f.rowid")
# The columns of a row of the result (kind 0); count rows (kind 1) use facet, value, n.
_HAS_NOTE = "EXISTS (SELECT 1 FROM notes n WHERE n.question_id = q.id AND n.deleted_at IS NULL) AS has_note, "
# A page of rows read for display: everything a QuestionRow holds, by rowid.
_DETAILS = _CANDIDATES.format(rank="NULL", source="temp.question_list q", extra=_HAS_NOTE) + \
    " WHERE q.rid IN (SELECT value FROM json_each(:rids))"
PAGE = 128  # rows read at once when the table shows one that is not read yet


def browse_statement(flt: QuestionFilter, match: str | None, day_end: str,
                     mistakes: Sequence[str]) -> tuple[str, dict[str, Any]]:
    """SQL and parameters: rows (kind 0, in display order: by ``ord``, the rank or the list's
    position, then rowid) then the facet counts (kind 1: facet, value, n; the status counts as
    one JSON object in value)."""
    params = details_params(day_end, mistakes)
    conditions: dict[str, str] = {}
    for facet in FACETS:
        value = getattr(flt, facet)
        if value:
            conditions[facet] = f"{facet} = :{facet}"
            params[facet] = value
    if flt.status is not None:
        conditions["status"] = STATUS_SQL[Status(flt.status)]
    if match:
        params["match"] = match
        candidates = _FAST_CANDIDATES.format(key="f.rank", source=_FTS_SOURCE)
    else:
        candidates = _FAST_CANDIDATES.format(key="q.pos", source="temp.question_list q")

    def where(*left_out: str) -> str:
        kept = [sql for facet, sql in conditions.items() if facet not in left_out]
        return (" WHERE " + " AND ".join(kept)) if kept else ""

    # One pass over the matches: per (type, topic, difficulty), how many pass the status
    # filter and how many hold each status; each facet's counts add those groups up (the
    # groups: a few hundred at most).
    shown = f"SUM({conditions['status']})" if "status" in conditions else "COUNT(*)"
    sums = ", ".join(f"SUM({STATUS_SQL[st]}) AS st{i}" for i, st in enumerate(Status))
    groups = f"SELECT type, topic, difficulty, {shown} AS shown, {sums} FROM cand GROUP BY type, topic, difficulty"
    statuses = ", ".join(f"{_quote(st.value)}, COALESCE(SUM(st{i}), 0)" for i, st in enumerate(Status))
    parts = [f"SELECT 0 AS kind, rid, id, NULL AS facet, NULL AS value, NULL AS n, ord FROM cand{where()}"]
    parts += [f"SELECT 1, NULL, NULL, '{facet}', {facet}, SUM(shown), NULL FROM grp{where(facet, 'status')} "
              f"GROUP BY {facet} HAVING SUM(shown) > 0" for facet in FACETS]
    parts.append(f"SELECT 1, NULL, NULL, 'status', json_object({statuses}), NULL, NULL FROM grp{where('status')}")
    sql = (f"WITH cand AS MATERIALIZED ({candidates}), grp AS MATERIALIZED ({groups}) "
           + " UNION ALL ".join(parts) + " ORDER BY kind, ord, rid")
    return sql, params


def details_params(day_end: str, mistakes: Sequence[str]) -> dict[str, Any]:
    return {"day_end": day_end, "mastered": MASTERED_STABILITY_DAYS, "mistakes": json.dumps(list(mistakes))}


Loader = Callable[[str, dict[str, Any]], list[sqlite3.Row]]


def split_result(found: list[sqlite3.Row], load: Loader,
                 params: dict[str, Any]) -> tuple[QuestionRows, dict[str, dict[str, int]]]:
    """The statement's result as (rows, counts); ``load(sql, params)`` reads pages of rows."""
    split = len(found)
    while split and found[split - 1][0] == 1:
        split -= 1
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for r in found[split:]:
        if r["facet"] == "status":
            counts["status"] = {k: int(v) for k, v in json.loads(r["value"]).items()}
        else:
            counts[r["facet"]][r["value"]] = r["n"]
    del found[split:]
    return QuestionRows(found, load, params), counts


class QuestionRows(Sequence[QuestionRow]):
    """The rows of a search in order: their rowids and ids at once, the rest read a page at a
    time (``PAGE`` rows) and made ``QuestionRow``s when first asked for."""

    def __init__(self, found: list[sqlite3.Row], load: Loader, params: dict[str, Any]) -> None:
        self._found = found  # (kind, rid, id, …) in display order
        self._load = load
        self._params = params
        self._made: dict[int, QuestionRow] = {}
        self._index: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._found)

    @overload
    def __getitem__(self, i: int) -> QuestionRow: ...
    @overload
    def __getitem__(self, i: slice) -> list[QuestionRow]: ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self._found)))]
        if i < 0:
            i += len(self._found)
        if not 0 <= i < len(self._found):
            raise IndexError(i)
        made = self._made.get(i)
        if made is None:
            self._read_page(i)
            made = self._made[i]
        return made

    def __iter__(self) -> Iterator[QuestionRow]:
        for start in range(0, len(self._found), 1024):  # all of them: read in big pages
            self._read_page(start, 1024)
            yield from (self[i] for i in range(start, min(start + 1024, len(self._found))))

    def __setitem__(self, i: int, row: QuestionRow) -> None:
        """Replace one row (a rating or a flag shown at once); its id must stay the same."""
        self._made[i] = row

    def prefetch(self, count: int) -> None:
        """Read the first ``count`` rows now, in one query (the table sizes a column from them)."""
        self._read_page(0, count)

    def id_at(self, i: int) -> str:
        return self._found[i][2]

    def index_of(self, question_id: str) -> int:
        """The position of a question, or -1."""
        if self._index is None:
            self._index = {r[2]: i for i, r in enumerate(self._found)}
        return self._index.get(question_id, -1)

    def _read_page(self, i: int, size: int = PAGE) -> None:
        wanted = [j for j in range(i, min(i + size, len(self._found))) if j not in self._made]
        if not wanted:
            return
        rows = self._load(_DETAILS, {**self._params, "rids": json.dumps([self._found[j][1] for j in wanted])})
        by_rid = {r["rid"]: r for r in rows}
        for j in wanted:
            r = by_rid.get(self._found[j][1])
            self._made[j] = _question_row(r) if r is not None else QuestionRow(self._found[j][2], "", "", "", "")
def _question_row(r: sqlite3.Row) -> QuestionRow:
    solved = r["solved"]
    state = QuestionState(
        question_id=r["id"], seen_at=r["seen_at"], flagged=bool(r["flagged"]), last_rating=r["last_rating"],
        review_count=r["review_count"], due=r["due"], due_now=bool(r["due_now"]), learning=bool(r["learning"]),
        mastered=bool(r["mastered"]), mistake=bool(r["mistake"]), solved=None if solved is None else bool(solved),
    )
    return QuestionRow(r["id"], r["title"], r["type"], r["topic"], r["difficulty"], state, bool(r["has_note"]))
