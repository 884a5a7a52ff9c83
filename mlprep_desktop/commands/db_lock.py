"""The lock the running app holds on its database (``<db>.lock``, see ``app.database_lock``):
commands that replace or repair the file take it too, so they never work under the app."""
from __future__ import annotations

from pathlib import Path


class DatabaseLock:
    """``with DatabaseLock(path) as held:`` — ``held`` is False when a running app holds it."""

    def __init__(self, db_path: Path) -> None:
        from PySide6.QtCore import QLockFile  # QtCore only: no GUI is started

        db_path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(db_path) + ".lock")
        self._lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, as in the app

    def __enter__(self) -> bool:
        return self._lock.tryLock(200)

    def __exit__(self, *exc: object) -> None:
        if self._lock.isLocked():
            self._lock.unlock()


def app_is_open_message(db_path: Path, command: str) -> str:
    return (f"mlprep {command}: MLPrep Desktop is open on {db_path}. Quit it first (or use the "
            "app's own menu), then run this again. Nothing was changed.")
