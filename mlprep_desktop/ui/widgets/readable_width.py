"""``ReadableWidth``: keeps the text of a QTextEdit / QTextBrowser in a readable column.

On a wide window (2560 px) a paragraph of an answer ran to 250 characters a line. Installed
on an editor, this wraps its text at ``chars`` average characters (about 90) while the view is
wider than that, and at the view's width otherwise (so a small window never scrolls sideways).
It follows resizes and font changes; the text stays left-aligned.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTextEdit

READABLE_CHARS = 90


class ReadableWidth(QObject):
    def __init__(self, edit: QTextEdit, chars: int = READABLE_CHARS) -> None:
        super().__init__(edit)
        self._edit = edit
        self._chars = chars
        edit.viewport().installEventFilter(self)
        edit.installEventFilter(self)
        self.apply()

    def cap(self) -> int:
        """The widest text column, in pixels (the document's margins included)."""
        margin = int(self._edit.document().documentMargin())
        return self._edit.fontMetrics().averageCharWidth() * self._chars + 2 * margin

    def apply(self) -> None:
        edit, cap = self._edit, self.cap()
        if edit.viewport().width() > cap:
            if edit.lineWrapMode() != QTextEdit.LineWrapMode.FixedPixelWidth or edit.lineWrapColumnOrWidth() != cap:
                edit.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
                edit.setLineWrapColumnOrWidth(cap)
        elif edit.lineWrapMode() != QTextEdit.LineWrapMode.WidgetWidth:
            edit.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self.apply()
        return False
