"""The errors an operation may raise, as the UI sees them (the UI never imports storage).

``WriteError``: the database refused a write (disk full, file locked, read-only); nothing of
the operation was written. ``OperationError``: the use case itself refuses (a rule, a missing
record); its message is for the user. ``NotYet``: an ``OperationError`` the user resolves by
doing something first (reveal the answer before rating it); the UI shows it as a passing hint
in the status bar, not as an error. ``NoteConflictError``: a note was saved in another window
since it was loaded; nothing was written (``.current`` is the stored version).
"""
from __future__ import annotations

from mlprep_desktop.storage.database import (
    CorruptDatabaseError,
    DatabaseError,
    EmptyDatabaseFileError,
    NoteConflictError,
    WriteError,
)


class OperationError(Exception):
    """A use-case rule refused the operation; ``str(exc)`` is the message for the user."""


class NotYet(OperationError):
    """The operation needs a step first; ``str(exc)`` tells the user which (a hint, not an error)."""


__all__ = ["CorruptDatabaseError", "DatabaseError", "EmptyDatabaseFileError", "NoteConflictError", "NotYet", "OperationError", "WriteError"]
