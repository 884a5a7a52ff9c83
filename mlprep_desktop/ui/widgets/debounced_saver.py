"""Debounced autosave with a maximum wait: ``schedule()`` after each edit, ``flush()`` whenever
the edit must land.

Two timers decide *when* to call ``save``: the debounce (``delay_ms`` after the last edit) and
the maximum wait (``max_wait_ms`` after the first unsaved edit). The debounce restarts on every
edit, the maximum wait does not, so someone who types or draws without pausing still has
everything but the last ``max_wait_ms`` on disk (a crash or SIGKILL loses at most that).
``flush()`` saves at once if anything is pending, so callers flush on item switch, tab switch,
focus loss and close. GUI thread only.

A failed save (a file locked by another program, a full disk) keeps the edit pending and is
retried on its own after ``retry_ms``, doubling up to ``MAX_RETRY_MS``: ``failed`` is emitted
once per run of failures (so the user is told once), ``recovered`` when a retry succeeds. An
error whose ``retriable`` attribute is False (a conflict the user must decide) is not retried
on its own and is reported each time, as before: the next edit or flush tries again.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

MAX_WAIT_MS = 1000
RETRY_MS = 2000
MAX_RETRY_MS = 16000


class DebouncedSaver(QObject):
    saved = Signal()
    failed = Signal(str)  # the first failure of a run; retries follow on their own
    recovered = Signal()  # a save succeeded after failures

    def __init__(
        self,
        save: Callable[[], None],
        delay_ms: int = 700,
        parent: QObject | None = None,
        *,
        max_wait_ms: int = MAX_WAIT_MS,
        retry_ms: int = RETRY_MS,
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
        self._retry_ms = retry_ms
        self._failures = 0
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self.flush)

    @property
    def pending(self) -> bool:
        return self._pending

    @property
    def failing(self) -> bool:
        """True while the last save failed and a retry is scheduled."""
        return self._failures > 0

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
        self._failures = 0
        self._timer.stop()
        self._deadline.stop()
        self._retry.stop()

    def flush(self) -> bool:
        """Save now if an edit is pending. Returns False (and stays pending) when saving failed;
        a retry is then scheduled on its own."""
        self._timer.stop()
        self._deadline.stop()
        self._retry.stop()
        if not self._pending:
            return True
        try:
            self._save()
        except Exception as exc:  # reported to the user; the edit stays pending for a retry
            if not getattr(exc, "retriable", True):
                self._failures = 0
                self.failed.emit(str(exc))
                return False
            self._failures += 1
            self._retry.start(min(MAX_RETRY_MS, self._retry_ms * 2 ** (self._failures - 1)))
            if self._failures == 1:
                self.failed.emit(str(exc))
            return False
        self._pending = False
        self.saved.emit()
        if self._failures:
            self._failures = 0
            self.recovered.emit()
        return True
