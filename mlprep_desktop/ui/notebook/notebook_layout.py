"""``NotebookLayout``: what the notebook remembers between runs — the view mode (editor only,
side by side, preview only), the splitter positions and the note that was open. Kept in the
settings table through ``context.preferences``, which ignores a refused write (never worth
interrupting the user for).

Only the sizes of a splitter that has been on screen are saved: one that was never shown (the
tab, or its note page, was not opened in a session) reports made-up sizes such as [48, 48],
and saving those once would shrink the note list for good. Sizes that could only come from
such a splitter (less room in all than any window gives) are ignored on restore."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QSplitter, QWidget

from mlprep_desktop.services.preferences import Preferences

VIEW_KEY = "notebook.view_mode"
SPLITTERS_KEY = "notebook.splitters"
NOTE_KEY = "notebook.current_note"
DEFAULT_MODE = "split"
DEFAULT_SIZES = {"outer": [300, 980], "inner": [500, 500]}
MIN_TOTAL = {"outer": 400, "inner": 200}  # less room than this: a splitter that was never laid out


class NotebookLayout(QObject):
    def __init__(self, settings: Preferences, tab: QWidget) -> None:
        super().__init__(tab)
        self._settings = settings
        self._splitters: dict[str, QSplitter] = {"outer": tab.outer, "inner": tab.splitter}
        self._shown: set[str] = set()  # splitters that have been painted on screen this session
        self._sizes: dict[str, list[int]] = {}  # what is remembered for each splitter
        self._mode = DEFAULT_MODE
        self._written: dict[str, object] = {}
        for splitter in self._splitters.values():
            splitter.installEventFilter(self)

    def restore(self) -> str:
        """Apply the remembered splitter sizes; return the remembered view mode."""
        saved = self._settings.get(SPLITTERS_KEY)
        saved = saved if isinstance(saved, dict) else {}
        for name, splitter in self._splitters.items():
            sizes = saved.get(name)
            if self._valid(sizes) and sum(sizes) >= MIN_TOTAL[name]:
                self._sizes[name] = sizes
                splitter.setSizes(sizes)
            else:
                splitter.setSizes(DEFAULT_SIZES[name])
        if self._sizes == saved:
            self._written[SPLITTERS_KEY] = dict(saved)
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
        for name in self._shown:
            sizes = self._splitters[name].sizes()
            if all(sizes):  # a hidden pane reports 0: keep the last real sizes
                self._sizes[name] = sizes
        if self._sizes:
            self._write(SPLITTERS_KEY, dict(self._sizes))
        self._write(NOTE_KEY, note_id)
        self._write(VIEW_KEY, self._mode)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        if event.type() == QEvent.Type.Paint:  # on screen, laid out: sizes the user has seen
            for name, splitter in self._splitters.items():
                if splitter is watched:
                    self._shown.add(name)
        return False

    def _write(self, key: str, value: object) -> None:
        if self._written.get(key, object()) == value:
            return
        if self._settings.remember(key, value):
            self._written[key] = value

    @staticmethod
    def _valid(sizes) -> bool:
        return isinstance(sizes, list) and len(sizes) == 2 and all(isinstance(s, int) and s > 0 for s in sizes)
