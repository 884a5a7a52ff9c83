"""A long note (well past the preview's window size) opens, is highlighted lazily, is previewed
a part at a time that follows the editor, and takes edits that are saved."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette

from mlprep_desktop.rendering.note_html import LARGE_NOTE_CHARS, NEXT_PART
from tests.ui.notebook_helpers import click_link, db_rows, fragment_format, open_notebook

SECTIONS = 300


def long_note() -> str:
    part = "## Section {i}\n\nText about part {i} with $x_{i}$ and `code`.\n\n```python\nx = {i}\n```\n\n"
    text = "".join(part.format(i=i) + "Filler sentence for the note. " * 30 + "\n\n" for i in range(SECTIONS))
    assert len(text) > 2 * LARGE_NOTE_CHARS
    return text


def test_long_note_opens_previews_a_part_following_the_editor_and_saves_edits(qtbot, open_window, db_path):
    window, tab = open_notebook(qtbot, open_window)
    text = long_note()
    note = window.context.notes.create("Long note", text)
    tab.refresh()
    tab.open_note(note.id)
    editor, preview = tab.editor, tab.preview
    assert editor.highlighter.lazy and editor.toPlainText() == text
    qtbot.waitUntil(lambda: not tab.sync.pending)  # a long note's preview comes on the next turn
    assert tab.preview_notice.isVisible() and "long note" in tab.preview_notice.text()
    shown = preview.toPlainText()
    assert "Section 0" in shown and f"Section {SECTIONS - 1}" not in shown

    bar = editor.verticalScrollBar()
    bar.setValue(bar.maximum())  # the preview follows the editor to the end
    qtbot.waitUntil(lambda: f"Section {SECTIONS - 1}" in preview.toPlainText())
    assert "Section 0\n" not in preview.toPlainText()
    end = editor.document().lastBlock().previous()  # formats were applied where the editor now is
    while end.isValid() and not end.text().startswith("x = "):
        end = end.previous()
    assert end.layout().formats()

    bar.setValue(0)
    qtbot.waitUntil(lambda: "Section 0" in preview.toPlainText())
    tab.set_view_mode("preview")
    first_window = preview.shown
    click_link(qtbot, preview, f"#{NEXT_PART}")
    assert preview.shown.first_line > first_window.first_line

    tab.set_view_mode("split")
    cursor = editor.textCursor()
    cursor.setPosition(len(text) // 2)
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, "INSERTED")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    tab.flush_pending()
    body = db_rows(db_path, "SELECT body FROM notes WHERE id = ?", (note.id,))[0][0]
    assert "INSERTED" in body and len(body) > len(text)


def one_fence_note(lines: int = 6000) -> str:
    body = "".join(f"    total_{i} = step(total_{i - 1}, {i})  # iteration {i}\n" for i in range(1, lines))
    text = "# Pasted script\n\n```python\ndef run(total_0):\n" + body + "    return total\n```\n"
    assert len(text) > 2 * LARGE_NOTE_CHARS
    return text


def test_a_note_that_is_one_long_code_block_is_previewed_a_small_highlighted_part_at_a_time(qtbot, open_window,
                                                                                              db_path):
    window, tab = open_notebook(qtbot, open_window)
    text = one_fence_note()
    note = window.context.notes.create("Script", text)
    tab.refresh()
    tab.open_note(note.id)
    editor, preview = tab.editor, tab.preview
    qtbot.waitUntil(lambda: not tab.sync.pending)  # a long note's preview comes on the next turn
    shown = preview.shown
    assert shown.partial and shown.total_lines == text.count("\n") + 1
    assert shown.last_line - shown.first_line + 1 < shown.total_lines // 10  # a window, not the whole block
    assert "iteration 1\n" in preview.toPlainText() and "iteration 5999" not in preview.toPlainText()

    cursor = editor.textCursor()  # type in the middle of the block: the window there is code too
    cursor.setPosition(text.index("iteration 3000\n") + len("iteration 3000"))
    editor.setTextCursor(cursor)
    editor.centerCursor()
    editor.setFocus()
    qtbot.keyClicks(editor, " EDITED")
    qtbot.waitUntil(lambda: "iteration 3000 EDITED" in preview.toPlainText())
    shown = preview.shown
    assert shown.first_line > 0 and shown.last_line - shown.first_line + 1 < shown.total_lines // 10
    assert "```" not in preview.toPlainText()  # the cut block is re-opened as code, not shown as text
    comment = fragment_format(preview, "# iteration 3001")  # Pygments coloured the comment, in a code font
    plain = preview.palette().color(QPalette.ColorRole.Text)
    assert comment is not None and comment.foreground().color() != plain and "monospace" in comment.fontFamilies()
    tab.flush_pending()
    body = db_rows(db_path, "SELECT body FROM notes WHERE id = ?", (note.id,))[0][0]
    assert body == text.replace("iteration 3000\n", "iteration 3000 EDITED\n")


class _ViewportResizes(QObject):
    """The document's length at each resize of an editor's viewport."""

    def __init__(self, editor) -> None:
        super().__init__()
        self.editor, self.lengths = editor, []
        editor.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's API)
        if event.type() == QEvent.Type.Resize:
            self.lengths.append(self.editor.document().characterCount())
        return False


@pytest.mark.parametrize("how", ["opened", "pasted"])
def test_a_long_line_after_a_short_note_is_laid_out_at_its_final_width(qtbot, open_window, db_path, how):
    """The vertical scroll bar a long text needs is shown before the text is laid out, so the
    viewport is never narrowed under it (Qt laid a 350 KB line out a second time for that, ~60-90
    ms); afterwards the policy is back to as-needed and the bar is where a plain editor has it."""
    from PySide6.QtWidgets import QApplication

    window, tab = open_notebook(qtbot, open_window)
    line = ("*a **a " * 50_000)[:350_000]
    short, other = (window.context.notes.create(title, "Intro") for title in ("Short", "Other"))
    long = window.context.notes.create("Long", line)
    tab.refresh()
    tab.open_note(short.id)
    editor = tab.editor
    bar = editor.verticalScrollBar()
    qtbot.waitUntil(lambda: not bar.isVisible() and editor.viewport().width() > 0)
    resizes = _ViewportResizes(editor)
    if how == "opened":
        tab.open_note(long.id)
    else:
        editor.setFocus()
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        QApplication.clipboard().setText(line)
        qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
                    and bar.isVisible())
    assert bar.maximum() > 0
    assert resizes.lengths and all(length < 100 for length in resizes.lengths), resizes.lengths
    assert editor.toPlainText() == (line if how == "opened" else "Intro" + line)
    tab.open_note(other.id)  # a short note after it: the bar goes, as it would without any of this
    qtbot.waitUntil(lambda: not bar.isVisible())
    assert editor.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
    assert db_rows(db_path, "SELECT body FROM notes WHERE id = ?", (short.id,))[0][0] == \
        ("Intro" if how == "opened" else "Intro" + line)
