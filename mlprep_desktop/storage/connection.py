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
    return conn
