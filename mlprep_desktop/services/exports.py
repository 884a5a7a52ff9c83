"""One entry point for every export format (the CLI and the Export dialog use it)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.storage.database import Database


def _json(database: Database, path: Path, topics: tuple[str, ...]) -> str:
    from mlprep_desktop.services.portability import export_json

    counts = export_json(database, path).value
    shown = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items() if n)
    return f"Exported to {path}: {shown or 'nothing yet'}."


# format -> (label, file suffix or "" for a folder, writer returning a one-line summary)
EXPORTERS: dict[str, tuple[str, str, Callable[[Database, Path, tuple[str, ...]], str]]] = {
    "json": ("Everything of yours (JSON, to import elsewhere)", ".json", _json),
}


def export(database: Database, fmt: str, path: Path, *, topics: tuple[str, ...] = ()) -> str:
    """Write ``fmt`` to ``path``; returns a summary line. Raises OperationError on failure."""
    if fmt not in EXPORTERS:
        raise OperationError(f"Unknown export format {fmt!r} (known: {', '.join(EXPORTERS)}).")
    return EXPORTERS[fmt][2](database, Path(path), topics)
