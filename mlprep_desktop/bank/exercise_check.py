"""``bank check`` for coding exercises: run them in the app's sandbox.

For every coding question: the reference solution must pass every test, the starter must fail
at least one, and each recorded wrong solution in ``<wrong_root>/<id>/*.py`` (at least
``MIN_WRONG``, each starting with a ``# `` line that names its bug) must fail at least one.
Runs go two at a time (the machines this runs on are small); each is a child process.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from mlprep_desktop.bank.source import Problem, SourceQuestion
from mlprep_desktop.core.exercise import Exercise
from mlprep_desktop.runner.process import run_exercise
from mlprep_desktop.runner.results import Limits, RunResult, StopReason

MIN_WRONG = 2


@dataclass(frozen=True)
class _Job:
    source: SourceQuestion
    exercise: Exercise
    role: str  # "reference" | "starter" | "wrong"
    code: str
    path: Path  # where a problem points
    line: int


def _jobs(sources: list[SourceQuestion], wrong_root: Path | None) -> tuple[list[_Job], list[Problem]]:
    jobs: list[_Job] = []
    problems: list[Problem] = []
    ids = set()
    for src in sources:
        exercise = src.exercise()
        if src.meta.get("type") != "coding" or exercise is None:
            continue
        qid = str(src.meta.get("id"))
        ids.add(qid)
        lines = src.section_lines
        jobs.append(_Job(src, exercise, "reference", exercise.solution, src.path, lines.get("Solution", 1)))
        jobs.append(_Job(src, exercise, "starter", exercise.starter, src.path, lines.get("Starter", 1)))
        if wrong_root is None:
            continue
        wrong = sorted((wrong_root / qid).glob("*.py"))
        if len(wrong) < MIN_WRONG:
            problems.append(Problem(src.path, lines.get("Tests", 1),
                                    f"needs at least {MIN_WRONG} recorded wrong solutions in "
                                    f"{wrong_root / qid}/ (has {len(wrong)})"))
        for path in wrong:
            code = path.read_text(encoding="utf-8")
            if not code.startswith("# "):
                problems.append(Problem(path, 1, "a recorded wrong solution starts with a '# ' line naming its bug"))
            jobs.append(_Job(src, exercise, "wrong", code, path, 1))
    if wrong_root is not None and wrong_root.is_dir():
        for folder in sorted(p for p in wrong_root.iterdir() if p.is_dir()):
            if folder.name not in ids and not folder.name.startswith(("_", ".")):
                problems.append(Problem(folder, 0, f"no coding exercise has the id {folder.name!r}"))
    return jobs, problems


def _run(job: _Job, python: str | None) -> RunResult:
    ex = job.exercise
    return run_exercise(job.code, ex.tests, Limits.for_exercise(ex.time_limit, ex.memory_mb),
                        requires=ex.requires, python=python)


def _judge(job: _Job, result: RunResult) -> list[Problem]:
    qid = job.source.meta.get("id")
    if result.stop_reason is StopReason.MISSING_MODULE:
        return [Problem(job.path, job.line, f"cannot run {qid}: {result.stop_detail}")]
    failing = [t for t in result.tests if not t.passed]
    if job.role == "reference":
        if not result.tests:
            return [Problem(job.path, job.line, f"the reference runs no test: {result.summary()}")]
        out = [Problem(job.path, job.line, f"the reference solution fails {t.name}: {t.status.value}: "
                                           f"{t.message.strip().splitlines()[0] if t.message.strip() else ''}")
               for t in failing]
        if not failing and result.stop_reason is not None:
            out.append(Problem(job.path, job.line, f"the reference solution did not finish: {result.summary()}"))
        return out
    if failing or result.stop_reason is not None:
        return []
    if job.role == "starter":
        return [Problem(job.path, job.line, "the starter passes every test; it must fail at least one")]
    bug = job.code.splitlines()[0][2:].strip() if job.code.startswith("# ") else "?"
    return [Problem(job.path, 1, f"this wrong solution of {qid} passes every test ({bug}); "
                                 "add a test that catches it")]


def check_exercises(sources: list[SourceQuestion], wrong_root: Path | None = None, *,
                    workers: int | None = None, python: str | None = None) -> list[Problem]:
    """Problems with the coding exercises among ``sources`` (see the module docstring)."""
    jobs, problems = _jobs(sources, wrong_root)
    workers = workers or max(1, min(2, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda job: _run(job, python), jobs))
    for job, result in zip(jobs, results):
        problems += _judge(job, result)
    return problems
