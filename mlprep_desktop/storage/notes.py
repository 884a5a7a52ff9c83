"""The notebook's repository: notes, their tags, links to questions, revisions and the Trash.

Contract:
- Every write is one transaction (``Database.transaction``) and raises ``WriteError`` when the
  disk refuses it; nothing is half-written. Times come from ``clock`` (UTC ISO-8601).
- ``save`` writes only what changed and keeps the text it replaces as a revision when the
  ``RevisionPolicy`` says so (at most every 10 minutes while a note changes).
- Optimistic check: ``save(..., loaded=note)`` writes only if the stored note is still the one
  the caller loaded (same ``updated_at``, title, text and tags); otherwise it writes nothing
  and raises ``NoteConflictError`` (another app window on the same file saved it meanwhile),
  so the last writer never silently wins.
- Deleting moves a note to the Trash (``deleted_at``); ``purge_expired`` removes notes that
  have been there 30 days. Lists, searches, tags and backlinks ignore the Trash unless asked.
- Search uses the same safe query handling as the question browser (``fts_query``).
"""
from __future__ import annotations

import builtins
import re
import sqlite3
from collections.abc import Callable, Iterable

from mlprep_desktop.core.clock import utc_now_iso
from mlprep_desktop.core.note_links import linked_question_ids
from mlprep_desktop.core.note_models import (
    MATCH_END,
    MATCH_START,
    Backlink,
    Note,
    NoteFilter,
    NoteRevision,
    NoteSummary,
    SaveResult,
    StudiedQuestion,
    clean_title,
)
from mlprep_desktop.core.note_policy import RevisionPolicy, trash_cutoff
from mlprep_desktop.core.search_query import fts_query, search_terms
from mlprep_desktop.storage.database import Database, NoteConflictError, inserted_id, is_damage

_SUMMARY = (
    "n.id, n.title, n.question_id, n.updated_at, n.deleted_at, length(n.body) AS size, "
    "(SELECT group_concat(t.tag, ' ') FROM note_tags t WHERE t.note_id = n.id) AS tags"
)
_SNIPPET_CHARS = 160
_FTS_SNIPPET_MAX = 100_000  # characters: above this, search snippets are cut without snippet()
_MARKUP = re.compile(r"(\[\[|\]\]|[#*_`>|~]|^\s*[-+]\s)", re.MULTILINE)


class NoteMissingError(LookupError):
    """The note is gone (deleted for good)."""


