"""``OperationRunner``: the one place the UI runs a write operation from ``services``.

It calls the operation, turns a refused write into the user's message (``error_occurred``)
and hands what changed to the main window (``changed``), which tells every tab. Widgets do not
catch ``WriteError`` themselves. A ``NotYet`` refusal (a step the user must take first) is a
hint for the status bar (``notice``), not an error. GUI thread only.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from mlprep_desktop.services.changes import Change, Outcome
from mlprep_desktop.services.errors import NotYet, OperationError, WriteError

T = TypeVar("T")
log = logging.getLogger("mlprep")


class OperationRunner(QObject):
    changed = Signal(object, object)  # (Change, the widget that ran the operation or None)
    error_occurred = Signal(str)  # a message for the user
    notice = Signal(str)  # a passing hint (a step to take first), for the status bar

    def run(
        self,
        operation: Callable[[], Outcome[T]],
        *,
        source: QObject | None = None,
        on_error: Callable[[str], None] | None = None,
        report: bool = True,
    ) -> Outcome[T] | None:
        """Run ``operation`` (one transaction). Returns its outcome, or None when it was
        refused; then ``on_error`` (if given) runs first, to put the widget back, and the
        message goes to ``error_occurred`` (``notice`` for ``NotYet``) unless ``report`` is
        False: then the caller tells the user itself (once per problem, for writes repeated in
        the background such as clock checkpoints). A non-empty change is emitted as ``changed``."""
        try:
            outcome = operation()
        except NotYet as exc:
            if on_error is not None:
                on_error(str(exc))
            if report:
                self.notice.emit(str(exc))
            return None
        except (WriteError, OperationError) as exc:
            log.info("operation refused: %s", exc)
            message = str(exc)
            if on_error is not None:
                on_error(message)
            if report:
                self.error_occurred.emit(message)
            return None
        self.publish(outcome.change, source)
        return outcome

    def publish(self, change: Change, source: QObject | None = None) -> None:
        """Hand on the change of an operation that ran elsewhere: a debounced autosave, which
        keeps its own failure handling (the edit stays pending, reported once)."""
        if change:
            self.changed.emit(change, source)
