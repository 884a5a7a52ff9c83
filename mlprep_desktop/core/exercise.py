"""A coding exercise: the starter, the reference solution and the tests, with its limits."""
from __future__ import annotations

import ast
from dataclasses import dataclass

DEFAULT_REQUIRES = ("numpy",)
DEFAULT_TIME_LIMIT = 10  # CPU seconds
DEFAULT_MEMORY_MB = 1024


@dataclass(frozen=True)
class Exercise:
    """The runnable part of a coding question (sections Starter, Solution, Tests)."""

    starter: str
    solution: str
    tests: str
    requires: tuple[str, ...] = DEFAULT_REQUIRES
    time_limit: int = DEFAULT_TIME_LIMIT
    memory_mb: int = DEFAULT_MEMORY_MB

    @property
    def test_names(self) -> list[str]:
        return test_names(self.tests)


def test_names(source: str) -> list[str]:
    """The tests of a tests module, in file order: top-level ``def test_…()`` with no
    parameters. Empty if the source does not parse."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            args = node.args
            if not (args.args or args.posonlyargs or args.kwonlyargs or args.vararg or args.kwarg):
                if node.name in names:
                    names.remove(node.name)  # a later definition replaces the earlier one
                names.append(node.name)
    return names


@dataclass(frozen=True)
class ExerciseRun:
    """One recorded run of the user's code against an exercise's tests."""

    id: int
    question_id: str
    code: str
    passed: int
    total: int
    stop_reason: str | None  # None: every test ran; else a runner StopReason value
    seconds: float
    ran_at: str  # UTC ISO-8601
    context: str = "browse"  # browse | interview | cli

    @property
    def solved(self) -> bool:
        return self.total > 0 and self.passed == self.total and self.stop_reason is None
