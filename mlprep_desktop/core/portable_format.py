"""The export file format (``mlprep-export``) and the checks an imported file must pass.

A file is one JSON object::

    {"format": "mlprep-export", "version": 1, "app_version": "…", "exported_at": "…Z",
     "sections": {"notes": [{…}, …], "reviews": […], …}}

``version`` changes only when a reader of the old version would misread the new file; a new
section or a new field is not such a change (older readers ignore what they do not know).
``read_export`` never raises anything but ``ExportFormatError``, whose message names the file
and the problem. It refuses a file larger than ``MAX_IMPORT_BYTES`` before reading it.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

FORMAT_NAME = "mlprep-export"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 200 * 1024 * 1024  # an export of years of study is a few MB


class ExportFormatError(Exception):
    """The file cannot be imported; ``str(exc)`` names the file and the problem."""


def check_size(path: Path, limit: int = MAX_IMPORT_BYTES) -> None:
    """Refuse a missing, unreadable or oversized file by its size, before reading a byte."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ExportFormatError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc
    if not path.is_file():
        raise ExportFormatError(f"{path}: is not a file.")
    if size > limit:
        raise ExportFormatError(
            f"{path}: is {size / 1024 / 1024:.0f} MB, larger than the {limit // 1024 // 1024} MB an import may be; "
            "it was not read.")


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"the key {k!r} appears twice in one object")
        out[k] = v
    return out


def parse_export(path: Path, text: str, sections: dict[str, tuple[str, ...]]) -> tuple[dict[str, list[dict]], list[str]]:
    """Check ``text`` (the file's content) against the format; ``sections`` maps each known
    section to its key fields. Returns (sections' rows, notes on what was ignored)."""
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        stripped = text.rstrip()
        truncated = exc.pos >= len(stripped) - 1 or not stripped.endswith("}")
        what = (f"it ends too early: the file looks cut off ({exc.msg})" if truncated
                else f"it is not valid JSON ({exc.msg})")
        raise ExportFormatError(f"{path}: {what} at {where}. Nothing was imported.") from exc
    except ValueError as exc:
        raise ExportFormatError(f"{path}: {exc}. Nothing was imported.") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise ExportFormatError(f"{path}: is not an MLPrep Desktop export (no \"format\": \"{FORMAT_NAME}\").")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ExportFormatError(f"{path}: has no valid format version ({version!r}).")
    if version > FORMAT_VERSION:
        raise ExportFormatError(
            f"{path}: was written by a newer MLPrep Desktop (export format {version}; this version reads up to "
            f"{FORMAT_VERSION}). Update MLPrep Desktop to import it. Nothing was imported.")
    body = doc.get("sections")
    if not isinstance(body, dict):
        raise ExportFormatError(f"{path}: has no \"sections\" object.")
    ignored = [f"unknown section {name!r} ignored (written by a newer version?)" for name in body if name not in sections]
    out: dict[str, list[dict]] = {}
    for name, key in sections.items():
        rows = body.get(name, [])
        if not isinstance(rows, list):
            raise ExportFormatError(f"{path}: section {name!r} is not a list.")
        _check_rows(path, name, rows, key)
        out[name] = rows
    return out, ignored


def _check_rows(path: Path, name: str, rows: Iterable, key: tuple[str, ...]) -> None:
    seen: set[tuple] = set()
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise ExportFormatError(f"{path}: {name} row {number} is not an object.")
        for field, value in row.items():
            if not (value is None or isinstance(value, (str, int, float, bool))):
                raise ExportFormatError(f"{path}: {name} row {number}: {field!r} must be text or a number.")
        missing = [k for k in key if row.get(k) is None]
        if missing:
            raise ExportFormatError(f"{path}: {name} row {number} has no {', '.join(missing)}.")
        ident = tuple(row[k] for k in key)
        if ident in seen:
            raise ExportFormatError(
                f"{path}: {name} has the id {' / '.join(map(str, ident))} twice (row {number}). Nothing was imported.")
        seen.add(ident)
