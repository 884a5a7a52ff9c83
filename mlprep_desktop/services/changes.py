"""What a write changed: a typed value every operation in ``services`` returns.

The UI hands a ``Change`` to the main window, whose ``data_changed`` signal lets each tab
refresh itself when ``change.concerns(...)`` the kinds it shows. No Qt here.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Generic, TypeVar

T = TypeVar("T", covariant=True)  # an Outcome[Note] is an Outcome[Note | None]


class ChangeKind(Enum):
    """The kinds of data a write can change; one member per thing a tab may show."""

    QUESTIONS = "questions"  # questions added, edited, retired (bank update, own questions, import)
    STUDY_STATE = "study_state"  # seen marks, flags, ratings / reviews, scheduling state
    ANSWERS = "answers"  # "my answer" drafts and code drafts
    INTERVIEWS = "interviews"  # mock interview sessions: started, answered, graded, ended
    BOARDS = "boards"  # whiteboard boards: created, renamed, deleted or their scene saved
    NOTES = "notes"  # notebook notes: created, edited, moved to or back from the Trash
    NOTE_LINKS = "note_links"  # which questions have notes, or are linked from one, changed
    EXERCISE_RUNS = "exercise_runs"  # coding exercise runs recorded (solved / attempted)
    SETTINGS = "settings"  # preferences, the study plan, the daily goal
    DATABASE = "database"  # the whole file was replaced (restore, import): refresh everything


@dataclass(frozen=True)
class Change:
    """Kinds of data changed, and the ids concerned where known (empty: not narrowed)."""

    kinds: frozenset[ChangeKind] = frozenset()
    question_ids: frozenset[str] = frozenset()
    note_ids: frozenset[int] = frozenset()
    board_ids: frozenset[int] = frozenset()
    session_ids: frozenset[int] = frozenset()

    @classmethod
    def of(
        cls,
        *kinds: ChangeKind,
        question_ids: Iterable[str] = (),
        note_ids: Iterable[int] = (),
        board_ids: Iterable[int] = (),
        session_ids: Iterable[int] = (),
    ) -> Change:
        return cls(frozenset(kinds), frozenset(question_ids), frozenset(note_ids),
                   frozenset(board_ids), frozenset(session_ids))

    def concerns(self, *kinds: ChangeKind) -> bool:
        """True if this change touches any of ``kinds`` (a whole-database change touches all)."""
        return ChangeKind.DATABASE in self.kinds or any(k in self.kinds for k in kinds)

    def __or__(self, other: Change) -> Change:
        return Change(self.kinds | other.kinds, self.question_ids | other.question_ids,
                      self.note_ids | other.note_ids, self.board_ids | other.board_ids,
                      self.session_ids | other.session_ids)

    def __bool__(self) -> bool:
        return bool(self.kinds)


NO_CHANGE = Change()


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What an operation returns: its value (a new state, a record …) and what it changed."""

    value: T
    change: Change = field(default=NO_CHANGE)
