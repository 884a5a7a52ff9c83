"""One entry point for every import: a JSON export (merged) or own questions (CSV, Markdown).

The kind is told by the path: ``.json`` an export; ``.csv`` questions in the CSV layout;
``.md`` one question file, or a folder of them, in the bank's format.
"""
from __future__ import annotations

from pathlib import Path

from mlprep_desktop.services.changes import Outcome
from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.storage.database import Database


def import_path(database: Database, path: Path, *, dry_run: bool = False) -> Outcome[list[str]]:
    """Import (or with ``dry_run`` only preview) ``path``; returns lines saying what happened."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        from mlprep_desktop.services.portability import describe, import_json, preview_import

        if dry_run:
            report, notes = preview_import(database, path)
            outcome = Outcome((report, notes))
        else:
            outcome = import_json(database, path)
            report, notes = outcome.value
        head = f"Preview of {path} (nothing was written):" if dry_run else f"Imported {path}:"
        body = describe(report) or ["nothing to import: everything in it is already here"]
        return Outcome([head, *("  " + line for line in body + notes)], outcome.change)
    if path.is_dir() or path.suffix.lower() in (".csv", ".md"):
        from mlprep_desktop.services.own_questions import import_questions

        questions = import_questions(database, path, dry_run=dry_run)
        head = f"Preview of {path} (nothing was written):" if dry_run else f"Imported {path}:"
        return Outcome([head, *("  " + line for line in questions.value.lines())], questions.change)
    raise OperationError(f"{path}: cannot import this kind of file (expected .json, .csv, .md or a folder).")
