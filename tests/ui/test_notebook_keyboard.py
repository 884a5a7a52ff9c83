"""The notebook by keyboard: Tab from the header fields into the text, and today's study log
(Ctrl+Shift+N) from any tab."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.notebook_helpers import db_rows, list_titles, open_notebook

QID = "bias-variance-tradeoff"


def test_tab_from_tags_goes_to_the_editor_and_typing_lands_in_the_note(qtbot, open_window, db_path):
    window, tab = open_notebook(qtbot, open_window)
    link = window.findChild(QLabel, "noteQuestionLink")
    tab.new_note()  # a note of no question: the link label is empty
    tags = tab.header.tags
    qtbot.waitUntil(tab.header.title.hasFocus)
    qtbot.keyClick(tab.header.title, Qt.Key.Key_Tab)
    assert tags.hasFocus()
    qtbot.keyClicks(tags, "basics")
    qtbot.keyClick(tags, Qt.Key.Key_Tab)
    assert tab.editor.hasFocus(), QApplication.focusWidget().objectName()
    assert link.focusPolicy() == Qt.FocusPolicy.NoFocus  # an empty label never takes focus
    qtbot.keyClicks(tab.editor, "typed after Tab")
    assert tab.editor.toPlainText() == "typed after Tab"
    assert tab.flush_pending()
    assert db_rows(db_path, "SELECT body FROM notes") == [("typed after Tab",)]

    # a question's note shows the link; Tab from the tags still goes on to the text,
    # and the link can be reached by keyboard (before the title, with the header's buttons)
    tab.open_question_note(QID)
    assert link.isVisible() and "question:" in link.text()
    assert link.focusPolicy() != Qt.FocusPolicy.NoFocus
    tags.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(tags.hasFocus)
    qtbot.keyClick(tags, Qt.Key.Key_Tab)
    assert tab.editor.hasFocus(), QApplication.focusWidget().objectName()
    tab.header.title.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(tab.header.title, Qt.Key.Key_Backtab)
    assert link.hasFocus()

    tab.new_note()  # and back to a note without a question: the label lets go of focus again
    assert link.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_ctrl_shift_n_opens_todays_study_log_from_any_tab(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    title = f"Study log {date.today().isoformat()}"
    for page in (window.browser, window.whiteboard):
        window.show_tab(page)
        qtbot.waitUntil(lambda p=page: p.isAncestorOf(QApplication.focusWidget()))
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: window.tabs.currentWidget() is tab)
        assert tab.current_note is not None and tab.current_note.title == title
        qtbot.waitUntil(tab.editor.hasFocus)  # ready to write what was learned
        assert tab.editor.textCursor().block().text() == "- "
    assert list_titles(tab) == [title]  # opened again, not a copy

    # inside the notebook the same keys still work (one shortcut, not an ambiguous pair)
    tab.new_note()
    assert tab.current_note.title != title
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert tab.current_note.title == title
