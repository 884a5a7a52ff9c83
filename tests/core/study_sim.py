"""A study simulator for core tests: a bank, a user who does today's queue, an injected clock."""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from mlprep_desktop.core.clock import FixedClock
from mlprep_desktop.core.daily_queue import DailyQueue, NewCandidate, build_queue, reach_reserve
from mlprep_desktop.core.models import DIFFICULTIES, QUESTION_TYPES, TOPICS, Rating
from mlprep_desktop.core.scheduling import (
    CardState,
    SchedulePolicy,
    StudyScheduler,
    final_pass_days_for,
)
from mlprep_desktop.core.study_plan import StudyPlan

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday morning


def bank(per_topic: int = 6, empty: tuple[str, ...] = ("behavioral", "causal-inference")) -> list[NewCandidate]:
    """``per_topic`` questions in every topic but ``empty``, cycling types and levels."""
    out = []
    for k, topic in enumerate(TOPICS):
        if topic in empty:
            continue
        for n in range(per_topic):
            out.append(NewCandidate(f"{topic}-{n}", topic, QUESTION_TYPES[(n + k) % 4], DIFFICULTIES[(n // 2) % 3]))
    return out


def user_rating(question_id: str, reps: int, day: int) -> Rating:
    """A deterministic user: mostly Good, sometimes Again or Hard, Easy once it is familiar."""
    roll = zlib.crc32(f"{question_id}/{reps}/{day}".encode()) % 100
    if roll < 12:
        return Rating.AGAIN
    if roll < 25:
        return Rating.HARD
    return Rating.EASY if reps >= 3 and roll > 85 else Rating.GOOD


@dataclass
class Simulation:
    goal: int = 8
    interview: date | None = None
    clock: FixedClock = field(default_factory=lambda: FixedClock(START))
    candidates: list[NewCandidate] = field(default_factory=bank)
    cards: dict[str, CardState] = field(default_factory=dict)
    reviews: list[tuple[str, int, datetime]] = field(default_factory=list)
    queues: list[DailyQueue] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.plan = StudyPlan.default(START.date())
        self.topic_of = {c.id: c.topic for c in self.candidates}

    def policy(self) -> SchedulePolicy:
        return SchedulePolicy(interview_date=self.interview,
                              final_pass_days=final_pass_days_for(len(self.cards), self.goal))

    def queue(self) -> DailyQueue:
        now = self.clock.now()
        today = now.date()
        policy = self.policy()
        new_until = policy.last_new_day()
        done = {q for q, _, at in self.reviews if at.date() == today}
        started: dict[str, int] = {}
        for q in self.cards:
            started[self.topic_of[q]] = started.get(self.topic_of[q], 0) + 1
        unreached = {c.topic for c in self.candidates} - set(started)
        days_left = (new_until - today).days + 1 if new_until else 0
        return build_queue(
            goal=self.goal, now=now,
            day_end=datetime.combine(today + timedelta(days=1), datetime.min.time(), now.tzinfo),
            cards={q: StudyScheduler(policy).effective(c) for q, c in self.cards.items()}, done_today=done,
            candidates=[c for c in self.candidates if c.id not in self.cards],
            tiers=self.plan.topic_tiers(today, new_until),
            allow_new=policy.allows_new(today),
            started=started,
            min_new=reach_reserve(len(unreached), days_left),
        )

    def rate(self, question_id: str, rating: Rating) -> None:
        scheduler = StudyScheduler(self.policy())
        now = self.clock.now()
        self.cards[question_id] = scheduler.review(self.cards.get(question_id), question_id, rating, now)
        self.reviews.append((question_id, int(rating), now))

    def study_day(self, day: int) -> None:
        """Work through today's queue as the Today session would, a few minutes per card."""
        queue = self.queue()
        self.queues.append(queue)
        last = None
        for _ in range(200):
            question_id = queue.next_question(self.clock.now(), skip=last)
            if question_id is None:
                break
            if question_id in queue.learning and queue.learning_due[question_id] > self.clock.now():
                self.clock.set(queue.learning_due[question_id])  # waits for the learning step
            reps = self.cards[question_id].reps if question_id in self.cards else 0
            self.rate(question_id, user_rating(question_id, reps, day))
            self.clock.advance(minutes=3)
            last = question_id
            queue = self.queue()
        else:
            raise AssertionError("a day's session never ended")

    def run(self, days: int) -> None:
        for day in range(days):
            self.clock.set(START + timedelta(days=day))
            self.study_day(day)
