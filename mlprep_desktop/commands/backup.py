"""``mlprep backup [--db PATH] [--to FILE]`` and ``mlprep restore FILE [--db PATH]``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mlprep_desktop.commands import add_db_option


def register(subparsers: argparse._SubParsersAction) -> None:
    backup = subparsers.add_parser(
        "backup", help="write a verified backup of the database (safe while the app runs)",
        description="Copy the database through SQLite's backup API and verify the copy. Without --to "
                    "it goes to backups/ beside the database, where the automatic backups rotate.")
    add_db_option(backup)
    backup.add_argument("--to", type=Path, metavar="FILE", help="write the backup to FILE instead")
    backup.set_defaults(handler=run_backup)
    restore = subparsers.add_parser(
        "restore", help="replace the database with a backup (the current file is backed up first)",
        description="Check FILE, back up the current database into backups/ (or move a damaged one "
                    "aside there), then swap FILE in atomically. The app must not be running.")
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")
    add_db_option(restore)
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from mlprep_desktop.commands.db_path import resolve_db
    from mlprep_desktop.services.backups import BackupError, BackupService, backup_to_file

    db_path = resolve_db(args.db)
    try:
        if args.to is not None:
            target = args.to.expanduser()
            backup_to_file(db_path, target)
        else:
            if not db_path.is_file():
                raise BackupError(f"There is no database at {db_path} to back up.")
            target = BackupService(db_path).create().path
    except BackupError as exc:
        print(f"mlprep backup: {exc}", file=sys.stderr)
        return 1
    print(f"Backed up {db_path} to {target} (verified).")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from mlprep_desktop.commands.db_lock import DatabaseLock, app_is_open_message
    from mlprep_desktop.commands.db_path import resolve_db
    from mlprep_desktop.services.backups import BackupError, BackupService, restore_backup

    db_path = resolve_db(args.db)
    source = args.file.expanduser()
    with DatabaseLock(db_path) as held:
        if not held:
            print(app_is_open_message(db_path, "restore"), file=sys.stderr)
            return 3
        try:
            result = restore_backup(BackupService(db_path), source)
        except BackupError as exc:
            print(f"mlprep restore: {exc}", file=sys.stderr)
            return 1
    print(f"Restored {db_path} from {source}.")
    if result.previous_saved_as is not None:
        what = "The damaged file was moved, unchanged, to" if result.previous_was_damaged else \
            "The file it replaced was backed up to"
        print(f"{what} {result.previous_saved_as}.")
    return 0
