"""Whiteboard boards: named scenes (versioned JSON), optionally linked to a question or to a
mock-interview answer.

Contract:
- Every write is one transaction and raises ``WriteError`` (from ``Database.transaction``) when
  the disk refuses it; nothing is half-written.
- Names are unique ignoring case: ``create``, ``duplicate``, ``for_question`` and
  ``for_interview_item`` pick a free name (``Name (2)`` …); ``rename`` to a taken or empty
  name raises ``BoardNameError`` with a message for the user.
- ``list()`` returns ``BoardSummary`` rows (no scene text), most recently edited first.
- A scene may be stored with its packed form (``core.board_packed``, issue 16), a cache of the
  JSON: kept with a SHA-256 digest of the JSON text and the packed bytes, and handed out
  (``Board.scene_packed``) only while both still match it. Writing a scene without its packed
  form drops the old one; anything else that changes the JSON (an import) leaves a cache the
  digest no longer matches, which is then ignored.
"""
from __future__ import annotations

import builtins
import sqlite3

from mlprep_desktop.core.board_model import EMPTY_SCENE_JSON
from mlprep_desktop.core.board_records import DRAFT_ID, Board, BoardSummary, unique_name
from mlprep_desktop.core.clock import utc_now_iso
from mlprep_desktop.storage.database import Database, inserted_id

_SUMMARY = "id, name, question_id, interview_item_id, updated_at, thumbnail"
_FULL = _SUMMARY + ", scene_json, created_at, CAST(scene_packed AS BLOB) AS scene_packed"  # as bytes, whatever was written
_DIGEST_SIZE = 32  # SHA-256


class BoardNameError(ValueError):
    """A name the user chose cannot be used (empty, or another board has it)."""


class BoardRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    # ----- reading
    def list(self) -> builtins.list[BoardSummary]:
        rows = self._db.query(f"SELECT {_SUMMARY} FROM boards ORDER BY updated_at DESC, id DESC")
        return [_summary(r) for r in rows]

    def get(self, board_id: int) -> Board | None:
        rows = self._db.query(f"SELECT {_FULL} FROM boards WHERE id = ?", (board_id,))
        return _board(rows[0]) if rows else None

    def find_by_name(self, name: str) -> Board | None:
        """The board called ``name`` (ignoring case and surrounding spaces), or None."""
        rows = self._db.query(f"SELECT {_FULL} FROM boards WHERE name = ? COLLATE NOCASE", (" ".join(name.split()),))
        return _board(rows[0]) if rows else None

    def names(self) -> builtins.list[str]:
        return [r[0] for r in self._db.query("SELECT name FROM boards ORDER BY name COLLATE NOCASE")]

    # ----- writing
    def create(
        self,
        name: str,
        *,
        scene_json: str = EMPTY_SCENE_JSON,
        question_id: str | None = None,
        interview_item_id: int | None = None,
        scene_packed: bytes | None = None,
    ) -> Board:
        """A new board called ``name`` (or the next free variant of it); ``scene_packed`` is
        ``scene_json``'s packed form, when the caller has it."""
        now = utc_now_iso()
        with self._db.transaction() as conn:
            free = unique_name(name, self._taken(conn))
            cursor = conn.execute(
                "INSERT INTO boards (name, scene_json, question_id, interview_item_id, created_at, updated_at,"
                " scene_packed) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (free, scene_json, question_id, interview_item_id, now, now, _packed_column(scene_json, scene_packed)),
            )
            board_id = inserted_id(cursor)
        return self._get(board_id)

    def rename(self, board_id: int, name: str) -> Board:
        clean = " ".join(name.split())
        if not clean:
            raise BoardNameError("A board needs a name.")
        other = self.find_by_name(clean)
        if other is not None and other.id != board_id:
            raise BoardNameError(f"Another board is already called “{other.name}”.")
        with self._db.transaction() as conn:
            conn.execute("UPDATE boards SET name = ?, updated_at = ? WHERE id = ?", (clean, utc_now_iso(), board_id))
        return self._get(board_id)

    def duplicate(self, board_id: int) -> Board:
        """A copy of the board's scene and thumbnail under a new name, linked to nothing."""
        source = self._get(board_id)
        now = utc_now_iso()
        with self._db.transaction() as conn:
            free = unique_name(f"{source.name} copy", self._taken(conn))
            cursor = conn.execute(
                "INSERT INTO boards (name, scene_json, thumbnail, created_at, updated_at, scene_packed)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (free, source.scene_json, source.thumbnail, now, now,
                 _packed_column(source.scene_json, source.scene_packed)),
            )
            new_id = inserted_id(cursor)
        return self._get(new_id)

    def delete(self, board_id: int) -> None:
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM boards WHERE id = ?", (board_id,))

    def save_scene(self, board_id: int, scene_json: str, thumbnail: bytes | None = None,
                   packed: bytes | None = None) -> str:
        """Store the scene (and its thumbnail PNG when given) with its packed form (or none:
        a packed form of an earlier scene is dropped). Returns the new ``updated_at``."""
        now = utc_now_iso()
        packed_column = _packed_column(scene_json, packed)
        with self._db.transaction() as conn:
            if thumbnail is None:
                cursor = conn.execute(
                    "UPDATE boards SET scene_json = ?, scene_packed = ?, updated_at = ? WHERE id = ?",
                    (scene_json, packed_column, now, board_id),
                )
            else:
                cursor = conn.execute(
                    "UPDATE boards SET scene_json = ?, scene_packed = ?, thumbnail = ?, updated_at = ? WHERE id = ?",
                    (scene_json, packed_column, thumbnail, now, board_id),
                )
            if cursor.rowcount != 1:
                raise KeyError(f"no board {board_id}")
        return now

    def by_question(self, question_id: str) -> Board | None:
        """The board linked to a question, or None."""
        rows = self._db.query(f"SELECT {_FULL} FROM boards WHERE question_id = ?", (question_id,))
        return _board(rows[0]) if rows else None

    def by_interview_item(self, item_id: int) -> Board | None:
        """The board linked to a mock-interview answer, or None."""
        rows = self._db.query(f"SELECT {_FULL} FROM boards WHERE interview_item_id = ?", (int(item_id),))
        return _board(rows[0]) if rows else None

    def draft(self, name: str, *, question_id: str | None = None, interview_item_id: int | None = None) -> Board:
        """An unsaved board (id ``DRAFT_ID``) named as ``create`` would name it; writes nothing."""
        with self._db.transaction() as conn:
            free = unique_name(name, self._taken(conn))
        return Board(DRAFT_ID, free, question_id, interview_item_id, "", None, EMPTY_SCENE_JSON, "")

    def question_board_name(self, question_id: str) -> str:
        """The name a question's board gets (its title, shortened); KeyError if no such question."""
        titles = self._db.query("SELECT title FROM questions WHERE id = ?", (question_id,))
        if not titles:
            raise KeyError(f"no question {question_id!r}")
        return _short(titles[0][0])

    def for_question(self, question_id: str) -> Board:
        """The board linked to a question, created (named after the question) on first use."""
        board = self.by_question(question_id)
        if board is not None:
            return board
        return self.create(self.question_board_name(question_id), question_id=question_id)

    def for_interview_item(self, item_id: int, title: str) -> Board:
        """The board linked to a mock-interview answer, created (named ``title``) on first use."""
        board = self.by_interview_item(item_id)
        if board is not None:
            return board
        return self.create(interview_board_name(title), interview_item_id=int(item_id))

    # ----- internals
    def _get(self, board_id: int) -> Board:
        board = self.get(board_id)
        if board is None:
            raise KeyError(f"no board {board_id}")
        return board

    @staticmethod
    def _taken(conn: sqlite3.Connection) -> set[str]:
        return {r[0] for r in conn.execute("SELECT name FROM boards")}


