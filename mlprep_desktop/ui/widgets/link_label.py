"""``LinkLabel``: a rich-text ``QLabel`` whose links follow a theme change. A label lays out
its rich text once, with the link colour of the palette at that moment, and keeps it: after a
switch to the dark theme a note's question link stayed the light theme's dark blue on the dark
background (unreadable) until the note was opened again."""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel


class LinkLabel(QLabel):
    """A ``QLabel`` that lays its text out again when its palette changes."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.text():
            text = self.text()
            self.setText("")  # the same text again is ignored; this lays it out anew
            self.setText(text)
