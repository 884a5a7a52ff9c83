"""``NoteEditor``: the plain-text Markdown editor of a note.

- Highlights Markdown, and fenced code with Pygments (``NoteHighlighter``; lazy for long notes).
- Code-friendly keys: Tab indents to the next multiple of 4 spaces (or the selected lines),
  Shift+Tab dedents, Enter keeps the indentation (one level more after ':' '{' '(' '[' in code)
  and continues Markdown lists (Enter on an empty item ends the list).
- Auto-indent never leaks out of code: a fence typed inside a fenced block snaps to the column
  of its opening fence (so it closes the block), Enter on a whitespace-only line clears that
  line (and outside code starts the next one at column 0), and the line after a closing fence
  starts at the fence's column.
- Typing ``[[`` offers completion from question titles; choosing one inserts ``id]]``.
- Says when it loses focus (``focus_lost``) so the note is flushed.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from contextlib import nullcontext
from itertools import islice

from PySide6.QtCore import QEvent, QMimeData, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextOption
from PySide6.QtWidgets import QCompleter, QPlainTextEdit, QWidget

from mlprep_desktop.core.note_links import completion_prefix
from mlprep_desktop.ui.appearance import use_editor_font
from mlprep_desktop.ui.notebook.markdown_highlighter import FENCE_BASE, NoteHighlighter

INDENT = 4
LAZY_HIGHLIGHT_CHARS = 200_000
_LIST_ITEM = re.compile(r"^(\s*)([-*+]|(\d+)([.)]))(\s+)(\[[ xX]\]\s+)?")
_OPENERS = (":", "{", "(", "[")
_FENCE_ONLY = re.compile(r"^\s*(`{3,}|~{3,})\s*$")
_FENCE_OPEN = re.compile(r"^(\s*)(`{3,}|~{3,})")


# Qt lays out a run of text with no break opportunity in time that grows with the square of
# its length when it wraps at word boundaries (70 ms for 20,000 characters, 1.4 s for a 100 KB
# formula, ~30 s for 350 KB); wrapped anywhere, 350 KB takes ~0.1 s. So a note holding a run
# longer than this wraps anywhere; prose, however long its lines, keeps wrapping at words.
LONG_RUN_CHARS = 5_000
# Each layout of a long text costs what Qt's first one did (~60-90 ms for a 350 KB line): see
# NoteEditor._scroll_bar_first. Below this size a second layout is not worth avoiding.
SCROLL_BAR_FIRST_CHARS = 20_000
# The [[ list shows at most this many questions (the first, alphabetically, that contain what
# was typed; typing more narrows it): Qt filtering and laying out a list of 10,000 titles took
# 0.4-0.55 s per key (issue 17).
LINK_CHOICES = 100


_BREAKS = (" ", "\t", "\n")


def has_long_run(text: str, limit: int = LONG_RUN_CHARS) -> bool:
    """Whether ``text`` has a stretch longer than ``limit`` without a space, tab or line break.

    Linear, and quick on prose: a run longer than ``limit`` holds a whole aligned block of
    ``limit // 2`` characters, so each block is only searched for a break (in C, stopping at
    the first) and the run around a block without one is measured. Splitting the text at every
    break (what this did before) took ~20 ms for a 350 KB line of '*a **a ' and ~30 ms for
    10,000 formulas, on each open and paste."""
    step = max(1, limit // 2)
    for block in range(0, len(text) - step + 1, step):
        end = block + step
        if any(text.find(mark, block, end) >= 0 for mark in _BREAKS):
            continue
        start = max(text.rfind(mark, 0, block) for mark in _BREAKS) + 1
        after = [found for found in (text.find(mark, end) for mark in _BREAKS) if found >= 0]
        if min(after, default=len(text)) - start > limit:
            return True
    return False


class NoteEditor(QPlainTextEdit):
    focus_lost = Signal()
    link_completed = Signal(str)  # the question id inserted by completion

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        use_editor_font(self)  # Edit › Preferences › Editor font, followed live
        self.setTabChangesFocus(False)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * INDENT)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document().setDocumentMargin(10)
        self.highlighter = NoteHighlighter(self.document(), self)
        self._link_titles: Mapping[str, str] = {}
        self._completion_ids: dict[str, str] | None = {}
        self._folded_choices: list[tuple[str, str]] = []  # (casefolded, shown) of every question
        self._choices_for: str | None = None  # what the list was filtered for
        self._completer = QCompleter(self)
        self._completer.setObjectName("noteLinkCompleter")
        self._completer.setWidget(self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(12)
        self._completer.setModel(QStringListModel(self._completer))
        self._completer.popup().setObjectName("noteLinkCompletions")
        self._completer.popup().setAccessibleName(self.tr("Questions to link"))
        # A long title is cut in the middle: the id at the end (what the link holds) stays readable.
        self._completer.popup().setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self._completer.activated[str].connect(self._on_completer_activated)
        self.updateRequest.connect(self._on_self_update_request)
        self._scroll_policy: Qt.ScrollBarPolicy | None = None  # see _scroll_bar_first

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # Edit › Preferences › Editor font
            self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * INDENT)

    # ----- public API
    def load_text(self, text: str) -> None:
        """Show ``text`` (a fresh undo history; long texts are highlighted lazily)."""
        lazy = len(text) > LAZY_HIGHLIGHT_CHARS
        self.highlighter.set_lazy(lazy)
        long_run = len(text) > LONG_RUN_CHARS and has_long_run(text)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere if long_run
                             else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._scroll_bar_first(len(text), text.count("\n") + 1)
        # setPlainText shows the new text from its top; a long one is loaded with the
        # highlighter detached (states set afterwards, formats only for the blocks in view)
        with self.highlighter.at_top(), self.highlighter.detached(text) if lazy else nullcontext():
            self.setPlainText(text)
        self.highlighter.format_visible()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt's API: paste, drop)
        """Paste or drop; a paste that makes a run without breaks longer than ``LONG_RUN_CHARS``
        (with the text around the cursor) switches to wrapping anywhere first, as ``load_text``
        does for such a note: a pasted 350 KB formula froze the window for ~30 s."""
        if source.hasText() and self.wordWrapMode() != QTextOption.WrapMode.WrapAnywhere:
            cursor, doc = self.textCursor(), self.document()
            first, last = doc.findBlock(cursor.selectionStart()), doc.findBlock(cursor.selectionEnd())
            before = first.text()[: cursor.selectionStart() - first.position()][-LONG_RUN_CHARS:]
            after = last.text()[cursor.selectionEnd() - last.position():][:LONG_RUN_CHARS]
            joined = before + source.text() + after
            if len(joined) > LONG_RUN_CHARS and has_long_run(joined):
                self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        if source.hasText():
            pasted = source.text()
            self._scroll_bar_first(self.document().characterCount() + len(pasted),
                                   self.document().blockCount() + pasted.count("\n"))
        super().insertFromMimeData(source)

    def set_question_titles(self, titles: Mapping[str, str]) -> None:
        """The questions offered after ``[[``: shown as 'Title — id', matched on both. Their
        sorted list is made when ``[[`` is first typed: for 10,000 questions it takes ~4 MB
        that a notebook never linking a question does not need (issue 16)."""
        self._link_titles = titles
        self._completion_ids = None
        self._choices_for = None

    def _ensure_completions(self) -> dict[str, str]:
        if self._completion_ids is None:
            entries = [(f"{' '.join(title.split())} — {qid}", qid) for qid, title in self._link_titles.items()]
            folded = [text.casefold() for text, _ in entries]  # once each (it was twice: ~15 ms at 10k)
            order = sorted(range(len(entries)), key=folded.__getitem__)  # stable: ties keep their order
            self._completion_ids = {entries[i][0]: entries[i][1] for i in order}
            self._folded_choices = [(folded[i], entries[i][0]) for i in order]
        return self._completion_ids

    def _show_choices(self, typed: str) -> None:
        """The list after ``[[``: the first ``LINK_CHOICES`` entries that contain ``typed``
        (any case), in alphabetical order."""
        self._ensure_completions()
        needle = typed.casefold()
        shown = list(islice((text for folded, text in self._folded_choices if needle in folded), LINK_CHOICES))
        self._completer.model().setStringList(shown)
        self._choices_for = typed

    @property
    def completer(self) -> QCompleter:
        return self._completer

    def set_dark(self, dark: bool) -> None:
        self.highlighter.set_dark(dark)

    # ----- keys
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's API)
        popup = self._completer.popup()
        key = event.key()
        if popup.isVisible() and key in (Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Escape,
                                         Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            event.ignore()  # the completer's popup handles these
            return
        if not self.isReadOnly() and self._handle_editing_key(event):
            return
        super().keyPressEvent(event)
        if event.text() in ("`", "~") and not self.isReadOnly():
            self._snap_closing_fence(self.textCursor().block())
        if event.text() or key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) or key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End):
            self._update_completion()

    def _handle_editing_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        plain = not (mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                             | Qt.KeyboardModifier.MetaModifier))
        if key == Qt.Key.Key_Tab and plain:
            self._indent()
            return True
        if key == Qt.Key.Key_Backtab:
            self._dedent()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain and not mods & Qt.KeyboardModifier.ShiftModifier:
            self._new_line()
            return True
        return False

    def _indent(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection() and "\u2029" in cursor.selectedText():
            self._for_selected_lines(lambda c, _text: c.insertText(" " * INDENT))
            return
        column = cursor.positionInBlock()
        cursor.insertText(" " * (INDENT - column % INDENT))

    def _dedent(self) -> None:
        def dedent(c: QTextCursor, text: str) -> None:
            spaces = len(text) - len(text.lstrip(" "))
            remove = min(spaces, INDENT) if spaces else (1 if text.startswith("\t") else 0)
            if remove:
                c.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, remove)
                c.removeSelectedText()

        self._for_selected_lines(dedent)

    def _for_selected_lines(self, edit) -> None:
        cursor = self.textCursor()
        doc = self.document()
        start = doc.findBlock(cursor.selectionStart())
        end = doc.findBlock(cursor.selectionEnd())
        if cursor.hasSelection() and end.position() == cursor.selectionEnd() and end != start:
            end = end.previous()  # a selection ending at a line start leaves that line alone
        cursor.beginEditBlock()
        block = start
        while block.isValid():
            line = QTextCursor(block)
            edit(line, block.text())
            if block == end:
                break
            block = block.next()
        cursor.endEditBlock()

    def _opening_fence(self, block) -> tuple[str, str] | None:
        """(indent, fence) of the fence that opened the code block ``block`` is in, or None."""
        previous = block.previous()
        if not previous.isValid() or previous.userState() < FENCE_BASE:
            return None
        while previous.previous().isValid() and previous.previous().userState() >= FENCE_BASE:
            previous = previous.previous()
        opening = _FENCE_OPEN.match(previous.text())
        return (opening.group(1), opening.group(2)) if opening else None

    def _snap_closing_fence(self, block) -> bool:
        """If ``block`` is a lone fence inside a fenced block (typically indented by auto-indent,
        which would keep it from closing the block), move it to the opening fence's column."""
        fence = _FENCE_ONLY.match(block.text())
        opening = self._opening_fence(block) if fence else None
        if opening is None:
            return False
        indent, opener = opening
        if fence.group(1)[0] != opener[0] or len(fence.group(1)) < len(opener):
            return False
        current = block.text()[: fence.start(1)]
        if current == indent:
            return False
        cursor = self.textCursor()
        offset = cursor.position() - block.position() - len(current)
        edit = QTextCursor(block)
        edit.beginEditBlock()
        edit.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, len(current))
        edit.insertText(indent)
        edit.endEditBlock()
        cursor.setPosition(block.position() + max(0, len(indent) + offset))
        self.setTextCursor(cursor)
        return True

    def _new_line(self) -> None:
        cursor = self.textCursor()
        block = cursor.block()
        self._snap_closing_fence(block)
        cursor = self.textCursor()
        before = block.text()[: cursor.positionInBlock()]
        indent = before[: len(before) - len(before.lstrip())]
        language = self.highlighter.language_at(block)
        if before and not block.text().strip():
            # Enter on a whitespace-only line: leave no trailing spaces behind; outside code
            # the indentation stops here (in Markdown it would turn the next lines into code)
            cursor.beginEditBlock()
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText("\n" + (indent if language is not None else ""))
            cursor.endEditBlock()
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
            return
        if language is not None:
            if before.rstrip().endswith(_OPENERS):
                indent += " " * INDENT
            cursor.insertText("\n" + indent)
            self.ensureCursorVisible()
            return
        item = _LIST_ITEM.match(before)
        if item:
            if not before[item.end():].strip() and not block.text()[cursor.positionInBlock():].strip():
                cursor.beginEditBlock()  # Enter on an empty item ends the list
                cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(item.group(1))
                cursor.endEditBlock()
                return
            bullet = item.group(2) if item.group(3) is None else f"{int(item.group(3)) + 1}{item.group(4)}"
            box = "[ ] " if item.group(6) else ""
            cursor.insertText("\n" + item.group(1) + bullet + " " + box)
        else:
            cursor.insertText("\n" + indent)
        self.ensureCursorVisible()

    # ----- completion
    def _update_completion(self) -> None:
        cursor = self.textCursor()
        block = cursor.block()
        prefix = None
        if self.highlighter.language_at(block) is None:
            prefix = completion_prefix(block.text()[: cursor.positionInBlock()])
        popup = self._completer.popup()
        if prefix is None:
            popup.hide()
            return
        if prefix != self._choices_for or not popup.isVisible():
            self._show_choices(prefix)
            popup.setCurrentIndex(self._completer.completionModel().index(0, 0))
        if self._completer.completionCount() == 0:
            popup.hide()
            return
        rect = self.cursorRect()
        width = min(max(480, popup.sizeHintForColumn(0) + 32), 720)
        rect.setX(max(0, min(rect.x(), self.viewport().width() - width)))
        rect.setWidth(width)
        self._completer.complete(rect)

    def _on_completer_activated(self, text: str) -> None:
        question_id = self._ensure_completions().get(text)
        if question_id is None:
            return
        cursor = self.textCursor()
        prefix = completion_prefix(cursor.block().text()[: cursor.positionInBlock()]) or ""
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(prefix))
        rest = cursor.block().text()[cursor.positionInBlock() + len(prefix):]
        closing = "" if rest.startswith("]]") else "]]"
        cursor.insertText(question_id + closing)
        if not closing:
            cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.MoveAnchor, 2)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self._completer.popup().hide()
        self.link_completed.emit(question_id)

    # ----- the vertical scroll bar of a long text
    def _scroll_bar_first(self, chars: int, lines: int) -> None:
        """Show the vertical scroll bar before a text of ``chars`` characters in ``lines`` lines
        is laid out, when it will surely need one and the bar is hidden; the policy is given
        back on the next turn of the event loop, after Qt has set the bar's range.

        Qt lays a new text out at the viewport's width, then shows the scroll bar (a queued
        call), which narrows the viewport and lays the whole text out again: opening or pasting
        a 350 KB line after a short note paid Qt's layout twice (~60-90 ms each). What is shown
        in the end is the same: the bar was going to appear anyway, and the policy is back to
        what it was; a wrong guess only costs the second layout it meant to save."""
        bar = self.verticalScrollBar()
        if self._scroll_policy is not None or chars < SCROLL_BAR_FIRST_CHARS or bar.isVisible() \
                or self.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAsNeeded:
            return
        metrics, viewport = self.fontMetrics(), self.viewport()
        rows = max(1, viewport.height() // max(1, metrics.lineSpacing()))
        columns = max(1, viewport.width() // max(1, metrics.averageCharWidth()))
        if lines <= rows and chars <= 2 * rows * columns:
            return  # it may fit: let Qt decide as usual
        self._scroll_policy = self.verticalScrollBarPolicy()
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        QTimer.singleShot(0, self, self._give_back_scroll_policy)

    def _give_back_scroll_policy(self) -> None:
        if self._scroll_policy is not None:
            policy, self._scroll_policy = self._scroll_policy, None
            self.setVerticalScrollBarPolicy(policy)

    # ----- events
    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        super().focusOutEvent(event)
        if not self._completer.popup().isVisible():
            self.focus_lost.emit()

    def _on_self_update_request(self, _rect, _dy: int) -> None:
        if self.highlighter.lazy:
            self.highlighter.format_visible()
