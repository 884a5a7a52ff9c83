"""The Notebook tab as a user drives it: write, preview, restart, Trash, search, tags, history,
view modes, and what happens when the disk refuses a write."""
from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QListView, QMessageBox, QPlainTextEdit, QTextBrowser

from mlprep_desktop.core.note_policy import format_utc, parse_utc
from mlprep_desktop.storage.database import WriteError
from tests.ui.notebook_helpers import db_rows, fragment_format, list_titles, open_notebook, type_lines

CODE_NOTE = "# Area of a circle\n\n```python\ndef area(r):\n    return 3.14 * r ** 2\n```"


def test_contract_object_names_and_accessible_names(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    assert window.findChild(type(tab), "notebookTab") is tab
    assert window.tabs.tabText(window.tabs.indexOf(tab)).replace("&", "") == "Notebook"
    for name in ("noteList", "noteNew", "noteEditor", "notePreview", "noteSearch", "noteTagFilter", "noteTrash",
                 "noteHistory", "noteExport", "noteViewMode", "noteTitle", "noteTags", "noteDelete"):
        widget = window.findChild(object, name)
        assert widget is not None, name
        assert widget.accessibleName(), name
    assert window.findChild(QLabel, "noteEmptyState").isVisible()  # a new notebook says how to start


def test_create_by_keyboard_preview_highlights_code_and_note_survives_restart(qtbot, open_window, db_path):
    window, tab = open_notebook(qtbot, open_window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    title = tab.header.title
    qtbot.waitUntil(title.hasFocus)
    qtbot.keyClicks(title, "Circle notes")  # the selected "Untitled note" is replaced
    qtbot.keyClick(title, Qt.Key.Key_Return)
    editor = window.findChild(QPlainTextEdit, "noteEditor")
    qtbot.waitUntil(editor.hasFocus)
    # Enter keeps code indentation (one level more after ':'); Shift+Tab dedents before the fence.
    type_lines(qtbot, editor, "# Area of a circle", "", "```python", "def area(r):", "return 3.14 * r ** 2")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Backtab)
    qtbot.keyClicks(editor, "```")
    assert editor.toPlainText() == CODE_NOTE

    preview = window.findChild(QTextBrowser, "notePreview")
    qtbot.waitUntil(lambda: fragment_format(preview, "def") is not None)
    keyword = fragment_format(preview, "def").foreground().color()
    plain = preview.palette().color(QPalette.ColorRole.Text)
    assert keyword.isValid() and keyword != plain  # Pygments coloured the keyword
    # the editor highlights the code too: 'def' has a format of its own
    block = editor.document().findBlockByNumber(3)
    assert any(r.start == 0 and r.length == 3 and r.format.foreground().color() != plain
               for r in block.layout().formats())
    qtbot.waitUntil(lambda: tab.header.save_state.text() == "Saved")  # the debounced autosave ran
    assert db_rows(db_path, "SELECT title, body FROM notes") == [("Circle notes", CODE_NOTE)]
    window.close()

    window, tab = open_notebook(qtbot, open_window)
    assert list_titles(tab) == ["Circle notes"]
    assert tab.current_note.title == "Circle notes"
    assert window.findChild(QPlainTextEdit, "noteEditor").toPlainText() == CODE_NOTE


def test_delete_to_trash_and_restore(qtbot, open_window, db_path):
    window, tab = open_notebook(qtbot, open_window)
    notes = window.context.notes
    notes.create("Keep me", "text to keep")
    doomed = notes.create("Bagging vs boosting", "variance vs bias")
    tab.refresh()
    tab.open_note(doomed.id)
    qtbot.mouseClick(tab.header.delete, Qt.MouseButton.LeftButton)
    assert list_titles(tab) == ["Keep me"] and tab.current_note.title == "Keep me"
    trash = tab.pane.trash
    assert trash.text() == "Trash (1)"
    assert db_rows(db_path, "SELECT deleted_at IS NOT NULL FROM notes WHERE id = ?", (doomed.id,)) == [(1,)]

    qtbot.mouseClick(trash, Qt.MouseButton.LeftButton)
    assert list_titles(tab) == ["Bagging vs boosting"]
    assert tab.current_note.id == doomed.id
    assert tab.header.banner.isVisible() and "deleted for good on" in tab.header.banner_text.text()
    assert tab.editor.isReadOnly()
    qtbot.mouseClick(window.findChild(object, "noteRestore"), Qt.MouseButton.LeftButton)
    assert not trash.isChecked() and set(list_titles(tab)) == {"Keep me", "Bagging vs boosting"}
    assert tab.current_note.id == doomed.id and not tab.editor.isReadOnly()
    window.close()

    window, tab = open_notebook(qtbot, open_window)
    assert set(list_titles(tab)) == {"Keep me", "Bagging vs boosting"}
    assert db_rows(db_path, "SELECT COUNT(*) FROM notes WHERE deleted_at IS NOT NULL") == [(0,)]


def test_delete_key_in_the_list_moves_the_note_to_the_trash(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    window.context.notes.create("Only note", "x")
    tab.refresh()
    tab.open_note(tab.pane.model.summary_at(0).id)
    listing = window.findChild(QListView, "noteList")
    listing.setFocus()
    qtbot.keyClick(listing, Qt.Key.Key_Delete)
    assert list_titles(tab) == [] and tab.current_note is None
    assert tab.stack.currentWidget() is tab.empty


def test_search_finds_a_note_by_a_word_in_its_body(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    notes = window.context.notes
    notes.create("Regularization", "L1 and L2 penalties shrink weights.")
    notes.create("Neural nets", "Dropout randomly zeroes activations during training.")
    tab.refresh()
    search = window.findChild(object, "noteSearch")
    qtbot.keyClicks(search, "activations")
    qtbot.waitUntil(lambda: list_titles(tab) == ["Neural nets"])
    assert "activations" in tab.pane.model.summary_at(0).snippet
    search.clear()
    qtbot.keyClicks(search, 'NOT "( zzz')  # odd text is words, never query syntax
    qtbot.waitUntil(lambda: list_titles(tab) == [])
    assert tab.pane.empty_label.isVisible()
    search.clear()
    qtbot.waitUntil(lambda: len(list_titles(tab)) == 2)


def test_tags_are_saved_and_filter_the_list(qtbot, open_window, db_path):
    window, tab = open_notebook(qtbot, open_window)
    window.context.notes.create("Untagged", "")
    tab.new_note()
    qtbot.keyClicks(tab.header.title, "Tagged")
    tags = window.findChild(object, "noteTags")
    tags.setFocus()
    qtbot.keyClicks(tags, "#ML, probability")
    qtbot.keyClick(tags, Qt.Key.Key_Return)  # editing finished: saved now
    assert db_rows(db_path, "SELECT tag FROM note_tags ORDER BY tag") == [("ml",), ("probability",)]
    combo = window.findChild(object, "noteTagFilter")
    assert combo.itemText(combo.findData("ml")) == "#ml (1)"
    combo.setCurrentIndex(combo.findData("probability"))
    assert list_titles(tab) == ["Tagged"]
    combo.setCurrentIndex(0)
    assert set(list_titles(tab)) == {"Tagged", "Untagged"}


def test_edits_are_flushed_on_note_switch_tab_switch_and_focus_loss(qtbot, open_window, db_path):
    window, tab = open_notebook(qtbot, open_window)
    notes = window.context.notes
    first, second = notes.create("First", ""), notes.create("Second", "")
    tab.refresh()

    def body(note) -> str:
        return db_rows(db_path, "SELECT body FROM notes WHERE id = ?", (note.id,))[0][0]

    tab.open_note(first.id)
    qtbot.keyClicks(tab.editor, "switch")
    assert tab._saver.pending and body(first) == ""
    tab.open_note(second.id)
    assert body(first) == "switch"
    qtbot.keyClicks(tab.editor, "tab")
    window.show_tab(window.browser)
    assert body(second) == "tab"
    window.show_tab(window.notebook)
    tab.editor.setFocus()
    qtbot.keyClicks(tab.editor, " focus")
    assert tab._saver.pending and body(second) == "tab"  # the debounce has not fired
    tab.pane.search.setFocus()  # focus-out is delivered at once: no event loop runs before the check
    assert body(second) == "tab focus"


def test_history_keeps_earlier_versions_that_can_be_restored(qtbot, open_window, db_path):
    window, tab = open_notebook(qtbot, open_window)
    clock = _FakeClock()
    window.context.notes.clock = clock
    tab.new_note()
    tab.editor.setFocus()
    qtbot.keyClicks(tab.editor, "first version")
    tab.flush_pending()
    clock.advance(minutes=11)
    qtbot.keyClicks(tab.editor, " and more")
    tab.flush_pending()
    qtbot.mouseClick(tab.header.history, Qt.MouseButton.LeftButton)
    dialog = window.findChild(object, "noteHistoryDialog")
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.list.count() == 2  # the current version and one kept revision
    text = dialog.findChild(QPlainTextEdit, "noteRevisionText")
    assert text.toPlainText() == "first version"
    qtbot.mouseClick(dialog.findChild(object, "noteRevisionRestore"), Qt.MouseButton.LeftButton)
    assert tab.editor.toPlainText() == "first version"
    assert db_rows(db_path, "SELECT body FROM notes") == [("first version",)]
    kept = db_rows(db_path, "SELECT body FROM note_revisions ORDER BY id")
    assert kept == [("first version",), ("first version and more",)]


def test_view_mode_is_remembered(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    window.context.notes.create("A note", "text")
    tab.refresh()
    tab.open_note(tab.pane.model.summary_at(0).id)
    assert tab.editor.isVisible() and tab.preview.isVisible()  # side by side by default
    qtbot.mouseClick(window.findChild(object, "noteViewPreview"), Qt.MouseButton.LeftButton)
    assert not tab.editor.isVisible() and tab.preview.isVisible()
    window.close()
    window, tab = open_notebook(qtbot, open_window)
    assert tab.view_mode == "preview" and not tab.editor.isVisible() and tab.preview.isVisible()
    assert window.findChild(object, "noteViewPreview").isChecked()
    qtbot.keyClick(tab.preview, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert tab.editor.isVisible() and not tab.preview.isVisible()


def test_a_failed_write_keeps_the_text_and_says_so_once(qtbot, open_window, db_path, monkeypatch):
    window, tab = open_notebook(qtbot, open_window)
    note = tab.new_note()
    repo = window.context.notes
    real_save = repo.save
    errors: list[str] = []
    tab.error_occurred.connect(errors.append)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)  # no modal dialog

    def full_disk(*args, **kwargs):
        raise WriteError("Could not save: database or disk is full.")

    monkeypatch.setattr(repo, "save", full_disk)
    tab.editor.setFocus()
    qtbot.keyClicks(tab.editor, "precious")
    tab.flush_pending()
    qtbot.keyClicks(tab.editor, " words")
    tab.flush_pending()
    assert errors == ["Could not save: database or disk is full."]
    assert "Not saved" in tab.header.save_state.text()
    assert tab.editor.toPlainText() == "precious words"
    monkeypatch.setattr(repo, "save", real_save)
    tab.flush_pending()  # the next flush succeeds
    assert db_rows(db_path, "SELECT body FROM notes WHERE id = ?", (note.id,)) == [("precious words",)]
    assert tab.header.save_state.text() == "Saved"


def test_editor_continues_lists_and_indents_with_tab(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    tab.new_note()
    editor = tab.editor
    editor.setFocus()
    type_lines(qtbot, editor, "- first", "second", "")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter on an empty item ends the list
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(editor, "x")
    assert editor.toPlainText() == "- first\n- second\n    x"


class _FakeClock:
    def __init__(self) -> None:
        self.now = parse_utc("2026-03-01T09:00:00Z")

    def __call__(self) -> str:
        return format_utc(self.now)

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


def test_f2_renames_and_closing_right_away_still_saves_and_reopens_that_note(qtbot, open_window, db_path):
    window, tab = open_notebook(qtbot, open_window)
    notes = window.context.notes
    older = notes.create("Older note", "old text")
    notes.create("Newer note", "new text")
    tab.refresh()
    tab.open_note(older.id)
    tab.editor.setFocus()
    qtbot.keyClick(tab.editor, Qt.Key.Key_F2)
    assert tab.header.title.hasFocus() and tab.header.title.selectedText() == "Older note"
    qtbot.keyClicks(tab.header.title, "Renamed note")
    tab.editor.setFocus()
    qtbot.keyClicks(tab.editor, "typed just before closing ")
    assert tab.pane.model.summary_at(tab.pane.model.row_of(older.id)).title == "Renamed note"  # saved on focus change
    window.close()  # no wait for the autosave: closing flushes

    assert db_rows(db_path, "SELECT title, body FROM notes WHERE id = ?", (older.id,)) == [
        ("Renamed note", "typed just before closing old text")]
    window, tab = open_notebook(qtbot, open_window)
    assert tab.current_note.id == older.id  # the note that was open comes back
    assert tab.editor.toPlainText() == "typed just before closing old text"


def test_preview_renders_math_and_tables(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    tab.new_note()
    tab.editor.setFocus()
    type_lines(qtbot, tab.editor, "Loss $L = \\sum_i (y_i - w x_i)^2$", "", "| a | b |", "|---|---|", "| 1 | 2 |")
    preview = tab.preview
    # the formula is drawn a slice at a time (the first of a process once ziamath has loaded)
    qtbot.waitUntil(lambda: preview.shown is not None and "<table" in preview.shown.html and bool(preview.shown.images))
    [key] = preview.shown.images
    assert f'src="mlmath:{key}"' in preview.shown.html
    image = preview.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(f"mlmath:{key}"))
    assert image is not None and not image.isNull()
    assert preview.document().rootFrame().childFrames()  # the table is a real table


def test_trash_questions_show_note_titles_as_plain_text(qtbot, open_window, db_path):
    window, tab = open_notebook(qtbot, open_window)
    notes = window.context.notes
    title = '<b>bold</b> <img src="file:///etc/hostname">'
    doomed = notes.create(title, "x")
    notes.move_to_trash(doomed.id)
    tab.refresh()
    tab.open_note(doomed.id)
    assert tab.current_note.in_trash
    seen: list[tuple[str, Qt.TextFormat, str]] = []

    def answer(button: QMessageBox.StandardButton):
        def poll() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                seen.append((box.objectName(), box.textFormat(), box.text()))
                box.button(button).click()
            else:
                QTimer.singleShot(10, poll)

        QTimer.singleShot(0, poll)

    answer(QMessageBox.StandardButton.No)
    tab.delete_forever_current()  # "Delete “<b>bold</b> …” and its history for good?"
    assert seen == [("notebookConfirm", Qt.TextFormat.PlainText, f"Delete “{title}” and its history for good? "
                     "This cannot be undone.")]
    assert db_rows(db_path, "SELECT COUNT(*) FROM notes WHERE id = ?", (doomed.id,)) == [(1,)]  # No keeps it
    answer(QMessageBox.StandardButton.Yes)
    tab.empty_trash()
    assert seen[1][:2] == ("notebookConfirm", Qt.TextFormat.PlainText)
    assert db_rows(db_path, "SELECT COUNT(*) FROM notes") == [(0,)]


def test_wiping_a_note_and_retyping_keeps_the_wiped_text_in_history(qtbot, open_window, db_path):
    window, tab = open_notebook(qtbot, open_window)
    clock = _FakeClock()
    window.context.notes.clock = clock
    tab.new_note()
    tab.editor.setFocus()
    qtbot.keyClicks(tab.editor, "Ridge shrinks all weights; lasso sets some to zero.")
    tab.flush_pending()
    clock.advance(minutes=1)  # well within the 10 minutes between ordinary revisions
    qtbot.keyClick(tab.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(tab.editor, Qt.Key.Key_Delete)
    tab.flush_pending()  # the autosave writes the empty note
    clock.advance(minutes=1)
    qtbot.keyClicks(tab.editor, "Something else")
    tab.flush_pending()
    qtbot.mouseClick(tab.header.history, Qt.MouseButton.LeftButton)
    dialog = window.findChild(object, "noteHistoryDialog")
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.list.count() == 2  # the current version and the wiped text
    assert dialog.findChild(QPlainTextEdit, "noteRevisionText").toPlainText() == (
        "Ridge shrinks all weights; lasso sets some to zero.")
    dialog.close()
    assert db_rows(db_path, "SELECT body FROM note_revisions") == [
        ("Ridge shrinks all weights; lasso sets some to zero.",)]
