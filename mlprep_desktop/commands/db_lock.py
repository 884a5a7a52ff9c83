"""The lock the running app holds on its database (``<db>.lock``, see ``app.database_lock``):
commands that replace or repair the file take it too, so they never work under the app.
``DatabaseLock`` lives in ``qt_platform`` (it is a ``QLockFile``, like the app's)."""
from __future__ import annotations

from pathlib import Path

from mlprep_desktop.qt_platform import DatabaseLock

__all__ = ["DatabaseLock", "app_is_open_message"]


def app_is_open_message(db_path: Path, command: str) -> str:
    return (f"mlprep {command}: MLPrep Desktop is open on {db_path}. Quit it first (or use the "
            "app's own menu), then run this again. Nothing was changed.")
