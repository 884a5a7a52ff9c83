"""``mlprep export --format json|csv|md|anki PATH [--topic …]`` and ``mlprep import PATH [--dry-run]``.

Exit codes: 0 done; 1 the file or the data was refused (the message says why; nothing was
written); 2 the database could not be opened.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mlprep_desktop.commands import add_db_option

FORMATS = ("json", "csv", "md", "anki")


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser(
        "export", help="export your data (json), the bank with your status (csv), questions with your "
                       "answers and notes (md, a folder) or an Anki deck (anki, .apkg)")
    add_db_option(export)
    export.add_argument("--format", choices=FORMATS, default="json", help="what to write (default: json)")
    export.add_argument("--topic", action="append", default=[], metavar="TOPIC",
                        help="only questions of this topic slug, e.g. evaluation (csv, md, anki; repeatable; "
                             "a json export always holds everything)")
    export.add_argument("path", type=Path, metavar="PATH", help="the file (or folder, for md) to write")
    export.set_defaults(handler=run_export)
    imp = subparsers.add_parser(
        "import", help="import an export (.json: merged, nothing of yours is lost) or your own questions "
                       "(.csv, or .md files / a folder of them in the bank's format)")
    add_db_option(imp)
    imp.add_argument("--dry-run", action="store_true", help="only say what would be added and updated")
    imp.add_argument("path", type=Path, metavar="PATH")
    imp.set_defaults(handler=run_import)


def _open(args: argparse.Namespace):
    from mlprep_desktop.commands.db_path import resolve_db
    from mlprep_desktop.services.app_context import AppContext
    from mlprep_desktop.storage.database import DatabaseError

    path = resolve_db(args.db)
    try:
        return AppContext.open(path)
    except DatabaseError as exc:
        print(f"mlprep: {exc}", file=sys.stderr)
        return None


def run_export(args: argparse.Namespace) -> int:
    from mlprep_desktop.core.models import TOPICS
    from mlprep_desktop.services import exports
    from mlprep_desktop.services.errors import OperationError, WriteError

    unknown = [t for t in args.topic if t not in TOPICS]
    if unknown:
        print(f"mlprep export: unknown topic {', '.join(unknown)}; the topics are: {', '.join(TOPICS)}",
              file=sys.stderr)
        return 1
    if args.topic and args.format == "json":
        print("mlprep export: --topic does not apply to json (it holds everything of yours)", file=sys.stderr)
        return 1
    ctx = _open(args)
    if ctx is None:
        return 2
    try:
        message = exports.export(ctx.database, args.format, args.path, topics=tuple(args.topic))
    except (OperationError, WriteError) as exc:
        print(f"mlprep export: {exc}", file=sys.stderr)
        return 1
    finally:
        ctx.close()
    print(message)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from mlprep_desktop.services import imports
    from mlprep_desktop.services.errors import OperationError, WriteError

    ctx = _open(args)
    if ctx is None:
        return 2
    try:
        lines = imports.import_path(ctx.database, args.path, dry_run=args.dry_run).value
    except (OperationError, WriteError) as exc:
        print(f"mlprep import: {exc}", file=sys.stderr)
        return 1
    finally:
        ctx.close()
    print("\n".join(lines))
    return 0
