"""``Preferences`` (``context.preferences``): what the app remembers for convenience — window
and splitter layout, the last board, the grid, the view mode.

Contract: ``remember`` writes one setting in one transaction and never raises for a refused
write: a preference is not worth interrupting the user for (it returns False, and the value is
tried again the next time it is remembered). Reading never writes. No Qt.
"""
from __future__ import annotations

from typing import Any

from mlprep_desktop.storage.database import WriteError
from mlprep_desktop.storage.settings import SettingsRepository

# Browse: after a rating, go on to the next question in the list (on unless turned off).
ADVANCE_AFTER_RATING_KEY = "browse.advance_after_rating"


class Preferences:
    def __init__(self, settings: SettingsRepository) -> None:
        self._settings = settings

    @property
    def advance_after_rating(self) -> bool:
        """Browse moves to the next question in the list after a rating (default: yes)."""
        return bool(self.get(ADVANCE_AFTER_RATING_KEY, True))

    def set_advance_after_rating(self, on: bool) -> bool:
        return self.remember(ADVANCE_AFTER_RATING_KEY, bool(on))

    def get(self, key: str, default: Any = None) -> Any:
        return self._settings.get(key, default)

    def remember(self, key: str, value: Any) -> bool:
        """Store ``value`` under ``key``; False (nothing written) if the disk refused it."""
        try:
            self._settings.set(key, value)
        except WriteError:
            return False
        return True
