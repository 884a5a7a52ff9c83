"""The domain's plain data: questions, their study state, and the vocabularies they use."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, IntEnum
from typing import Any

from mlprep_desktop.core.exercise import Exercise

QUESTION_TYPES = ("theory", "math", "coding", "applied")
DIFFICULTIES = ("beginner", "intermediate", "advanced")
TOPICS = (
    "fundamentals",
    "data-preparation",
    "imbalanced-data",
    "evaluation",
    "regression",
    "classification",
    "trees-ensembles",
    "svm-kernels",
    "clustering",
    "dimensionality-reduction",
    "probability",
    "statistics-ab-testing",
    "linear-algebra",
    "optimization",
    "neural-networks",
    "cnn-vision",
    "sequence-models",
    "nlp-llm",
    "recsys-ranking",
    "time-series",
    "mlops",
    "ml-system-design",
    "generative-rl",
    # Bank 3: the 2026 interview
    "llm-training",
    "llm-inference",
    "distributed-training",
    "causal-inference",
    "responsible-ai",
    "representation-learning",
    "behavioral",
)


def topic_label(slug: str) -> str:
    """Human label for a topic slug: 'nlp-llm' -> 'NLP & LLMs'."""
    return _TOPIC_LABELS.get(slug, slug.replace("-", " ").capitalize())


_TOPIC_LABELS = {
    "fundamentals": "Fundamentals",
    "data-preparation": "Data preparation",
    "imbalanced-data": "Imbalanced data",
    "evaluation": "Evaluation",
    "regression": "Regression",
    "classification": "Classification",
    "trees-ensembles": "Trees & ensembles",
    "svm-kernels": "SVMs & kernels",
    "clustering": "Clustering",
    "dimensionality-reduction": "Dimensionality reduction",
    "probability": "Probability",
    "statistics-ab-testing": "Statistics & A/B testing",
    "linear-algebra": "Linear algebra",
    "optimization": "Optimization",
    "neural-networks": "Neural networks",
    "cnn-vision": "CNNs & vision",
    "sequence-models": "Sequence models",
    "nlp-llm": "NLP & LLMs",
    "recsys-ranking": "Recommenders & ranking",
    "time-series": "Time series",
    "mlops": "MLOps",
    "ml-system-design": "ML system design",
    "generative-rl": "Generative models & RL",
    "llm-training": "LLM training",
    "llm-inference": "LLM inference & serving",
    "distributed-training": "Distributed training",
    "causal-inference": "Causal inference",
    "responsible-ai": "Responsible AI",
    "representation-learning": "Representation learning",
    "behavioral": "Behavioural & projects",
}


class Rating(IntEnum):
    """Self-rating after revealing an answer (keys 1-4)."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        return self.name.capitalize()


class Status(str, Enum):
    """Where a question stands for the user. NEW, SEEN and RATED partition the questions;
    the others are filters that cross them (``crossing``)."""

    NEW = "new"  # never revealed
    SEEN = "seen"  # answer revealed, never rated
    RATED = "rated"  # rated at least once
    FLAGGED = "flagged"  # flagged to revisit (any of the above)
    DUE = "due"  # an FSRS review falls due today (or is overdue)
    LEARNING = "learning"  # in (re)learning steps: rated Again or just begun
    MASTERED = "mastered"  # in review with a stability of three weeks or more
    MISTAKES = "mistakes"  # rated Again/Hard recently, scored low in an interview, failed tests
    SOLVED = "solved"  # coding exercise: a run passed every test
    ATTEMPTED = "attempted"  # coding exercise: run, never solved

    @property
    def label(self) -> str:
        return {"new": "New", "seen": "Seen", "rated": "Rated", "flagged": "Flagged to revisit",
                "due": "Due for review", "learning": "Learning", "mastered": "Mastered",
                "mistakes": "Mistakes", "solved": "Solved (all tests passed)",
                "attempted": "Attempted (code run, not solved)"}[self.value]

    @property
    def crossing(self) -> bool:
        return self not in (Status.NEW, Status.SEEN, Status.RATED)

    def holds_for(self, state: QuestionState) -> bool:
        """True if a question in ``state`` is shown under this status filter."""
        return {
            Status.FLAGGED: state.flagged,
            Status.DUE: state.due_now,
            Status.LEARNING: state.learning,
            Status.MASTERED: state.mastered,
            Status.MISTAKES: state.mistake,
            Status.SOLVED: state.solved is True,
            Status.ATTEMPTED: state.solved is False,
        }.get(self, state.status is self)


@dataclass(frozen=True)
class FollowUp:
    question: str
    answer: str


@dataclass(frozen=True)
class Question:
    """A question with its full content, as stored in the bank."""

    id: str
    type: str
    topic: str
    difficulty: str
    minutes: int
    title: str
    prompt: str
    answer: str
    key_points: tuple[str, ...]
    pitfalls: tuple[str, ...]
    follow_ups: tuple[FollowUp, ...]
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    source: str = "bank"
    retired: bool = False
    damaged: bool = False  # part of its text could not be read from the file (shown with a warning)
    exercise: Exercise | None = None  # coding questions: starter, reference solution, tests


@dataclass(frozen=True)
class QuestionState:
    """The user's study state for one question."""

    question_id: str
    seen_at: str | None = None
    flagged: bool = False
    last_rating: int | None = None
    review_count: int = 0
    due: str | None = None  # next FSRS review, UTC ISO-8601 (None: no card yet)
    due_now: bool = False  # due today or overdue
    learning: bool = False
    mastered: bool = False
    mistake: bool = False
    solved: bool | None = None  # coding: True solved, False attempted, None never run

    @property
    def status(self) -> Status:
        if self.review_count:
            return Status.RATED
        if self.seen_at:
            return Status.SEEN
        return Status.NEW


@dataclass(frozen=True)
class QuestionRow:
    """One line of the browser's table: a question's summary and its state."""

    id: str
    title: str
    type: str
    topic: str
    difficulty: str
    state: QuestionState = field(default_factory=lambda: QuestionState(""))
    has_note: bool = False  # the question has its own note in the notebook (outside the Trash)


@dataclass(frozen=True)
class QuestionFilter:
    """What the browser asks for. Empty fields mean 'any'."""

    text: str = ""
    type: str | None = None
    topic: str | None = None
    difficulty: str | None = None
    status: Status | None = None

    def without(self, facet: str) -> QuestionFilter:
        """The same filter with one facet cleared (for counting that facet's options)."""
        from dataclasses import replace

        cleared: dict[str, Any] = {facet: None}
        return replace(self, **cleared)
