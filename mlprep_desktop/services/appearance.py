"""``AppearanceSettings`` (``context.appearance``): how the window looks — the theme (follow the
system, or always light / dark), the interface font size and the editors' font.

Contract: ``current()`` reads the ``appearance`` setting (broken or missing fields fall back to
the defaults: system theme, system font size, the system's fixed-width font); ``set`` validates,
writes it in one transaction and returns ``Outcome(appearance, SETTINGS)``; a bad value raises
``OperationError`` and writes nothing. Applying it to the widgets is the UI's job. No Qt.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from mlprep_desktop.services.changes import Change, ChangeKind, Outcome
from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.storage.settings import SettingsRepository

APPEARANCE_KEY = "appearance"
THEMES = ("system", "light", "dark")
FONT_SIZE_RANGE = (7, 32)  # points; 0 means the system's size


@dataclass(frozen=True)
class Appearance:
    """``font_size`` / ``editor_size`` 0 and ``editor_family`` '' mean the system's choice."""

    theme: str = "system"
    font_size: int = 0
    editor_family: str = ""
    editor_size: int = 0

    @classmethod
    def from_json(cls, data: object) -> Appearance:
        if not isinstance(data, dict):
            return cls()
        theme = data.get("theme") if data.get("theme") in THEMES else "system"
        family = data.get("editor_family")
        family = family if isinstance(family, str) else ""
        return cls(str(theme), _size(data.get("font_size")), family, _size(data.get("editor_size")))


def _size(value: object) -> int:
    low, high = FONT_SIZE_RANGE
    return value if isinstance(value, int) and low <= value <= high else 0


class AppearanceSettings:
    def __init__(self, settings: SettingsRepository) -> None:
        self._settings = settings

    def current(self) -> Appearance:
        return Appearance.from_json(self._settings.get(APPEARANCE_KEY))

    def set(self, appearance: Appearance) -> Outcome[Appearance]:
        low, high = FONT_SIZE_RANGE
        if appearance.theme not in THEMES:
            raise OperationError(f"The theme is one of {', '.join(THEMES)}.")
        for size in (appearance.font_size, appearance.editor_size):
            if size and not low <= size <= high:
                raise OperationError(f"A font size is from {low} to {high} points.")
        self._settings.set(APPEARANCE_KEY, asdict(appearance))
        return Outcome(appearance, Change.of(ChangeKind.SETTINGS))
