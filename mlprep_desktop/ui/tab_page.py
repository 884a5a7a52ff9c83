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

Built when first needed (issue 16: start-up builds only the tab shown). A tab that passes
``lazy=True`` keeps its constructor cheap (names, signals, what the window needs at start)
and builds its widgets and reads its data in ``build_page()``, called once by
``ensure_built()``: before the page is first made visible (a tab switch, the window shown on
it), or when code first reads an attribute that only the built page has (``tab.search_box``,
a method that reads one): such code works as before, it just pays for the build then.
``built`` is emitted once the page is built. Until then the window neither tells the page
about changes (it reads everything fresh when built) nor asks it to flush (it has no edits).
``window.findChild`` finds a page's widgets only once it is built: show the tab first, as a
user would.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from mlprep_desktop.services.changes import Change
from mlprep_desktop.ui.operation_runner import OperationRunner

_NOT_BUILT, _BUILDING, _BUILT = "not built", "building", "built"


class TabPage(QWidget):
    message = Signal(str)
    error_occurred = Signal(str)
    built = Signal()  # the page's widgets exist now (emitted once)

    def __init__(self, operations: OperationRunner, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        self._page_state = _NOT_BUILT if lazy else _BUILT
        super().__init__(parent)
        self.operations = operations

    @property
    def is_built(self) -> bool:
        return self.__dict__.get("_page_state", _BUILT) == _BUILT

    def ensure_built(self) -> None:
        """Build the page now if it is not built yet (once; see the module's docstring)."""
        if self.__dict__.get("_page_state") != _NOT_BUILT:
            return
        self._page_state = _BUILDING
        try:
            self.build_page()
        except BaseException:
            self._page_state = _NOT_BUILT
            raise
        self._page_state = _BUILT
        self.built.emit()

    def build_page(self) -> None:
        """Build the widgets and read the data (lazy tabs override it)."""

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt's API)
        if visible:
            self.ensure_built()  # before the first paint, while still hidden
        super().setVisible(visible)

    if not TYPE_CHECKING:  # mypy keeps checking attribute names as if every page were built

        def __getattr__(self, name: str):
            # Only called for a name the page does not have: one its build would create.
            if name.startswith("__") or self.__dict__.get("_page_state") != _NOT_BUILT:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            self.ensure_built()
            return getattr(self, name)

    def on_data_changed(self, change: Change) -> None:
        """Refresh what this tab shows of ``change`` (default: nothing to refresh)."""

    def flush_pending(self) -> bool:
        """Write unsaved edits now; False if they could not be written (default: none)."""
        return True
