"""Checks before the app opens its database file, told in the user's terms (see
``storage.file_checks``): a read-only folder or mount or a full disk is named as such, never
reported as "already open" because the lock file could not be written."""
from __future__ import annotations

from mlprep_desktop.storage.file_checks import folder_problem

__all__ = ["folder_problem"]
