"""A long note (well past the preview's window size) opens, is highlighted lazily, is previewed
a part at a time that follows the editor, and takes edits that are saved."""
from __future__ import annotations

from PySide6.QtCore import Qt

from mlprep_desktop.rendering.note_html import LARGE_NOTE_CHARS, NEXT_PART
from tests.ui.notebook_helpers import click_link, db_rows, open_notebook

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
