"""``InterviewRunner``: drives one running interview — clock, checkpoints, answers, navigation.

Contract:
- The ``InterviewSession`` (core) owns time; the QTimer here only polls it to repaint
  (``ticked``) and, every ``CHECKPOINT_SECONDS`` of clock time, stores a checkpoint, so a kill
  loses at most that much of the clock. Every state change (pause, next, previous, skip, end)
  and every ``flush()`` also checkpoints.
- Answers are debounced per item and flushed before any item switch, on focus loss and on
  ``flush()``; a failed write leaves the text on screen and pending, and is reported once
  through ``error_occurred`` until a write succeeds again.
- When answering ends, each answer is graded against its question's key points and the
  session goes to 'reviewing' in one transaction; if that write fails the session is put back,
  paused, so nothing is lost and the candidate can try again.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal

from mlprep_desktop.core.grading import grade_answer
from mlprep_desktop.core.interview import Event, InterviewSession, InterviewStateError, SessionSnapshot
from mlprep_desktop.core.interview_models import InterviewItem, InterviewRecord, KeyPointCheck, SessionStatus
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.services.changes import Change, ChangeKind
from mlprep_desktop.storage.database import WriteError
from mlprep_desktop.ui.widgets.debounced_saver import DebouncedSaver


class InterviewRunner(QObject):
    TICK_MS = 200
    CHECKPOINT_SECONDS = 3.0

    ticked = Signal()  # repaint the clock
    question_changed = Signal(int)  # index of the question now shown
    time_ran_out = Signal(str)  # "question" or "total"
    finished = Signal(int)  # session id: answering ended, review begins
    error_occurred = Signal(str)
    data_changed = Signal(object)  # Change

    def __init__(self, context: AppContext, clock: Callable[[], float], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
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
        try:
            self._ctx.interviews.set_revealed(item.id)
        except WriteError as exc:
            self.error_occurred.emit(str(exc))
            return
        self._replace_item(replace(item, revealed=True))

    def checkpoint(self) -> None:
        if not self.active or self.record is None:
            return
        try:
            self._ctx.interviews.checkpoint(self.record.id, self.session.snapshot())
        except WriteError as exc:
            self._report(str(exc))
        else:
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
        try:
            self._ctx.interviews.finish_answering(self.record.id, snapshot, self._graded_key_points())
        except WriteError as exc:
            self.error_occurred.emit(str(exc))
            self._put_back(before or replace(snapshot, status=SessionStatus.PAUSED))
            return
        session_id = self.record.id
        self.stop()
        self.data_changed.emit(Change.of(ChangeKind.INTERVIEWS, session_ids=[session_id]))
        self.finished.emit(session_id)

    def _put_back(self, snapshot: SessionSnapshot) -> None:
        """Rebuild the session, paused, from ``snapshot`` after a failed final write."""
        assert self.record is not None
        items = tuple(
            replace(item, elapsed_seconds=clock.elapsed_seconds, status=clock.status, time_up=clock.time_up)
            for item, clock in zip(self.record.items, snapshot.items)
        )
        self.record = replace(self.record, items=items, status=SessionStatus.PAUSED,
                              current_index=snapshot.current_index, time_up=snapshot.time_up)
        self.session = InterviewSession.restore(self.record, clock=self._clock)
        self.question_changed.emit(self.session.current_index)
        self.ticked.emit()

    def _graded_key_points(self) -> dict[int, list[KeyPointCheck]]:
        out: dict[int, list[KeyPointCheck]] = {}
        for item in self.record.items:
            question = self._ctx.questions.get(item.question_id)
            points = question.key_points if question is not None else ()
            matches = grade_answer(self._answers.get(item.id, ""), points)
            out[item.id] = [KeyPointCheck(m.key_point, m.matched, m.is_match, m.is_match) for m in matches]
        return out

    def _replace_item(self, item: InterviewItem) -> None:
        assert self.record is not None
        self.record = replace(self.record, items=tuple(item if i.id == item.id else i for i in self.record.items))

    def _save_answer(self) -> None:
        item_id = self._dirty_item
        if item_id is None:
            return
        self._ctx.interviews.save_answer(item_id, self._answers.get(item_id, ""))
        self._failing = False
        self.data_changed.emit(Change.of(ChangeKind.INTERVIEWS, session_ids=[self.record.id] if self.record else ()))

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
