"""Coding exercises in the bank: the format, its build into the database, and the check that
runs them (reference passes, starter fails, recorded wrong solutions fail)."""
from __future__ import annotations

from pathlib import Path

import pytest

from mlprep_desktop.bank.build import build, load_sources
from mlprep_desktop.bank.check import check
from mlprep_desktop.bank.exercise_check import check_exercises
from mlprep_desktop.storage.database import open_database
from mlprep_desktop.storage.questions import QuestionRepository
from tests.bank_sources import (
    EXERCISE_SOLUTION,
    EXERCISE_STARTER,
    EXERCISE_TESTS,
    exercise_sections,
    write_exercise,
    write_question,
)

STARTER, SOLUTION, TESTS = EXERCISE_STARTER, EXERCISE_SOLUTION, EXERCISE_TESTS


def problems(root: Path, **options) -> list[str]:
    return [str(p) for p in check(root, None, coverage=False, **options)]


def test_exercise_is_parsed_and_stored_in_the_database(tmp_path, sources):
    write_exercise(sources, meta='\nrequires = ["numpy"]\ntime_limit = 5\nmemory_mb = 512')
    assert problems(sources) == []
    out = tmp_path / "bundle.sqlite"
    build(sources, out, coverage=False)
    database = open_database(tmp_path / "user.sqlite", out)
    try:
        question = QuestionRepository(database).get("double-it")
    finally:
        database.close()
    ex = question.exercise
    assert (ex.starter, ex.solution, ex.tests) == (STARTER, SOLUTION, TESTS)
    assert (ex.requires, ex.time_limit, ex.memory_mb) == (("numpy",), 5, 512)
    assert ex.test_names == ["test_small", "test_negative"]
    assert "raise NotImplementedError" not in question.answer


@pytest.mark.parametrize("case, edit, reason", [
    ("no tests section", lambda t: t[: t.index("## Tests")], "missing section '## Tests'"),
    ("two blocks", lambda t: t.replace("## Starter\n", "## Starter\n```python\nx = 1\n```\n"), "exactly one ```python block"),
    ("no test functions", lambda t: t.replace("def test_small", "def check_small").replace("def test_negative", "def check_negative"),
     "defines no test"),
    ("bad requires", lambda t: t.replace("related = []", 'related = []\nrequires = "numpy"'), "requires must be a list"),
    ("bad time limit", lambda t: t.replace("related = []", "related = []\ntime_limit = 0"), "time_limit must be"),
    ("out of order", lambda t: t.replace("## Starter", "## Tmp").replace("## Solution", "## Starter").replace("## Tmp", "## Solution"),
     "out of order"),
])
def test_malformed_exercise_is_named(sources, case, edit, reason):
    path = write_exercise(sources)
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    found = [p for p in problems(sources) if "double-it.md" in p]
    assert any(reason in p for p in found), found


def test_exercise_sections_belong_to_coding_questions_only(sources):
    path = write_question(sources, "not-code", title="Why not code?")
    path.write_text(path.read_text(encoding="utf-8") + exercise_sections(), encoding="utf-8")
    found = [p for p in problems(sources) if "not-code.md" in p]
    assert any("belongs to coding questions only" in p for p in found), found


@pytest.mark.slow
def test_check_runs_reference_starter_and_wrong_solutions(tmp_path, sources):
    write_exercise(sources)
    wrong = tmp_path / "wrong" / "double-it"
    wrong.mkdir(parents=True)
    (wrong / "adds.py").write_text("# adds instead of multiplying\ndef double(x):\n    return x + 2\n")
    (wrong / "squares.py").write_text("# squares\ndef double(x):\n    return x * x\n")
    assert problems(sources, run_exercises=True, wrong_solutions=tmp_path / "wrong") == []


@pytest.mark.slow
def test_check_fails_on_a_broken_reference_a_passing_starter_and_an_uncaught_wrong_solution(tmp_path, sources):
    write_exercise(sources, solution="def double(x):\n    return 2 * x if x > 0 else x\n", starter=SOLUTION)
    wrong = tmp_path / "wrong" / "double-it"
    wrong.mkdir(parents=True)
    (wrong / "right-by-accident.py").write_text("# multiplies by two: not wrong at all\ndef double(x):\n    return x * 2\n")
    (tmp_path / "wrong" / "no-such-exercise").mkdir()
    found = problems(sources, run_exercises=True, wrong_solutions=tmp_path / "wrong")
    text = "\n".join(found)
    assert "the reference solution fails test_negative: failed: assert" in text, text
    assert "double-it.md" in text and "the starter passes every test" in text
    assert "right-by-accident.py:1: this wrong solution of double-it passes every test" in text
    assert "needs at least 2 recorded wrong solutions" in text
    assert "no coding exercise has the id 'no-such-exercise'" in text


def test_every_coding_question_of_the_repository_is_an_exercise():
    root = Path(__file__).resolve().parents[2]
    sources, _ = load_sources(root / "resources" / "questions")
    coding = [s for s in sources if s.meta.get("type") == "coding"]
    assert len(coding) >= 2
    assert all(s.exercise() is not None for s in coding), [str(s.path) for s in coding if s.exercise() is None]


def test_check_exercises_without_exercises_runs_nothing(sources):
    assert check_exercises(load_sources(sources)[0]) == []
