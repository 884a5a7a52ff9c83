"""Today's queue: due reviews first, then new questions from the plan, up to the daily goal.

Rules (``build_queue``):
- The day's target is the daily goal plus any "more" the user asked for today. Questions
  already rated today count towards it (``done``); the rest is filled with due reviews (most
  overdue first), then new questions. "More new" reserves its slots for new questions.
- A question rated today that is still in its learning steps (e.g. rated Again) comes back
  later the same day without taking a new slot (``learning``).
- New questions come from the plan: first any topic of this or an earlier week not begun yet,
  then this week's topics in turn, then earlier weeks' (catching up), and later weeks' only
  when those are exhausted (so empty topics are skipped); within a topic easier before harder; among equally easy questions the type least picked today goes first, so a
  day mixes theory, maths, coding and applied questions.
- With an interview date, each day keeps ``reach_reserve`` slots for new questions (before
  due reviews), just enough to begin every topic before new questions stop; in the final pass
  no new questions are offered.
No Qt, no SQL: the caller passes the cards and candidates it loaded.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from mlprep_desktop.core.models import DIFFICULTIES, QUESTION_TYPES
from mlprep_desktop.core.scheduling import CardState

DEFAULT_GOAL = 8
GOAL_RANGE = (1, 50)
MORE_BATCH = 5  # "More reviews" / "More new" add this many to today's target


@dataclass(frozen=True)
class NewCandidate:
    """A question never rated (no card yet), as the queue sees it."""

    id: str
    topic: str
    type: str
    difficulty: str


@dataclass(frozen=True)
class DailyQueue:
    goal: int  # the daily goal setting
    target: int  # goal plus today's extras
    done: int  # distinct questions rated today
    learning: tuple[str, ...] = ()  # rated today, due again today (by due time)
    reviews: tuple[str, ...] = ()  # due reviews still to do, in order
    new: tuple[str, ...] = ()  # new questions still to do, in order
    due_left: int = 0  # due reviews not rated today, beyond the queue too
    new_left: int = 0  # new questions the plan could still offer today
    learning_due: Mapping[str, datetime] = field(default_factory=dict)

    @property
    def remaining(self) -> int:
        return len(self.reviews) + len(self.new)

    @property
    def finished(self) -> bool:
        """Nothing left for today's session (learning steps included)."""
        return not (self.reviews or self.new or self.learning)

    @property
    def goal_met(self) -> bool:
        return self.finished and self.done >= self.goal

    @property
    def planned(self) -> int:
        """How many the day holds: done plus what is still queued (the goal, unless the bank
        runs short)."""
        return self.done + self.remaining

    def progress_text(self) -> str:
        """E.g. '3 of 8 done · 2 due · 3 new' (and '· 1 again' while learning steps wait)."""
        text = f"{self.done} of {self.planned} done"
        text += f" · {len(self.reviews)} due · {len(self.new)} new"
        if self.learning:
            text += f" · {len(self.learning)} again"
        return text

    def next_question(self, now: datetime, skip: str | None = None) -> str | None:
        """What to show next: a learning step that has come round, then due reviews, then new
        questions, then the earliest learning step still waiting (rather than stopping).
        ``skip`` (the question just rated) is avoided while anything else is left."""
        ready = [q for q in self.learning if self.learning_due[q] <= now]
        for bucket in (ready, list(self.reviews), list(self.new), list(self.learning)):
            for question_id in bucket:
                if question_id != skip:
                    return question_id
        return skip if skip in self.learning else None


