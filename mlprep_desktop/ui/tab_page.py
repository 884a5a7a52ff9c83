"""``TabPage``: the base of every main-window tab — what the window relies on, typed, instead
of ``hasattr`` probes.

- ``on_data_changed(change)``: another part of the app wrote something; refresh what this tab
  shows of it if ``change.concerns(...)`` a kind it shows. GUI thread; must not write.
- ``flush_pending() -> bool``: write unsaved edits now (tab switch, close, quit); False when
  they could not be written (they stay on screen, pending).
- ``message`` (a passing text for the status bar) and ``error_occurred`` (a problem the user
  must see that is not an operation's: a board that cannot be read, an autosave that failed).

A tab runs its writes through ``self.operations`` (the window's one ``OperationRunner``), which
reports refused writes and hands each change to the window; the window passes it to every
other tab's ``on_data_changed`` and emits its own ``data_changed``.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from mlprep_desktop.services.changes import Change
from mlprep_desktop.ui.operation_runner import OperationRunner


class TabPage(QWidget):
    message = Signal(str)
    error_occurred = Signal(str)

    def __init__(self, operations: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations

    def on_data_changed(self, change: Change) -> None:
        """Refresh what this tab shows of ``change`` (default: nothing to refresh)."""

    def flush_pending(self) -> bool:
        """Write unsaved edits now; False if they could not be written (default: none)."""
        return True
