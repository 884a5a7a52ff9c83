"""Scoring a reviewed interview: per-question scores, the overall score, weak topics and questions.

A question's score (0–1) is the mean of the parts the candidate has graded:
- key points: the share of the checklist ticked;
- technical accuracy: the 1–4 self-score divided by 4;
- communication: the 1–4 self-score divided by 4.
A question without key points and without self-scores scores 0 (e.g. skipped, never graded).
The overall score is the mean of the *scored* questions' scores, as a percentage. A question is
*weak* when it is scored and its score is below ``WEAK_BELOW``; topics are ranked by their scored
questions' mean score.

Which questions are scored: all of them, unless the interview was ended early (before every
question was reached). Then only what was answered is: the questions with an answer, and those
the candidate skipped on purpose (a pass scores 0). Questions never reached, and ones left
without a word (the one the candidate stopped on), are listed as "not scored" and are never weak.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from mlprep_desktop.core.interview_models import InterviewItem, InterviewRecord, ItemStatus

WEAK_BELOW = 0.6
WEAKEST_TOPICS = 3


def coverage(item: InterviewItem) -> float | None:
    """Share of key points ticked, or None when the question has none."""
    if not item.key_points:
        return None
    return sum(k.checked for k in item.key_points) / len(item.key_points)


def item_score(item: InterviewItem) -> float:
    parts = [p for p in (coverage(item),) if p is not None]
    parts += [s / 4 for s in (item.accuracy, item.communication) if s is not None]
    return sum(parts) / len(parts) if parts else 0.0


def is_scored(record: InterviewRecord, item: InterviewItem) -> bool:
    """Whether ``item`` counts towards the score (see the module docstring)."""
    if not record.ended_early:
        return True
    return item.status in (ItemStatus.ANSWERED, ItemStatus.SKIPPED)


def is_graded(item: InterviewItem) -> bool:
    return item.accuracy is not None and item.communication is not None


@dataclass(frozen=True)
class TopicScore:
    topic: str
    score: float
    questions: int


@dataclass(frozen=True)
class InterviewSummary:
    score: float  # 0–100
    key_points_ticked: int
    key_points_total: int
    accuracy_mean: float | None
    communication_mean: float | None
    elapsed_seconds: float
    budget_seconds: float
    answered: int
    skipped: int
    over_budget: int
    graded: int
    scored: int  # questions counted in the score (fewer than all when it ended early)
    weakest_topics: tuple[TopicScore, ...]
    weak_items: tuple[InterviewItem, ...]


def summarize(record: InterviewRecord) -> InterviewSummary:
    every = record.items
    items = tuple(item for item in every if is_scored(record, item))
    scores = {item.id: item_score(item) for item in items}
    by_topic: dict[str, list[float]] = defaultdict(list)
    for item in items:
        by_topic[item.topic or "?"].append(scores[item.id])
    topics = sorted(
        (TopicScore(t, sum(v) / len(v), len(v)) for t, v in by_topic.items()),
        key=lambda ts: (ts.score, ts.topic),
    )
    return InterviewSummary(
        score=100.0 * sum(scores.values()) / len(items) if items else 0.0,
        key_points_ticked=sum(k.checked for item in items for k in item.key_points),
        key_points_total=sum(len(item.key_points) for item in items),
        accuracy_mean=_mean([i.accuracy for i in items]),
        communication_mean=_mean([i.communication for i in items]),
        elapsed_seconds=sum(i.elapsed_seconds for i in every),
        budget_seconds=record.total_budget_seconds,
        answered=sum(i.status is ItemStatus.ANSWERED for i in every),
        skipped=sum(i.status is ItemStatus.SKIPPED for i in every),
        over_budget=sum(i.elapsed_seconds > i.budget_seconds for i in every),
        graded=sum(is_graded(i) for i in items),
        scored=len(items),
        weakest_topics=tuple(t for t in topics if t.score < WEAK_BELOW)[:WEAKEST_TOPICS] or tuple(topics[:1]),
        weak_items=tuple(i for i in items if scores[i.id] < WEAK_BELOW),
    )


def _mean(values: Sequence[int | None]) -> float | None:
    given = [v for v in values if v is not None]
    return sum(given) / len(given) if given else None
