"""Raw SQLite connections, configured the one way the app uses them."""
from __future__ import annotations

import sqlite3
from pathlib import Path


def connect(path: Path | str, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with rows by name and explicit transactions (no implicit BEGIN).

    ``readonly`` opens with ``mode=ro``: nothing can be written through it.
    """
    if readonly:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None)
    conn.row_factory = sqlite3.Row
    # Python's case folding, for sorting titles in SQL (storage/question_search.py).
    conn.create_function("casefold", 1, _casefold, deterministic=True)
    return conn


def _casefold(text: str | bytes | None) -> str | None:
    """``str.casefold``; bytes are read as UTF-8 with U+FFFD for what is not (damaged text)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return text.casefold() if text is not None else None
