"""One tab's write reaches the others: every operation's change goes through the main window
(its ``data_changed``) to each tab's ``on_data_changed``."""
from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from mlprep_desktop.core.interview_models import InterviewConfig
from mlprep_desktop.services.changes import ChangeKind
from tests.ui.interview_helpers import FakeClock
from tests.ui.notebook_helpers import open_notebook
from tests.ui.test_whiteboard import drag, key

LEFT = Qt.MouseButton.LeftButton
QID = "bias-variance-tradeoff"


def test_sketch_creates_the_board_and_a_note_showing_it_is_redrawn(qtbot, open_window):
    window, notebook = open_notebook(qtbot, open_window)
    name = window.context.questions.get(QID).title
    notebook.new_note()
    notebook.editor.setFocus()
    notebook.editor.insertPlainText(f"![[board:{name}]]")  # the title has an en dash: not typeable by keyClicks
    qtbot.waitUntil(lambda: f"[board {name} not found]" in notebook.preview.toPlainText())
    notebook.flush_pending()

    window.show_tab(window.browser)
    window.browser.select_question(QID)
    changes = []
    window.data_changed.connect(changes.append)
    qtbot.mouseClick(window.findChild(QPushButton, "sketchButton"), LEFT)
    assert window.tabs.currentWidget() is window.whiteboard
    assert changes == []  # a draft: stored on the first stroke (issue 18)
    board_tab = window.whiteboard
    board_tab.view.setFocus()
    key(board_tab, Qt.Key.Key_R)
    drag(board_tab, [(-60, -30), (60, 30)], steps=2)
    assert board_tab.flush_pending()
    assert [c.kinds for c in changes] == [{ChangeKind.BOARDS}]
    board = window.context.boards.by_question(QID)
    assert board is not None and changes[0].board_ids == {board.id}

    window.show_tab(window.notebook)
    qtbot.waitUntil(lambda: "not found" not in notebook.preview.toPlainText())
    assert 'src="board:' in notebook.preview.shown.html


def test_a_flag_set_in_the_browser_shows_in_the_interview_review(qtbot, open_window):
    window = open_window(clock=FakeClock())
    interview = window.interview
    window.show_tab(interview)
    assert interview.start(InterviewConfig(count=1))
    question_id = interview.runner.current_item.question_id
    interview.runner.end()  # nothing answered: the question is weak
    flag_weak = window.findChild(QPushButton, "interviewFlagWeak")
    assert flag_weak.text() == "Flag 1 weak question to revisit" and flag_weak.isEnabled()
    details = window.findChild(QLabel, "interviewSummaryDetails").text()
    assert "of 1 question " in details and "no self-scores yet" in details and "–" not in details

    window.show_tab(window.browser)
    assert window.browser.select_question(question_id)
    window.browser.table.setFocus()
    qtbot.keyClick(window.browser.table, Qt.Key.Key_F)
    assert window.findChild(QPushButton, "flagButton").isChecked()

    window.show_tab(interview)
    assert flag_weak.text() == "The weak question is flagged ✓" and not flag_weak.isEnabled()


def test_a_rating_in_the_browser_records_the_time_spent_on_the_question(qtbot, open_window, db_path):
    clock = FakeClock()
    window = open_window(clock=clock)
    browser, table = window.browser, window.browser.table
    assert browser.select_question(QID)
    clock.advance(30)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Space)  # reveal
    clock.advance(15)
    qtbot.keyClick(table, Qt.Key.Key_3)
    conn = sqlite3.connect(db_path)
    try:
        rows = conn.execute("SELECT question_id, rating, seconds_spent FROM reviews").fetchall()
    finally:
        conn.close()
    assert rows == [(QID, 3, 45.0)]


def test_rating_before_the_answer_is_shown_is_a_hint_not_an_error(qtbot, open_window, db_path, monkeypatch):
    window = open_window()
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    window.operations.error_occurred.disconnect()
    window.operations.error_occurred.connect(errors.append)
    assert window.browser.select_question(QID)
    window.browser.table.setFocus()
    qtbot.keyClick(window.browser.table, Qt.Key.Key_3)
    assert "Show the answer first" in window.statusBar().currentMessage()
    assert errors == []
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT COUNT(*) FROM reviews").fetchone() == (0,)
    finally:
        conn.close()
