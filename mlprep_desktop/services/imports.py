"""One entry point for every import: a JSON export (merged) or own questions (CSV, Markdown).

The kind is told by the path: ``.json`` an export; ``.csv`` questions in the CSV layout;
``.md`` one question file, or a folder of them, in the bank's format.

``ImportJob`` runs an import (or its preview) on a worker thread with a connection of its own,
so a window stays responsive while a large file is read, checked and merged.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mlprep_desktop.services.changes import Outcome
from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.storage.database import Database, DatabaseError, open_for_worker

SUFFIXES = (".json", ".csv", ".md")


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
    raise OperationError(_unknown_kind(path))


def _unknown_kind(path: Path) -> str:
    return f"{path}: cannot import this kind of file (expected .json, .csv, .md or a folder)."


@dataclass(frozen=True)
class ImportJob:
    """``import_path`` for a worker thread: ``run()`` opens its own connection to the database
    file at ``db_path`` (a connection belongs to one thread), runs the import or its preview in
    one transaction and closes the connection. It raises what ``import_path`` raises."""
    db_path: Path
    path: Path
    dry_run: bool = False

    def run(self) -> Outcome[list[str]]:
        try:
            database = open_for_worker(self.db_path)
        except DatabaseError as exc:
            raise OperationError(f"Could not import {self.path}: {exc}") from exc
        try:
            return import_path(database, self.path, dry_run=self.dry_run)
        finally:
            database.close()


def prepare_import(database: Database, path: Path, *, dry_run: bool = False) -> ImportJob:
    """The job importing ``path`` into ``database``'s file. A path that cannot be imported at
    all (a kind the app does not read, a file that is gone) is refused now, with its reason."""
    path = Path(path)
    if not (path.is_dir() or path.suffix.lower() in SUFFIXES):
        raise OperationError(_unknown_kind(path))
    if not path.exists():
        raise OperationError(f"{path}: there is no such file (was it moved or deleted?).")
    return ImportJob(database.path, path, dry_run)
