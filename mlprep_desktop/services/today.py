"""``TodayService``: the study loop's use cases — today's queue, the focused session, ratings,
the daily goal, the plan, the interview date, and the progress page's figures.

Writes are operations: one transaction each, returning an ``Outcome`` whose change names
``ChangeKind.STUDY_STATE`` (ratings, sessions) or ``ChangeKind.SETTINGS`` (goal, retention,
date, plan). Reads build plain values from core (``DailyQueue``, ``ProgressSnapshot``).
The session (its mode, the question on screen, the mistakes drill) is kept in ``settings``
so leaving the tab, or the app, resumes it. Time comes from the injected study clock. No Qt.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from mlprep_desktop.core.clock import next_midnight
from mlprep_desktop.core.daily_queue import GOAL_RANGE, MORE_BATCH, DailyQueue, build_queue, reach_reserve
from mlprep_desktop.core.models import TOPICS, Rating
from mlprep_desktop.core.scheduling import (
    MASTERED_STABILITY_DAYS,
    RETENTION_RANGE,
    SchedulePolicy,
    StudyScheduler,
    forgetting_curve,
    forgetting_curve_terms,
)
from mlprep_desktop.core.study_plan import StudyPlan
from mlprep_desktop.core.study_progress import (
    FORECAST_DAYS,
    Streaks,
    TopicMastery,
    streaks,
    weakest_topics,
)
from mlprep_desktop.services.changes import Change, ChangeKind, Outcome
from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.storage.database import Database
from mlprep_desktop.storage.progress import ProgressRepository
from mlprep_desktop.storage.study import StudyRepository
from mlprep_desktop.storage.study_cards import (
    GOAL_KEY,
    INTERVIEW_DATE_KEY,
    PLAN_KEY,
    RETENTION_KEY,
    CardRepository,
    StudySettings,
)

SESSION_KEY = "today.session"
EXTRA_KEY = "today.extra"
HEATMAP_DAYS = 371  # 53 weeks: a year of columns


@dataclass(frozen=True)
class Session:
    """The focused session on screen: ``goal`` (today's queue) or ``mistakes`` (a drill of
    ``pending`` ids; one rated Again/Hard goes to the back), and the question shown."""

    day: str
    mode: str = "goal"
    current: str | None = None
    pending: tuple[str, ...] = ()
    drilled: int = 0

    def to_json(self) -> dict:
        return {"day": self.day, "mode": self.mode, "current": self.current,
                "pending": list(self.pending), "drilled": self.drilled}

    @classmethod
    def from_json(cls, data) -> Session | None:
        try:
            return cls(str(data["day"]), str(data["mode"]), data.get("current"),
                       tuple(str(q) for q in data.get("pending", ())), int(data.get("drilled", 0)))
        except (TypeError, KeyError, ValueError):
            return None


@dataclass(frozen=True)
class TodayState:
    """What the Today page shows: the queue, the session (None: not started), the streak."""

    queue: DailyQueue
    session: Session | None
    streak: Streaks
    settings: StudySettings
    plan: StudyPlan
    week: int  # the plan week today falls in (0-based)
    final_pass: bool  # an interview is close: reviews only
    mistakes: int  # questions the mistakes drill would bring
    weakest: tuple[str, ...] = ()

    @property
    def current(self) -> str | None:
        return self.session.current if self.session else None


@dataclass(frozen=True)
class ProgressSnapshot:
    today: date
    per_day: dict[date, int]
    streak: Streaks
    mastery: list[TopicMastery]
    forecast: list[int]
    interview_trend: list[tuple[str, float]]
    coding: dict[str, tuple[int, int]] | None
    reviews_last_year: int = field(default=0)


class TodayService:
    def __init__(self, database: Database, study: StudyRepository, cards: CardRepository,
                 progress: ProgressRepository, clock) -> None:
        self._db = database
        self._study = study
        self._cards = cards
        self._progress = progress
        self._clock = clock

    # ----- reading
    def now(self) -> datetime:
        return self._clock.now()

    def settings(self) -> StudySettings:
        return self._cards.settings()

    def plan(self, settings: StudySettings | None = None) -> StudyPlan:
        """The stored plan, or the default one starting the Monday of the week of the first
        review (of this week before any)."""
        first = self._progress.first_study_day() or self.now().date()
        return (settings or self.settings()).plan(first - timedelta(days=first.weekday()))

    def queue(self, settings: StudySettings | None = None, policy: SchedulePolicy | None = None) -> DailyQueue:
        now = self.now()
        today = now.date()
        settings = settings or self.settings()
        scheduler = StudyScheduler(policy or self._cards.policy(now.tzinfo))
        policy = scheduler.policy
        day_end = next_midnight(now)
        done = self._cards.reviewed_on(today)
        start = policy.final_pass_start()
        extra = self._extra(today)
        target = settings.goal + extra.get("reviews", 0) + extra.get("new", 0)
        due, due_total = self._cards.due_cards(day_end, max(0, target - len(done)) + len(done),
                                               start if start is not None and start < day_end else None)
        cards = {c.question_id: scheduler.effective(c) for c in due}
        cards.update({q: scheduler.effective(c) for q, c in self._cards.cards_for(done - set(cards)).items()})
        due_total -= sum(1 for q in done if q in cards and cards[q].due < day_end)  # counted as done
        counts = self._cards.topic_counts()
        started = {topic: n for topic, (_, n) in counts.items() if n}
        allow_new = policy.allows_new(today)
        candidates = self._cards.new_candidates(per_group=target) if allow_new else []
        new_total = sum(active - n for active, n in counts.values()) if allow_new else 0
        new_until = policy.last_new_day()
        reserve = 0
        if new_until is not None:
            with_questions = {c.topic for c in candidates}
            reserve = reach_reserve(len(with_questions - set(started)), (new_until - today).days + 1)
        return build_queue(
            goal=settings.goal, now=now, day_end=day_end, cards=cards, done_today=done,
            candidates=candidates, tiers=self.plan(settings).topic_tiers(today, new_until),
            extra_reviews=extra.get("reviews", 0), extra_new=extra.get("new", 0),
            allow_new=allow_new, started=started, min_new=reserve, due_total=due_total, new_total=new_total,
        )

    def state(self) -> TodayState:
        now = self.now()
        settings = self.settings()
        policy = self._cards.policy(now.tzinfo)
        queue = self.queue(settings, policy)
        plan = self.plan(settings)
        session = self._session(now.date())
        return TodayState(
            queue=queue, session=session,
            streak=streaks(self._progress.day_counts(), now.date()),
            settings=settings, plan=plan, week=plan.week_index(now.date(), policy.last_new_day()),
            final_pass=not policy.allows_new(now.date()) and now < (policy.interview_start() or now),
            mistakes=len(self._progress.mistakes(now)),
        )

    def next_question(self, state: TodayState | None = None) -> str | None:
        """The question the session shows now (resuming the one on screen)."""
        state = state or self.state()
        session = state.session
        if session is None:
            return None
        if session.mode == "mistakes":
            return session.pending[0] if session.pending else None
        queue = state.queue
        if session.current and (session.current in queue.reviews or session.current in queue.new
                                or session.current in queue.learning):
            return session.current
        return queue.next_question(self.now())

    def progress(self) -> ProgressSnapshot:
        """The progress page's figures, aggregated in SQLite (fast at 10,000 questions)."""
        now = self.now()
        today = now.date()
        days = self._progress.day_counts()
        since = today - timedelta(days=HEATMAP_DAYS)
        per_day = {d: n for d, n in days.items() if d >= since}
        policy = self._cards.policy(now.tzinfo)
        return ProgressSnapshot(
            today=today, per_day=per_day, streak=streaks(days, today), mastery=self._mastery(now, policy),
            forecast=self._progress.due_per_day(now, FORECAST_DAYS, policy.final_pass_start()),
            interview_trend=self._progress.interview_trend(),
            coding=self._progress.solved_per_topic(), reviews_last_year=sum(per_day.values()),
        )

    def _mastery(self, now: datetime, policy: SchedulePolicy | None = None) -> list[TopicMastery]:
        scheduler = StudyScheduler(policy or self._cards.policy(now.tzinfo))
        rows = {r[0]: r for r in self._progress.topic_summary(now, forgetting_curve(scheduler), MASTERED_STABILITY_DAYS,
                                                              forgetting_curve_terms(scheduler))}
        return [TopicMastery(t, rows[t][1], rows[t][2], rows[t][4], rows[t][3]) if t in rows
                else TopicMastery(t, 0, 0, None, 0) for t in TOPICS]

    def weakest_topics(self, count: int = 3) -> list[str]:
        return weakest_topics(self._mastery(self.now()), count)

    # ----- operations
    def start(self, mode: str = "goal") -> Outcome[str | None]:
        """Start (or restart) the session; ``mistakes``: drill today's mistakes list.
        The value is the first question (None: nothing to study)."""
        now = self.now()
        if mode == "mistakes":
            pending = tuple(self._progress.mistakes(now))
            if not pending:
                raise OperationError("No mistakes to review: nothing was rated Again or Hard in the last "
                                     "two weeks, and no interview answer was scored low.")
            session = Session(now.date().isoformat(), "mistakes", pending[0], pending)
        elif mode == "goal":
            session = Session(now.date().isoformat(), "goal")
            session = replace(session, current=self.queue().next_question(now))
        else:
            raise ValueError(mode)
        with self._db.transaction() as conn:
            self._cards.write_setting(conn, SESSION_KEY, session.to_json())
        return Outcome(session.current, Change.of(ChangeKind.STUDY_STATE))

    def show(self, question_id: str | None) -> Outcome[None]:
        """Remember the question on screen (so coming back resumes it)."""
        session = self._session(self.now().date())
        if session is None or session.current == question_id:
            return Outcome(None)
        with self._db.transaction() as conn:
            self._cards.write_setting(conn, SESSION_KEY, replace(session, current=question_id).to_json())
        return Outcome(None)

    def stop(self) -> Outcome[None]:
        with self._db.transaction() as conn:
            self._cards.delete_setting(conn, SESSION_KEY)
        return Outcome(None, Change.of(ChangeKind.STUDY_STATE))

    def rate(self, question_id: str, rating: Rating | int, seconds_spent: float | None = None) -> Outcome[str | None]:
        """Rate the shown question (one review, FSRS updated) and move the session on.
        The value is the next question (None: the session is over)."""
        rating = Rating(int(rating))
        now = self.now()
        with self._db.transaction() as conn:
            self._study.rate(question_id, rating, seconds_spent, context="today", at=now)
            session = self._session(now.date()) or Session(now.date().isoformat())
            if session.mode == "mistakes":
                pending = [q for q in session.pending if q != question_id]
                if rating <= Rating.HARD:
                    pending.append(question_id)  # again later in the drill
                session = replace(session, pending=tuple(pending), current=pending[0] if pending else None,
                                  drilled=session.drilled + 1)
            else:
                session = replace(session, current=self.queue().next_question(now, skip=question_id))
            self._cards.write_setting(conn, SESSION_KEY, session.to_json())
        return Outcome(session.current, Change.of(ChangeKind.STUDY_STATE, question_ids=[question_id]))

    def more(self, kind: str) -> Outcome[str | None]:
        """"More reviews" / "More new": today's target grows by a batch of that kind, and the
        session goes on with it."""
        if kind not in ("reviews", "new"):
            raise ValueError(kind)
        now = self.now()
        today = now.date()
        extra = self._extra(today)
        extra[kind] = extra.get(kind, 0) + MORE_BATCH
        with self._db.transaction() as conn:
            self._cards.write_setting(conn, EXTRA_KEY, {"day": today.isoformat(), **extra})
            session = Session(today.isoformat(), "goal")
            session = replace(session, current=self.queue().next_question(now))
            self._cards.write_setting(conn, SESSION_KEY, session.to_json())
        return Outcome(session.current, Change.of(ChangeKind.STUDY_STATE))

    def save_attempt(self, question_id: str, text: str) -> Outcome[None]:
        """The session's attempt box: the question's "my answer" draft (shared with Browse)."""
        self._study.save_answer(question_id, text)
        return Outcome(None, Change.of(ChangeKind.ANSWERS, question_ids=[question_id]))

    def set_goal(self, goal: int) -> Outcome[int]:
        low, high = GOAL_RANGE
        if not isinstance(goal, int) or not low <= goal <= high:
            raise OperationError(f"The daily goal is a number of questions from {low} to {high}.")
        with self._db.transaction() as conn:
            self._cards.write_setting(conn, GOAL_KEY, goal)
        return Outcome(goal, Change.of(ChangeKind.SETTINGS))

    def set_retention(self, retention: float) -> Outcome[float]:
        """New desired retention: every card is replayed under it (one transaction)."""
        low, high = RETENTION_RANGE
        if not low <= retention <= high:
            raise OperationError(f"Desired retention is between {low:.2f} and {high:.2f} (0.90 is usual).")
        with self._db.transaction() as conn:
            self._cards.write_setting(conn, RETENTION_KEY, round(float(retention), 3))
            self._cards.rebuild(conn, StudyScheduler(self._cards.policy(self.now().tzinfo)))
        return Outcome(retention, Change.of(ChangeKind.SETTINGS, ChangeKind.STUDY_STATE))

    def set_interview_date(self, day: date | None) -> Outcome[date | None]:
        """Set (None: clear) the interview date; cards are replayed so their dues respect it."""
        if day is not None and day <= self.now().date():
            raise OperationError("The interview date must be after today.")
        with self._db.transaction() as conn:
            self._cards.write_setting(conn, INTERVIEW_DATE_KEY, day.isoformat() if day else None)
            self._cards.rebuild(conn, StudyScheduler(self._cards.policy(self.now().tzinfo)))
        return Outcome(day, Change.of(ChangeKind.SETTINGS, ChangeKind.STUDY_STATE))

    def set_plan(self, plan: StudyPlan) -> Outcome[StudyPlan]:
        plan = plan.normalized()
        with self._db.transaction() as conn:
            self._cards.write_setting(conn, PLAN_KEY, plan.to_json())
        return Outcome(plan, Change.of(ChangeKind.SETTINGS))

    # ----- internals
    def _session(self, today: date) -> Session | None:
        """Today's stored session (a session from another day is over)."""
        row = self._db.query("SELECT value FROM settings WHERE key = ?", (SESSION_KEY,))
        session = Session.from_json(_loads(row[0][0])) if row else None
        return session if session is not None and session.day == today.isoformat() else None

    def _extra(self, today: date) -> dict:
        row = self._db.query("SELECT value FROM settings WHERE key = ?", (EXTRA_KEY,))
        data = _loads(row[0][0]) if row else None
        if not isinstance(data, dict) or data.get("day") != today.isoformat():
            return {}
        return {k: int(v) for k, v in data.items() if k in ("reviews", "new") and isinstance(v, int)}


def _loads(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return None
