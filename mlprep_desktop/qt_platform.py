"""What the command line takes from Qt's core (QtCore only, no GUI started): the lock file the
running app holds on its database, and the user's data folder as the app finds it.

Kept in this one module beside ``app.py`` so that nothing in ``commands/`` imports Qt itself
(an import-linter contract in pyproject.toml): a command that must agree with the running app
on these two facts reaches Qt only through here, and only when it runs.
"""
from __future__ import annotations

from pathlib import Path

ORGANIZATION = "MLPrep"
APP_ID = "mlprep-desktop"


class DatabaseLock:
    """``with DatabaseLock(path) as held:`` — ``held`` is False when a running app holds
    ``<db>.lock`` (the same ``QLockFile`` as ``app.database_lock``)."""

    def __init__(self, db_path: Path) -> None:
        from PySide6.QtCore import QLockFile

        db_path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(db_path) + ".lock")
        self._lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, as in the app

    def __enter__(self) -> bool:
        return self._lock.tryLock(200)

    def __exit__(self, *exc: object) -> None:
        if self._lock.isLocked():
            self._lock.unlock()


def data_folder() -> Path:
    """The user's data folder (``QStandardPaths.AppDataLocation`` under the app's names)."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_ID)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) if location else Path.home() / ".local" / "share" / APP_ID
