"""A mock interview's use cases: start, finish with grading (all or nothing), put back, review."""
from __future__ import annotations

import random

import pytest

from mlprep_desktop.core.interview import InterviewSession
from mlprep_desktop.core.interview_models import InterviewConfig, SessionStatus
from mlprep_desktop.services.changes import ChangeKind
from mlprep_desktop.services.errors import WriteError


def start(ctx, clock, count: int = 2):
    outcome = ctx.interview_ops.start(InterviewConfig(count=count), random.Random(7))
    record = outcome.value
    assert record is not None and len(record.items) == count
    return outcome, record, InterviewSession.restore(record, clock=clock)


def test_start_remembers_the_set_up_and_reports_the_session(ctx, clock):
    outcome, record, _ = start(ctx, clock)
    assert outcome.change.kinds == {ChangeKind.INTERVIEWS} and outcome.change.session_ids == {record.id}
    assert ctx.interview_ops.last_config().count == 2


def test_no_matching_question_starts_nothing(ctx):
    outcome = ctx.interview_ops.start(InterviewConfig(count=2, topics=("behavioral",)), random.Random(1))
    assert outcome.value is None and not outcome.change
    assert ctx.interviews.history() == []


def test_finish_grades_each_answer_against_its_key_points(ctx, clock):
    _, record, session = start(ctx, clock, count=1)
    item = record.items[0]
    key_point = ctx.questions.get(item.question_id).key_points[0]
    session.resume()
    clock.advance(20)
    session.end()
    outcome = ctx.interview_ops.finish_answering(record, session.snapshot(), {item.id: key_point})
    assert outcome.value == record.id and outcome.change.kinds == {ChangeKind.INTERVIEWS}
    stored = ctx.interviews.load(record.id)
    assert stored.status is SessionStatus.REVIEWING
    assert stored.items[0].key_points[0].checked  # the answer states the first key point


def test_a_refused_finish_writes_nothing_and_puts_the_session_back_paused(ctx, clock):
    _, record, session = start(ctx, clock)
    session.resume()
    clock.advance(30)
    before = session.snapshot()
    session.end()
    ctx.database.conn.execute(
        "CREATE TEMP TRIGGER refuse_finish BEFORE UPDATE OF status ON interview_sessions "
        "WHEN NEW.status = 'reviewing' BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(WriteError):
        ctx.interview_ops.finish_answering(record, session.snapshot(), {})
    assert ctx.interviews.load(record.id).status is SessionStatus.RUNNING
    back = ctx.interview_ops.put_back(record, before)
    assert back.status is SessionStatus.PAUSED and back.current_index == before.current_index
    assert back.items[0].elapsed_seconds == pytest.approx(30)
    resumed = InterviewSession.restore(back, clock=clock)
    assert resumed.status is SessionStatus.PAUSED and resumed.total_elapsed() == pytest.approx(30)


def test_review_ticks_and_scores_report_the_session(ctx, clock):
    _, record, session = start(ctx, clock, count=1)
    session.end()
    ctx.interview_ops.finish_answering(record, session.snapshot(), {})
    item = record.items[0]
    ticked = ctx.interview_ops.set_key_point(item.id, 0, True)
    assert ticked.value.key_points[0].checked and ticked.change.session_ids == {record.id}
    scored = ctx.interview_ops.set_score(item.id, "accuracy", 3)
    assert scored.value.accuracy == 3
    completed = ctx.interview_ops.complete(record.id)
    assert completed.value.status is SessionStatus.COMPLETED
