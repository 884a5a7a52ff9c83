"""Issue 18 item 13: rating in Browse is no dead end. The chosen rating shows (its button
checked, "Rated Good · due …"), the list moves on to the next question unless the preference
says not to, and the Status column fits "Good · due 14 Mar · Flagged" or elides it with the
whole text in a tooltip."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QWidget

from mlprep_desktop.services.preferences import ADVANCE_AFTER_RATING_KEY
from tests.ui.interview_helpers import rows


def browse(window):
    window.findChild(QWidget, "mainTabs").setCurrentWidget(window.browser)
    return window.browser


def test_rating_shows_the_choice_and_moves_to_the_next_question(qtbot, open_window, db_path):
    window = open_window()
    browser = browse(window)
    ids = browser.shown_question_ids()
    first, second = ids[0], ids[1]
    browser.select_question(first)
    table = window.findChild(QTableView, "questionTable")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Space)
    qtbot.keyClick(table, Qt.Key.Key_3)  # Good
    assert browser.current_question.id == second  # moved on, in the list's order
    assert table.currentIndex().row() == 1
    assert not browser.revealed and not window.findChild(QLabel, "lastRatingLabel").isVisible()
    assert "Good" in window.statusBar().currentMessage() and "Next question" in window.statusBar().currentMessage()
    assert table.model().index(0, 4).data().startswith("Good · due")
    assert [r[0] for r in rows(db_path, "SELECT question_id FROM reviews")] == [first]

    # back on the rated question: its rating is shown
    browser.select_question(first)
    label = window.findChild(QLabel, "lastRatingLabel")
    assert label.isVisible() and label.text().startswith("Rated Good · due")
    assert window.findChild(QPushButton, "rate3").isChecked()
    assert not any(window.findChild(QPushButton, f"rate{n}").isChecked() for n in (1, 2, 4))


def test_with_the_preference_off_rating_stays_and_shows_the_choice(qtbot, open_window, db_path):
    window = open_window()
    window.context.preferences.remember(ADVANCE_AFTER_RATING_KEY, False)
    browser = browse(window)
    first = browser.shown_question_ids()[0]
    browser.select_question(first)
    browser.toggle_answer()
    qtbot.mouseClick(window.findChild(QPushButton, "rate2"), Qt.MouseButton.LeftButton)
    assert browser.current_question.id == first and browser.revealed
    assert window.findChild(QPushButton, "rate2").isChecked()
    label = window.findChild(QLabel, "lastRatingLabel")
    assert label.isVisible() and label.text().startswith("Rated Hard")
    # a rating the disk refuses checks nothing
    conn = window.context.database.conn
    conn.execute("CREATE TEMP TRIGGER refuse BEFORE INSERT ON reviews BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    errors: list[str] = []
    window.operations.error_occurred.connect(errors.append)
    qtbot.mouseClick(window.findChild(QPushButton, "rate4"), Qt.MouseButton.LeftButton)
    assert errors and window.findChild(QPushButton, "rate2").isChecked()
    assert not window.findChild(QPushButton, "rate4").isChecked()


def test_the_status_column_fits_its_text_or_says_it_all_in_a_tooltip(qtbot, open_window):
    window = open_window()
    browser = browse(window)
    first = browser.shown_question_ids()[0]
    browser.select_question(first)
    browser.toggle_answer()
    browser.study_bar.flag.toggle()
    browser.rate(3)
    table = window.findChild(QTableView, "questionTable")
    index = table.model().index(0, 4)
    text = index.data()
    assert text.startswith("Good · due") and text.endswith("Flagged")
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: table.columnWidth(4) >= table.fontMetrics().horizontalAdvance(text))  # not cut
    assert index.data(Qt.ItemDataRole.ToolTipRole) == text
    # in a narrow window the status does not grow at the titles' cost: it is elided, and its
    # tooltip says it all
    window.resize(1024, 640)
    low = table.fontMetrics().averageCharWidth() * 18 + 16
    qtbot.waitUntil(lambda: table.columnWidth(4) <= max(low, table.viewport().width() * 0.3) + 1)


def test_the_preferences_dialog_turns_moving_on_off(qtbot, open_window, db_path):
    from PySide6.QtWidgets import QCheckBox, QDialog

    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(QDialog, "preferencesDialog")
    box = dialog.findChild(QCheckBox, "preferencesAdvanceAfterRating")
    assert box.isChecked()  # on by default
    box.click()
    assert window.context.preferences.advance_after_rating is False
    dialog.close()
    browser = browse(window)
    first = browser.shown_question_ids()[0]
    browser.select_question(first)
    browser.toggle_answer()
    browser.rate(3)
    assert browser.current_question.id == first  # stayed
