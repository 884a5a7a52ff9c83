"""Helpers for the whiteboard tests."""
from __future__ import annotations

import sqlite3
from pathlib import Path


def break_board(db_path: Path, board_id: int) -> None:
    """Make a stored board unreadable (its scene is no longer JSON), as another program might."""
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE boards SET scene_json = '{broken' WHERE id = ?", (board_id,))
    conn.commit()
    conn.close()
