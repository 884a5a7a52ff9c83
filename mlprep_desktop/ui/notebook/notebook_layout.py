"""``NotebookLayout``: what the notebook remembers between runs — the view mode (editor only,
side by side, preview only), the splitter positions and the note that was open. Kept in the
settings table; a failed write is never worth interrupting the user for, so it is ignored."""
from __future__ import annotations

from PySide6.QtWidgets import QSplitter, QWidget

from mlprep_desktop.storage.database import WriteError

VIEW_KEY = "notebook.view_mode"
SPLITTERS_KEY = "notebook.splitters"
NOTE_KEY = "notebook.current_note"
DEFAULT_MODE = "split"


class NotebookLayout:
    def __init__(self, settings, tab: QWidget) -> None:
        self._settings = settings
        self._outer: QSplitter = tab.outer
        self._inner: QSplitter = tab.splitter
        self._mode = DEFAULT_MODE
        self._written: dict[str, object] = {}

    def restore(self) -> str:
        """Apply the remembered splitter sizes; return the remembered view mode."""
        sizes = self._settings.get(SPLITTERS_KEY)
        if isinstance(sizes, dict) and self._valid(sizes.get("outer")) and self._valid(sizes.get("inner")):
            self._outer.setSizes(sizes["outer"])
            self._inner.setSizes(sizes["inner"])
            self._written[SPLITTERS_KEY] = sizes
        else:
            self._outer.setSizes([300, 980])
            self._inner.setSizes([500, 500])
        mode = self._settings.get(VIEW_KEY, DEFAULT_MODE)
        self._mode = mode if mode in ("editor", "split", "preview") else DEFAULT_MODE
        self._written[VIEW_KEY] = self._mode
        return self._mode

    def last_note(self) -> int | None:
        value = self._settings.get(NOTE_KEY)
        return value if isinstance(value, int) else None

    @property
    def view_mode(self) -> str:
        return self._mode

    @view_mode.setter
    def view_mode(self, mode: str) -> None:
        self._mode = mode
        self._write(VIEW_KEY, mode)

    def save(self, note_id: int | None) -> None:
        """Remember splitter sizes and the open note (only what changed is written)."""
        outer, inner = self._outer.sizes(), self._inner.sizes()
        if all(outer) and all(inner):  # a hidden pane reports 0: keep the last real sizes
            self._write(SPLITTERS_KEY, {"outer": outer, "inner": inner})
        self._write(NOTE_KEY, note_id)
        self._write(VIEW_KEY, self._mode)

    def _write(self, key: str, value: object) -> None:
        if self._written.get(key, object()) == value:
            return
        try:
            self._settings.set(key, value)
        except WriteError:
            return
        self._written[key] = value

    @staticmethod
    def _valid(sizes) -> bool:
        return isinstance(sizes, list) and len(sizes) == 2 and all(isinstance(s, int) and s > 0 for s in sizes)
