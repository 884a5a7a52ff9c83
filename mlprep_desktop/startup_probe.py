"""``mlprep --report-startup``: say when the main window was first drawn, then quit.

For startup benchmarks (packaging/measure_startup.py). Once the main window has been exposed
and painted, the app prints ``window-shown <t>`` on stdout, ``t`` being ``time.monotonic()``:
on Linux that is CLOCK_MONOTONIC, one clock for all processes, so the caller subtracts its
own reading taken just before it started the process. Then the app quits with exit code 0
(3 if no main window appeared).

The probe costs nothing before the event loop starts: it attaches to the main window's
native window only when the loop runs, instead of filtering every event of the app.
"""
from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication

MARKER = "window-shown"


class StartupProbe(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._window: QWindow | None = None
        QTimer.singleShot(0, self._on_event_loop_started)

    def _on_event_loop_started(self) -> None:
        main = [w for w in self._app.topLevelWidgets() if w.objectName() == "mainWindow" and w.isVisible()]
        if not main or main[0].windowHandle() is None:
            print("startup probe: no main window was shown", file=sys.stderr, flush=True)
            self._app.exit(3)
            return
        self._window = main[0].windowHandle()
        if self._window.isExposed():
            QTimer.singleShot(0, self._on_window_drawn)
        else:
            self._window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        if watched is self._window and event.type() == QEvent.Type.Expose and self._window.isExposed():
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._on_window_drawn)  # after the expose has been painted
        return False

    def _on_window_drawn(self) -> None:
        print(f"{MARKER} {time.monotonic():.6f}", flush=True)
        self._app.quit()


def install_startup_probe() -> StartupProbe:
    """Create the QApplication (as the app would) and arm the probe; call before ``run``."""
    from mlprep_desktop.app import ensure_application

    return StartupProbe(ensure_application(sys.argv[:1]))
