"""``InterviewSession``: the running interview as a state machine over an injected monotonic clock.

States: RUNNING <-> PAUSED, then REVIEWING (ended: all answered or ended early) or ABANDONED;
REVIEWING -> COMPLETED when the candidate is done grading. Only RUNNING counts time, and only
for the current question; the session's elapsed time is the sum of its questions'.

Contract:
- Time comes only from ``clock()`` (seconds, monotonic, arbitrary origin). Nothing here sleeps
  or keeps a timer: the UI repaints from ``question_countdown()`` / ``total_countdown()``.
- Running out of time never blocks anything: ``poll()`` records it (``time_up`` on the item and
  the session) and reports it once, and the countdown goes on into overtime.
- ``snapshot()`` folds the running time into the current question and returns what to store.
  ``restore()`` rebuilds a session from the stored values in PAUSED: time while the app was
  closed never counts, whatever the clock's origin in the new process.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from mlprep_desktop.core.clock import monotonic
from mlprep_desktop.core.interview_models import InterviewRecord, ItemStatus, SessionStatus

WARNING_SECONDS = 60.0  # the clock turns amber in the last minute
_EPSILON = 1e-6  # sums of float budgets must not show 00:59 for a whole minute


class InterviewStateError(RuntimeError):
    """An action that the session's current state does not allow (e.g. Next while paused)."""


class Phase(str, Enum):
    NORMAL = "normal"
    WARNING = "warning"  # last minute: amber
    OVER = "over"  # zero or overtime: red


class Event(str, Enum):
    QUESTION_TIME_UP = "question_time_up"
    TOTAL_TIME_UP = "total_time_up"


@dataclass(frozen=True)
class Countdown:
    budget: float
    elapsed: float

    @property
    def remaining(self) -> float:
        return self.budget - self.elapsed

    @property
    def overtime(self) -> float:
        return max(0.0, -self.remaining)

    @property
    def phase(self) -> Phase:
        if self.remaining <= 0:
            return Phase.OVER
        if self.remaining <= WARNING_SECONDS:
            return Phase.WARNING
        return Phase.NORMAL

    @property
    def text(self) -> str:
        """'04:59' counting down (whole seconds shown are rounded up), '+01:05' in overtime."""
        if self.remaining > 0:
            return format_duration(math.ceil(self.remaining - _EPSILON))
        return "+" + format_duration(math.floor(self.overtime + _EPSILON))