class NoteRepository:
    def __init__(
        self,
        database: Database,
        clock: Callable[[], str] = utc_now_iso,
        policy: RevisionPolicy | None = None,
    ) -> None:
        self._db = database
        self.clock = clock
        self.policy = policy or RevisionPolicy()
        self.index_damaged = False  # a search met a damaged full-text index and fell back

    # ----- reading
    def _damaged_search(self, where: list[str], params: list, terms: list[str]) -> list[NoteSummary]:
        """A search when the full-text index is damaged: a plain match on title and text (slower,
        but it answers; Tools › Check database rebuilds the index)."""
        self.index_damaged = True
        clauses = list(where)
        args = list(params)
        for term in terms:
            clauses.append("(lower(n.title) LIKE ? ESCAPE '\\' OR lower(n.body) LIKE ? ESCAPE '\\')")
            like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            args += [like, like]
        sql = (f"SELECT {_SUMMARY}, substr(n.body, 1, 600) AS head FROM notes n WHERE " + " AND ".join(clauses)
               + " ORDER BY n.updated_at DESC, n.id DESC")
        return [_summary(r, _plain_snippet(r["title"], r["head"])) for r in self._db.query_lenient(sql, args)]

    def get(self, note_id: int) -> Note | None:
        rows = self._db.query("SELECT * FROM notes WHERE id = ?", (note_id,))
        if not rows:
            return None
        r = rows[0]
        return Note(r["id"], r["title"], r["body"], self._tags(self._db.conn, note_id), r["question_id"],
                    r["created_at"], r["updated_at"], r["deleted_at"])

    def list(self, flt: NoteFilter = NoteFilter()) -> builtins.list[NoteSummary]:
        """Notes (or the Trash) matching ``flt``: ranked by relevance when there is search text,
        otherwise newest first (last written; the Trash by deletion). Never raises for any text."""
        where = ["n.deleted_at IS NOT NULL" if flt.trash else "n.deleted_at IS NULL"]
        params: list = []
        if flt.tag:
            where.append("EXISTS (SELECT 1 FROM note_tags t WHERE t.note_id = n.id AND t.tag = ?)")
            params.append(flt.tag)
        match = fts_query(flt.text)
        if match:
            # FTS5's snippet() re-reads the whole text: for very long notes a cheaper cut around
            # the first word found is taken instead, and marked here.
            sql = (
                f"SELECT {_SUMMARY}, CASE WHEN length(n.body) <= {_FTS_SNIPPET_MAX} THEN "
                "snippet(notes_fts, 1, char(2), char(3), '…', 16) END AS snip, "
                f"CASE WHEN length(n.body) > {_FTS_SNIPPET_MAX} THEN "
                "substr(n.body, max(1, instr(lower(n.body), ?) - 60), 240) END AS around "
                "FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid WHERE notes_fts MATCH ? AND "
                + " AND ".join(where) + " ORDER BY bm25(notes_fts, 5.0, 1.0), n.id DESC"
            )
            terms = search_terms(flt.text)
            try:
                rows = self._db.query(sql, [terms[0], match, *params])
                self.index_damaged = False
            except sqlite3.DatabaseError as exc:
                if not is_damage(exc):
                    raise
                return self._damaged_search(where, params, terms)
            return [_summary(r, _clean_snippet(r["snip"]) if r["snip"] is not None else _marked(r["around"] or "", terms))
                    for r in rows]
        order = "n.deleted_at DESC" if flt.trash else "n.updated_at DESC"
        sql = (
            f"SELECT {_SUMMARY}, substr(n.body, 1, 600) AS head FROM notes n WHERE "
            + " AND ".join(where) + f" ORDER BY {order}, n.id DESC"
        )
        return [_summary(r, _plain_snippet(r["title"], r["head"])) for r in self._db.query(sql, params)]

    def summary(self, note_id: int) -> NoteSummary | None:
        """One note's list row (after a save, to update the list in place)."""
        rows = self._db.query(f"SELECT {_SUMMARY}, substr(n.body, 1, 600) AS head FROM notes n WHERE n.id = ?",
                              (note_id,))
        return _summary(rows[0], _plain_snippet(rows[0]["title"], rows[0]["head"])) if rows else None

    def tag_counts(self) -> dict[str, int]:
        """Each tag used by a note outside the Trash, with how many notes use it."""
        rows = self._db.query(
            "SELECT t.tag, COUNT(*) AS n FROM note_tags t JOIN notes n ON n.id = t.note_id "
            "WHERE n.deleted_at IS NULL GROUP BY t.tag ORDER BY t.tag"
        )
        return {r["tag"]: r["n"] for r in rows}

    def trash_count(self) -> int:
        return self._db.query("SELECT COUNT(*) FROM notes WHERE deleted_at IS NOT NULL")[0][0]

    def for_question(self, question_id: str) -> Note | None:
        """The question's own note (the most recently written, outside the Trash)."""
        rows = self._db.query(
            "SELECT id FROM notes WHERE question_id = ? AND deleted_at IS NULL ORDER BY updated_at DESC, id DESC",
            (question_id,),
        )
        return self.get(rows[0][0]) if rows else None

    def find_by_title(self, title: str) -> Note | None:
        rows = self._db.query(
            "SELECT id FROM notes WHERE title = ? COLLATE NOCASE AND deleted_at IS NULL ORDER BY id DESC",
            (clean_title(title),),
        )
        return self.get(rows[0][0]) if rows else None

    def backlinks(self, question_id: str) -> builtins.list[Backlink]:
        """Notes outside the Trash about a question: its own note first, then the notes that
        link to it with [[id]], most recently written first."""
        rows = self._db.query(
            "SELECT n.id, n.title, n.question_id IS ? AS own FROM notes n WHERE n.deleted_at IS NULL AND "
            "(n.question_id = ? OR EXISTS (SELECT 1 FROM note_links l WHERE l.note_id = n.id AND l.question_id = ?)) "
            "ORDER BY own DESC, n.updated_at DESC, n.id DESC",
            (question_id, question_id, question_id),
        )
        return [Backlink(r["id"], r["title"], bool(r["own"])) for r in rows]

    def revisions(self, note_id: int) -> builtins.list[NoteRevision]:
        """Earlier versions of a note, newest first (without their text)."""
        rows = self._db.query(
            "SELECT id, note_id, title, written_at, kept_at, length(body) AS size FROM note_revisions "
            "WHERE note_id = ? ORDER BY kept_at DESC, id DESC",
            (note_id,),
        )
        return [NoteRevision(r["id"], r["note_id"], r["title"], r["written_at"], r["kept_at"], r["size"]) for r in rows]

    def revision(self, revision_id: int) -> NoteRevision | None:
        rows = self._db.query("SELECT *, length(body) AS size FROM note_revisions WHERE id = ?", (revision_id,))
        if not rows:
            return None
        r = rows[0]
        return NoteRevision(r["id"], r["note_id"], r["title"], r["written_at"], r["kept_at"], r["size"], r["body"])

    def all_ids(self) -> builtins.list[int]:
        """Every note outside the Trash, newest first (for exporting all notes)."""
        return [r[0] for r in self._db.query(
            "SELECT id FROM notes WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC")]

    def studied_between(
        self, start: str, end: str
    ) -> tuple[builtins.list[StudiedQuestion], builtins.list[StudiedQuestion]]:
        """(done, to revisit) for a period: questions rated in it (with the last rating given
        in it), and those flagged in it or rated Again/Hard in it."""
        rows = self._db.query(
            "SELECT q.id, q.title, COALESCE(s.flagged, 0) AS flagged, "
            " (SELECT r2.rating FROM reviews r2 WHERE r2.question_id = q.id AND r2.reviewed_at >= ? "
            "  AND r2.reviewed_at < ? ORDER BY r2.reviewed_at DESC, r2.id DESC LIMIT 1) AS rating "
            "FROM reviews r JOIN questions q ON q.id = r.question_id "
            "LEFT JOIN question_state s ON s.question_id = q.id "
            "WHERE r.reviewed_at >= ? AND r.reviewed_at < ? GROUP BY q.id ORDER BY MIN(r.reviewed_at), q.id",
            (start, end, start, end),
        )
        done = [StudiedQuestion(r["id"], r["title"], r["rating"], bool(r["flagged"])) for r in rows]
        revisit = [q for q in done if q.flagged or (q.last_rating or 4) <= 2]
        seen = {q.question_id for q in done}
        flagged = self._db.query(
            "SELECT q.id, q.title, s.last_rating FROM question_state s JOIN questions q ON q.id = s.question_id "
            "WHERE s.flagged = 1 AND s.flagged_at >= ? AND s.flagged_at < ? ORDER BY s.flagged_at, q.id",
            (start, end),
        )
        revisit += [StudiedQuestion(r["id"], r["title"], r["last_rating"], True) for r in flagged if r["id"] not in seen]
        return done, revisit

    # ----- writing
    def create(self, title: str, body: str = "", tags: Iterable[str] = (), question_id: str | None = None) -> Note:
        now = self.clock()
        with self._db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO notes (title, body, question_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                (clean_title(title), body, question_id, now, now),
            )
            note_id = inserted_id(cursor)
            self._write_tags(conn, note_id, tuple(tags))
            self._write_links(conn, note_id, linked_question_ids(body))
        return self._require(note_id)

    def save(self, note_id: int, title: str, body: str, tags: Iterable[str] | None = None, *,
             loaded: Note | None = None, keep_replaced: bool = False) -> SaveResult:
        """Write the note's title, body (and tags, when given) if they changed.

        ``loaded``: the note as the caller last loaded or saved it; if the stored note is no
        longer that one, nothing is written and ``NoteConflictError`` is raised.
        ``keep_replaced``: keep the text this replaces as a revision whatever the policy says
        (to overwrite another window's version without losing it)."""
        return self._save(note_id, clean_title(title), body, None if tags is None else tuple(tags),
                          force_revision=keep_replaced, loaded=loaded)

    def keep_revision(self, note_id: int, title: str, body: str) -> None:
        """Keep ``title``/``body`` in the note's history without making them current (e.g. the
        text of a window that lost a conflict, before it shows the stored version)."""
        now = self.clock()
        with self._db.transaction() as conn:
            if conn.execute("SELECT 1 FROM notes WHERE id = ?", (note_id,)).fetchone() is None:
                raise NoteMissingError(f"Note {note_id} no longer exists.")
            conn.execute(
                "INSERT INTO note_revisions (note_id, title, body, written_at, kept_at) VALUES (?, ?, ?, ?, ?)",
                (note_id, clean_title(title), body, now, now),
            )

    def rename(self, note_id: int, title: str) -> SaveResult:
        note = self._require(note_id)
        return self._save(note_id, clean_title(title), note.body, None, force_revision=False)

    def restore_revision(self, note_id: int, revision_id: int) -> SaveResult:
        """Make an earlier version current again; the text it replaces is kept as a revision."""
        revision = self.revision(revision_id)
        if revision is None or revision.note_id != note_id:
            raise NoteMissingError(f"Revision {revision_id} of note {note_id} does not exist.")
        return self._save(note_id, revision.title, revision.body or "", None, force_revision=True)

    def move_to_trash(self, note_id: int) -> Note:
        with self._db.transaction() as conn:
            conn.execute("UPDATE notes SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", (self.clock(), note_id))
        return self._require(note_id)

    def restore(self, note_id: int) -> Note:
        with self._db.transaction() as conn:
            conn.execute("UPDATE notes SET deleted_at = NULL WHERE id = ?", (note_id,))
        return self._require(note_id)

    def delete_forever(self, note_id: int) -> None:
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM notes WHERE id = ? AND deleted_at IS NOT NULL", (note_id,))

    def empty_trash(self) -> int:
        with self._db.transaction() as conn:
            return conn.execute("DELETE FROM notes WHERE deleted_at IS NOT NULL").rowcount

    def purge_expired(self) -> int:
        """Remove notes that have been in the Trash for 30 days. Returns how many."""
        with self._db.transaction() as conn:
            return conn.execute(
                "DELETE FROM notes WHERE deleted_at IS NOT NULL AND deleted_at <= ?", (trash_cutoff(self.clock()),)
            ).rowcount

    # ----- internals
    def _require(self, note_id: int) -> Note:
        note = self.get(note_id)
        if note is None:
            raise NoteMissingError(f"Note {note_id} no longer exists.")
        return note

    def _save(self, note_id: int, title: str, body: str, tags: tuple[str, ...] | None, *, force_revision: bool,
              loaded: Note | None = None) -> SaveResult:
        now = self.clock()
        revision_kept = links_changed = False
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT title, body, question_id, created_at, updated_at, deleted_at FROM notes WHERE id = ?", (note_id,)
            ).fetchone()
            if row is None:
                raise NoteMissingError(f"Note {note_id} no longer exists.")
            old_tags = self._tags(conn, note_id)
            new_tags = old_tags if tags is None else tags
            old = (row["title"], row["body"])
            content_changed = old != (title, body)
            tags_changed = set(new_tags) != set(old_tags)
            if not content_changed and not tags_changed:
                note = Note(note_id, title, body, old_tags, row["question_id"], row["created_at"], row["updated_at"],
                            row["deleted_at"])
                return SaveResult(note, False, False, False)
            if loaded is not None and (
                (row["updated_at"], row["title"], row["body"], set(old_tags))
                != (loaded.updated_at, loaded.title, loaded.body, set(loaded.tags))
            ):
                current = Note(note_id, row["title"], row["body"], old_tags, row["question_id"], row["created_at"],
                               row["updated_at"], row["deleted_at"])
                raise NoteConflictError(
                    f"“{row['title']}” was saved in another MLPrep window (at {row['updated_at']}) after it was "
                    "opened here, so your changes were not saved, to not overwrite that version. "
                    "Your text is still on screen.", current)
            if content_changed:
                last = conn.execute("SELECT MAX(kept_at) FROM note_revisions WHERE note_id = ?", (note_id,)).fetchone()[0]
                keep = self.policy.should_keep(last or row["created_at"], now, old, (title, body))
                if keep or (force_revision and old[1].strip()):
                    conn.execute(
                        "INSERT INTO note_revisions (note_id, title, body, written_at, kept_at) VALUES (?, ?, ?, ?, ?)",
                        (note_id, old[0], old[1], row["updated_at"], now),
                    )
                    revision_kept = True
                conn.execute("UPDATE notes SET title = ?, body = ?, updated_at = ? WHERE id = ?", (title, body, now, note_id))
                links_changed = title != old[0]
                if body != old[1]:
                    links_changed = self._write_links(conn, note_id, linked_question_ids(body)) or links_changed
            else:
                conn.execute("UPDATE notes SET updated_at = ? WHERE id = ?", (now, note_id))
            if tags_changed:
                self._write_tags(conn, note_id, new_tags)
        note = Note(note_id, title, body, tuple(sorted(set(new_tags))), row["question_id"], row["created_at"], now,
                    row["deleted_at"])
        return SaveResult(note, True, links_changed, revision_kept)

    @staticmethod
    def _tags(conn: sqlite3.Connection, note_id: int) -> tuple[str, ...]:
        rows = conn.execute("SELECT tag FROM note_tags WHERE note_id = ? ORDER BY tag", (note_id,)).fetchall()
        return tuple(r[0] for r in rows)

    @staticmethod
    def _write_tags(conn: sqlite3.Connection, note_id: int, tags: tuple[str, ...]) -> None:
        conn.execute("DELETE FROM note_tags WHERE note_id = ?", (note_id,))
        conn.executemany("INSERT OR IGNORE INTO note_tags (note_id, tag) VALUES (?, ?)", [(note_id, t) for t in tags])

    @staticmethod
    def _write_links(conn: sqlite3.Connection, note_id: int, question_ids: builtins.list[str]) -> bool:
        """Replace the note's links if they differ. Returns True when they changed."""
        old = {r[0] for r in conn.execute("SELECT question_id FROM note_links WHERE note_id = ?", (note_id,))}
        if old == set(question_ids):
            return False
        conn.execute("DELETE FROM note_links WHERE note_id = ?", (note_id,))
        conn.executemany("INSERT INTO note_links (note_id, question_id) VALUES (?, ?)", [(note_id, q) for q in question_ids])
        return True


