"""``mlprep check-db [--db PATH]``: integrity check, search indexes, orphaned rows; repairs
what is safe to repair and prints a short report. Exit 0: sound (or repaired), 1: problems
remain, 2: the file cannot be opened, 3: the app has it open."""
from __future__ import annotations

import argparse
import sys

from mlprep_desktop.commands import add_db_option


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check-db", help="check the database (integrity, search indexes, orphaned rows) and repair what is safe",
        description="Run SQLite's integrity check, check and rebuild the full-text indexes and remove rows "
                    "that point at deleted notes. Your notes, answers and boards are never deleted. "
                    "The app must not be running.")
    add_db_option(parser)
    parser.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    from mlprep_desktop.commands.db_lock import DatabaseLock, app_is_open_message
    from mlprep_desktop.commands.db_path import resolve_db
    from mlprep_desktop.services.db_check import check_database
    from mlprep_desktop.services.errors import WriteError
    from mlprep_desktop.storage.backup_files import integrity_problems
    from mlprep_desktop.storage.database import DatabaseError, open_database

    db_path = resolve_db(args.db)
    if not db_path.is_file():
        print(f"mlprep check-db: there is no database at {db_path}.", file=sys.stderr)
        return 2
    with DatabaseLock(db_path) as held:
        if not held:
            print(app_is_open_message(db_path, "check-db"), file=sys.stderr)
            return 3
        problems = integrity_problems(db_path)
        if problems:
            print(f"Problem: {db_path} failed SQLite's integrity check ({'; '.join(problems[:3])}). Nothing was "
                  "repaired or written: restore a backup (mlprep restore FILE; backups are in the backups "
                  "folder beside the database).")
            return 1
        try:
            database = open_database(db_path)
        except DatabaseError as exc:
            print(f"mlprep check-db: {exc}", file=sys.stderr)
            return 2
        try:
            report = check_database(database).value
        except WriteError as exc:
            print(f"mlprep check-db: {exc}", file=sys.stderr)
            return 1
        finally:
            database.close()
    print(f"Checked {db_path}:")
    for line in report.lines():
        print(f"  {line}")
    return 0 if report.ok else 1
