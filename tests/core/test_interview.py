"""The interview state machine with a fake clock: time up, pause, skip, overtime, end, crash resume."""
from __future__ import annotations

import pytest

from mlprep_desktop.core.interview import (
    Countdown,
    Event,
    InterviewSession,
    InterviewStateError,
    ItemClock,
    Phase,
    format_duration,
)
from mlprep_desktop.core.interview_models import (
    InterviewConfig,
    InterviewItem,
    InterviewRecord,
    ItemStatus,
    SessionStatus,
)


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def session(clock: FakeClock, budgets=(120, 120, 120), total=None) -> InterviewSession:
    items = [ItemClock(item_id=i + 1, budget_seconds=b) for i, b in enumerate(budgets)]
    return InterviewSession(items, total if total is not None else sum(budgets), clock=clock)


def test_only_the_current_question_counts_time():
    clock = FakeClock()
    s = session(clock)
    assert s.status is SessionStatus.RUNNING and s.item().status is ItemStatus.SEEN
    clock.advance(30)
    assert s.question_countdown().remaining == 90
    assert s.next() is False
    clock.advance(10)
    assert [round(i.elapsed_seconds) for i in s.items] == [30, 10, 0]
    assert s.total_elapsed() == 40
    assert s.total_countdown().remaining == 320
    s.previous()
    clock.advance(5)
    assert [i.elapsed_seconds for i in s.items] == [35, 10, 0]
    with pytest.raises(InterviewStateError):
        s.previous()  # already at the first
    s.go_to(2)
    clock.advance(1)
    assert s.items[2].elapsed_seconds == 1 and s.items[2].status is ItemStatus.SEEN
    with pytest.raises(InterviewStateError):
        s.go_to(3)


def test_clock_turns_amber_in_the_last_minute_then_red_and_counts_overtime():
    clock = FakeClock()
    s = session(clock, budgets=(120,))
    assert s.question_countdown().phase is Phase.NORMAL
    assert s.question_countdown().text == "02:00"
    clock.advance(59)
    assert s.question_countdown().phase is Phase.NORMAL
    clock.advance(1.5)
    assert s.question_countdown().phase is Phase.WARNING
    assert s.question_countdown().text == "01:00"  # 59.5 s left, whole seconds rounded up
    assert s.poll() == []
    clock.advance(60)
    countdown = s.question_countdown()
    assert countdown.phase is Phase.OVER and countdown.overtime == pytest.approx(0.5)
    assert countdown.text == "+00:00"
    assert s.poll() == [Event.QUESTION_TIME_UP, Event.TOTAL_TIME_UP]
    assert s.poll() == []  # reported once
    clock.advance(65)
    assert s.question_countdown().text == "+01:05"
    # running out of time locks nothing: the answer can still change and the interview goes on
    s.note_answer(True)
    assert s.running and s.item().time_up and s.time_up
    snap = s.snapshot()
    assert snap.items[0].time_up and snap.items[0].elapsed_seconds == pytest.approx(185.5)


def test_pause_stops_both_clocks_and_resume_restarts_them():
    clock = FakeClock()
    s = session(clock)
    clock.advance(20)
    s.pause()
    assert s.status is SessionStatus.PAUSED
    clock.advance(500)
    assert s.question_countdown().elapsed == 20 and s.total_elapsed() == 20
    with pytest.raises(InterviewStateError):
        s.next()
    with pytest.raises(InterviewStateError):
        s.pause()
    s.resume()
    clock.advance(7)
    assert s.question_countdown().elapsed == 27
    s.toggle_pause()
    assert s.status is SessionStatus.PAUSED
    s.toggle_pause()
    assert s.running


def test_skip_marks_the_question_and_moves_on_and_ends_after_the_last():
    clock = FakeClock()
    s = session(clock)
    clock.advance(3)
    assert s.skip() is False
    assert s.current_index == 1 and s.item(0).status is ItemStatus.SKIPPED
    s.note_answer(True)
    assert s.next() is False
    assert s.is_last
    assert s.skip() is True
    assert s.status is SessionStatus.REVIEWING
    assert [i.status for i in s.items] == [ItemStatus.SKIPPED, ItemStatus.ANSWERED, ItemStatus.SKIPPED]
    # a skipped question stays skipped while its answer is empty, and becomes answered with text
    s2 = session(clock)
    s2.skip()
    s2.previous()
    s2.note_answer(False)
    assert s2.item().status is ItemStatus.SKIPPED
    s2.note_answer(True)
    assert s2.item().status is ItemStatus.ANSWERED