def _summary(r: sqlite3.Row, snippet: str) -> NoteSummary:
    tags = tuple(sorted((r["tags"] or "").split()))
    return NoteSummary(r["id"], r["title"], snippet, tags, r["question_id"], r["updated_at"], r["deleted_at"], r["size"])


def _plain_snippet(title: str, head: str) -> str:
    """The start of a note as one line of plain text, without a first heading equal to the title."""
    lines = (head or "").split("\n")
    if lines and lines[0].lstrip("# ").strip().casefold() == title.strip().casefold():
        lines = lines[1:]
    text = " ".join(_MARKUP.sub(" ", " ".join(lines)).split())
    return text[:_SNIPPET_CHARS]


def _marked(text: str, terms: list[str]) -> str:
    """A cut of a long note as a snippet: whole words only, words starting with a term marked."""
    words = " ".join(_MARKUP.sub(" ", text).split()).split(" ")
    words = words[1:-1] if len(words) > 2 else words  # the cut may have split the end words
    pattern = re.compile(r"(?<!\w)(?:%s)\w*" % "|".join(re.escape(t) for t in terms), re.IGNORECASE)
    body = pattern.sub(lambda m: f"{MATCH_START}{m.group(0)}{MATCH_END}", " ".join(words))
    return f"…{body}…"


def _clean_snippet(snippet: str) -> str:
    text = _MARKUP.sub(" ", snippet.replace("\n", " "))
    text = " ".join(text.split())
    text = text.replace(f"{MATCH_START} ", MATCH_START).replace(f" {MATCH_END}", MATCH_END)
    return text
