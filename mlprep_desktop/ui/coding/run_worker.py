"""``RunWorker``: one exercise run at a time on a worker thread, reported by signals.

The child process does the work; the thread only waits for it, so the GUI never blocks.
``stop()`` kills the child's whole process group at once (any thread may call it);
``shutdown()`` stops and waits for the thread (closing the app or the pane leaves no child).
Signals are emitted from the worker thread and delivered queued in the GUI thread.
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from mlprep_desktop.runner.results import RunResult

if TYPE_CHECKING:
    from mlprep_desktop.runner.process import ExerciseProcess


class RunWorker(QObject):
    test_started = Signal(str)  # a test's name, as the child begins it
    finished = Signal(object, object)  # (RunResult, the token given to start)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._process: ExerciseProcess | None = None
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, process: ExerciseProcess, token: object = None) -> None:
        """Run ``process`` (stopping a run still going); ``finished`` carries ``token`` back."""
        self.shutdown()
        process.on_event = self._on_event
        self._process = process
        self._thread = threading.Thread(target=self._run, args=(process, token), name="exercise-run", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        process = self._process
        if process is not None:
            process.stop()

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop the run and wait until its child is gone and its folder removed."""
        self.stop()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        self._thread = None

    def _run(self, process: ExerciseProcess, token: object) -> None:
        result: RunResult = process.run()
        if self._process is process:
            self._process = None
        self.finished.emit(result, token)

    def _on_event(self, event: dict) -> None:
        if event.get("event") == "begin":
            self.test_started.emit(str(event.get("name", "")))