def interview_board_name(title: str) -> str:
    return _short(title) or "Interview sketch"


def _short(title: str, limit: int = 80) -> str:
    clean = " ".join(title.split())
    return clean if len(clean) <= limit else clean[: limit - 1].rstrip() + "…"


def _summary(r: sqlite3.Row) -> BoardSummary:
    return BoardSummary(
        id=r["id"],
        name=r["name"],
        question_id=r["question_id"],
        interview_item_id=r["interview_item_id"],
        updated_at=r["updated_at"],
        thumbnail=bytes(r["thumbnail"]) if r["thumbnail"] is not None else None,
    )


def _board(r: sqlite3.Row) -> Board:
    scene_json = r["scene_json"]
    return Board(**vars(_summary(r)), scene_json=scene_json, created_at=r["created_at"],
                 scene_packed=_verified_packed(scene_json, r["scene_packed"]))


def _digest(scene_json: str, packed: bytes | memoryview) -> bytes:
    import hashlib  # not at start-up: boards are read when the whiteboard is

    digest = hashlib.sha256(scene_json.encode("utf-8", "surrogatepass"))
    digest.update(packed)
    return digest.digest()


def _packed_column(scene_json: str, packed: bytes | None) -> bytes | None:
    """What the ``scene_packed`` column holds: the digest of the JSON and the packed bytes,
    then the packed bytes (NULL without a packed form)."""
    return None if not packed else _digest(scene_json, packed) + packed


def _verified_packed(scene_json: str | None, column: bytes | None) -> bytes | None:
    """The packed form stored with ``scene_json``, or None when there is none or it was made
    for another text (or damaged)."""
    if scene_json is None or column is None or len(column) <= _DIGEST_SIZE:
        return None
    data = memoryview(column)
    body = data[_DIGEST_SIZE:]
    if _digest(scene_json, body) != data[:_DIGEST_SIZE]:
        return None
    return bytes(body)
