"""The mock interview's plain data: set-up, sessions, items and their review (no Qt, no SQL)."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import Enum

from mlprep_desktop.core.models import DIFFICULTIES, QUESTION_TYPES, TOPICS

MIN_QUESTIONS = 1
MAX_QUESTIONS = 10
SCORE_RANGE = (1, 2, 3, 4)  # self-scores for technical accuracy and communication


class InterviewMode(str, Enum):
    """EXAM hides difficulty and answers until the end; PRACTICE may reveal each model answer."""

    EXAM = "exam"
    PRACTICE = "practice"


class Timing(str, Enum):
    """How the clock's budget is set."""

    QUESTION_MINUTES = "question"  # each question's own ``minutes``
    FIXED = "fixed"  # the same number of minutes for every question
    TOTAL = "total"  # one limit for the whole interview, shared by the questions' minutes


class SessionStatus(str, Enum):
    RUNNING = "running"
    PAUSED = "paused"
    REVIEWING = "reviewing"  # answering is over; the candidate grades themselves
    COMPLETED = "completed"
    ABANDONED = "abandoned"

    @property
    def unfinished(self) -> bool:
        """Still answering (the clock may run): a crash leaves a session in one of these."""
        return self in (SessionStatus.RUNNING, SessionStatus.PAUSED)

    @property
    def label(self) -> str:
        return {
            "running": "In progress",
            "paused": "Paused",
            "reviewing": "Review pending",
            "completed": "Completed",
            "abandoned": "Abandoned",
        }[self.value]


class ItemStatus(str, Enum):
    PENDING = "pending"  # not shown yet
    SEEN = "seen"  # shown, no answer written
    ANSWERED = "answered"  # the answer has text
    SKIPPED = "skipped"  # the candidate passed on it


@dataclass(frozen=True)
class InterviewConfig:
    """The set-up pane's choices. Empty ``types`` means Balanced; empty ``topics`` means any."""

    count: int = 5
    types: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    difficulty: str | None = None
    timing: Timing = Timing.TOTAL
    fixed_minutes: int = 9
    total_minutes: int = 45
    mode: InterviewMode = InterviewMode.EXAM

    def __post_init__(self) -> None:
        object.__setattr__(self, "count", max(MIN_QUESTIONS, min(MAX_QUESTIONS, int(self.count))))
        object.__setattr__(self, "types", tuple(t for t in QUESTION_TYPES if t in self.types))
        object.__setattr__(self, "topics", tuple(t for t in self.topics if t in TOPICS))
        if self.difficulty not in DIFFICULTIES:
            object.__setattr__(self, "difficulty", None)
        object.__setattr__(self, "timing", Timing(self.timing))
        object.__setattr__(self, "mode", InterviewMode(self.mode))
        object.__setattr__(self, "fixed_minutes", max(1, int(self.fixed_minutes)))
        object.__setattr__(self, "total_minutes", max(1, int(self.total_minutes)))

    @property
    def balanced(self) -> bool:
        return not self.types

    def to_json(self) -> str:
        data = asdict(self)
        data["timing"] = self.timing.value
        data["mode"] = self.mode.value
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | dict | None) -> InterviewConfig:
        """The config stored by ``to_json``; unknown or broken fields fall back to defaults."""
        try:
            data = text if isinstance(text, dict) else json.loads(text or "{}")  # imported files hold objects
        except (TypeError, ValueError):
            data = {}
        if not isinstance(data, dict):
            data = {}
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for key in ("types", "topics"):
            if key in known:
                known[key] = tuple(known[key]) if isinstance(known[key], list | tuple) else ()
        try:
            return cls(**known)
        except (TypeError, ValueError):
            return cls()


@dataclass(frozen=True, slots=True)
class Candidate:
    """A question as the planner sees it (read when an interview starts)."""

    id: str
    type: str
    topic: str
    difficulty: str
    minutes: int
    title: str = ""


@dataclass(frozen=True, slots=True)
class CandidateGroup:
    """The active questions that share a type, topic and difficulty: how many, and how many of
    them were answered in the last ``RECENT_SESSIONS`` interviews (what the set-up page counts)."""

    type: str
    topic: str
    difficulty: str
    count: int
    recent: int = 0


@dataclass(frozen=True)
class PlannedItem:
    """One question chosen for a new session, with its time budget."""

    question_id: str
    budget_seconds: float


@dataclass(frozen=True)
class KeyPointCheck:
    """One key point in the review: the automatic match and the candidate's own tick."""

    text: str
    matched_words: tuple[str, ...] = ()
    auto: bool = False
    checked: bool = False

    def to_dict(self) -> dict:
        return {"text": self.text, "matched": list(self.matched_words), "auto": self.auto, "checked": self.checked}

    @classmethod
    def from_dict(cls, data: dict) -> KeyPointCheck:
        return cls(
            text=str(data.get("text", "")),
            matched_words=tuple(data.get("matched", ())),
            auto=bool(data.get("auto", False)),
            checked=bool(data.get("checked", False)),
        )


@dataclass(frozen=True)
class CodeRun:
    """The last run of a coding item's code: the code it ran, when, the counts, and the whole
    result as stored (``runner.results.result_to_dict``; read it with ``result_from_dict``)."""

    code: str
    ran_at: str  # UTC ISO-8601
    passed: int
    total: int
    all_passed: bool  # every test ran and passed (no stop)
    result: dict = field(default_factory=dict, compare=False, hash=False)

    def to_json(self) -> str:
        return json.dumps({"code": self.code, "ran_at": self.ran_at, "passed": self.passed, "total": self.total,
                           "all_passed": self.all_passed, "result": self.result})

    @classmethod
    def from_json(cls, text: str | None) -> CodeRun | None:
        """The run ``to_json`` stored; None when there is none or it is damaged."""
        if not text:
            return None
        try:
            data = json.loads(text)
            return cls(str(data["code"]), str(data.get("ran_at", "")), int(data["passed"]), int(data["total"]),
                       bool(data.get("all_passed")), data.get("result") if isinstance(data.get("result"), dict) else {})
        except (ValueError, TypeError, KeyError, AttributeError):
            return None


@dataclass(frozen=True)
class InterviewItem:
    """One question of a session as stored, with what the candidate wrote and how they graded it."""

    id: int
    session_id: int
    position: int
    question_id: str
    budget_seconds: float
    elapsed_seconds: float = 0.0
    status: ItemStatus = ItemStatus.PENDING
    time_up: bool = False
    answer: str = ""
    revealed: bool = False
    key_points: tuple[KeyPointCheck, ...] = ()
    accuracy: int | None = None
    communication: int | None = None
    title: str = ""
    topic: str = ""
    type: str = ""
    code_run: CodeRun | None = None  # a coding item's last test run (its answer is the code)

    @property
    def overtime_seconds(self) -> float:
        return max(0.0, self.elapsed_seconds - self.budget_seconds)


@dataclass(frozen=True)
class InterviewRecord:
    """A whole session as stored."""

    id: int
    started_at: str
    updated_at: str
    status: SessionStatus
    config: InterviewConfig
    total_budget_seconds: float
    elapsed_seconds: float = 0.0
    current_index: int = 0
    time_up: bool = False
    ended_at: str | None = None
    items: tuple[InterviewItem, ...] = field(default_factory=tuple)
    ended_early: bool = False  # answering ended before every question was reached

    @property
    def status_label(self) -> str:
        """'Completed', or 'Completed · ended early' (history, review title)."""
        label = self.status.label
        return f"{label} · ended early" if self.ended_early else label

    def item(self, item_id: int) -> InterviewItem | None:
        return next((i for i in self.items if i.id == item_id), None)
