"""Coding practice use cases: drafts, runs recorded, solved / attempted, the browse filter."""
from __future__ import annotations

import pytest

from mlprep_desktop.bank.build import build
from mlprep_desktop.core.models import QuestionFilter, Status
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.services.changes import ChangeKind
from mlprep_desktop.services.errors import OperationError
from tests.bank_sources import EXERCISE_SOLUTION, EXERCISE_STARTER, write_exercise

WRONG = "def double(x):\n    return x + 2\n"


@pytest.fixture
def ex_ctx(tmp_path, sources):
    write_exercise(sources)
    bundle = tmp_path / "ex-bundle" / "questions.sqlite"
    build(sources, bundle, coverage=False)
    context = AppContext.open(tmp_path / "user" / "questions.sqlite", bundle)
    context.test_bundle = bundle
    yield context
    context.close()


def reopen(ctx: AppContext) -> AppContext:
    path, bundle = ctx.database.path, ctx.test_bundle
    ctx.close()
    return AppContext.open(path, bundle)  # the same small bank (the real one would retire it)


def test_code_starts_from_the_starter_and_the_draft_survives_a_restart(ex_ctx):
    ops = ex_ctx.exercise_ops
    assert ops.code("double-it") == EXERCISE_STARTER
    outcome = ops.save_draft("double-it", "def double(x):\n    return 0\n")
    assert outcome.change.concerns(ChangeKind.ANSWERS) and outcome.change.question_ids == {"double-it"}
    ctx = reopen(ex_ctx)
    try:
        assert ctx.exercise_ops.code("double-it") == "def double(x):\n    return 0\n"
        assert ctx.exercise_ops.reset_to_starter("double-it").value == EXERCISE_STARTER
        assert ctx.exercise_ops.code("double-it") == EXERCISE_STARTER
    finally:
        ctx.close()


def test_runs_are_recorded_and_make_the_question_attempted_then_solved(ex_ctx):
    ops = ex_ctx.exercise_ops
    assert ops.solved("double-it") is None
    wrong = ops.check("double-it", WRONG, context="browse")
    assert wrong.value.summary() == "1/2 tests passed"
    assert wrong.change.concerns(ChangeKind.EXERCISE_RUNS) and wrong.change.question_ids == {"double-it"}
    assert ops.solved("double-it") is False
    rows = ex_ctx.questions.search(QuestionFilter(status=Status.ATTEMPTED))
    assert [r.id for r in rows] == ["double-it"]
    assert ex_ctx.questions.search(QuestionFilter(status=Status.SOLVED)) == []
    ops.check("double-it", EXERCISE_SOLUTION)
    ctx = reopen(ex_ctx)
    try:
        assert ctx.exercise_ops.solved("double-it") is True
        assert [r.id for r in ctx.questions.search(QuestionFilter(status=Status.SOLVED))] == ["double-it"]
        counts = ctx.questions.facet_counts(QuestionFilter())["status"]
        assert counts["solved"] == 1 and counts["attempted"] == 0
        runs = ctx.exercise_ops.runs("double-it")
        assert [(r.passed, r.total, r.context, r.solved) for r in runs] == [(2, 2, "cli", True), (1, 2, "browse", False)]
        assert runs[1].code == WRONG and runs[0].ran_at.endswith("Z") and runs[0].seconds > 0
    finally:
        ctx.close()


def test_a_stopped_run_is_recorded_with_its_reason(ex_ctx):
    ops = ex_ctx.exercise_ops
    process = ops.process("double-it", "def double(x):\n    while True:\n        pass\n")
    process.on_event = lambda e: e.get("event") == "begin" and process.stop()
    result = process.run()
    run = ops.record("double-it", "loop", result).value
    assert run.stop_reason == "stopped" and not run.solved and ops.solved("double-it") is False


def test_only_coding_questions_have_exercises(ex_ctx):
    ops = ex_ctx.exercise_ops
    assert ops.exercise_ids() == [("double-it", "Implement double-it.")]
    with pytest.raises(OperationError, match="not a coding exercise"):
        ops.exercise("alpha-question")
    with pytest.raises(OperationError, match="no question"):
        ops.code("no-such-id")


def test_another_python_is_a_setting_and_must_exist(ex_ctx, tmp_path):
    ops = ex_ctx.exercise_ops
    with pytest.raises(OperationError, match="not a Python interpreter"):
        ops.set_python(str(tmp_path / "no-python"))
    import sys

    ops.set_python(sys.executable)
    assert ops.python() == sys.executable
    assert ops.check("double-it", EXERCISE_SOLUTION).value.all_passed
    ops.set_python(None)
    assert ops.python() is None


def test_another_python_must_answer_as_python_3(ex_ctx, tmp_path):
    """A program that is not Python, or a Python 2, is refused with the reason; nothing stored."""
    ops = ex_ctx.exercise_ops
    not_python = tmp_path / "python"
    not_python.write_text("#!/bin/sh\necho hello\n")
    not_python.chmod(0o755)
    python2 = tmp_path / "python2"
    python2.write_text("#!/bin/sh\necho 'mlprep-python 2 7 18'\n")
    python2.chmod(0o755)
    with pytest.raises(OperationError, match="not a working Python 3"):
        ops.set_python(str(not_python))
    with pytest.raises(OperationError, match=r"Python 2\.7\.18; exercises need Python 3"):
        ops.set_python(str(python2))
    assert ops.python() is None
