"""Debounced autosave with a maximum wait: ``schedule()`` after each edit, ``flush()`` whenever
the edit must land.

Two timers decide *when* to call ``save``: the debounce (``delay_ms`` after the last edit) and
the maximum wait (``max_wait_ms`` after the first unsaved edit). The debounce restarts on every
edit, the maximum wait does not, so someone who types or draws without pausing still has
everything but the last ``max_wait_ms`` on disk (a crash or SIGKILL loses at most that).
``flush()`` saves at once if anything is pending, so callers flush on item switch, tab switch,
focus loss and close. GUI thread only.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

MAX_WAIT_MS = 1000


class DebouncedSaver(QObject):
    saved = Signal()
    failed = Signal(str)

    def __init__(
        self,
        save: Callable[[], None],
        delay_ms: int = 700,
        parent: QObject | None = None,
        *,
        max_wait_ms: int = MAX_WAIT_MS,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(max(1, max_wait_ms))
        self._deadline.timeout.connect(self.flush)

    @property
    def pending(self) -> bool:
        return self._pending

    @property
    def max_wait_ms(self) -> int:
        return self._deadline.interval()

    def schedule(self) -> None:
        """An edit happened: save after the debounce, and never later than the maximum wait
        after the first edit not yet saved."""
        self._pending = True
        self._timer.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def cancel(self) -> None:
        self._pending = False
        self._timer.stop()
        self._deadline.stop()

    def flush(self) -> bool:
        """Save now if an edit is pending. Returns False (and stays pending) when saving failed;
        the next edit schedules a retry."""
        self._timer.stop()
        self._deadline.stop()
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
