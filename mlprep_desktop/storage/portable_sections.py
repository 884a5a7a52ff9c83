"""What an export holds: one ``Section`` per table of the user's data (the registry).

Adding a table to export/import is one entry in ``SECTIONS`` (parents before children). A
section says which columns travel, which fields name a row in every installation (its stable
key: slugs, uids, timestamps, never local integer ids), how local integer ids are carried as
their parent's stable key (``Ref``), and how an incoming row meets the target's copy:

- ``newer``: the row with the later value in that column wins (notes, boards, answers …);
- no ``newer`` and no ``merge``: rows never change once written (reviews, revisions): an
  incoming row is added when missing, never replaces one;
- ``merge``: a function combining both rows (the study state: flags and dates are united);
- ``parent``: the rows follow their parent: they are written only when the parent row was
  added or updated by this import (``prune``: the parent's rows missing from the file go).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

# Settings that describe this machine's window, not the user's study: never exported.
LOCAL_SETTINGS = ("app.%", "window.%", "browser.splitter", "notebook.splitters",
                  "notebook.current_note", "whiteboard.board", "whiteboard.export_dir")


@dataclass(frozen=True)
class Ref:
    """A local integer id column, carried in the file as the stable key of what it points to."""

    field: str  # the name in the file, e.g. "note_uid"
    column: str  # the local column, e.g. "note_id"
    export_sql: str  # SQL over alias ``t`` giving the stable key
    import_sql: str  # SQL with one parameter (the stable key) giving the local id
    required: bool = True  # a row whose target is missing is skipped; else the column is NULL


# prepare(conn, values, existing) -> values to write, or a str: why the row is skipped.
Prepare = Callable[[sqlite3.Connection, dict, "dict | None"], "dict | str"]
# finish(conn, keys of rows added or updated): fix-ups after a section was imported.
Finish = Callable[[sqlite3.Connection, list[tuple]], None]
# merge(existing, incoming) -> the merged row (the same dict if nothing changes).
Merge = Callable[[dict, dict], dict]


@dataclass(frozen=True)
class Section:
    name: str
    table: str
    columns: tuple[str, ...]  # exported as stored (blobs as base64)
    key: tuple[str, ...]  # columns or Ref fields naming a row in every installation
    refs: tuple[Ref, ...] = ()
    newer: str | None = None
    merge: Merge | None = None
    parent: str | None = None  # a section name
    parent_field: str | None = None  # the field of this section holding the parent's key
    prune: bool = False
    where: str = ""  # which of the table's rows are the user's (SQL over alias t)
    question_field: str | None = None  # a field that must name a question of the target
    question_required: bool = True  # else the link is dropped (NULL) when the question is missing
    blobs: tuple[str, ...] = ()
    prepare: Prepare | None = None
    finish: Finish | None = None
    label: str | None = None  # the field that names a row for the user in a preview

    def fields(self) -> tuple[str, ...]:
        return self.columns + tuple(r.field for r in self.refs)


def _merge_state(existing: dict, incoming: dict) -> dict:
    """A question's study state from two installations: seen at the earlier time, flagged if
    flagged on either, the later rating, and a count that covers both."""
    out = dict(existing)
    seen = [v for v in (existing.get("seen_at"), incoming.get("seen_at")) if v]
    out["seen_at"] = min(seen) if seen else None
    if incoming.get("flagged") and not existing.get("flagged"):
        out["flagged"], out["flagged_at"] = 1, incoming.get("flagged_at")
    if (incoming.get("last_reviewed_at") or "") > (existing.get("last_reviewed_at") or ""):
        out["last_rating"], out["last_reviewed_at"] = incoming.get("last_rating"), incoming.get("last_reviewed_at")
    out["review_count"] = max(existing.get("review_count") or 0, incoming.get("review_count") or 0)
    return out


def _count_reviews(conn: sqlite3.Connection, keys: list[tuple]) -> None:
    """After reviews were added: every reviewed question has a state that counts them all, the
    reviews a study day (their UTC date), and the questions' FSRS cards are replayed."""
    from mlprep_desktop.core.scheduling import StudyScheduler
    from mlprep_desktop.storage.study_cards import replay_card, schedule_policy

    ids = {r[0] for k in keys for r in conn.execute("SELECT question_id FROM reviews WHERE uid = ?", k)}
    conn.execute("UPDATE reviews SET day = substr(reviewed_at, 1, 10) WHERE day IS NULL")
    scheduler = StudyScheduler(schedule_policy(conn, None))
    for qid in sorted(ids):
        replay_card(conn, qid, scheduler)
    for qid in sorted(ids):
        conn.execute("INSERT OR IGNORE INTO question_state (question_id) VALUES (?)", (qid,))
        conn.execute(
            "UPDATE question_state SET review_count = MAX(review_count, "
            "(SELECT COUNT(*) FROM reviews WHERE question_id = ?)) WHERE question_id = ?", (qid, qid))


