"""A coding question in a mock interview: its test runs are kept on the item, and tests passed
become the technical accuracy when the final code was run (not when it changed since)."""
from __future__ import annotations

import pytest

from mlprep_desktop.bank.build import build
from mlprep_desktop.core.interview import InterviewSession
from mlprep_desktop.core.interview_models import CodeRun, InterviewConfig, PlannedItem, SessionStatus
from mlprep_desktop.runner.results import (
    RunResult,
    StopReason,
    TestResult,
    TestStatus,
    result_from_dict,
    result_to_dict,
)
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.services.changes import ChangeKind
from tests.bank_sources import EXERCISE_SOLUTION, write_exercise
from tests.services.test_exercise_ops import reopen

WRONG = "def double(x):\n    return x + 2\n"


@pytest.fixture
def ex_ctx(tmp_path, sources):
    """The small bank with the 'double-it' exercise."""
    write_exercise(sources)
    bundle = tmp_path / "ex-bundle" / "questions.sqlite"
    build(sources, bundle, coverage=False)
    context = AppContext.open(tmp_path / "user" / "questions.sqlite", bundle)
    context.test_bundle = bundle
    yield context
    context.close()


def result(*statuses: TestStatus, stop: StopReason | None = None) -> RunResult:
    tests = tuple(TestResult(f"test_{n}", s, "assert 4 == 5" if s is TestStatus.FAILED else "", line=2)
                  for n, s in enumerate(statuses))
    return RunResult(tests, output="printed\n", stop_reason=stop, wall_seconds=0.25)


def start(ctx):
    record = ctx.interviews.create(InterviewConfig(count=2), [PlannedItem("double-it", 300),
                                                              PlannedItem("alpha-question", 300)], 600)
    return record, InterviewSession.restore(record, clock=lambda: 0.0)


def finish(ctx, record, session, answers):
    session.end()
    ctx.interview_ops.finish_answering(record, session.snapshot(), answers)
    return ctx.interviews.load(record.id)


def test_a_result_survives_storage_and_damage_reads_as_none():
    original = result(TestStatus.PASSED, TestStatus.FAILED, stop=StopReason.TIME_LIMIT)
    again = result_from_dict(result_to_dict(original))
    assert again.tests[1].message == "assert 4 == 5" and again.tests[1].line == 2
    assert again.summary() == original.summary() and again.output == "printed\n"
    assert result_from_dict({"tests": [{"status": "bogus"}]}) is None and result_from_dict(None) is None
    assert CodeRun.from_json("{not json") is None and CodeRun.from_json(None) is None


def test_runs_are_kept_and_the_final_code_scores_the_accuracy(ex_ctx):
    ctx = ex_ctx
    record, session = start(ctx)
    item = record.items[0]
    ctx.interview_ops.save_answer(record.id, item.id, WRONG)
    outcome = ctx.interview_ops.record_code_run(item.id, WRONG, result(TestStatus.PASSED, TestStatus.FAILED))
    assert outcome.value.code_run.passed == 1 and outcome.value.accuracy is None  # no score while answering
    assert outcome.change.concerns(ChangeKind.EXERCISE_RUNS) and outcome.change.session_ids == {record.id}
    ctx.interview_ops.save_answer(record.id, item.id, EXERCISE_SOLUTION)
    ctx.interview_ops.record_code_run(item.id, EXERCISE_SOLUTION, result(TestStatus.PASSED, TestStatus.PASSED))
    done = finish(ctx, record, session, {item.id: EXERCISE_SOLUTION})
    assert done.status is SessionStatus.REVIEWING
    assert done.items[0].accuracy == 4 and done.items[1].accuracy is None
    assert [r.context for r in ctx.exercise_ops.runs("double-it")] == ["interview", "interview"]
    assert ctx.exercise_ops.solved("double-it") is True
    again = reopen(ctx)
    try:
        stored = again.interviews.load(record.id).items[0]
        assert stored.code_run.code == EXERCISE_SOLUTION and result_from_dict(stored.code_run.result).all_passed
        assert again.study.state("double-it").last_rating == 4  # the accuracy is the question's review
    finally:
        again.close()


def test_code_changed_after_its_last_run_is_not_scored_until_run_in_the_review(ex_ctx):
    ctx = ex_ctx
    record, session = start(ctx)
    item = record.items[0]
    ctx.interview_ops.save_answer(record.id, item.id, WRONG)
    ctx.interview_ops.record_code_run(item.id, WRONG, result(TestStatus.PASSED, TestStatus.FAILED))
    ctx.interview_ops.save_answer(record.id, item.id, EXERCISE_SOLUTION)  # edited, not run again
    done = finish(ctx, record, session, {item.id: EXERCISE_SOLUTION})
    assert done.items[0].accuracy is None
    # in the review: a run of some other code does not score; a run of the final code does
    assert ctx.interview_ops.record_code_run(item.id, WRONG, result(TestStatus.FAILED)).value.accuracy is None
    scored = ctx.interview_ops.record_code_run(item.id, EXERCISE_SOLUTION, result(TestStatus.PASSED, TestStatus.FAILED))
    assert scored.value.accuracy == 3 and scored.change.concerns(ChangeKind.STUDY_STATE)


def test_an_unedited_starter_is_the_code_answered(ex_ctx):
    ctx = ex_ctx
    record, session = start(ctx)
    item = record.items[0]
    starter = ctx.questions.get("double-it").exercise.starter
    assert ctx.interview_ops.final_code(item) == starter
    ctx.interview_ops.record_code_run(item.id, starter, result(TestStatus.ERROR, TestStatus.ERROR))
    done = finish(ctx, record, session, {})
    assert done.items[0].accuracy == 1
