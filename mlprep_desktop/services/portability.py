"""Export everything of the user's to one JSON file, and import such a file (merge).

Operations (no Qt): ``export_json`` writes the file whole or not at all; ``preview_import``
reads and checks a file and reports what importing it would add and update, writing nothing;
``import_json`` does it in one transaction and returns what changed. Every refusal is an
``OperationError`` whose message names the file and the problem; the database is then as it was.
"""
from __future__ import annotations

import json
from pathlib import Path

from mlprep_desktop import __version__
from mlprep_desktop.core.clock import utc_now_iso
from mlprep_desktop.core.portable_format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    ExportFormatError,
    check_size,
    parse_export,
)
from mlprep_desktop.services.changes import Change, ChangeKind, Outcome
from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.services.file_output import write_text
from mlprep_desktop.storage.database import Database
from mlprep_desktop.storage.portable import ImportReport, PortableDataError, export_sections, import_sections
from mlprep_desktop.storage.portable_sections import SECTIONS

# What each section's rows are, for the tabs that must refresh after an import.
SECTION_KINDS: dict[str, tuple[ChangeKind, ...]] = {
    "own_questions": (ChangeKind.QUESTIONS,),
    "question_state": (ChangeKind.STUDY_STATE,),
    "reviews": (ChangeKind.STUDY_STATE,),
    "answers": (ChangeKind.ANSWERS,),
    "notes": (ChangeKind.NOTES, ChangeKind.NOTE_LINKS),
    "note_tags": (ChangeKind.NOTES,),
    "note_links": (ChangeKind.NOTE_LINKS,),
    "note_revisions": (ChangeKind.NOTES,),
    "interview_sessions": (ChangeKind.INTERVIEWS,),
    "interview_items": (ChangeKind.INTERVIEWS,),
    "boards": (ChangeKind.BOARDS,),
    "settings": (ChangeKind.SETTINGS,),
}


def export_document(database: Database, *, clock=utc_now_iso) -> dict:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": __version__,
        "exported_at": clock(),
        "sections": export_sections(database),
    }


def export_json(database: Database, path: Path) -> Outcome[dict[str, int]]:
    """Write everything of the user's to ``path``. Returns the row count per section."""
    doc = export_document(database)
    text = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    write_text(Path(path), text)
    return Outcome({name: len(rows) for name, rows in doc["sections"].items()})


def read_import(path: Path) -> tuple[dict[str, list[dict]], list[str]]:
    """The checked sections of the export at ``path`` and notes on what is ignored."""
    path = Path(path)
    try:
        check_size(path)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ExportFormatError(f"{path}: is not UTF-8 text (byte {exc.start}); is it an export?") from exc
        except OSError as exc:
            raise ExportFormatError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc
        return parse_export(path, text, {s.name: s.key for s in SECTIONS})
    except ExportFormatError as exc:
        raise OperationError(str(exc)) from exc


def preview_import(database: Database, path: Path) -> tuple[ImportReport, list[str]]:
    """What importing ``path`` would do; nothing is written."""
    return _run(database, path, dry_run=True)


def import_json(database: Database, path: Path) -> Outcome[tuple[ImportReport, list[str]]]:
    """Merge the export at ``path`` into the database, in one transaction."""
    report, notes = _run(database, path, dry_run=False)
    kinds = {k for name, r in report.sections.items() if r.changed for k in SECTION_KINDS.get(name, (ChangeKind.DATABASE,))}
    own = report.sections.get("own_questions")
    ids = [k[0] for k in own.keys] if own else []
    return Outcome((report, notes), Change.of(*kinds, question_ids=ids) if kinds else Change())


def _run(database: Database, path: Path, *, dry_run: bool) -> tuple[ImportReport, list[str]]:
    data, notes = read_import(path)
    try:
        return import_sections(database, data, dry_run=dry_run), notes
    except PortableDataError as exc:
        raise OperationError(f"{path}: {exc}. Nothing was imported.") from exc


def describe(report: ImportReport) -> list[str]:
    """One line per section with something to say, for the preview and the CLI."""
    lines = []
    for name, r in report.sections.items():
        if not (r.added or r.updated or r.skipped):
            continue
        label = name.replace("_", " ")
        parts = [f"{r.added} to add" if report.dry_run else f"{r.added} added",
                 f"{r.updated} to update" if report.dry_run else f"{r.updated} updated"]
        if r.unchanged:
            parts.append(f"{r.unchanged} unchanged")
        if r.skipped:
            parts.append(f"{r.skipped} skipped ({'; '.join(r.reasons)})")
        line = f"{label}: {', '.join(parts)}"
        if r.examples:
            more = ", …" if r.changed > len(r.examples) else ""
            line += " — " + ", ".join(f"“{e[:40]}”" for e in r.examples) + more
        lines.append(line)
    return lines
