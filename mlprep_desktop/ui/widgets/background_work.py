"""``BackgroundWork``: one piece of slow work at a time on a worker thread, and
``emit_from_worker`` for reporting back.

The work runs on a plain Python thread: it must not touch widgets or the GUI thread's database
connection; it reports by emitting signals of a ``QObject`` living on the GUI thread, which Qt
queues to that thread. Used by File › Import/Export and the notebook's HTML export.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def emit_from_worker(signal: Any, *args: object) -> None:
    """``signal.emit(*args)`` from a worker thread; nothing if the window that would receive it
    has gone meanwhile (closed while a file was being written)."""
    try:
        signal.emit(*args)
    except RuntimeError:  # the QObject was deleted
        pass


class BackgroundWork:
    """Runs ``work`` on a worker thread named ``name``; refuses a second while one runs."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, work: Callable[[], None]) -> bool:
        """Start ``work``; False (and nothing started) if the previous work is still running."""
        if self.busy:
            return False
        self._thread = threading.Thread(target=work, name=self._name)
        self._thread.start()
        return True

    def wait(self) -> None:
        """Block until the running work is done (the window is closing: let a file or a
        transaction finish rather than cut it off)."""
        if self._thread is not None:
            self._thread.join()
