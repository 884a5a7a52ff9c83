"""``python -m mlprep_desktop.bank {build,check,stats}``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mlprep_desktop.bank.build import BuildError, build, load_sources
from mlprep_desktop.bank.check import check
from mlprep_desktop.bank.stats import stats_text
from mlprep_desktop.core.paths import PACKAGE_DIR

REPO = PACKAGE_DIR.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mlprep_desktop.bank", description=__doc__)
    parser.add_argument("command", choices=["build", "check", "stats"])
    parser.add_argument("--sources", type=Path, default=REPO / "resources" / "questions",
                        help="folder of <topic>/<id>.md files")
    parser.add_argument("--db", type=Path, default=REPO / "questions.sqlite",
                        help="the bundled database to write (build) or to compare (check)")
    parser.add_argument("--no-coverage", action="store_true", help="skip the per-topic coverage targets")
    parser.add_argument("--no-run", action="store_true",
                        help="check: do not run the coding exercises (reference, starter, wrong solutions)")
    parser.add_argument("--wrong-solutions", type=Path, default=REPO / "tests" / "exercise_wrong_solutions",
                        help="folder of <exercise-id>/<bug>.py recorded wrong solutions, each must fail a test")
    args = parser.parse_args(argv)
    coverage = not args.no_coverage
    if args.command == "build":
        try:
            info = build(args.sources, args.db, coverage=coverage)
        except BuildError as exc:
            print(exc, file=sys.stderr)
            print(f"bank build: {len(exc.problems)} problem(s); nothing written", file=sys.stderr)
            return 1
        print(f"wrote {args.db}: {info.questions} questions, content version {info.content_version}")
        return 0
    if args.command == "check":
        problems = check(args.sources, args.db, coverage=coverage, run_exercises=not args.no_run,
                         wrong_solutions=args.wrong_solutions if args.wrong_solutions.is_dir() else None)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(f"bank check: {len(problems)} problem(s)", file=sys.stderr)
            return 1
        print("bank check: ok")
        return 0
    sources, _ = load_sources(args.sources)
    print(stats_text(sources))
    return 0


if __name__ == "__main__":
    sys.exit(main())
