"""Issue 18 item 12: Space in "My answer" types a space, so the reveal key named on the button
must work from the editor: Ctrl+Enter reveals (and hides) the model answer in Browse and Today,
while Space keeps typing spaces."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QPushButton, QWidget

from tests.ui.interview_helpers import rows

CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_enter_reveals_from_my_answer_and_space_types_a_space(qtbot, open_window, db_path):
    window = open_window()
    window.findChild(QWidget, "mainTabs").setCurrentWidget(window.browser)
    window.browser.select_question("cross-validation")
    editor = window.findChild(QPlainTextEdit, "myAnswer")
    button = window.findChild(QPushButton, "showAnswerButton")
    assert "Ctrl+Enter" in button.text()  # the button names the key that works from the editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClicks(editor, "k folds")
    assert editor.toPlainText() == "k folds" and not window.browser.revealed
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    assert window.browser.revealed and "Key points" in window.browser.view.toPlainText()
    assert editor.toPlainText() == "k folds"  # no newline typed
    assert button.text() == "Hide answer (Ctrl+Enter)"
    qtbot.keyClick(editor, Qt.Key.Key_Enter, CTRL | Qt.KeyboardModifier.KeypadModifier)  # the keypad Enter too
    assert not window.browser.revealed
    # from the question list as well
    qtbot.keyClick(window.browser.table, Qt.Key.Key_Return, CTRL)
    assert window.browser.revealed
    assert window.browser.flush_pending()
    assert rows(db_path, "SELECT body FROM answers WHERE question_id = 'cross-validation'")[0][0] == "k folds"


def test_ctrl_enter_reveals_from_todays_attempt_box(qtbot, open_window):
    window = open_window()
    today = window.today
    qtbot.keyClick(window.findChild(QPushButton, "todayStart"), Qt.Key.Key_Return)
    assert today.in_session
    attempt = window.findChild(QPlainTextEdit, "todayAttempt")
    attempt.setFocus()
    qtbot.waitUntil(attempt.hasFocus)
    qtbot.keyClicks(attempt, "a b")
    assert attempt.toPlainText() == "a b" and not today.revealed
    qtbot.keyClick(attempt, Qt.Key.Key_Return, CTRL)
    assert today.revealed and attempt.toPlainText() == "a b"
    assert "Ctrl+Enter" in window.findChild(QPushButton, "todayShowAnswer").text()
