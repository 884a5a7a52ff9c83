"""Debounced autosave: ``schedule()`` after each edit, ``flush()`` whenever the edit must land.

The QTimer only decides *when* to call ``save``; ``flush()`` saves at once if anything is
pending, so callers flush on item switch, tab switch, focus loss and close.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal


class DebouncedSaver(QObject):
    saved = Signal()
    failed = Signal(str)

    def __init__(self, save: Callable[[], None], delay_ms: int = 700, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    @property
    def pending(self) -> bool:
        return self._pending

    def schedule(self) -> None:
        self._pending = True
        self._timer.start()

    def cancel(self) -> None:
        self._pending = False
        self._timer.stop()

    def flush(self) -> bool:
        """Save now if an edit is pending. Returns False (and stays pending) when saving failed."""
        self._timer.stop()
        if not self._pending:
            return True
        try:
            self._save()
        except Exception as exc:  # reported to the user; the edit stays pending for a retry
            self.failed.emit(str(exc))
            return False
        self._pending = False
        self.saved.emit()
        return True
