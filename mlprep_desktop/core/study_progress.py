"""Progress figures from study data: streaks, the due forecast, per-topic mastery. No Qt, no SQL."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from mlprep_desktop.core.scheduling import CardState

FORECAST_DAYS = 14


@dataclass(frozen=True)
class Streaks:
    current: int  # consecutive days with a review, ending today (or yesterday: today is not over)
    best: int


def streaks(days: Iterable[date], today: date) -> Streaks:
    """Current and best runs of consecutive study days."""
    ordered = sorted(set(days))
    best = run = 0
    previous: date | None = None
    for day in ordered:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        best = max(best, run)
        previous = day
    present = set(ordered)
    current = 0
    cursor = today if today in present else today - timedelta(days=1)
    while cursor in present:
        current += 1
        cursor -= timedelta(days=1)
    return Streaks(current, best)


def due_forecast(dues: Iterable[datetime], today: date, days: int = FORECAST_DAYS) -> list[int]:
    """Reviews falling due on each of the next ``days`` days (index 0 is today, with anything
    overdue). ``dues`` are aware datetimes; the day is their date in their own time zone."""
    counts = [0] * days
    for due in dues:
        offset = (due.date() - today).days
        if offset < days:
            counts[max(0, offset)] += 1
    return counts


@dataclass(frozen=True)
class TopicMastery:
    topic: str
    total: int  # active questions in the topic
    seen: int  # of them rated at least once (have a card)
    recall: float | None  # mean predicted recall probability of the seen ones now (None: none seen)
    mastered: int

    @property
    def share_seen(self) -> float:
        return self.seen / self.total if self.total else 0.0


def topic_mastery(
    topic_of: Mapping[str, str],
    cards: Mapping[str, CardState],
    now: datetime,
    recall: Callable[[CardState, datetime], float],
    topics: Iterable[str],
) -> list[TopicMastery]:
    """One row per topic in ``topics`` (empty topics included, with total 0)."""
    totals: dict[str, int] = {}
    for of_question in topic_of.values():
        totals[of_question] = totals.get(of_question, 0) + 1
    sums: dict[str, list[float]] = {}
    mastered: dict[str, int] = {}
    for question_id, card in cards.items():
        topic = topic_of.get(question_id)
        if topic is None:
            continue
        sums.setdefault(topic, []).append(recall(card, now))
        mastered[topic] = mastered.get(topic, 0) + int(card.mastered)
    out = []
    for topic in topics:
        values = sums.get(topic, [])
        out.append(TopicMastery(topic, totals.get(topic, 0), len(values),
                                sum(values) / len(values) if values else None, mastered.get(topic, 0)))
    return out


def weakest_topics(rows: Iterable[TopicMastery], count: int = 3) -> list[str]:
    """Topics with questions, weakest first: lowest mean recall among started topics, then
    the least-seen."""
    started = [r for r in rows if r.total and r.seen]
    started.sort(key=lambda r: (r.recall if r.recall is not None else 1.0, r.share_seen, r.topic))
    return [r.topic for r in started[:count]]