def _review(conn: sqlite3.Connection, values: dict, existing: dict | None) -> dict | str:
    """One review per interview answer: an incoming review loses its link to an answer that
    already has another review here."""
    if values.get("interview_item_id") is not None and conn.execute(
            "SELECT 1 FROM reviews WHERE interview_item_id = ? AND uid IS NOT ?",
            (values["interview_item_id"], values.get("uid"))).fetchone():
        values = dict(values, interview_item_id=None)
    return values


def _own_question(conn: sqlite3.Connection, values: dict, existing: dict | None) -> dict | str:
    if existing is not None and existing.get("source") != "user":
        return f"the id {values.get('id')!r} belongs to a bank question here"
    values = dict(values)
    values["source"] = "user"
    return values


def _board(conn: sqlite3.Connection, values: dict, existing: dict | None) -> dict | str:
    """Keep board names unique and one board per question / interview answer: an incoming
    board gets a free name, and loses a link another board of the target already has."""
    values = dict(values)
    uid = values.get("uid")
    name = str(values.get("name") or "Board")
    taken = {r[0].casefold() for r in conn.execute("SELECT name FROM boards WHERE uid IS NOT ?", (uid,))}
    free, n = name, 2
    while free.casefold() in taken:
        free, n = f"{name} ({n})", n + 1
    values["name"] = free
    for column in ("question_id", "interview_item_id"):
        if values.get(column) is not None and conn.execute(
                f"SELECT 1 FROM boards WHERE {column} = ? AND uid IS NOT ?", (values[column], uid)).fetchone():
            values[column] = None
    return values


_NOTE = Ref("note_uid", "note_id", "(SELECT uid FROM notes WHERE id = t.note_id)",
            "SELECT id FROM notes WHERE uid = ?")
_SESSION = Ref("session_uid", "session_id", "(SELECT uid FROM interview_sessions WHERE id = t.session_id)",
               "SELECT id FROM interview_sessions WHERE uid = ?")
_INTERVIEW_ITEM = Ref(
    "interview_item", "interview_item_id",
    "(SELECT s.uid || '#' || i.position FROM interview_items i JOIN interview_sessions s ON s.id = i.session_id"
    " WHERE i.id = t.interview_item_id)",
    "SELECT i.id FROM interview_items i JOIN interview_sessions s ON s.id = i.session_id"
    " WHERE s.uid || '#' || i.position = ?",
    required=False,
)

_INTERVIEW_ITEM_OF_REVIEW = Ref("interview_item", "interview_item_id", _INTERVIEW_ITEM.export_sql,
                                _INTERVIEW_ITEM.import_sql, required=False)

_QUESTION_COLUMNS = ("id", "type", "topic", "difficulty", "minutes", "title", "prompt", "answer", "key_points",
                     "pitfalls", "follow_ups", "tags", "related", "source", "retired", "updated_at", "exercise")

