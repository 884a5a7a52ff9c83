"""The errors an operation may raise, as the UI sees them (the UI never imports storage).

``WriteError``: the database refused a write (disk full, file locked, read-only); nothing of
the operation was written. ``OperationError``: the use case itself refuses (a rule, a missing
record); its message is for the user.
"""
from __future__ import annotations

from mlprep_desktop.storage.database import WriteError


class OperationError(Exception):
    """A use-case rule refused the operation; ``str(exc)`` is the message for the user."""


__all__ = ["OperationError", "WriteError"]
