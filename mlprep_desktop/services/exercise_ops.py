"""``ExerciseOperations`` (``context.exercise_ops``): coding practice — the code draft, runs of
the tests, and the record of every run.

Contract: writes run one transaction and return an ``Outcome``; a recorded run reports
``EXERCISE_RUNS`` (solved / attempted may change), a draft ``ANSWERS``, both with the question
id. Running is separate from recording: ``process`` builds the child process (the caller runs
it on a worker thread and may stop it), ``record`` stores its result. ``check`` does both,
blocking (the command line). No Qt.
"""
from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from typing import TYPE_CHECKING

from mlprep_desktop.core.exercise import Exercise, ExerciseRun
from mlprep_desktop.runner.results import Limits, RunResult
from mlprep_desktop.services.changes import Change, ChangeKind, Outcome
from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.storage.exercises import ExerciseRepository
from mlprep_desktop.storage.questions import QuestionRepository
from mlprep_desktop.storage.settings import SettingsRepository

if TYPE_CHECKING:
    from mlprep_desktop.runner.process import ExerciseProcess

PYTHON_SETTING = "exercise_python"  # path of another Python to run exercises with ('' = the app's)
PROBE_SECONDS = 15  # a cold interpreter on a slow disk; a hung "python" is not one we want
_PROBE = "import sys; sys.stdout.write('mlprep-python %d %d %d\\n' % tuple(sys.version_info[:3]))"  # Python 2 too


class ExerciseOperations:
    def __init__(self, questions: QuestionRepository, exercises: ExerciseRepository,
                 settings: SettingsRepository) -> None:
        self._questions = questions
        self._exercises = exercises
        self._settings = settings

    # ----- reading
    def exercise(self, question_id: str) -> Exercise:
        """The exercise of a coding question; ``OperationError`` if there is none."""
        question = self._questions.get(question_id)
        if question is None:
            raise OperationError(f"There is no question with the id {question_id!r}.")
        if question.exercise is None:
            raise OperationError(f"{question_id!r} is not a coding exercise (see 'mlprep exercises').")
        return question.exercise

    def exercise_ids(self) -> list[tuple[str, str]]:
        """(id, title) of every active coding exercise, by id."""
        return self._questions.exercises()

    def code(self, question_id: str) -> str:
        """What the editor starts from: the saved draft, else the starter."""
        draft = self._exercises.draft(question_id)
        return draft if draft is not None else self.exercise(question_id).starter

    def runs(self, question_id: str, limit: int = 50) -> list[ExerciseRun]:
        return self._exercises.runs(question_id, limit)

    def solved(self, question_id: str) -> bool | None:
        """True solved, False attempted, None never run."""
        return self._exercises.solved(question_id)

    def python(self) -> str | None:
        """The interpreter exercises run with: the setting, else None (the app's own)."""
        value = self._settings.get(PYTHON_SETTING, "") or ""
        return str(value) or None

    # ----- writes
    def save_draft(self, question_id: str, code: str) -> Outcome[None]:
        self._exercises.save_draft(question_id, code)
        return Outcome(None, Change.of(ChangeKind.ANSWERS, question_ids=[question_id]))

    def reset_to_starter(self, question_id: str) -> Outcome[str]:
        """Forget the draft; the value is the starter code."""
        starter = self.exercise(question_id).starter
        self._exercises.save_draft(question_id, None)
        return Outcome(starter, Change.of(ChangeKind.ANSWERS, question_ids=[question_id]))

    def set_python(self, path: str | None) -> Outcome[str | None]:
        """Run exercises with ``path`` (None or '': the app's own Python). ``OperationError``
        (nothing stored) unless it starts and reports itself as Python 3: it is started once,
        isolated, to ask its version (a few hundred milliseconds)."""
        value = (path or "").strip()
        if value:
            check_python(value)
        self._settings.set(PYTHON_SETTING, value)
        return Outcome(value or None, Change.of(ChangeKind.SETTINGS))

    def record(self, question_id: str, code: str, result: RunResult, context: str = "browse") -> Outcome[ExerciseRun]:
        """Store a finished run (every run counts, stopped ones too)."""
        run = self._exercises.record_run(
            question_id, code, result.passed, result.total,
            result.stop_reason.value if result.stop_reason is not None else None,
            result.wall_seconds, context,
        )
        return Outcome(run, Change.of(ChangeKind.EXERCISE_RUNS, question_ids=[question_id]))

    # ----- running
    def process(self, question_id: str, code: str, on_event: Callable[[dict], None] | None = None) -> ExerciseProcess:
        """A ready-to-run child for ``code`` against the question's tests, with its limits."""
        from mlprep_desktop.runner.process import ExerciseProcess  # not at start-up (issue 16)

        ex = self.exercise(question_id)
        return ExerciseProcess(code, ex.tests, Limits.for_exercise(ex.time_limit, ex.memory_mb),
                               requires=ex.requires, python=self.python(), on_event=on_event)

    def check(self, question_id: str, code: str, context: str = "cli") -> Outcome[RunResult]:
        """Run ``code`` (blocking) and record the run."""
        result = self.process(question_id, code).run()
        outcome = self.record(question_id, code, result, context)
        return Outcome(result, outcome.change)


def check_python(path: str) -> str:
    """The version ("3.12.1") of the Python 3 at ``path``; ``OperationError`` saying why not
    (no such program, not executable, not Python, Python 2, hangs)."""
    program = shutil.which(path)
    if program is None:
        raise OperationError(f"{path} is not a Python interpreter that can be started "
                             "(no such program, or it is not executable).")
    try:
        done = subprocess.run([program, "-I", "-c", _PROBE], capture_output=True, text=True,
                              timeout=PROBE_SECONDS, stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired as exc:
        raise OperationError(f"{path} did not answer within {PROBE_SECONDS} s; it is not a working Python.") from exc
    except OSError as exc:
        raise OperationError(f"{path} is not a Python interpreter that can be started ({exc.strerror}).") from exc
    words = done.stdout.split()
    if done.returncode != 0 or len(words) != 4 or words[0] != "mlprep-python":
        said = (done.stderr or done.stdout).strip().splitlines()
        hint = f" It said: {said[-1][:200]}" if said else ""
        raise OperationError(f"{path} is not a working Python 3.{hint}")
    if words[1] != "3":
        raise OperationError(f"{path} is Python {'.'.join(words[1:])}; exercises need Python 3.")
    return ".".join(words[1:])
