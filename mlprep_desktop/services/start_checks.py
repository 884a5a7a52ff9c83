"""Checks before the app opens its database file, told in the user's terms (see
``storage.file_checks``): a read-only folder or mount or a full disk is named as such, never
reported as "already open" because the lock file could not be written."""
from __future__ import annotations

from pathlib import Path

from mlprep_desktop.storage.clean_close import quick_check_problems
from mlprep_desktop.storage.file_checks import folder_problem

__all__ = ["folder_problem", "later_check_message"]


def later_check_message(path: Path) -> str | None:
    """The integrity check left for after start (``Database.check_pending``), run now on its
    own read-only connection (any thread): None if the file is sound, else what to tell the user."""
    problems = quick_check_problems(path)
    if not problems:
        return None
    return (f"The database at {path} failed its integrity check ({'; '.join(problems[:3])}). Keep working "
            "only to copy out what you need: make a copy of the file, then use File › Restore backup… "
            "or Tools › Check database.")
