"""``bank check``: every source follows the standard, and the committed bundle is current."""
from __future__ import annotations

from pathlib import Path

from mlprep_desktop.bank.build import bundle_info, content_hash, load_sources, question_rows
from mlprep_desktop.bank.rules import check_bank
from mlprep_desktop.bank.source import Problem
from mlprep_desktop.storage import schema

REBUILD = "run 'python -m mlprep_desktop.bank build' and commit questions.sqlite"


def check(root: Path, bundle: Path | None, *, coverage: bool = True, run_exercises: bool = False,
          wrong_solutions: Path | None = None) -> list[Problem]:
    """All problems with the sources under ``root`` and, if given, the built ``bundle``.

    With ``run_exercises`` every coding exercise also runs in the sandbox (reference, starter,
    and the recorded wrong solutions under ``wrong_solutions``; see ``exercise_check``)."""
    sources, problems = load_sources(root)
    if not sources and not problems:
        problems.append(Problem(root, 0, "no question sources found (expected <topic>/<id>.md files)"))
    problems += check_bank(sources, coverage=coverage)
    if run_exercises:
        from mlprep_desktop.bank.exercise_check import check_exercises

        problems += check_exercises(sources, wrong_solutions)
    if bundle is not None:
        info = bundle_info(bundle)
        if info is None:
            problems.append(Problem(bundle, 0, f"missing or unreadable bundle; {REBUILD}"))
        elif info.schema_version != schema.SCHEMA_VERSION:
            problems.append(Problem(bundle, 0, f"bundle has schema {info.schema_version}, the app {schema.SCHEMA_VERSION}; {REBUILD}"))
        elif info.content_hash != content_hash(question_rows(sources)):
            problems.append(Problem(bundle, 0, f"bundle is stale: the sources changed since it was built; {REBUILD}"))
    return problems
