"""``mlprep check EXERCISE_ID FILE.py``, ``mlprep exercises``, ``mlprep starter EXERCISE_ID``:
coding practice from the shell, for people who prefer their own editor.

``check`` runs the file against the exercise's tests under the same limits as the app, prints
one line per test and ``N passed, M failed``, records the attempt in the database and exits 0
only when every test passed (1: a test failed or the run stopped; 2: bad input or database).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mlprep_desktop.commands import add_db_option


def register(subparsers: argparse._SubParsersAction) -> None:
    check = subparsers.add_parser("check", help="run FILE.py against a coding exercise's tests and record the attempt")
    add_db_option(check)
    check.add_argument("exercise_id", metavar="EXERCISE_ID", help="see 'mlprep exercises'")
    check.add_argument("file", type=Path, metavar="FILE.py", help="your solution (a complete module)")
    check.set_defaults(handler=run_check)
    listing = subparsers.add_parser("exercises", help="list the coding exercises (id, solved / attempted, title)")
    add_db_option(listing)
    listing.set_defaults(handler=run_list)
    starter = subparsers.add_parser("starter", help="print an exercise's starter code (mlprep starter ID > solution.py)")
    add_db_option(starter)
    starter.add_argument("exercise_id", metavar="EXERCISE_ID")
    starter.set_defaults(handler=run_starter)


def _open(args: argparse.Namespace, command: str):
    from mlprep_desktop.commands.db_path import resolve_db
    from mlprep_desktop.services.app_context import AppContext
    from mlprep_desktop.storage.database import DatabaseError

    try:
        return AppContext.open(resolve_db(args.db))
    except DatabaseError as exc:
        print(f"mlprep {command}: {exc}", file=sys.stderr)
        return None


def run_check(args: argparse.Namespace) -> int:
    from mlprep_desktop.services.errors import OperationError, WriteError

    try:
        code = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"mlprep check: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    ctx = _open(args, "check")
    if ctx is None:
        return 2
    try:
        result = ctx.exercise_ops.check(args.exercise_id, code, context="cli").value
    except OperationError as exc:
        print(f"mlprep check: {exc}", file=sys.stderr)
        return 2
    except WriteError as exc:  # the run happened; only its record failed
        print(f"mlprep check: the attempt was not recorded: {exc}", file=sys.stderr)
        result = None
    finally:
        ctx.close()
    if result is None:
        return 1
    for test in result.tests:
        where = f" (line {test.line})" if test.line else ""
        message = test.message.strip().splitlines()[0] if test.message.strip() else ""
        print(f"{test.status.value.upper():8} {test.name}{where}{': ' + message if message else ''}")
    if result.output.strip():
        print("--- output ---")
        print(result.output.rstrip())
    if result.stop_reason is not None:
        print(result.summary())
    failed = result.total - result.passed
    print(f"{result.passed} passed, {failed} failed")
    return 0 if result.all_passed else 1


def run_list(args: argparse.Namespace) -> int:
    ctx = _open(args, "exercises")
    if ctx is None:
        return 2
    try:
        ops = ctx.exercise_ops
        for qid, title in ops.exercise_ids():
            solved = ops.solved(qid)
            mark = {True: "solved", False: "attempted", None: ""}[solved]
            print(f"{qid:40} {mark:9} {title}")
    finally:
        ctx.close()
    return 0


def run_starter(args: argparse.Namespace) -> int:
    from mlprep_desktop.services.errors import OperationError

    ctx = _open(args, "starter")
    if ctx is None:
        return 2
    try:
        print(ctx.exercise_ops.exercise(args.exercise_id).starter, end="")
    except OperationError as exc:
        print(f"mlprep starter: {exc}", file=sys.stderr)
        return 2
    finally:
        ctx.close()
    return 0
