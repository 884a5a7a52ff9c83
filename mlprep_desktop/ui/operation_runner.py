"""``OperationRunner``: the one place the UI runs a write operation from ``services``.

It calls the operation, turns a refused write into the user's message (``error_occurred``)
and hands what changed to the main window (``changed``), which tells every tab. Widgets do not
catch ``WriteError`` themselves. GUI thread only.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from mlprep_desktop.services.changes import Outcome
from mlprep_desktop.services.errors import OperationError, WriteError

T = TypeVar("T")
log = logging.getLogger("mlprep")


class OperationRunner(QObject):
    changed = Signal(object, object)  # (Change, the widget that ran the operation or None)
    error_occurred = Signal(str)  # a message for the user

    def run(
        self,
        operation: Callable[[], Outcome[T]],
        *,
        source: QObject | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> Outcome[T] | None:
        """Run ``operation`` (one transaction). Returns its outcome, or None when it was
        refused; then ``on_error`` (if given) runs first, to put the widget back, and the
        message goes to ``error_occurred``. A non-empty change is emitted as ``changed``."""
        try:
            outcome = operation()
        except (WriteError, OperationError) as exc:
            log.info("operation refused: %s", exc)
            message = str(exc)
            if on_error is not None:
                on_error(message)
            self.error_occurred.emit(message)
            return None
        if outcome.change:
            self.changed.emit(outcome.change, source)
        return outcome
