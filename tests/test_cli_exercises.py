"""``mlprep check / exercises / starter`` on a right and a wrong file, recorded in the database."""
from __future__ import annotations

from pathlib import Path

import pytest

from mlprep_desktop import cli
from mlprep_desktop.services.app_context import AppContext

EXERCISE = "kmeans-from-scratch"
WRONG = Path(__file__).resolve().parent / "exercise_wrong_solutions" / EXERCISE / "k-equals-n-rejected.py"


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "user" / "questions.sqlite"
    AppContext.open(path).close()  # a user file from the bundled bank
    return path


def exercise(db_path):
    ctx = AppContext.open(db_path)
    try:
        return ctx.exercise_ops.exercise(EXERCISE), ctx.exercise_ops.solved(EXERCISE), ctx.exercise_ops.runs(EXERCISE)
    finally:
        ctx.close()


def test_check_a_right_file(db_path, tmp_path, capsys):
    right = tmp_path / "right.py"
    right.write_text(exercise(db_path)[0].solution)
    assert cli.main(["check", EXERCISE, str(right), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    names = exercise(db_path)[0].test_names
    assert out == [f"PASSED   {name}" for name in names] + [f"{len(names)} passed, 0 failed"]
    _, solved, runs = exercise(db_path)
    assert solved is True and runs[0].context == "cli" and runs[0].code == right.read_text()


def test_check_a_wrong_file(db_path, capsys):
    assert cli.main(["check", EXERCISE, str(WRONG), "--db", str(db_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    failed = [line for line in out if line.startswith(("ERROR", "FAILED"))]
    assert len(failed) == 1 and "test_k_equals_n_gives_zero_inertia" in failed[0] and "ValueError" in failed[0]
    total = len(exercise(db_path)[0].test_names)
    assert out[-1] == f"{total - 1} passed, 1 failed"
    assert exercise(db_path)[1] is False


def test_check_refuses_unknown_ids_and_missing_files(db_path, tmp_path, capsys):
    right = tmp_path / "right.py"
    right.write_text("x = 1\n")
    assert cli.main(["check", "bias-variance-tradeoff", str(right), "--db", str(db_path)]) == 2
    assert "not a coding exercise" in capsys.readouterr().err
    assert cli.main(["check", EXERCISE, str(tmp_path / "nope.py"), "--db", str(db_path)]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_exercises_and_starter(db_path, capsys):
    assert cli.main(["exercises", "--db", str(db_path)]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert EXERCISE in listed and "sklearn-preprocessing-pipeline" in listed
    assert cli.main(["starter", EXERCISE, "--db", str(db_path)]) == 0
    assert capsys.readouterr().out == exercise(db_path)[0].starter
