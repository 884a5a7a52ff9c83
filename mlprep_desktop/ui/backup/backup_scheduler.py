"""``BackupScheduler``: automatic backups while the app runs.

``start()`` backs up at once (or a moment later) if the newest backup is 30 minutes old or older, then every
``interval_ms`` of use; ``back_up_on_close()`` writes one more when the window closes. Backups
run on a worker thread (``BackupService.create`` opens its own connections); ``succeeded`` and
``failed`` are delivered on the GUI thread. One backup at a time; ``wait()`` blocks until the
running one is done (call it before the file is replaced).
"""
from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from mlprep_desktop.services.backups import BackupError, BackupInfo, BackupService

INTERVAL_MS = 30 * 60 * 1000
log = logging.getLogger("mlprep")


class BackupScheduler(QObject):
    succeeded = Signal(object)  # BackupInfo
    failed = Signal(str)  # a message for the user

    def __init__(self, service: BackupService, interval_ms: int = INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.back_up_in_background)
        self.started = False

    def start(self, first_after_ms: int = 0) -> None:
        """Back up now (or after ``first_after_ms``) if one is due, then every interval, and
        once more on close."""
        self.started = True
        if first_after_ms:
            QTimer.singleShot(first_after_ms, self, self._back_up_if_due)
        else:
            self._back_up_if_due()
        self._timer.start()

    def _back_up_if_due(self) -> None:
        if self.started and self.service.due():
            self.back_up_in_background()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def back_up_in_background(self) -> bool:
        """Start a backup on a worker thread; False if one is already running."""
        if self.running:
            return False
        self._thread = threading.Thread(target=self._work, name="mlprep-backup", daemon=True)
        self._thread.start()
        return True

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def back_up_now(self) -> BackupInfo | None:
        """A backup on this thread (after any running one); None if it failed (``failed`` says why)."""
        self.wait()
        try:
            info = self.service.create()
        except BackupError as exc:
            self._report(str(exc))
            return None
        self.succeeded.emit(info)
        return info

    def back_up_on_close(self) -> None:
        """The last backup of the session, once (close and quit may both ask); waits for a
        running one first, so no copy is cut short."""
        self.stop()
        if self.started:
            self.started = False
            self.back_up_now()
        else:
            self.wait()

    def _work(self) -> None:  # worker thread: no widgets here, only signals
        try:
            info = self.service.create()
        except BackupError as exc:
            self._report(str(exc))
        except Exception as exc:  # never kill the thread silently
            log.exception("automatic backup failed")
            self._report(str(exc))
        else:
            self.succeeded.emit(info)

    def _report(self, text: str) -> None:
        log.warning("automatic backup failed: %s", text)
        self.failed.emit(self.tr(f"The automatic backup failed: {text} Your data is unchanged; "
                                 "the next backup is tried later."))
