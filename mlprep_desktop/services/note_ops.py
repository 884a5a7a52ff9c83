"""``NoteOperations`` (``context.note_ops``): the notebook's use cases — a question's own note
(created on first use), today's study log, blank notes, saving (with conflict detection),
earlier versions, and the Trash.

Contract: each write is one transaction returning an ``Outcome`` whose ``Change`` has
``NOTES`` (with the note id), plus ``NOTE_LINKS`` when which questions have or are linked from
notes changed. A note or version that is gone raises ``OperationError``; a save over a version
written in another window raises ``NoteConflictError`` and writes nothing. No Qt.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from mlprep_desktop.core.note_links import linked_question_ids
from mlprep_desktop.core.note_models import DRAFT_NOTE_ID, UNTITLED, Note, SaveResult
from mlprep_desktop.core.note_templates import NoteDraft, daily_log, daily_log_title, local_day_bounds, question_note
from mlprep_desktop.core.project_template import project_note
from mlprep_desktop.services.changes import NO_CHANGE, Change, ChangeKind, Outcome
from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.storage.database import Database
from mlprep_desktop.storage.notes import NoteRepository
from mlprep_desktop.storage.questions import QuestionRepository


class NoteOperations:
    def __init__(self, database: Database, notes: NoteRepository, questions: QuestionRepository) -> None:
        self._db = database
        self._notes = notes
        self._questions = questions

    # ----- creating
    def create_blank(self) -> Outcome[Note]:
        return self._create(NoteDraft(UNTITLED, ""))

    def question_note(self, question_id: str) -> Outcome[Note | None]:
        """The question's own note, created (linked to it, from the template) on first use.
        The value is None, nothing written, when the question is not in the bank."""
        with self._db.transaction():
            note = self._notes.for_question(question_id)
            if note is not None:
                return Outcome(note)
            question = self._questions.get(question_id)
            if question is None:
                return Outcome(None)
            return self._create(question_note(question_id, question.title), question_id=question_id)

    def question_note_draft(self, question_id: str) -> Outcome[Note | None]:
        """The question's own note, or an unsaved draft of it (id ``DRAFT_NOTE_ID``, from the
        template) that ``save`` stores on the first edit; nothing is written here (issue 18:
        Notes opened and left untouched leave no empty note). None: not in the bank."""
        note = self._notes.for_question(question_id)
        if note is not None:
            return Outcome(note)
        question = self._questions.get(question_id)
        if question is None:
            return Outcome(None)
        draft = question_note(question_id, question.title)
        return Outcome(Note(DRAFT_NOTE_ID, draft.title, draft.body, tuple(draft.tags), question_id=question_id))

    def daily_log(self, today: date) -> Outcome[tuple[Note, bool]]:
        """Today's study log: the one already written today (created False), or a new one
        listing the questions studied and flagged today (created True)."""
        with self._db.transaction():
            existing = self._notes.find_by_title(daily_log_title(today))
            if existing is not None:
                return Outcome((existing, False))
            done, revisit = self._notes.studied_between(*local_day_bounds(today))
            outcome = self._create(daily_log(today, done, revisit))
        return Outcome((outcome.value, True), outcome.change)

    def project_note(self, name: str = "") -> Outcome[Note]:
        """A new "My project" note, linking the behavioural questions the bank holds."""
        with self._db.transaction():
            return self._create(project_note(name, known_ids=self._questions.titles().keys()))

    # ----- saving
    def save(self, note: Note, title: str, body: str, tags: Iterable[str]) -> Outcome[SaveResult]:
        """Write the edits of ``note`` (as loaded; a draft is created). ``NoteConflictError``
        (nothing written) if it was saved in another window since."""
        if note.id == DRAFT_NOTE_ID:  # a draft's first edit creates it
            with self._db.transaction():
                existing = self._notes.for_question(note.question_id) if note.question_id else None
                if existing is None:
                    created = self._notes.create(title, body, tags, question_id=note.question_id)
                    return Outcome(SaveResult(created, True, True, False), _note_change(created.id, True))
            note = existing  # made meanwhile in another window: this edit goes over it as usual
        result = self._notes.save(note.id, title, body, tags, loaded=note)
        return Outcome(result, _saved(note.id, result))

    def save_over(self, note_id: int, title: str, body: str, tags: Iterable[str]) -> Outcome[SaveResult]:
        """Write these edits over another window's version, which is kept in the history."""
        try:
            result = self._notes.save(note_id, title, body, tags, keep_replaced=True)
        except LookupError as exc:
            raise OperationError(str(exc)) from exc
        return Outcome(result, _saved(note_id, result))

    def keep_revision(self, note_id: int, title: str, body: str) -> Outcome[None]:
        """Keep a text in the note's history without making it current."""
        try:
            self._notes.keep_revision(note_id, title, body)
        except LookupError as exc:
            raise OperationError(str(exc)) from exc
        return Outcome(None)

    def restore_revision(self, note_id: int, revision_id: int) -> Outcome[SaveResult]:
        """Make an earlier version current; the text it replaces goes to the history."""
        try:
            result = self._notes.restore_revision(note_id, revision_id)
        except LookupError as exc:
            raise OperationError(str(exc)) from exc
        return Outcome(result, _saved(note_id, result))

    # ----- the Trash
    def move_to_trash(self, note_id: int) -> Outcome[Note]:
        return Outcome(self._notes.move_to_trash(note_id), _linked(note_id))

    def restore(self, note_id: int) -> Outcome[Note]:
        return Outcome(self._notes.restore(note_id), _linked(note_id))

    def delete_forever(self, note_id: int) -> Outcome[None]:
        self._notes.delete_forever(note_id)
        return Outcome(None, Change.of(ChangeKind.NOTES, note_ids=[note_id]))

    def empty_trash(self) -> Outcome[int]:
        return Outcome(self._notes.empty_trash(), Change.of(ChangeKind.NOTES))

    def purge_expired(self) -> Outcome[int]:
        """Remove notes 30 days after they went to the Trash."""
        removed = self._notes.purge_expired()
        return Outcome(removed, Change.of(ChangeKind.NOTES) if removed else NO_CHANGE)

    # ----- internals
    def _create(self, draft: NoteDraft, question_id: str | None = None) -> Outcome[Note]:
        note = self._notes.create(draft.title, draft.body, draft.tags, question_id=question_id)
        linked = question_id is not None or bool(linked_question_ids(draft.body))
        return Outcome(note, _note_change(note.id, linked))


def _note_change(note_id: int, links_changed: bool) -> Change:
    kinds = (ChangeKind.NOTES, ChangeKind.NOTE_LINKS) if links_changed else (ChangeKind.NOTES,)
    return Change.of(*kinds, note_ids=[note_id])


def _saved(note_id: int, result: SaveResult) -> Change:
    return _note_change(note_id, result.links_changed) if result.changed else NO_CHANGE


def _linked(note_id: int) -> Change:
    return _note_change(note_id, True)
