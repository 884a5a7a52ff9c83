"""Helpers for the interview UI tests: a fake monotonic clock, finding widgets, answering dialogs,
and reading the database file the way a restart would."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


class FakeClock:
    """A monotonic clock the test moves by hand (the app's QTimer only repaints from it)."""

    def __init__(self, start: float = 10_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def find(window, cls, name: str):
    widget = window.findChild(cls, name)
    assert widget is not None, name
    return widget


def answer_next_message_box(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """When the next modal message box opens, record its text and press ``button``."""

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def rows(db_path: Path, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
    """Read with a separate connection: what is on disk, as another process would see it."""
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def session_row(db_path: Path) -> sqlite3.Row:
    found = rows(db_path, "SELECT * FROM interview_sessions ORDER BY id DESC LIMIT 1")
    assert found, "no interview session in the database"
    return found[0]


def item_rows(db_path: Path, session_id: int) -> list[dict]:
    out = []
    for r in rows(db_path, "SELECT * FROM interview_items WHERE session_id = ? ORDER BY position", (session_id,)):
        item = dict(r)
        item["key_points"] = json.loads(item["key_points"])
        out.append(item)
    return out
