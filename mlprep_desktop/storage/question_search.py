"""The Browse search in two short SQL statements over the same matches: the rows a filter
shows, in order (their rowids only), and every facet's counts, computed by SQLite per group of
questions that share type, topic and difficulty (no per-row Python).

``browse_statements`` builds them; ``facet_counts`` adds the groups up (a few hundred at most);
``QuestionRows`` is the list of rows, read and made ``QuestionRow`` objects only when one is
read (the table asks for the few it shows).

The question rows are large (prompt, answer, exercise: ~10 KB each), so reading titles and
facets from ``questions`` for 10,000 of them costs more than the search. ``ensure_question_list``
keeps small copies in the connection's TEMP schema: ``temp.question_list`` (rowid, id, title,
type, topic, difficulty and ``pos``, the position in the browse order) for the rows read for
display, and the narrow ``temp.question_match`` (rowid, ``k``: the number of its (type, topic,
difficulty) group, which ``temp.question_keys`` names, and ``pos``) that the searches join every
match to. They are rebuilt only when the questions changed: a TEMP trigger on ``questions``
marks them stale for this connection's writes, ``PRAGMA data_version`` for other connections'.
Likewise ``temp.question_status`` holds what the status filters and counts read, one row per
question that has any study state or is a mistake, keyed by rowid: the due date, and the other
statuses as 0/1 fields packed two to a column (see ``_FIELDS``) so that one SUM counts two.
The questions without a row there are new and nothing else, so the counts join the matches to
it only for the questions that have state. It is rebuilt when those tables change (TEMP
triggers, and ``data_version``) or the list of mistakes does (a list the repository keeps,
which the clock alone can change). What depends on the clock is computed in the query (due
today). The rows shown (a page at a time) read the state live.

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
# Each status of temp.question_status as (column, bit): two per column, at bits 0 and 32, so
# that one SUM over the matches counts two statuses (each field holds a count of rows: it
# cannot reach 2^32). Due depends on the clock: its own column. New: neither seen nor rated.
_PACKED = ("seen_rated", "flagged_mistake", "learning_mastered", "solved_attempted")
_FIELDS = {
    Status.SEEN: ("seen_rated", 0), Status.RATED: ("seen_rated", 32),
    Status.FLAGGED: ("flagged_mistake", 0), Status.MISTAKES: ("flagged_mistake", 32),
    Status.LEARNING: ("learning_mastered", 0), Status.MASTERED: ("learning_mastered", 32),
    Status.SOLVED: ("solved_attempted", 0), Status.ATTEMPTED: ("solved_attempted", 32),
}
_LIST_DDL = (
    "CREATE TEMP TABLE IF NOT EXISTS question_list (rid INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT, "
    "type TEXT, topic TEXT, difficulty TEXT, pos INTEGER NOT NULL)",
    # Narrow copies the searches join every match to: a few bytes a row, so a join touches few pages.
    "CREATE TEMP TABLE IF NOT EXISTS question_match (rid INTEGER PRIMARY KEY, k INTEGER NOT NULL, pos INTEGER NOT NULL)",
    "CREATE TEMP TABLE IF NOT EXISTS question_keys (k INTEGER PRIMARY KEY, type TEXT, topic TEXT, difficulty TEXT)",
    "CREATE TEMP TABLE IF NOT EXISTS question_status (rid INTEGER PRIMARY KEY, k INTEGER NOT NULL, "
    + ", ".join(f"{column} INTEGER NOT NULL" for column in _PACKED) + ", due TEXT)",
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
# k numbers the (type, topic, difficulty) groups.
_MATCH_FILL = ("INSERT INTO temp.question_match (rid, k, pos) SELECT rid, "
               "DENSE_RANK() OVER (ORDER BY type, topic, difficulty), pos FROM temp.question_list")
_KEYS_FILL = ("INSERT INTO temp.question_keys (k, type, topic, difficulty) SELECT m.k, q.type, q.topic, "
              "q.difficulty FROM temp.question_match m JOIN temp.question_list q ON q.rid = m.rid GROUP BY m.k")
# The mistakes: a JSON list of ids (:mistakes); a question that has no state but is one gets a row.
_IS_MISTAKE = "q.id IN (SELECT value FROM json_each(:mistakes))"
_STATUS_FILL = (
    "INSERT INTO temp.question_status (rid, k, " + ", ".join(_PACKED) + ", due) "
    "SELECT rid, k, (st = 'seen') + ((st = 'rated') << 32), flagged + (mistake << 32), "
    "learning + (mastered << 32), COALESCE(solved <> 0, 0) + (COALESCE(solved = 0, 0) << 32), due FROM ("
    "SELECT q.rid AS rid, m.k AS k, CASE WHEN COALESCE(s.review_count, 0) <> 0 THEN 'rated' "
    "  WHEN s.seen_at IS NOT NULL AND s.seen_at <> '' THEN 'seen' ELSE 'new' END AS st, "
    "COALESCE(s.flagged, 0) <> 0 AS flagged, c.due AS due, COALESCE(c.phase IN (1, 3), 0) AS learning, "
    "COALESCE(c.phase = 2 AND COALESCE(c.stability, 0) >= :mastered, 0) AS mastered, "
    f"{_IS_MISTAKE} AS mistake, {SOLVED_SQL} AS solved "
    "FROM temp.question_list q JOIN temp.question_match m ON m.rid = q.rid "
    "LEFT JOIN question_state s ON s.question_id = q.id "
    "LEFT JOIN card_state c ON c.question_id = q.id WHERE s.question_id IS NOT NULL OR c.question_id IS NOT NULL "
    f"OR q.id IN (SELECT question_id FROM exercise_runs) OR {_IS_MISTAKE})"
)

# What each status filter means, over ``temp.question_status s`` (NULL columns: a question
# without a row there, which is new and nothing else): true, or false or NULL.
STATUS_SQL = {
    Status.NEW: "COALESCE(s.seen_rated, 0) = 0",
    Status.DUE: "s.due < :day_end",
    **{st: f"(s.{column} >> {bit}) & 1" for st, (column, bit) in _FIELDS.items()},
}
FACETS = ("type", "topic", "difficulty")


def ensure_question_list(conn: sqlite3.Connection, mistakes: Sequence[str] = ()) -> None:
    """Make ``temp.question_list``, ``question_match``, ``question_keys`` and
    ``question_status`` (with the ids in ``mistakes``) current (see the module's note); cheap when they are."""
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
            for table in ("question_list", "question_match", "question_keys"):
                conn.execute(f"DELETE FROM temp.{table}")
            conn.execute(_LIST_FILL.format(order=_BROWSE_ORDER))
            conn.execute(_MATCH_FILL)
            conn.execute(_KEYS_FILL)
        conn.execute("DELETE FROM temp.question_status")
        conn.execute(_STATUS_FILL, {"mistakes": wanted, "mastered": MASTERED_STABILITY_DAYS})
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


def listed_titles(conn: sqlite3.Connection) -> Iterator[tuple[str, str]] | None:
    """(id, title) of every active question in rowid order from ``temp.question_list`` when it
    is current (a search made it and no question changed since), else None: reading these small
    rows takes a third of the time of reading ``questions`` (``QuestionTitles.scan``)."""
    try:
        meta = conn.execute("SELECT stale, data_version FROM temp.question_list_meta").fetchone()
    except sqlite3.OperationalError:  # no search on this connection yet
        return None
    if meta is None or meta[0] or meta[1] != conn.execute("PRAGMA data_version").fetchone()[0]:
        return None
    return ((r[0], r[1]) for r in conn.execute("SELECT id, title FROM temp.question_list ORDER BY rid"))


# A page of rows read for display: everything a QuestionRow holds, by rowid, the state read
# live; the columns in the order ``_question_row`` takes them.
_DETAILS = (
    "SELECT q.rid, q.id, q.title, q.type, q.topic, q.difficulty, s.seen_at, COALESCE(s.flagged, 0), "
    "s.last_rating, COALESCE(s.review_count, 0), c.due, (c.due IS NOT NULL AND c.due < :day_end), "
    "COALESCE(c.phase IN (1, 3), 0), COALESCE(c.phase = 2 AND COALESCE(c.stability, 0) >= :mastered, 0), "
    f"(q.id IN (SELECT value FROM json_each(:mistakes))), {SOLVED_SQL}, "
    "EXISTS (SELECT 1 FROM notes n WHERE n.question_id = q.id AND n.deleted_at IS NULL) "
    "FROM temp.question_list q LEFT JOIN question_state s ON s.question_id = q.id "
    "LEFT JOIN card_state c ON c.question_id = q.id WHERE q.rid IN (SELECT value FROM json_each(:rids))"
)
PAGE = 128  # rows read at once when the table shows one that is not read yet
# The matches (no alias: bm25 and MATCH name the full-text table).
_MATCH = "questions_fts MATCH :match"
_FTS_MATCHES = "questions_fts JOIN temp.question_match m ON m.rid = questions_fts.rowid"
_FTS_STATEFUL = "questions_fts JOIN temp.question_status s ON s.rid = questions_fts.rowid"
_STATE_JOIN = " LEFT JOIN temp.question_status s ON s.rid = m.rid"


def browse_statements(flt: QuestionFilter, match: str | None, day_end: str) -> tuple[str, str, dict[str, Any]]:
    """(rows, counts, parameters). The rows statement gives the rowid of every row ``flt``
    shows, in display order (by rank then rowid, or by the list's position). The counts
    statement gives one row per (type, topic, difficulty) group of the matches, the facet
    filters not applied: (0, type, topic, difficulty, matches, of them those the status filter
    shows); and one row for the status counts over the matches the facet filters keep that have
    a row in temp.question_status: (1, how many, the SUM of each ``_PACKED`` column, how many
    are due). ``facet_counts`` adds them up."""
    params: dict[str, Any] = {"day_end": day_end}
    facets = []
    for facet in FACETS:
        value = getattr(flt, facet)
        if value:
            facets.append(f"{facet} = :{facet}")
            params[facet] = value
    kept_keys = f"k IN (SELECT k FROM temp.question_keys WHERE {' AND '.join(facets)})" if facets else ""
    status = STATUS_SQL[Status(flt.status)] if flt.status is not None else ""
    state_join = _STATE_JOIN if status else ""
    if match:
        params["match"] = match
        source, stateful, order = _FTS_MATCHES, _FTS_STATEFUL, f"{BM25}, m.rid"
    else:
        source, stateful, order = "temp.question_match m", "temp.question_status s", "m.pos"

    def where(*conditions: str) -> str:
        kept = [c for c in (_MATCH if match else "", *conditions) if c]
        return (" WHERE " + " AND ".join(kept)) if kept else ""

    rows = f"SELECT m.rid FROM {source}{state_join}{where(kept_keys and 'm.' + kept_keys, status)} ORDER BY {order}"
    shown = f"SUM({status})" if status else "COUNT(*)"
    counts = (
        f"SELECT 0, t.type, t.topic, t.difficulty, g.n, g.shown, NULL FROM (SELECT m.k AS k, COUNT(*) AS n, "
        f"{shown} AS shown FROM {source}{state_join}{where()} GROUP BY m.k) g "
        "JOIN temp.question_keys t ON t.k = g.k UNION ALL "
        f"SELECT 1, COUNT(*), {', '.join(f'SUM(s.{column})' for column in _PACKED)}, SUM(s.due < :day_end) "
        f"FROM {stateful}{where(kept_keys and 's.' + kept_keys)}"
    )
    return rows, counts, params


def facet_counts(groups: Sequence[Sequence[Any]], flt: QuestionFilter) -> dict[str, dict[str, int]]:
    """The counts statement's rows (see ``browse_statements``) added up: for each facet, how
    many questions each option shows with the other filters (status included) kept; for the
    status, how many questions hold each status with the facet filters kept."""
    wanted = [getattr(flt, facet) for facet in FACETS]
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    kept_total = 0
    packed: Sequence[Any] = (0,) * (len(_PACKED) + 2)
    for r in groups:
        if r[0] == 1:
            packed = r[1:]
            continue
        key, n, shown = r[1:4], r[4], r[5] or 0
        kept = [not want or value == want for value, want in zip(key, wanted)]
        for i, facet in enumerate(FACETS):
            if shown and all(kept[:i]) and all(kept[i + 1:]):
                tally = counts[facet]
                tally[key[i]] = tally.get(key[i], 0) + shown
        if all(kept):
            kept_total += n
    sums = dict(zip(_PACKED, (v or 0 for v in packed[1:])))
    status = {st.value: 0 for st in Status}
    for st, (column, bit) in _FIELDS.items():
        status[st.value] = (sums[column] >> bit) & 0xFFFFFFFF
    status[Status.DUE.value] = packed[-1] or 0
    status[Status.NEW.value] = kept_total - status[Status.SEEN.value] - status[Status.RATED.value]
    counts["status"] = status
    return counts


def details_params(day_end: str, mistakes: Sequence[str]) -> dict[str, Any]:
    return {"day_end": day_end, "mastered": MASTERED_STABILITY_DAYS, "mistakes": json.dumps(list(mistakes))}


Loader = Callable[[str, dict[str, Any]], list[sqlite3.Row]]
Locator = Callable[[str], "int | None"]


class QuestionRows(Sequence[QuestionRow]):
    """The rows of a search in order: their rowids at once, the rest read a page at a time
    (``PAGE`` rows) and made ``QuestionRow``s when first asked for. ``locate(id)`` gives a
    question's rowid (or None); it may raise ``sqlite3.DatabaseError`` on a damaged file."""

    def __init__(self, found: Sequence[int], load: Loader, params: dict[str, Any], locate: Locator) -> None:
        self._found = found  # the rowids in display order (an array: 10,000 of them take 80 KB)
        self._load = load
        self._params = params
        self._locate = locate
        self._made: dict[int, QuestionRow] = {}

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
        return self[i].id

    def index_of(self, question_id: str) -> int:
        """The position of a question, or -1."""
        try:
            rid = self._locate(question_id)
        except sqlite3.DatabaseError:  # a damaged file: look among the rows (read leniently)
            return next((i for i in range(len(self)) if self[i].id == question_id), -1)
        try:  # the shown question is usually near the top: no map of every row for it
            i = self._found.index(rid) if rid is not None else -1
        except ValueError:
            i = -1
        if i < 0:  # an id read leniently (damaged text) is not found by the lookup
            i = next((j for j, row in self._made.items() if row.id == question_id), -1)
        return i

    def _read_page(self, i: int, size: int = PAGE) -> None:
        wanted = [j for j in range(i, min(i + size, len(self._found))) if j not in self._made]
        if not wanted:
            return
        rows = self._load(_DETAILS, {**self._params, "rids": json.dumps([self._found[j] for j in wanted])})
        by_rid = {r[0]: r for r in rows}
        missing = [self._found[j] for j in wanted if self._found[j] not in by_rid]
        ids = {r[0]: r[1] for r in self._load(_IDS, {"rids": json.dumps(missing)})} if missing else {}
        for j in wanted:
            rid = self._found[j]
            r = by_rid.get(rid)
            self._made[j] = _question_row(r) if r is not None else QuestionRow(ids.get(rid, ""), "", "", "", "")


# The ids of rows no longer in temp.question_list (rebuilt since the search: a question deleted).
_IDS = "SELECT rowid, id FROM main.questions WHERE rowid IN (SELECT value FROM json_each(:rids))"


def _question_row(r: Sequence[Any]) -> QuestionRow:
    """A row of ``_DETAILS`` (by position: a page of them is made at every search)."""
    (_rid, qid, title, qtype, topic, difficulty, seen_at, flagged, last_rating, review_count, due, due_now,
     learning, mastered, mistake, solved, has_note) = r
    state = QuestionState(
        question_id=qid, seen_at=seen_at, flagged=bool(flagged), last_rating=last_rating,
        review_count=review_count, due=due, due_now=bool(due_now), learning=bool(learning),
        mastered=bool(mastered), mistake=bool(mistake), solved=None if solved is None else bool(solved),
    )
    return QuestionRow(qid, title, qtype, topic, difficulty, state, bool(has_note))
