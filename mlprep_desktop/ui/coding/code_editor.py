"""``CodeEditor``: a QPlainTextEdit for Python — line numbers, highlighting, indentation keys.

Keys: Tab indents (4 spaces, or every selected line), Shift+Tab dedents, Enter keeps the
indentation (one more level after a ':'), Backspace in leading spaces removes one level,
Ctrl+/ comments or uncomments the selected lines, Ctrl+Enter asks to run the tests
(``run_requested``). ``focus_lost`` says when to flush a draft.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPalette, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from mlprep_desktop.ui.appearance import use_editor_font
from mlprep_desktop.ui.coding.python_highlighter import PythonHighlighter

INDENT = "    "


class _LineNumberArea(QWidget):
    def __init__(self, editor: CodeEditor) -> None:
        super().__init__(editor)
        self._editor = editor

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's API)
        return QSize(self._editor.line_number_width(), 0)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        self._editor.paint_line_numbers(event)


class CodeEditor(QPlainTextEdit):
    run_requested = Signal()
    focus_lost = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabChangesFocus(False)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 4)
        self._numbers = _LineNumberArea(self)
        self._highlighter: PythonHighlighter | None = None  # made when first shown (Pygments: ~0.1 s)
        self.blockCountChanged.connect(self._update_margin)
        self.updateRequest.connect(self._on_update_request)
        self.cursorPositionChanged.connect(self._highlight_current_line)
        self._update_margin()
        self._highlight_current_line()
        use_editor_font(self)  # Edit › Preferences › Editor font, followed live (see changeEvent)

    # ----- public
    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of ``line`` (1-based) and show it."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def toggle_comment(self) -> None:
        """Comment the selected lines ('# '), or uncomment them if all are comments."""
        cursor = self.textCursor()
        first, last = self._selected_blocks(cursor)
        blocks = [self.document().findBlockByNumber(n) for n in range(first, last + 1)]
        code = [b for b in blocks if b.text().strip()]
        uncomment = bool(code) and all(b.text().lstrip().startswith("#") for b in code)
        indent = min((len(b.text()) - len(b.text().lstrip()) for b in code), default=0)
        cursor.beginEditBlock()
        for block in code:
            text = block.text()
            edit = QTextCursor(block)
            if uncomment:
                at = len(text) - len(text.lstrip())
                width = 2 if text[at:at + 2] == "# " else 1
                edit.setPosition(block.position() + at)
                edit.setPosition(block.position() + at + width, QTextCursor.MoveMode.KeepAnchor)
                edit.removeSelectedText()
            else:
                edit.setPosition(block.position() + indent)
                edit.insertText("# ")
        cursor.endEditBlock()

    # ----- keys
    def event(self, event) -> bool:
        """Ctrl+Enter and Ctrl+/ belong to the editor even where the page around it has a
        shortcut on the same keys (the mock interview's Ctrl+Enter = Next)."""
        if event.type() == QEvent.Type.ShortcutOverride:
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Slash, Qt.Key.Key_Question):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's API)
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if ctrl and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.run_requested.emit()
            return
        if self.isReadOnly():  # the editing keys below write through cursors, which ignore read-only
            super().keyPressEvent(event)
            return
        if ctrl and key in (Qt.Key.Key_Slash, Qt.Key.Key_Question):
            self.toggle_comment()
            return
        if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and mods & Qt.KeyboardModifier.ShiftModifier):
            self._dedent()
            return
        if key == Qt.Key.Key_Tab and not ctrl:
            self._indent()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            self._newline()
            return
        if key == Qt.Key.Key_Backspace and not mods and self._backspace_indent():
            return
        super().keyPressEvent(event)

    def _selected_blocks(self, cursor: QTextCursor) -> tuple[int, int]:
        doc = self.document()
        first = doc.findBlock(cursor.selectionStart()).blockNumber()
        end = cursor.selectionEnd()
        last_block = doc.findBlock(end)
        last = last_block.blockNumber()
        if cursor.hasSelection() and end == last_block.position() and last > first:
            last -= 1  # a selection ending at a line start does not include that line
        return first, last

    def _indent(self) -> None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            column = cursor.positionInBlock()
            cursor.insertText(" " * (4 - column % 4))
            return
        first, last = self._selected_blocks(cursor)
        cursor.beginEditBlock()
        for n in range(first, last + 1):
            edit = QTextCursor(self.document().findBlockByNumber(n))
            edit.insertText(INDENT)
        cursor.endEditBlock()

    def _dedent(self) -> None:
        cursor = self.textCursor()
        first, last = self._selected_blocks(cursor)
        cursor.beginEditBlock()
        for n in range(first, last + 1):
            block = self.document().findBlockByNumber(n)
            text = block.text()
            width = min(4, len(text) - len(text.lstrip(" ")))
            if width:
                edit = QTextCursor(block)
                edit.setPosition(block.position() + width, QTextCursor.MoveMode.KeepAnchor)
                edit.removeSelectedText()
        cursor.endEditBlock()

    def _newline(self) -> None:
        cursor = self.textCursor()
        text = cursor.block().text()[: cursor.positionInBlock()]
        indent = text[: len(text) - len(text.lstrip())]
        stripped = text.split("#", 1)[0].rstrip()
        if stripped.endswith(":"):
            indent += INDENT
        elif stripped.split()[:1] in (["return"], ["pass"], ["raise"], ["break"], ["continue"]):
            indent = indent[:-4] if indent.endswith(INDENT) else indent
        cursor.insertText("\n" + indent)
        self.ensureCursorVisible()

    def _backspace_indent(self) -> bool:
        cursor = self.textCursor()
        if cursor.hasSelection():
            return False
        before = cursor.block().text()[: cursor.positionInBlock()]
        if not before or before.strip() or len(before) % 4:
            return False
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, 4)
        cursor.removeSelectedText()
        return True

    # ----- line numbers and the current line
    def line_number_width(self) -> int:
        digits = max(3, len(str(self.blockCount())))
        return 10 + self.fontMetrics().horizontalAdvance("9") * digits

    def paint_line_numbers(self, event) -> None:
        painter = QPainter(self._numbers)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.AlternateBase))
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                painter.drawText(0, top, self._numbers.width() - 5, height, Qt.AlignmentFlag.AlignRight,
                                 str(block.blockNumber() + 1))
            block = block.next()
            top = bottom

    def _update_margin(self, _count: int = 0) -> None:
        self.setViewportMargins(self.line_number_width(), 0, 0, 0)

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._numbers.scroll(0, dy)
        else:
            self._numbers.update(0, rect.y(), self._numbers.width(), rect.height())
        if rect.contains(self.viewport().rect()):
            self._update_margin()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        super().resizeEvent(event)
        rect = self.contentsRect()
        self._numbers.setGeometry(QRect(rect.left(), rect.top(), self.line_number_width(), rect.height()))

    def _highlight_current_line(self) -> None:
        selection = QTextEdit.ExtraSelection()
        color = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        color.setAlpha(28)
        selection.format.setBackground(color)
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = self.textCursor()
        selection.cursor.clearSelection()
        self.setExtraSelections([selection])

    @property
    def highlighter(self) -> PythonHighlighter:
        """Python colours; made on first use or first show (an editor never shown needs none)."""
        if self._highlighter is None:
            self._highlighter = PythonHighlighter(self.document(), dark=self._is_dark())
        return self._highlighter

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        self.highlighter  # noqa: B018 (coloured from the first paint)
        super().showEvent(event)

    def _is_dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            if self._highlighter is not None:
                self._highlighter.set_dark(self._is_dark())
        elif event.type() == event.Type.FontChange:
            self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 4)
            self._update_margin()

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        super().focusOutEvent(event)
        self.focus_lost.emit()
