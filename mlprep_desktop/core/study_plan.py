"""The study plan: which topics each week brings, from a start date, covering every topic.

The default is the seed articles' 4 weeks mapped over all of ``TOPICS``:
week 1 data preprocessing and regression (with the maths they need), week 2 classification
and model evaluation, week 3 unsupervised learning and dimensionality reduction, week 4 neural
networks, ensembles and deployment (with the LLM, systems and behavioural topics).

Editable: the topics of each week, the start date, the number of weeks (``with_weeks``
re-flows the topics in plan order). Whatever the edit, ``normalized`` puts any missing topic
in the last week, so all topics are covered by the end.

With an interview date the plan is squeezed (stretched never) so that its end lands on the
start of the final pass: ``position`` maps a day to a point in the plan proportionally. A
topic without questions is simply never offered (the queue skips it). No Qt.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from mlprep_desktop.core.models import TOPICS

MAX_WEEKS = 26

DEFAULT_WEEKS: tuple[tuple[str, ...], ...] = (
    ("fundamentals", "data-preparation", "imbalanced-data", "regression", "probability",
     "statistics-ab-testing", "linear-algebra"),
    ("classification", "evaluation", "svm-kernels", "optimization", "causal-inference",
     "responsible-ai"),
    ("clustering", "dimensionality-reduction", "representation-learning", "recsys-ranking",
     "time-series"),
    ("neural-networks", "trees-ensembles", "cnn-vision", "sequence-models", "nlp-llm", "llm-training",
     "llm-inference", "distributed-training", "generative-rl", "mlops", "ml-system-design", "behavioral"),
)

SEED_THEMES = (
    "Data preprocessing and regression",
    "Classification and model evaluation",
    "Unsupervised learning and dimensionality reduction",
    "Neural networks, ensembles and deployment",
)


@dataclass(frozen=True)
class StudyPlan:
    start: date
    weeks: tuple[tuple[str, ...], ...]

    @classmethod
    def default(cls, start: date) -> StudyPlan:
        return cls(start, DEFAULT_WEEKS).normalized()

    # ----- editing (each returns a new, normalized plan)
    def normalized(self) -> StudyPlan:
        """Unknown topics dropped, each topic once (its first week), missing ones added to
        the last week, at least one week."""
        seen: set[str] = set()
        weeks: list[list[str]] = []
        for week in self.weeks[:MAX_WEEKS] or ((),):
            kept = [t for t in dict.fromkeys(week) if t in TOPICS and t not in seen]
            seen.update(kept)
            weeks.append(kept)
        weeks[-1].extend(t for t in TOPICS if t not in seen)
        return StudyPlan(self.start, tuple(tuple(w) for w in weeks))

    def with_weeks(self, count: int) -> StudyPlan:
        """The same topics, in plan order, re-flowed evenly over ``count`` weeks (1–26)."""
        if not 1 <= count <= MAX_WEEKS:
            raise ValueError(f"a plan has 1 to {MAX_WEEKS} weeks")
        order = [t for week in self.weeks for t in week]
        weeks = [order[i * len(order) // count:(i + 1) * len(order) // count] for i in range(count)]
        return StudyPlan(self.start, tuple(tuple(w) for w in weeks)).normalized()

    def with_start(self, start: date) -> StudyPlan:
        return StudyPlan(start, self.weeks)

    def with_topic_in_week(self, topic: str, week: int) -> StudyPlan:
        """``topic`` moved to week ``week`` (0-based)."""
        if topic not in TOPICS or not 0 <= week < len(self.weeks):
            raise ValueError("no such topic or week")
        weeks = [tuple(t for t in w if t != topic) for w in self.weeks]
        weeks[week] = (*weeks[week], topic)
        return StudyPlan(self.start, tuple(weeks)).normalized()

    # ----- reading
    @property
    def days(self) -> int:
        return 7 * len(self.weeks)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=self.days)

    def week_of(self, topic: str) -> int:
        return next((i for i, w in enumerate(self.weeks) if topic in w), len(self.weeks) - 1)

    def position(self, day: date, new_until: date | None = None) -> float:
        """Days into the plan on ``day``. With ``new_until`` (the last day for new questions
        before an interview) earlier than the plan's end, time runs faster so that the whole
        plan fits before it."""
        elapsed = (day - self.start).days
        if elapsed < 0:
            return 0.0
        if new_until is not None and new_until < self.end:
            span = (new_until - self.start).days
            if span <= 0:
                return float(self.days)
            return elapsed * self.days / span
        return float(elapsed)

    def week_index(self, day: date, new_until: date | None = None) -> int:
        """The plan week ``day`` falls in (past the end: the last week)."""
        return min(len(self.weeks) - 1, int(self.position(day, new_until) // 7))

    def topic_tiers(self, day: date, new_until: date | None = None) -> tuple[tuple[str, ...], ...]:
        """(this week's topics, earlier weeks' topics, later weeks' topics) on ``day``: the
        queue offers new questions from this week, catches up on earlier weeks, and gets ahead
        only once both are done. Once the plan is over every topic is current."""
        if self.position(day, new_until) >= self.days:
            return (tuple(t for w in self.weeks for t in w), (), ())
        current = self.week_index(day, new_until)
        earlier = tuple(t for i in range(current - 1, -1, -1) for t in self.weeks[i])
        later = tuple(t for i in range(current + 1, len(self.weeks)) for t in self.weeks[i])
        return (self.weeks[current], earlier, later)

    def current_topics(self, day: date, new_until: date | None = None) -> tuple[str, ...]:
        return self.weeks[self.week_index(day, new_until)]

    # ----- storage form
    def to_json(self) -> str:
        return json.dumps({"start": self.start.isoformat(), "weeks": [list(w) for w in self.weeks]})

    @classmethod
    def from_json(cls, text: str | None, fallback_start: date) -> StudyPlan:
        """The stored plan, or the default from ``fallback_start`` if missing or unreadable."""
        try:
            data = json.loads(text) if text else None
            if not isinstance(data, dict):
                raise ValueError
            weeks: Sequence = data["weeks"]
            return cls(date.fromisoformat(data["start"]),
                       tuple(tuple(str(t) for t in w) for w in weeks)).normalized()
        except (ValueError, KeyError, TypeError):
            return cls.default(fallback_start)
