"""Notes as files: safe, unique file names on every desktop system, and the Markdown a note
is exported as (a small front matter, then the note exactly as written)."""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable

from mlprep_desktop.core.note_models import Note

MAX_STEM = 80
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_SPACES = re.compile(r"\s+")
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
)


def safe_stem(title: str, fallback: str = "note") -> str:
    """A file-name stem from a title: no path separators, reserved characters or names,
    control characters, leading dots or trailing dots/spaces; at most ``MAX_STEM`` characters."""
    text = unicodedata.normalize("NFC", title or "")
    text = _FORBIDDEN.sub(" ", text)
    text = _SPACES.sub(" ", text).lstrip(". ").strip()
    text = text[:MAX_STEM].rstrip(" .")
    if not text:
        text = fallback
    if text.split(".")[0].strip().lower() in _RESERVED:
        text = f"_{text}"
    return text


def unique_file_name(title: str, extension: str, taken: Iterable[str] = ()) -> str:
    """``safe_stem(title) + extension``, numbered ' (2)', ' (3)' … until no name in ``taken``
    matches ignoring case (file systems on Windows and macOS ignore case)."""
    used = {name.casefold() for name in taken}
    stem = safe_stem(title)
    candidate = stem + extension
    n = 2
    while candidate.casefold() in used:
        candidate = f"{stem} ({n}){extension}"
        n += 1
    return candidate


def unique_file_names(titles: Iterable[str], extension: str, taken: Iterable[str] = ()) -> list[str]:
    """One distinct safe name per title, in order."""
    used = list(taken)
    names = []
    for title in titles:
        name = unique_file_name(title, extension, used)
        used.append(name)
        names.append(name)
    return names


def markdown_export(note: Note) -> str:
    """The note as a Markdown file: front matter (title, tags, dates, question), then the body.

    Strings in the front matter are JSON-quoted, which is also valid YAML."""
    lines = ["---", f"title: {json.dumps(note.title, ensure_ascii=False)}"]
    if note.tags:
        lines.append("tags: [" + ", ".join(json.dumps(t, ensure_ascii=False) for t in note.tags) + "]")
    if note.question_id:
        lines.append(f"question: {json.dumps(note.question_id)}")
    if note.created_at:
        lines.append(f"created: {note.created_at}")
    if note.updated_at:
        lines.append(f"updated: {note.updated_at}")
    lines.append("---")
    body = note.body if note.body.endswith("\n") or not note.body else note.body + "\n"
    return "\n".join(lines) + "\n\n" + body
