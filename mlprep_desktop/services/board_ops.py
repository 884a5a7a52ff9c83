"""``BoardOperations`` (``context.board_ops``): whiteboard boards as the app uses them.

Contract: each write is one transaction returning an ``Outcome`` whose ``Change`` has
``BOARDS`` (with the board id, and the question id when the board belongs to one). Opening a
question's or an interview answer's board creates it on first use, and only then reports a
change. ``draft_for_question`` / ``draft_for_interview_item`` write nothing: they give the
existing board or an unsaved draft (id ``DRAFT_ID``), stored by the first ``save_scene``
(issue 18: a Sketch click that draws nothing leaves no empty board behind). A name the user cannot use, or a record that is gone, raises ``OperationError`` with
the message for the user. No Qt.
"""
from __future__ import annotations

from mlprep_desktop.core.board_records import DRAFT_ID, Board
from mlprep_desktop.services.changes import Change, ChangeKind, Outcome
from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.storage.boards import BoardNameError, BoardRepository, interview_board_name
from mlprep_desktop.storage.database import Database


class BoardOperations:
    def __init__(self, database: Database, boards: BoardRepository) -> None:
        self._db = database
        self._boards = boards

    def for_question(self, question_id: str) -> Outcome[Board]:
        """The question's board, created (named after the question) on first use."""
        with self._db.transaction():
            board = self._boards.by_question(question_id)
            if board is not None:
                return Outcome(board)
            try:
                board = self._boards.for_question(question_id)
            except KeyError:
                raise OperationError(f"The question “{question_id}” is not in the bank.") from None
        return Outcome(board, _changed(board))

    def draft_for_question(self, question_id: str) -> Outcome[Board]:
        """The question's board, or a draft of it (nothing written; no change)."""
        board = self._boards.by_question(question_id)
        if board is not None:
            return Outcome(board)
        try:
            name = self._boards.question_board_name(question_id)
        except KeyError:
            raise OperationError(f"The question “{question_id}” is not in the bank.") from None
        return Outcome(self._boards.draft(name, question_id=question_id))

    def draft_for_interview_item(self, item_id: int, title: str) -> Outcome[Board]:
        """The mock-interview answer's board, or a draft of it (nothing written; no change)."""
        board = self._boards.by_interview_item(item_id)
        if board is not None:
            return Outcome(board)
        return Outcome(self._boards.draft(interview_board_name(title), interview_item_id=int(item_id)))

    def for_interview_item(self, item_id: int, title: str) -> Outcome[Board]:
        """The board of a mock-interview answer, created (named ``title``) on first use."""
        with self._db.transaction():
            board = self._boards.by_interview_item(item_id)
            if board is not None:
                return Outcome(board)
            board = self._boards.for_interview_item(item_id, title)
        return Outcome(board, _changed(board))

    def create(self, name: str) -> Outcome[Board]:
        board = self._boards.create(name)
        return Outcome(board, _changed(board))

    def rename(self, board_id: int, name: str) -> Outcome[Board]:
        try:
            board = self._boards.rename(board_id, name)
        except BoardNameError as exc:
            raise OperationError(str(exc)) from None
        except KeyError:
            raise OperationError("That board no longer exists.") from None
        return Outcome(board, _changed(board))

    def duplicate(self, board_id: int) -> Outcome[Board]:
        try:
            board = self._boards.duplicate(board_id)
        except KeyError:
            raise OperationError("That board no longer exists.") from None
        return Outcome(board, _changed(board))

    def delete(self, board_id: int) -> Outcome[None]:
        self._boards.delete(board_id)
        return Outcome(None, Change.of(ChangeKind.BOARDS, board_ids=[board_id]))

    def save_scene(self, board: Board, scene_json: str, thumbnail: bytes | None,
                   packed: bytes | None = None) -> Outcome[Board]:
        """Store the scene of ``board`` (a draft is created first), with ``packed``, its packed
        form when the caller has it (``core.board_packed``). If the board was deleted elsewhere
        meanwhile, the drawing is kept as a new board of the same name (the value is then that
        board)."""
        with self._db.transaction():
            if board.id == DRAFT_ID:  # a draft's first save creates it (or finds it, made meanwhile)
                if board.question_id is not None:
                    board = self._boards.for_question(board.question_id)
                elif board.interview_item_id is not None:
                    board = self._boards.for_interview_item(board.interview_item_id, board.name)
                else:
                    board = self._boards.create(board.name)
            try:
                self._boards.save_scene(board.id, scene_json, thumbnail, packed)
                saved = board
            except KeyError:
                saved = self._boards.create(board.name, scene_json=scene_json, scene_packed=packed)
        return Outcome(saved, _changed(saved))


def _changed(board: Board) -> Change:
    return Change.of(ChangeKind.BOARDS, board_ids=[board.id],
                     question_ids=[board.question_id] if board.question_id else ())
