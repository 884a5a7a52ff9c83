"""One entry point for every export format (the CLI and the Export dialog use it)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.storage.database import Database


def _json(database: Database, path: Path, topics: tuple[str, ...], ids: list[str] | None = None) -> str:
    from mlprep_desktop.services.portability import export_json

    counts = export_json(database, path).value
    shown = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items() if n)
    return f"Exported to {path}: {shown or 'nothing yet'}."


CSV_STATUS_COLUMNS = ("id", "title", "type", "topic", "difficulty", "minutes", "source", "tags", "status",
                      "flagged", "last_rating", "review_count", "last_reviewed_at", "has_answer", "has_note")


def _csv(database: Database, path: Path, topics: tuple[str, ...], ids: list[str] | None = None) -> str:
    """The bank (and own questions) with the user's status, one row per question."""
    import csv
    import io

    from mlprep_desktop.core.models import QuestionState
    from mlprep_desktop.services.file_output import write_text
    from mlprep_desktop.storage.own_questions import OwnQuestionRepository

    rows = OwnQuestionRepository(database).status_rows(topics, ids)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_STATUS_COLUMNS)
    for r in rows:
        state = QuestionState(r["id"], r["seen_at"], bool(r["flagged"]), r["last_rating"], r["review_count"])
        r = dict(r, status=state.status.value, flagged=int(r["flagged"]))
        writer.writerow(["" if r[c] is None else r[c] for c in CSV_STATUS_COLUMNS])
    write_text(path, buffer.getvalue())
    return f"Exported {len(rows)} questions with your status to {path}."


def _markdown(database: Database, path: Path, topics: tuple[str, ...], ids: list[str] | None = None) -> str:
    """A folder of ``<topic>/<id>.md`` files in the bank's format, with my answer and note."""
    from mlprep_desktop.core.own_questions import to_markdown
    from mlprep_desktop.services.file_output import write_folder
    from mlprep_desktop.storage.own_questions import OwnQuestionRepository

    repo = OwnQuestionRepository(database)
    files = {}
    for q in repo.questions(topics, ids):
        answer, note = repo.mine(q.id)
        files[f"{q.topic}/{q.id}.md"] = to_markdown(q, my_answer=answer, my_note=note)
    write_folder(path, files)
    return f"Exported {len(files)} questions as Markdown files into {path}."


def _anki(database: Database, path: Path, topics: tuple[str, ...], ids: list[str] | None = None) -> str:
    return _anki_job(database, path, topics, ids).run()


def _anki_job(database: Database, path: Path, topics: tuple[str, ...], ids: list[str] | None = None) -> ExportJob:
    from mlprep_desktop.services.anki_export import read_anki, write_anki

    questions = read_anki(database, path, topics=topics, ids=ids)

    def write() -> str:
        count = write_anki(questions, path)
        return f"Exported {count} questions as an Anki deck to {path}."

    return ExportJob(write, f"Exporting {len(questions)} questions as an Anki deck…")


@dataclass(frozen=True)
class ExportJob:
    """What is left of an export once the database has been read: ``run()`` writes the file and
    returns the summary line, touching no database, so it may run on a worker thread."""
    run: Callable[[], str]
    busy_text: str = ""


# format -> (label, file suffix or "" for a folder, writer returning a one-line summary)
EXPORTERS: dict[str, tuple[str, str, Callable[..., str]]] = {
    "json": ("Everything of yours (JSON, to import elsewhere)", ".json", _json),
    "csv": ("The question list with your status (CSV)", ".csv", _csv),
    "md": ("Questions with your answer and note (Markdown files, a folder)", "", _markdown),
    "anki": ("Questions as an Anki deck (.apkg)", ".apkg", _anki),
}


def export(database: Database, fmt: str, path: Path, *, topics: tuple[str, ...] = (),
           ids: list[str] | None = None) -> str:
    """Write ``fmt`` to ``path`` (questions of ``topics`` / ``ids`` only, when given; the JSON
    export always holds everything); returns a summary line. Raises OperationError on failure."""
    if fmt not in EXPORTERS:
        raise OperationError(f"Unknown export format {fmt!r} (known: {', '.join(EXPORTERS)}).")
    return EXPORTERS[fmt][2](database, Path(path), topics, ids)


def prepare_export(database: Database, fmt: str, path: Path, *, topics: tuple[str, ...] = (),
                   ids: list[str] | None = None) -> ExportJob | str:
    """Like ``export``, for a window that must stay responsive: a format whose writing is slow
    (the Anki deck renders every card) reads the database now and returns the ``ExportJob``
    that does the rest; a quick format is done at once and its summary line returned."""
    if fmt == "anki":
        return _anki_job(database, Path(path), topics, ids)
    return export(database, fmt, path, topics=topics, ids=ids)