def test_next_on_the_last_question_ends_the_interview():
    clock = FakeClock()
    s = session(clock, budgets=(60, 60))
    s.next()
    clock.advance(10)
    assert s.next() is True
    assert s.status is SessionStatus.REVIEWING
    clock.advance(100)
    assert s.total_elapsed() == 10  # the clock stopped
    with pytest.raises(InterviewStateError):
        s.next()
    s.complete()
    assert s.status is SessionStatus.COMPLETED


def test_end_early_from_running_or_paused_records_time_up_of_questions_over_budget():
    clock = FakeClock()
    s = session(clock, budgets=(30, 60, 60), total=150)
    clock.advance(45)  # question 1 over budget; never polled
    s.next()
    clock.advance(5)
    s.pause()
    s.end()
    assert s.status is SessionStatus.REVIEWING
    assert [i.time_up for i in s.items] == [True, False, False]
    assert [i.status for i in s.items] == [ItemStatus.SEEN, ItemStatus.SEEN, ItemStatus.PENDING]
    assert not s.time_up
    with pytest.raises(InterviewStateError):
        s.end()


def test_abandon():
    clock = FakeClock()
    s = session(clock)
    clock.advance(12)
    s.abandon()
    assert s.status is SessionStatus.ABANDONED and s.total_elapsed() == 12
    with pytest.raises(InterviewStateError):
        s.resume()


def test_total_limit_counts_over_all_questions():
    clock = FakeClock()
    s = session(clock, budgets=(100, 200), total=150)
    clock.advance(90)
    s.next()
    clock.advance(61)
    assert s.total_countdown().phase is Phase.OVER
    assert s.question_countdown().phase is Phase.NORMAL
    assert Event.TOTAL_TIME_UP in s.poll() and s.time_up


def _record(snapshot, clock_budgets, status=SessionStatus.RUNNING) -> InterviewRecord:
    items = tuple(
        InterviewItem(id=i.item_id, session_id=1, position=n, question_id=f"q{n}", budget_seconds=i.budget_seconds,
                      elapsed_seconds=i.elapsed_seconds, status=i.status, time_up=i.time_up)
        for n, i in enumerate(snapshot.items)
    )
    return InterviewRecord(id=1, started_at="2026-01-01T10:00:00Z", updated_at="2026-01-01T10:00:00Z",
                           status=status, config=InterviewConfig(), total_budget_seconds=sum(clock_budgets),
                           elapsed_seconds=snapshot.elapsed_seconds, current_index=snapshot.current_index,
                           time_up=snapshot.time_up, items=items)


def test_resume_after_a_crash_restores_the_clock_and_does_not_count_the_time_closed():
    clock = FakeClock(start=5000.0)
    s = session(clock)
    clock.advance(40)
    s.next()
    clock.advance(25)
    assert s.checkpoint_due(3)
    snap = s.snapshot()  # the last checkpoint before the crash
    assert not s.checkpoint_due(3)
    clock.advance(2)  # lost with the crash: less than the checkpoint interval
    record = _record(snap, (120, 120, 120))

    other_process = FakeClock(start=12.0)  # a new process: another monotonic origin
    restored = InterviewSession.restore(record, clock=other_process)
    assert restored.status is SessionStatus.PAUSED
    assert restored.current_index == 1
    other_process.advance(3600)  # the app stayed closed, then the banner waited: paused
    assert restored.question_countdown().remaining == 95
    assert restored.total_countdown().remaining == 360 - 65
    restored.resume()
    other_process.advance(10)
    assert restored.question_countdown().remaining == 85
    assert [i.elapsed_seconds for i in restored.items] == [40, 35, 0]


def test_restore_keeps_an_ended_session_ended():
    clock = FakeClock()
    s = session(clock)
    s.end()
    restored = InterviewSession.restore(_record(s.snapshot(), (120,) * 3, SessionStatus.REVIEWING), clock=clock)
    assert restored.status is SessionStatus.REVIEWING


def test_countdown_text_and_durations():
    assert Countdown(300, 0).text == "05:00"
    assert Countdown(300, 299.2).text == "00:01"
    assert Countdown(300, 300).text == "+00:00"
    assert Countdown(60, 125).text == "+01:05"
    assert format_duration(3725) == "1:02:05"
    assert format_duration(-5) == "00:00"


def test_an_empty_interview_is_refused():
    with pytest.raises(ValueError):
        InterviewSession([], 0, clock=FakeClock())
