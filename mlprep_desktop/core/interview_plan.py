"""Choosing a new interview's questions and their time budgets (plain Python, deterministic
for a given ``random.Random``).

Rules:
- Only questions matching the set-up's topics and difficulty are eligible; the mix decides
  the types: Balanced takes theory, math, applied and coding (each type that has eligible
  questions) in turn; chosen types are taken in turn the same way.
- Questions answered in the last ``RECENT_SESSIONS`` sessions are avoided unless nothing else
  fits: a fresh question of another allowed type is preferred to a repeat, and repeats are
  used only when the fresh ones run out.
- Within a type, a question from a topic not used yet in this interview is preferred.
- The chosen questions are ordered easiest first (a warm-up), keeping the mix's order otherwise.
- Budgets: the question's own minutes, a fixed number of minutes, or the total limit shared in
  proportion to the questions' own minutes.
"""
from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence

from mlprep_desktop.core.interview_models import Candidate, CandidateGroup, InterviewConfig, PlannedItem, Timing
from mlprep_desktop.core.models import DIFFICULTIES, QUESTION_TYPES

RECENT_SESSIONS = 3
BALANCED_ORDER = ("theory", "math", "applied", "coding")  # every type in QUESTION_TYPES


def eligible(candidates: Iterable[Candidate], config: InterviewConfig) -> list[Candidate]:
    """Questions that match the set-up's topics, difficulty and types."""
    fits = _fits(config)
    return [c for c in candidates if fits(c.type, c.topic, c.difficulty)]


def pool_sizes(groups: Iterable[CandidateGroup], config: InterviewConfig) -> tuple[int, int]:
    """How many questions ``eligible`` gives for ``config``, and how many of them were not
    answered recently (each group's ``recent`` left out): the set-up page's counts, without
    one object per question."""
    fits = _fits(config)
    pool = fresh = 0
    for g in groups:
        if fits(g.type, g.topic, g.difficulty):
            pool += g.count
            fresh += g.count - g.recent
    return pool, fresh


def _fits(config: InterviewConfig) -> Callable[[str, str, str], bool]:
    """Whether a question of (type, topic, difficulty) matches the set-up."""
    allowed_types = set(config.types) if config.types else set(QUESTION_TYPES)
    topics, difficulty = config.topics, config.difficulty

    def fits(kind: str, topic: str, level: str) -> bool:
        return kind in allowed_types and (not topics or topic in topics) and (difficulty is None or level == difficulty)

    return fits


def choose_questions(
    candidates: Sequence[Candidate],
    config: InterviewConfig,
    recent_ids: Iterable[str] = (),
    rng: random.Random | None = None,
) -> list[Candidate]:
    """Up to ``config.count`` questions (fewer only when fewer are eligible)."""
    rng = rng or random.Random()
    pool = eligible(candidates, config)
    rng.shuffle(pool)
    recent = set(recent_ids)
    order = BALANCED_ORDER if config.balanced else tuple(t for t in BALANCED_ORDER if t in config.types)
    types = [t for t in order if any(c.type == t for c in pool)]
    fresh = [c for c in pool if c.id not in recent]
    stale = [c for c in pool if c.id in recent]
    chosen: list[Candidate] = []
    used_topics: set[str] = set()
    for slot in range(min(config.count, len(pool))):
        wanted = types[slot % len(types)]
        pick = (
            _take(fresh, used_topics, lambda c: c.type == wanted)  # noqa: B023 (called at once)
            or _take(fresh, used_topics, lambda c: True)
            or _take(stale, used_topics, lambda c: c.type == wanted)  # noqa: B023 (called at once)
            or _take(stale, used_topics, lambda c: True)
        )
        if pick is None:
            break
        chosen.append(pick)
        used_topics.add(pick.topic)
    level = {d: i for i, d in enumerate(DIFFICULTIES)}
    return [c for _, c in sorted(enumerate(chosen), key=lambda p: (level.get(p[1].difficulty, 9), p[0]))]


def _take(pool: list[Candidate], used_topics: set[str], fits) -> Candidate | None:
    """Remove and return the first fitting question, preferring a topic not used yet."""
    fitting = [c for c in pool if fits(c)]
    if not fitting:
        return None
    pick = next((c for c in fitting if c.topic not in used_topics), fitting[0])
    pool.remove(pick)
    return pick


def budgets(questions: Sequence[Candidate], config: InterviewConfig) -> list[float]:
    """Seconds allowed for each question under the set-up's timing."""
    if config.timing is Timing.FIXED:
        return [config.fixed_minutes * 60.0 for _ in questions]
    own = [max(1, q.minutes) * 60.0 for q in questions]
    if config.timing is Timing.QUESTION_MINUTES:
        return own
    total = config.total_minutes * 60.0
    weight = sum(own)
    return [total * m / weight for m in own] if weight else []


def total_budget(item_budgets: Sequence[float], config: InterviewConfig) -> float:
    return config.total_minutes * 60.0 if config.timing is Timing.TOTAL else float(sum(item_budgets))


def plan(
    candidates: Sequence[Candidate],
    config: InterviewConfig,
    recent_ids: Iterable[str] = (),
    rng: random.Random | None = None,
) -> tuple[list[PlannedItem], float]:
    """The questions with their budgets, and the session's total budget (seconds)."""
    questions = choose_questions(candidates, config, recent_ids, rng)
    seconds = budgets(questions, config)
    items = [PlannedItem(q.id, s) for q, s in zip(questions, seconds)]
    return items, total_budget(seconds, config)
