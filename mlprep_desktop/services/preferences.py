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


class Preferences:
    def __init__(self, settings: SettingsRepository) -> None:
        self._settings = settings

    def get(self, key: str, default: Any = None) -> Any:
        return self._settings.get(key, default)

    def remember(self, key: str, value: Any) -> bool:
        """Store ``value`` under ``key``; False (nothing written) if the disk refused it."""
        try:
            self._settings.set(key, value)
        except WriteError:
            return False
        return True
