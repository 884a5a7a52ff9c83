"""``InterviewRunner``: drives one running interview — clock, checkpoints, answers, navigation.

Contract:
- The ``InterviewSession`` (core) owns time; the QTimer here only polls it to repaint
  (``ticked``) and, every ``CHECKPOINT_SECONDS`` of clock time, stores a checkpoint, so a kill
  loses at most that much of the clock. Every state change (pause, next, previous, skip, end)
  and every ``flush()`` also checkpoints.
- Answers are debounced per item and flushed before any item switch, on focus loss and on
  ``flush()``; a failed write leaves the text on screen and pending, and is reported once
  through ``error_occurred`` until a write succeeds again.
- When answering ends, ``context.interview_ops`` grades each answer against its question's
  key points and the session goes to 'reviewing' in one transaction; if that write fails the
  session is put back, paused (``interview_ops.put_back``), so nothing is lost and the
  candidate can try again.
- A long answer (``PRIME_STEMS_CHARS``) has its grading worked out on a background thread once
  typing pauses (``core.grading.prime_answer_stems``), so ending the interview right after
  does not do it in that turn (~40 ms for 300 KB); the result is the same either way.
- Every write runs through the ``OperationRunner`` (which reports a refused one and hands on
  the change); the debounced answer save and the periodic checkpoint report a failure once.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from mlprep_desktop.core.interview import Event, InterviewSession, InterviewStateError
from mlprep_desktop.core.interview_models import InterviewItem, InterviewRecord, SessionStatus
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.ui.operation_runner import OperationRunner
from mlprep_desktop.ui.widgets.debounced_saver import DebouncedSaver

if TYPE_CHECKING:
    from mlprep_desktop.services.interview_ops import InterviewOperations


class InterviewRunner(QObject):
    TICK_MS = 200
    PRIME_STEMS_CHARS = 20_000
    PRIME_IDLE_MS = 250
    CHECKPOINT_SECONDS = 3.0

    ticked = Signal()  # repaint the clock
    question_changed = Signal(int)  # index of the question now shown
    time_ran_out = Signal(str)  # "question" or "total"
    finished = Signal(int)  # session id: answering ended, review begins
    error_occurred = Signal(str)  # a background write (answer, checkpoint) failed: told once

    def __init__(self, context: AppContext, operations: OperationRunner, clock: Callable[[], float],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._operations = operations
        self._clock = clock
        self.session: InterviewSession | None = None
        self.record: InterviewRecord | None = None
        self._answers: dict[int, str] = {}
        self._dirty_item: int | None = None
        self._failing = False
        self._saver = DebouncedSaver(self._save_answer, parent=self)
        self._saver.failed.connect(self._report)
        self._timer = QTimer(self)
        self._timer.setObjectName("interviewTicker")
        self._timer.setInterval(self.TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._prime_item: int | None = None
        self._priming: threading.Thread | None = None
        self._prime_timer = QTimer(self)
        self._prime_timer.setSingleShot(True)
        self._prime_timer.setInterval(self.PRIME_IDLE_MS)
        self._prime_timer.timeout.connect(self._on_prime_timer_timeout)

    @property
    def _ops(self) -> InterviewOperations:  # made on first use (not at start-up: issue 16)
        return self._context.interview_ops

    # ----- reading
    @property
    def active(self) -> bool:
        return self.session is not None and self.session.status.unfinished

    @property
    def current_item(self) -> InterviewItem:
        assert self.record is not None and self.session is not None
        return self.record.items[self.session.current_index]

    def answer(self, item_id: int) -> str:
        return self._answers.get(item_id, "")

    # ----- life cycle
    def begin(self, record: InterviewRecord) -> None:
        """Run ``record``: a new session, or one restored after a crash or a close."""
        self.record = record
        self._answers = {item.id: item.answer for item in record.items}
        self._dirty_item = None
        # A stored session comes back paused (time while closed never counts); running it resumes.
        self.session = InterviewSession.restore(record, clock=self._clock)
        if self.session.status is SessionStatus.PAUSED:
            self.session.resume()
        self._timer.start()
        self.checkpoint()
        self.question_changed.emit(self.session.current_index)
        self.ticked.emit()

    def stop(self) -> None:
        self._timer.stop()
        self.session = None

    # ----- actions
    def set_answer(self, text: str) -> None:
        if not self.active:
            return
        item_id = self.current_item.id
        if self._dirty_item not in (None, item_id):
            self._saver.flush()
        self._answers[item_id] = text
        self._dirty_item = item_id
        self.session.note_answer(bool(text.strip()))
        self._saver.schedule()
        if len(text) >= self.PRIME_STEMS_CHARS:
            self._prime_item = item_id
            self._prime_timer.start()

    def flush_answer(self) -> bool:
        return self._saver.flush()

    def flush(self) -> bool:
        """Write the pending answer and a checkpoint now (tab switch, focus loss, close, quit).
        Returns False when the answer could not be written."""
        saved = self._saver.flush()
        self.checkpoint()
        return saved

    def toggle_pause(self) -> None:
        self._act(lambda s: s.toggle_pause())
        self.ticked.emit()

    def next(self) -> None:
        self._move(lambda s: s.next())

    def previous(self) -> None:
        self._move(lambda s: s.previous())

    def skip(self) -> None:
        self._move(lambda s: s.skip())

    def end(self) -> None:
        if not self.active:
            return
        if not self._saver.flush():
            return  # the answer could not be saved: stay, the error is shown
        self._finish()

    def reveal(self) -> None:
        """Practice mode: the current model answer was shown (recorded for the review)."""
        if not self.active:
            return
        item = self.current_item
        if self._operations.run(lambda: self._ops.set_revealed(item.id), source=self) is not None:
            self._replace_item(replace(item, revealed=True))

    def update_item(self, item: InterviewItem) -> None:
        """An item was stored with something new (a coding item's test run): keep it."""
        if self.record is not None and self.record.item(item.id) is not None:
            self._replace_item(item)

    def checkpoint(self) -> None:
        if not self.active or self.record is None:
            return
        session_id, snapshot = self.record.id, self.session.snapshot()
        if self._operations.run(lambda: self._ops.checkpoint(session_id, snapshot), source=self,
                                on_error=self._report, report=False) is not None:
            self._failing = False

    # ----- internals
    def _act(self, action) -> None:
        if not self.active:
            return
        try:
            action(self.session)
        except InterviewStateError:
            return
        self.checkpoint()

    def _move(self, action) -> None:
        if not self.active or not self.session.running:
            return
        if not self._saver.flush():
            return  # the answer could not be saved: stay on it, the error is shown
        try:
            ended = action(self.session)
        except InterviewStateError:
            return
        if ended:
            self._finish(already_ended=True)
            return
        self.checkpoint()
        self.question_changed.emit(self.session.current_index)
        self.ticked.emit()

    def _finish(self, already_ended: bool = False) -> None:
        assert self.record is not None and self.session is not None
        before = None if already_ended else self.session.snapshot()
        if not already_ended:
            self.session.end()
        snapshot = self.session.snapshot()
        record, answers = self.record, dict(self._answers)
        put_back = before or replace(snapshot, status=SessionStatus.PAUSED)
        outcome = self._operations.run(lambda: self._ops.finish_answering(record, snapshot, answers), source=self,
                                       on_error=lambda _: self._resume_paused(self._ops.put_back(record, put_back)))
        if outcome is None:
            return
        self.stop()
        self.finished.emit(outcome.value)

    def _resume_paused(self, record: InterviewRecord) -> None:
        """Show ``record`` again, paused, after a final write the disk refused."""
        self.record = record
        self.session = InterviewSession.restore(record, clock=self._clock)
        self.question_changed.emit(self.session.current_index)
        self.ticked.emit()

    def _replace_item(self, item: InterviewItem) -> None:
        assert self.record is not None
        self.record = replace(self.record, items=tuple(item if i.id == item.id else i for i in self.record.items))

    def _save_answer(self) -> None:
        """The debounced answer save; a refused write raises to the saver (kept pending, told once)."""
        item_id = self._dirty_item
        if item_id is None or self.record is None:
            return
        outcome = self._ops.save_answer(self.record.id, item_id, self._answers.get(item_id, ""))
        self._failing = False
        self._operations.publish(outcome.change, self)

    def _on_prime_timer_timeout(self) -> None:
        """Typing paused on a long answer: its grading is worked out on a background thread
        (one at a time; pure Python on a copy of the text, nothing of Qt's)."""
        if not self.active or self._prime_item is None:
            return
        if self._priming is not None and self._priming.is_alive():
            self._prime_timer.start()  # the one before is still at work: try again later
            return
        from mlprep_desktop.core.grading import prime_answer_stems  # not at start-up (issue 16)

        text = self._answers.get(self._prime_item, "")
        self._priming = threading.Thread(target=prime_answer_stems, args=(text,), name="interview-grading",
                                         daemon=True)
        self._priming.start()

    def _report(self, text: str) -> None:
        if not self._failing:
            self._failing = True
            self.error_occurred.emit(text)

    def _on_timer_timeout(self) -> None:
        if not self.active:
            return
        for event in self.session.poll():
            self.time_ran_out.emit("question" if event is Event.QUESTION_TIME_UP else "total")
        if self.session.running and self.session.checkpoint_due(self.CHECKPOINT_SECONDS):
            self.checkpoint()
        self.ticked.emit()
