"""Spaced repetition: FSRS card state per question, and scheduling towards an interview date.

The arithmetic is the ``fsrs`` package (the maintained reference implementation of FSRS, the
scheduler Anki ships). This module adds what the app needs around it:

- ``CardState``: a question's memory state (stability, difficulty, due, last review, phase
  and learning step), plain data that storage keeps in ``card_state``.
- Learning steps of 10 minutes: "Again" (or a new card's first "Hard") brings the question back
  in the same session; "Good" on a new card graduates it to day intervals.
- Fuzz is off, so a replay of the same reviews always gives the same state.
- ``SchedulePolicy.interview_date``: before the final pass (the last ``final_pass_days`` days
  before the date) no interval may run past the start of the final pass, so every studied
  question gets a review in the last days before the interview. The final pass is long enough
  for every studied question at the daily goal (``final_pass_days_for``; 3–14 days). A review
  inside the final pass, or after the date, is plain FSRS.

Times are aware datetimes; the local calendar day is the clock's time zone. No Qt, no SQL.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import IntEnum
from functools import cached_property
from typing import TYPE_CHECKING

from mlprep_desktop.core.models import Rating

if TYPE_CHECKING:
    import fsrs

DEFAULT_RETENTION = 0.90
RETENTION_RANGE = (0.70, 0.97)
LEARNING_STEPS = (timedelta(minutes=10),)
RELEARNING_STEPS = (timedelta(minutes=10),)
MASTERED_STABILITY_DAYS = 21.0  # a review card remembered this long counts as mastered
DEFAULT_FINAL_PASS_DAYS = 3
MAX_FINAL_PASS_DAYS = 14


class Phase(IntEnum):
    """Where a card is in FSRS (the numbers are fsrs.State's)."""

    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


@dataclass(frozen=True)
class CardState:
    """One question's FSRS memory state. ``due`` and ``last_review`` are aware datetimes."""

    question_id: str
    phase: Phase
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int = 0
    lapses: int = 0

    @property
    def learning(self) -> bool:
        """In (re)learning steps: short intervals, shown again the same day."""
        return self.phase is not Phase.REVIEW

    @property
    def mastered(self) -> bool:
        return self.phase is Phase.REVIEW and (self.stability or 0.0) >= MASTERED_STABILITY_DAYS


@dataclass(frozen=True)
class SchedulePolicy:
    """The user's scheduling settings."""

    retention: float = DEFAULT_RETENTION
    interview_date: date | None = None
    final_pass_days: int = DEFAULT_FINAL_PASS_DAYS
    tz: tzinfo = UTC  # the user's day boundaries (for the interview date)

    def __post_init__(self) -> None:
        low, high = RETENTION_RANGE
        if not low <= self.retention <= high:
            raise ValueError(f"desired retention must be between {low:.2f} and {high:.2f}")
        if not 1 <= self.final_pass_days <= MAX_FINAL_PASS_DAYS:
            raise ValueError("final pass days must be between 1 and 14")

    def final_pass_start(self) -> datetime | None:
        """Local midnight at the start of the final pass, or None without a date."""
        if self.interview_date is None:
            return None
        return _midnight(self.interview_date - timedelta(days=self.final_pass_days), self.tz)

    def last_new_day(self) -> date | None:
        """The last day new questions are introduced (the day before the final pass)."""
        if self.interview_date is None:
            return None
        return self.interview_date - timedelta(days=self.final_pass_days + 1)

    def allows_new(self, today: date) -> bool:
        last = self.last_new_day()
        return last is None or today <= last

    def interview_start(self) -> datetime | None:
        return None if self.interview_date is None else _midnight(self.interview_date, self.tz)


def final_pass_days_for(studied: int, goal: int) -> int:
    """Days the final pass needs so every studied question fits at ``goal`` per day, with a
    day to spare for questions that come back (at least the default 3, at most 14)."""
    need = -(-max(0, studied) // max(1, goal)) + 1
    return max(DEFAULT_FINAL_PASS_DAYS, min(MAX_FINAL_PASS_DAYS, need))


# The decay of fsrs' default parameters (the ones every StudyScheduler uses): the forgetting
# curve of Today's progress needs it at start-up, before fsrs is imported
# (tests/core/test_scheduling_decay.py checks it equals fsrs.Scheduler().parameters[20]).
FSRS_DECAY = 0.1542


class StudyScheduler:
    """Applies ratings to cards under a ``SchedulePolicy``. Stateless between calls."""

    def __init__(self, policy: SchedulePolicy | None = None) -> None:
        self.policy = policy or SchedulePolicy()

    # fsrs (~25 ms to import) is imported when a card is first reviewed or read, not when a
    # scheduler is made (start-up makes one and usually has no card to rebuild; issue 16).
    @cached_property
    def _fsrs(self) -> fsrs.Scheduler:
        import fsrs

        return fsrs.Scheduler(
            desired_retention=self.policy.retention,
            learning_steps=LEARNING_STEPS,
            relearning_steps=RELEARNING_STEPS,
            enable_fuzzing=False,
        )

    def review(self, card: CardState | None, question_id: str, rating: Rating | int, at: datetime) -> CardState:
        """The card after one rating at ``at`` (a new card when ``card`` is None)."""
        import fsrs

        rating = Rating(int(rating))
        at_utc = at.astimezone(UTC)
        before = _to_fsrs(card) if card is not None else fsrs.Card(card_id=1, due=at_utc)
        after, _log = self._fsrs.review_card(before, fsrs.Rating(int(rating)), review_datetime=at_utc)
        lapses = (card.lapses if card else 0) + int(card is not None and card.phase is Phase.REVIEW
                                                     and rating is Rating.AGAIN)
        state = CardState(
            question_id=question_id,
            phase=Phase(int(after.state)),
            step=after.step,
            stability=after.stability,
            difficulty=after.difficulty,
            due=after.due,
            last_review=after.last_review,
            reps=(card.reps if card else 0) + 1,
            lapses=lapses,
        )
        return replace(state, due=self.capped_due(question_id, state.due, at_utc))

    def replay(self, question_id: str, reviews: Iterable[tuple[int, datetime]]) -> CardState | None:
        """A card rebuilt from its whole review history, oldest first (None: no reviews)."""
        card: CardState | None = None
        for rating, at in sorted(reviews, key=lambda r: r[1]):
            card = self.review(card, question_id, rating, at)
        return card

    def capped_due(self, question_id: str, due: datetime, at: datetime) -> datetime:
        """``due`` moved to the start of the final pass when a review at ``at`` (before the
        final pass) would otherwise be next shown after the final pass has started."""
        start = self.policy.final_pass_start()
        if start is None or at >= start or due <= start:
            return due
        return start

    def effective(self, card: CardState) -> CardState:
        """The card as the current policy schedules it: stored dues are capped when written,
        and again here, so a date set or a final pass lengthened later applies at once."""
        if card.last_review is None:
            return card
        due = self.capped_due(card.question_id, card.due, card.last_review)
        return card if due == card.due else replace(card, due=due)

    def retrievability(self, card: CardState, at: datetime) -> float:
        """Predicted probability (0–1) of recalling the card at ``at``."""
        return float(self._fsrs.get_card_retrievability(_to_fsrs(card), current_datetime=at.astimezone(UTC)))


def forgetting_curve_terms(scheduler: StudyScheduler) -> tuple[float, float]:
    """(factor, decay) of the FSRS forgetting curve: R = (1 + factor * days / stability) ** decay
    (for SQL that computes it for many cards at once)."""
    decay = -(scheduler._fsrs.parameters[20] if "_fsrs" in scheduler.__dict__ else FSRS_DECAY)
    return 0.9 ** (1 / decay) - 1, decay


def forgetting_curve(scheduler: StudyScheduler):
    """R(stability, elapsed whole days): the FSRS forgetting curve as a plain function (for
    many cards at once, e.g. inside SQLite); equal to ``StudyScheduler.retrievability``."""
    factor, decay = forgetting_curve_terms(scheduler)

    def r(stability: float | None, days: float | None) -> float:
        if not stability or days is None:
            return 0.0
        return (1 + factor * max(0.0, days) / stability) ** decay

    return r


def retrievability_fn(scheduler: StudyScheduler):
    """A fast R(card, at) for many cards (the FSRS forgetting curve, no object per card)."""
    curve = forgetting_curve(scheduler)

    def r(card: CardState, at: datetime) -> float:
        if card.last_review is None:
            return 0.0
        return curve(card.stability, (at - card.last_review).days)

    return r


def _to_fsrs(card: CardState) -> fsrs.Card:
    import fsrs

    return fsrs.Card(
        card_id=1,
        state=fsrs.State(int(card.phase)),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due.astimezone(UTC),
        last_review=card.last_review.astimezone(UTC) if card.last_review else None,
    )


def _midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tz)