def format_duration(seconds: float) -> str:
    """'07:05', or '1:02:03' from an hour up."""
    total = int(max(0.0, seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


@dataclass(frozen=True)
class ItemClock:
    """One question's clock: its budget, the time already spent and its status."""

    item_id: int
    budget_seconds: float
    elapsed_seconds: float = 0.0
    status: ItemStatus = ItemStatus.PENDING
    time_up: bool = False


@dataclass(frozen=True)
class SessionSnapshot:
    """What a checkpoint stores: enough to restore the clock after a crash."""

    status: SessionStatus
    current_index: int
    elapsed_seconds: float
    time_up: bool
    items: tuple[ItemClock, ...]


def ended_early(snapshot: SessionSnapshot) -> bool:
    """Answering ended before every question was reached (some were never shown)."""
    return any(item.status is ItemStatus.PENDING for item in snapshot.items)


class InterviewSession:
    """A running interview. Not thread-safe; one owner calls it (the UI's runner)."""

    def __init__(
        self,
        items: Sequence[ItemClock],
        total_budget_seconds: float,
        *,
        clock: Callable[[], float] = monotonic,
        status: SessionStatus = SessionStatus.RUNNING,
        current_index: int = 0,
        time_up: bool = False,
    ) -> None:
        if not items:
            raise ValueError("an interview needs at least one question")
        self._clock = clock
        self._items = list(items)
        self._total_budget = float(total_budget_seconds)
        self._status = SessionStatus(status)
        self._current = max(0, min(current_index, len(self._items) - 1))
        self._time_up = time_up
        self._since: float | None = None  # when the running segment started
        self._last_snapshot = clock()
        if self._status is SessionStatus.RUNNING:
            self._since = clock()
        if self._status.unfinished:
            self._visit(self._current)

    @classmethod
    def restore(cls, record: InterviewRecord, clock: Callable[[], float] = monotonic) -> InterviewSession:
        """The stored session, PAUSED (time while the app was closed counts as paused)."""
        items = [ItemClock(i.id, i.budget_seconds, i.elapsed_seconds, i.status, i.time_up) for i in record.items]
        status = SessionStatus.PAUSED if record.status.unfinished else record.status
        return cls(items, record.total_budget_seconds, clock=clock, status=status,
                   current_index=record.current_index, time_up=record.time_up)

    # ----- reading
    @property
    def status(self) -> SessionStatus:
        return self._status

    @property
    def running(self) -> bool:
        return self._status is SessionStatus.RUNNING

    @property
    def current_index(self) -> int:
        return self._current

    @property
    def count(self) -> int:
        return len(self._items)

    @property
    def is_last(self) -> bool:
        return self._current == len(self._items) - 1

    @property
    def total_budget_seconds(self) -> float:
        return self._total_budget

    @property
    def time_up(self) -> bool:
        return self._time_up

    def item(self, index: int | None = None) -> ItemClock:
        """The item at ``index`` (default: current) with its elapsed time up to now."""
        index = self._current if index is None else index
        item = self._items[index]
        return replace(item, elapsed_seconds=self._elapsed(index))

    @property
    def items(self) -> tuple[ItemClock, ...]:
        return tuple(self.item(i) for i in range(len(self._items)))

    def total_elapsed(self) -> float:
        return sum(self._elapsed(i) for i in range(len(self._items)))

    def question_countdown(self) -> Countdown:
        return Countdown(self._items[self._current].budget_seconds, self._elapsed(self._current))

    def total_countdown(self) -> Countdown:
        return Countdown(self._total_budget, self.total_elapsed())

    def checkpoint_due(self, interval_seconds: float) -> bool:
        """True when ``interval_seconds`` passed since the last ``snapshot()``."""
        return self._clock() - self._last_snapshot >= interval_seconds

    # ----- actions
    def poll(self) -> list[Event]:
        """Record time running out (once per question and once for the session)."""
        events: list[Event] = []
        if not self._status.unfinished:
            return events
        item = self._items[self._current]
        if not item.time_up and self._elapsed(self._current) >= item.budget_seconds:
            self._items[self._current] = replace(item, time_up=True)
            events.append(Event.QUESTION_TIME_UP)
        if not self._time_up and self.total_elapsed() >= self._total_budget:
            self._time_up = True
            events.append(Event.TOTAL_TIME_UP)
        return events

    def pause(self) -> None:
        self._require(SessionStatus.RUNNING, "pause")
        self._fold()
        self._since = None
        self._status = SessionStatus.PAUSED

    def resume(self) -> None:
        self._require(SessionStatus.PAUSED, "resume")
        self._since = self._clock()
        self._status = SessionStatus.RUNNING

    def toggle_pause(self) -> None:
        self.resume() if self._status is SessionStatus.PAUSED else self.pause()

    def note_answer(self, has_text: bool) -> None:
        """The current answer became empty or not (a skipped question stays skipped while empty)."""
        item = self._items[self._current]
        if has_text:
            status = ItemStatus.ANSWERED
        elif item.status is ItemStatus.SKIPPED:
            return
        else:
            status = ItemStatus.SEEN
        self._items[self._current] = replace(item, status=status)

    def next(self) -> bool:
        """Go to the next question; on the last one, end the interview. True if it ended."""
        self._require(SessionStatus.RUNNING, "move on")
        if self.is_last:
            self.end()
            return True
        self._go(self._current + 1)
        return False

    def previous(self) -> None:
        self._require(SessionStatus.RUNNING, "go back")
        if self._current == 0:
            raise InterviewStateError("already at the first question")
        self._go(self._current - 1)

    def go_to(self, index: int) -> None:
        self._require(SessionStatus.RUNNING, "change question")
        if not 0 <= index < len(self._items):
            raise InterviewStateError(f"no question {index + 1}")
        self._go(index)

    def skip(self) -> bool:
        """Pass on the current question and move on (ending after the last). True if it ended."""
        self._require(SessionStatus.RUNNING, "skip")
        self._items[self._current] = replace(self._items[self._current], status=ItemStatus.SKIPPED)
        return self.next()

    def end(self) -> None:
        """Stop answering (finished, or ended early): the clock stops and review begins."""
        if not self._status.unfinished:
            raise InterviewStateError(f"cannot end an interview that is {self._status.value}")
        self._fold()
        self._since = None
        self._poll_final()
        self._status = SessionStatus.REVIEWING

    def abandon(self) -> None:
        if not self._status.unfinished:
            raise InterviewStateError(f"cannot abandon an interview that is {self._status.value}")
        self._fold()
        self._since = None
        self._status = SessionStatus.ABANDONED

    def complete(self) -> None:
        self._require(SessionStatus.REVIEWING, "complete")
        self._status = SessionStatus.COMPLETED

    def snapshot(self) -> SessionSnapshot:
        """Fold the running time in and return what to store (restarts ``checkpoint_due``)."""
        self.poll()
        self._fold()
        self._last_snapshot = self._clock()
        return SessionSnapshot(self._status, self._current, self.total_elapsed(), self._time_up, tuple(self._items))

    # ----- internals
    def _poll_final(self) -> None:
        """Record time-up for every item at the end (a question left over budget counts)."""
        for i, item in enumerate(self._items):
            if not item.time_up and item.elapsed_seconds >= item.budget_seconds and item.status is not ItemStatus.PENDING:
                self._items[i] = replace(item, time_up=True)
        if self.total_elapsed() >= self._total_budget:
            self._time_up = True

    def _elapsed(self, index: int) -> float:
        elapsed = self._items[index].elapsed_seconds
        if index == self._current and self._since is not None:
            elapsed += max(0.0, self._clock() - self._since)
        return elapsed

    def _fold(self) -> None:
        """Move the running segment's time into the current item."""
        if self._since is None:
            return
        now = self._clock()
        item = self._items[self._current]
        self._items[self._current] = replace(item, elapsed_seconds=item.elapsed_seconds + max(0.0, now - self._since))
        self._since = now

    def _go(self, index: int) -> None:
        self.poll()
        self._fold()
        self._current = index
        self._visit(index)

    def _visit(self, index: int) -> None:
        item = self._items[index]
        if item.status is ItemStatus.PENDING:
            self._items[index] = replace(item, status=ItemStatus.SEEN)

    def _require(self, status: SessionStatus, action: str) -> None:
        if self._status is not status:
            raise InterviewStateError(f"cannot {action} while the interview is {self._status.value}")
