"""Today's use cases on the real bank with an injected clock: the queue, a session, resuming,
the next day's reviews first, settings refused with a clear message, the mistakes drill."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from mlprep_desktop.core.clock import FixedClock
from mlprep_desktop.core.models import Rating
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.services.changes import ChangeKind
from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.services.today import TodayService

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    return FixedClock(T0)


@pytest.fixture
def ctx(tmp_path, clock):
    context = AppContext.open(tmp_path / "q.sqlite", study_clock=clock)
    yield context
    context.close()


def service(ctx, clock) -> TodayService:
    assert ctx.today._clock is clock
    return ctx.today


def do_session(today: TodayService, clock: FixedClock, rating=Rating.GOOD) -> list[str]:
    shown = []
    current = today.start().value
    while current is not None:
        shown.append(current)
        clock.advance(minutes=2)
        current = today.rate(current, rating).value
        assert len(shown) < 100
    return shown


def test_first_day_offers_the_goal_in_new_questions_from_week_one(ctx, clock):
    today = service(ctx, clock)
    queue = today.queue()
    assert len(queue.new) == 8 and not queue.reviews and queue.progress_text() == "0 of 8 done · 0 due · 8 new"
    week_one = today.plan().weeks[0]
    topics = {ctx.questions.get(q).topic for q in queue.new}
    assert topics <= set(week_one)
    levels = [ctx.questions.get(q).difficulty for q in queue.new]
    assert "advanced" not in levels


def test_a_session_of_the_goal_then_the_next_day_due_reviews_come_first(ctx, clock):
    today = service(ctx, clock)
    shown = do_session(today, clock)
    assert len(set(shown)) == 8
    state = today.state()
    assert state.queue.goal_met and state.queue.progress_text().startswith("8 of 8 done")
    assert state.streak.current == 1
    # a week on, the questions rated Good yesterday are due: they come first
    clock.advance(days=7)
    queue = today.queue()
    assert queue.reviews and set(queue.reviews) <= set(shown)
    assert today.start().value == queue.reviews[0]


def test_again_brings_a_question_back_in_the_same_session(ctx, clock):
    today = service(ctx, clock)
    first = today.start().value
    second = today.rate(first, Rating.AGAIN).value
    assert second != first
    seen = [first]
    current = second
    while current is not None and current != first:
        seen.append(current)
        clock.advance(minutes=3)
        current = today.rate(current, Rating.GOOD).value
    assert current == first  # it came back (its 10-minute step came round) before the end
    current = today.rate(first, Rating.GOOD).value
    while current is not None:
        assert current != first  # graduated: not again today
        seen.append(current)
        current = today.rate(current, Rating.GOOD).value
    assert len(seen) == 8 and today.queue().done == 8 and today.state().queue.goal_met


def test_the_session_resumes_where_it_was_after_a_restart(tmp_path, clock):
    ctx = AppContext.open(tmp_path / "q.sqlite", study_clock=clock)
    today = service(ctx, clock)
    first = today.start().value
    second = today.rate(first, Rating.GOOD).value
    ctx.close()
    ctx = AppContext.open(tmp_path / "q.sqlite", study_clock=clock)
    try:
        again = service(ctx, clock)
        assert again.next_question() == second
        assert again.queue().done == 1
    finally:
        ctx.close()


def test_settings_are_checked_and_reported_as_changes(ctx, clock):
    today = service(ctx, clock)
    with pytest.raises(OperationError):
        today.set_goal(0)
    with pytest.raises(OperationError):
        today.set_goal(51)
    outcome = today.set_goal(3)
    assert outcome.change.concerns(ChangeKind.SETTINGS) and len(today.queue().new) == 3
    with pytest.raises(OperationError):
        today.set_interview_date(T0.date())
    with pytest.raises(OperationError):
        today.set_retention(0.5)
    today.set_retention(0.95)
    assert today.settings().retention == 0.95
    today.set_interview_date(date(2026, 3, 20))
    assert today.settings().interview_date == date(2026, 3, 20)
    plan = today.plan().with_weeks(2)
    today.set_plan(plan)
    assert len(today.plan().weeks) == 2


def test_an_interview_date_caps_the_next_review_before_it(ctx, clock):
    today = service(ctx, clock)
    today.set_interview_date(date(2026, 3, 12))
    shown = do_session(today, clock, Rating.EASY)
    start = ctx.cards.policy(UTC).final_pass_start()
    for question_id in shown:
        assert ctx.cards.card(question_id).due <= start
    clock.set(start + timedelta(hours=9))
    state = today.state()
    assert state.final_pass and not state.queue.new
    assert set(state.queue.reviews) == set(shown)


def test_review_mistakes_drills_again_and_hard_until_known(ctx, clock):
    today = service(ctx, clock)
    with pytest.raises(OperationError):
        today.start("mistakes")
    first = today.start().value
    second = today.rate(first, Rating.AGAIN).value
    today.rate(second, Rating.HARD)
    assert today.state().mistakes == 2
    clock.advance(hours=1)
    current = today.start("mistakes").value
    drilled = []
    while current is not None:
        drilled.append(current)
        current = today.rate(current, Rating.GOOD).value
    assert sorted(drilled) == sorted([first, second])
    assert today.state().mistakes == 0


def test_more_new_adds_a_batch_after_the_goal(ctx, clock):
    today = service(ctx, clock)
    today.set_goal(2)
    do_session(today, clock)
    assert today.state().queue.goal_met
    nxt = today.more("new").value
    assert nxt is not None and len(today.queue().new) == 5
