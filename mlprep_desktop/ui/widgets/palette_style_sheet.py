"""``set_palette_style_sheet``: a style sheet with ``palette(...)`` colours that follows a theme
change. Qt reads ``palette(role)`` once, when the sheet is set: after a switch to the dark
theme such a widget kept the light colours (the interview bar stayed light grey, with the
clock in the dark theme's light text on it: unreadable)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget

_ROLES = (QPalette.ColorRole.Window, QPalette.ColorRole.WindowText, QPalette.ColorRole.Base,
          QPalette.ColorRole.AlternateBase, QPalette.ColorRole.Button, QPalette.ColorRole.Highlight,
          QPalette.ColorRole.Mid)


def _colours() -> tuple[str, ...]:
    palette = QApplication.palette()
    return tuple(palette.color(role).name() for role in _ROLES)


class _Resheet(QObject):
    """Sets the sheet again when the application's colours changed since it was last set. It
    watches the widget's window too: a widget whose sheet sets its background is not always
    told of an application palette change, its window always is."""

    _PALETTE_EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)

    def __init__(self, widget: QWidget, sheet: str) -> None:
        super().__init__(widget)
        self.sheet = sheet
        self._widget = widget
        self._window: QWidget | None = None
        self._seen = _colours()
        widget.installEventFilter(self)
        self._watch_window()

    def _watch_window(self) -> None:
        window = self._widget.window()
        if window is not self._window and window is not self._widget:
            if self._window is not None:
                self._window.removeEventFilter(self)
            window.installEventFilter(self)
            self._window = window

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's API)
        kind = event.type()
        if watched is self._widget and kind in (QEvent.Type.Show, QEvent.Type.ParentChange):
            self._watch_window()
        elif kind in self._PALETTE_EVENTS and _colours() != self._seen:
            self._seen = _colours()
            self._widget.setStyleSheet("")
            self._widget.setStyleSheet(self.sheet)
        return False


def set_palette_style_sheet(widget: QWidget, sheet: str) -> None:
    """``widget.setStyleSheet(sheet)``, and again with the new colours after each theme change."""
    keeper = widget.findChild(_Resheet)
    if keeper is None:
        keeper = _Resheet(widget, sheet)
    keeper.sheet = sheet
    widget.setStyleSheet(sheet)
