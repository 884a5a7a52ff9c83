"""``StudyOperations`` (``context.study_ops``): studying one question — show, reveal, rate,
flag, draft an answer.

Contract: every write runs one transaction and returns an ``Outcome`` whose ``Change`` names
what it touched (``STUDY_STATE`` or ``ANSWERS``, with the question ids). Rules live here, not
in a widget: a rating needs the model answer revealed first (``NotYet`` otherwise), and its
time spent is the injected clock's time since the question was shown. No Qt.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from mlprep_desktop.core.models import QuestionState, Rating
from mlprep_desktop.core.study_card import StudyCard
from mlprep_desktop.services.changes import Change, ChangeKind, Outcome
from mlprep_desktop.services.errors import NotYet
from mlprep_desktop.storage.database import Database
from mlprep_desktop.storage.study import StudyRepository


class StudyOperations:
    def __init__(self, database: Database, study: StudyRepository, clock: Callable[[], float]) -> None:
        self._db = database
        self._study = study
        self._clock = clock

    # ----- the study card (browse): show, reveal, rate
    def show(self, question_id: str) -> StudyCard:
        """A question is put in front of the user now (answer hidden). Writes nothing."""
        return StudyCard(question_id, self._clock())

    def toggle_reveal(self, card: StudyCard) -> Outcome[StudyCard]:
        """Show the model answer (marking the question seen) or hide it again."""
        card = card.toggled()
        if not card.revealed:
            return Outcome(card)
        self._study.mark_seen(card.question_id)
        return Outcome(card, _state_change(card.question_id))

    def rate_card(self, card: StudyCard, rating: Rating, context: str = "browse") -> Outcome[QuestionState]:
        """Record a rating of the shown card, with the time spent since it was shown.
        Raises ``NotYet`` while the model answer is hidden."""
        if not card.revealed:
            raise NotYet("Show the answer first, then rate how well you knew it.")
        return self.rate(card.question_id, rating, card.seconds_spent(self._clock()), context)

    # ----- single writes
    def mark_seen(self, question_id: str) -> Outcome[QuestionState]:
        return Outcome(self._study.mark_seen(question_id), _state_change(question_id))

    def rate(self, question_id: str, rating: Rating, seconds_spent: float | None = None,
             context: str = "browse") -> Outcome[QuestionState]:
        """One review (kept for ever) and the question's new state."""
        state = self._study.rate(question_id, rating, seconds_spent, context)
        return Outcome(state, _state_change(question_id))

    def set_flag(self, question_id: str, flagged: bool) -> Outcome[QuestionState]:
        return Outcome(self._study.set_flag(question_id, flagged), _state_change(question_id))

    def flag_all(self, question_ids: Iterable[str]) -> Outcome[list[str]]:
        """Flag those of ``question_ids`` not flagged yet, all in one transaction (or none).
        The value is the ids newly flagged (empty: nothing written, no change)."""
        todo = [q for q in dict.fromkeys(question_ids) if not self._study.state(q).flagged]
        if not todo:
            return Outcome([])
        self._study.set_flags(todo, True)
        return Outcome(todo, Change.of(ChangeKind.STUDY_STATE, question_ids=todo))

    def save_answer(self, question_id: str, body: str) -> Outcome[None]:
        """Store the "my answer" draft (empty removes it)."""
        self._study.save_answer(question_id, body)
        return Outcome(None, Change.of(ChangeKind.ANSWERS, question_ids=[question_id]))

    # ----- reading
    def state(self, question_id: str) -> QuestionState:
        return self._study.state(question_id)

    def answer(self, question_id: str) -> str:
        return self._study.answer(question_id)


def _state_change(question_id: str) -> Change:
    return Change.of(ChangeKind.STUDY_STATE, question_ids=[question_id])