def build_queue(
    *,
    goal: int,
    now: datetime,
    day_end: datetime,
    cards: Mapping[str, CardState],
    done_today: Iterable[str],
    candidates: Sequence[NewCandidate],
    tiers: Sequence[Sequence[str]],
    extra_reviews: int = 0,
    extra_new: int = 0,
    allow_new: bool = True,
    started: Mapping[str, int] | None = None,
    min_new: int = 0,
    due_total: int | None = None,
    new_total: int | None = None,
) -> DailyQueue:
    """Today's queue from every card (``cards``, by question id) and never-rated questions
    (``candidates``). ``started``: questions with a card per topic (topics begun less get
    their turn first). ``min_new``: slots kept for new questions even when reviews are due
    (``reach_reserve``: an interview date needs every topic reached in time). ``cards`` may
    hold only the most overdue due cards (enough for the target) and the ones rated today, with
    ``due_total`` and ``new_total`` the full counts (``candidates`` then only those a day can
    pick from)."""
    if not GOAL_RANGE[0] <= goal <= GOAL_RANGE[1]:
        raise ValueError("the daily goal is between 1 and 50")
    done = set(done_today)
    target = goal + max(0, extra_reviews) + max(0, extra_new)
    learning_due = {q: c.due for q, c in cards.items() if q in done and c.learning and c.due < day_end}
    learning = tuple(sorted(learning_due, key=lambda q: (learning_due[q], q)))
    due = sorted((c for q, c in cards.items() if q not in done and c.due < day_end), key=lambda c: (c.due, c.question_id))
    slots = max(0, target - len(done))
    new: list[str] = []
    new_left = 0
    if allow_new:
        pool = [c for c in candidates if c.id not in done]
        offered = {t for tier in tiers for t in tier}
        new_left = sum(1 for c in pool if c.topic in offered) if new_total is None else new_total
        reserved = min(max(0, extra_new, min_new), new_left, slots)
        reviews = [c.question_id for c in due[: slots - reserved]]
        new = pick_new(pool, tiers, slots - len(reviews), started)
    else:
        reviews = [c.question_id for c in due[:slots]]
    due_left = len(due) if due_total is None else due_total
    return DailyQueue(goal, target, len(done), learning, tuple(reviews), tuple(new), due_left, new_left,
                      learning_due)


def reach_reserve(unreached_topics: int, days_left: int) -> int:
    """New questions a day must take so the plan reaches each of ``unreached_topics`` (topics
    with questions but none begun) in the ``days_left`` days before new questions stop."""
    if unreached_topics <= 0 or days_left <= 0:
        return 0
    return -(-unreached_topics // days_left)


def pick_new(
    candidates: Sequence[NewCandidate],
    tiers: Sequence[Sequence[str]],
    slots: int,
    started: Mapping[str, int] | None = None,
) -> list[str]:
    """Up to ``slots`` new question ids (see the module's rules). ``tiers``: (this week's,
    earlier weeks', later weeks' topics), as ``StudyPlan.topic_tiers`` gives them.
    ``started``: questions already begun per topic (fewer: that topic's turn comes first)."""
    if slots <= 0:
        return []
    by_topic: dict[str, list[NewCandidate]] = {}
    for c in sorted(candidates, key=_easiest_first):
        by_topic.setdefault(c.topic, []).append(c)
    count = Counter(started or {})
    types: Counter[str] = Counter()
    picks: list[str] = []
    # Round one: this week's and earlier weeks' topics; a topic not begun yet goes first (this
    # week's before earlier ones), then this week's topics take turns, then earlier weeks'.
    # Round two: later weeks' topics, only when nothing is left in round one.
    rank: dict[str, tuple[int, int]] = {}
    for tier_index, tier in enumerate(tiers):
        for position, topic in enumerate(tier):
            rank.setdefault(topic, (min(tier_index, 2), position))
    for rounds in ((0, 1), (2,)):
        topics = [t for t, (tier, _) in rank.items() if tier in rounds and by_topic.get(t)]
        while len(picks) < slots and topics:
            topic = min(topics, key=lambda t: (count[t] > 0, rank[t][0], count[t], rank[t][1]))
            queue = by_topic[topic]
            level = queue[0].difficulty
            same_level = [c for c in queue if c.difficulty == level]
            choice = min(same_level, key=lambda c: types[c.type])
            queue.remove(choice)
            picks.append(choice.id)
            types[choice.type] += 1
            count[topic] += 1
            if not queue:
                topics.remove(topic)
    return picks


def _easiest_first(c: NewCandidate) -> tuple:
    level = DIFFICULTIES.index(c.difficulty) if c.difficulty in DIFFICULTIES else len(DIFFICULTIES)
    kind = QUESTION_TYPES.index(c.type) if c.type in QUESTION_TYPES else len(QUESTION_TYPES)
    return (level, kind, c.id)