SECTIONS: tuple[Section, ...] = (
    Section("own_questions", "questions", _QUESTION_COLUMNS, ("id",), newer="updated_at",
            where="t.source = 'user'", prepare=_own_question, label="title"),
    Section("question_state", "question_state",
            ("question_id", "seen_at", "flagged", "flagged_at", "last_rating", "last_reviewed_at", "review_count"),
            ("question_id",), merge=_merge_state, question_field="question_id"),
    Section("answers", "answers", ("question_id", "body", "updated_at"), ("question_id",),
            newer="updated_at", question_field="question_id", label="question_id"),
    Section("notes", "notes", ("uid", "title", "body", "question_id", "created_at", "updated_at", "deleted_at"),
            ("uid",), newer="updated_at", question_field="question_id", question_required=False, label="title"),
    Section("note_tags", "note_tags", ("tag",), ("note_uid", "tag"), refs=(_NOTE,), parent="notes",
            parent_field="note_uid", prune=True),
    Section("note_links", "note_links", ("question_id",), ("note_uid", "question_id"), refs=(_NOTE,),
            parent="notes", parent_field="note_uid", prune=True),
    Section("note_revisions", "note_revisions", ("title", "body", "written_at", "kept_at"),
            ("note_uid", "written_at", "kept_at"), refs=(_NOTE,)),
    Section("interview_sessions", "interview_sessions",
            ("uid", "started_at", "updated_at", "ended_at", "status", "config", "total_budget_seconds",
             "elapsed_seconds", "current_index", "time_up", "ended_early"), ("uid",), newer="updated_at"),
    Section("interview_items", "interview_items",
            ("position", "question_id", "budget_seconds", "elapsed_seconds", "status", "time_up", "answer",
             "answer_updated_at", "revealed", "key_points", "accuracy", "communication", "code_run"),
            ("session_uid", "position"), refs=(_SESSION,), parent="interview_sessions",
            parent_field="session_uid", question_field="question_id"),
    # after the interviews: a review an interview self-score gave names its answer
    Section("reviews", "reviews", ("uid", "question_id", "rating", "reviewed_at", "seconds_spent", "context", "day"),
            ("uid",), refs=(_INTERVIEW_ITEM_OF_REVIEW,), question_field="question_id", prepare=_review,
            finish=_count_reviews),
    Section("boards", "boards",
            ("uid", "name", "scene_json", "question_id", "thumbnail", "created_at", "updated_at"),
            ("uid",), refs=(_INTERVIEW_ITEM,), newer="updated_at", question_field="question_id",
            question_required=False, blobs=("thumbnail",), prepare=_board, label="name"),
    Section("code_drafts", "code_drafts", ("question_id", "code", "updated_at"), ("question_id",),
            newer="updated_at", question_field="question_id", label="question_id"),
    Section("exercise_runs", "exercise_runs",
            ("question_id", "code", "passed", "total", "stop_reason", "seconds", "ran_at", "context"),
            ("question_id", "ran_at", "context", "passed", "total"), question_field="question_id"),
    Section("settings", "settings", ("key", "value"), ("key",),
            where=" AND ".join(f"t.key NOT LIKE '{p}'" for p in LOCAL_SETTINGS), label="key"),
)


# Tables an export leaves out, and why. Every other table must be a Section (a test checks it,
# so a new table is never silently missing from exports).
NOT_EXPORTED: dict[str, str] = {
    "bank_meta": "the bank's own content version: comes with the app",
    "_sqlite_migrations": "the schema's history: each installation has its own",
    "questions_fts": "search index: rebuilt from the questions",
    "notes_fts": "search index: rebuilt from the notes",
    "card_state": "FSRS cards: a cache of what the reviews lead to; an import replays them from the reviews",
    "review_days": "reviews per day: kept by triggers on the reviews an import adds",
}
# Columns a section leaves out: local row ids (rows travel by stable key instead), and caches
# of a column that travels (boards.scene_packed: the JSON's packed form, made again when the
# board is next saved; one left behind by an import no longer matches and is ignored).
LOCAL_COLUMNS = frozenset({"id", "scene_packed"})


def section(name: str) -> Section:
    return next(s for s in SECTIONS if s.name == name)
