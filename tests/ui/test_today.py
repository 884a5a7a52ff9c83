"""The Today tab as a user meets it: the queue on opening, a keyboard session of the goal to
"done", the heatmap and streak after a restart, the next day's reviews first, mistakes, the
plan and the goal, and Ctrl+1."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox, QTableView, QTabWidget, QWidget

from mlprep_desktop.app import create_main_window
from mlprep_desktop.core.clock import FixedClock
from tests.ui.interview_helpers import FakeClock, rows

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def study_clock():
    return FixedClock(T0)


@pytest.fixture
def open_today(qtbot, db_path, study_clock):
    """open_today() builds the main window on the test's file with the injected study clock."""
    monotonic = FakeClock()

    def _open():
        window = create_main_window(db_path, clock=monotonic, study_clock=study_clock)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return _open


def label(window, name: str) -> str:
    return window.findChild(QLabel, name).text()


def study_by_keyboard(qtbot, window, study_clock, ratings) -> list[str]:
    """Enter starts; on each question Space reveals and a digit rates, until back on the overview."""
    today = window.today
    qtbot.keyClick(window.findChild(QPushButton, "todayStart"), Qt.Key.Key_Return)
    shown = []
    for rating in ratings:
        if not today.in_session:
            break
        view = window.findChild(QWidget, "todayQuestion")
        qtbot.waitUntil(view.hasFocus)
        shown.append(today.current_question.id)
        assert "Key points" not in view.toPlainText()
        qtbot.keyClick(view, Qt.Key.Key_Space)
        assert today.revealed and "Key points" in view.toPlainText()
        study_clock.advance(minutes=2)
        qtbot.keyClick(view, Qt.Key.Key_0 + rating)
    return shown


def test_today_is_the_first_tab_and_shows_the_queue(open_today):
    window = open_today()
    tabs = window.findChild(QTabWidget, "mainTabs")
    assert tabs.widget(0).objectName() == "todayTab" and tabs.currentIndex() == 0
    assert [tabs.widget(i).objectName() for i in range(tabs.count())] == [
        "todayTab", "browserTab", "interviewTab", "whiteboardTab", "notebookTab"]
    assert label(window, "todayProgress") == "0 of 8 done · 0 due · 8 new"
    assert "Plan week 1 of 4" in label(window, "todayPlanLabel")
    assert window.findChild(QWidget, "progressView").isVisible()
    assert not window.findChild(QLabel, "questionCountLabel").isVisible()  # a Browse thing


def test_a_keyboard_session_of_the_goal_ends_in_done_and_survives_a_restart(qtbot, open_today, db_path,
                                                                           study_clock):
    window = open_today()
    shown = study_by_keyboard(qtbot, window, study_clock, [3] * 20)
    assert len(shown) == 8 and len(set(shown)) == 8
    assert not window.today.in_session
    assert label(window, "todayProgress").startswith("8 of 8 done")
    assert label(window, "todayGoalMet").startswith("Goal met")
    assert window.findChild(QPushButton, "todayMoreNew").isVisible()
    reviews = rows(db_path, "SELECT question_id, rating, context, day FROM reviews")
    assert len(reviews) == 8 and {r["context"] for r in reviews} == {"today"}
    assert {r["question_id"] for r in reviews} == set(shown)
    assert rows(db_path, "SELECT COUNT(*) AS n FROM card_state")[0]["n"] == 8
    window.close()

    window = open_today()  # restart: the heatmap counts today's reviews, the streak is 1
    heatmap = window.findChild(QWidget, "activityHeatmap")
    assert heatmap.count_on(T0.date()) == 8 and heatmap.total() == 8
    assert "Current streak: 1 day" in label(window, "streakLabel")
    assert label(window, "todayProgress").startswith("8 of 8 done")

    study_clock.advance(days=1)  # the next day: yesterday's Again/Hard/Good questions are due
    window.close()
    window = open_today()
    assert label(window, "todayProgress").startswith("0 of 8 done")


def test_again_comes_back_in_the_session_and_the_next_day_reviews_come_first(qtbot, open_today, study_clock):
    window = open_today()
    today = window.today
    window.findChild(QSpinBox, "todayGoal").setValue(3)
    assert label(window, "todayProgress") == "0 of 3 done · 0 due · 3 new"
    shown = study_by_keyboard(qtbot, window, study_clock, [1, 2, 3, 3, 3, 3, 3, 3])
    assert shown[0] in shown[1:]  # rated Again: back later in the same session
    assert not today.in_session and label(window, "todayProgress").startswith("3 of 3 done")
    first_day = set(shown)

    study_clock.advance(days=1)
    window.close()
    window = open_today()
    progress = label(window, "todayProgress")
    assert " 0 due" not in progress
    today = window.today
    qtbot.keyClick(window.findChild(QPushButton, "todayStart"), Qt.Key.Key_Return)
    assert today.in_session and today.current_question.id in first_day  # due reviews first
    assert "this one: review" in label(window, "todaySessionInfo")


def test_leaving_the_session_and_coming_back_resumes_the_same_question(qtbot, open_today, study_clock):
    window = open_today()
    study_by_keyboard(qtbot, window, study_clock, [3])
    current = window.today.current_question.id
    window.show_tab(window.browser)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # Ctrl+1: Today
    assert window.tabs.currentWidget() is window.today
    assert window.today.in_session and window.today.current_question.id == current
    qtbot.keyClick(window.findChild(QWidget, "todayQuestion"), Qt.Key.Key_Escape)
    assert not window.today.in_session
    assert window.findChild(QPushButton, "todayStart").text().startswith("Continue")
    window.close()
    window = open_today()  # even after a restart
    qtbot.mouseClick(window.findChild(QPushButton, "todayStart"), Qt.MouseButton.LeftButton)
    assert window.today.current_question.id == current


def test_review_mistakes_in_one_click_and_clicking_a_topic_opens_browse(qtbot, open_today, study_clock):
    window = open_today()
    window.findChild(QSpinBox, "todayGoal").setValue(3)
    mistakes = window.findChild(QPushButton, "todayMistakes")
    assert mistakes.text() == "Review mistakes (0)" and not mistakes.isEnabled()
    study_by_keyboard(qtbot, window, study_clock, [1, 3, 3, 3])  # Again, then Good in the session
    assert not window.today.in_session and mistakes.text() == "Review mistakes (0)"  # relearned
    study_clock.advance(days=10)
    window.today.refresh()
    shown = study_by_keyboard(qtbot, window, study_clock, [2, 3, 3, 3, 3, 3])  # a review rated Hard
    assert not window.today.in_session
    assert mistakes.text() == "Review mistakes (1)"
    qtbot.mouseClick(mistakes, Qt.MouseButton.LeftButton)
    assert window.today.in_session and "Reviewing mistakes · 1 left" in label(window, "todaySessionInfo")
    assert window.today.current_question.id == shown[0]
    study_by_keyboard(qtbot, window, study_clock, [])  # (already in the session)
    view = window.findChild(QWidget, "todayQuestion")
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert not window.today.in_session and mistakes.text() == "Review mistakes (0)"

    window.today.leave_session()
    table = window.findChild(QTableView, "topicMastery")
    model = table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Regression")
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(model.index(row, 0)).center())
    assert window.tabs.currentWidget() is window.browser
    assert window.browser.filters.value("topic") == "regression"
    assert {window.browser.model.row_at(r).topic for r in range(window.browser.model.rowCount())} == {"regression"}


def test_the_mastery_numbers_are_shown_whole_also_in_a_larger_font(qtbot, open_today):
    """The number columns fit their contents when the rows change and when the font does
    (they are not re-measured at every layout: issue 16)."""
    from mlprep_desktop.services.appearance import Appearance
    from mlprep_desktop.ui.appearance import apply_appearance

    def cut_columns(table) -> list[int]:
        header = table.horizontalHeader()
        return [c for c in range(1, table.model().columnCount())
                if not table.isColumnHidden(c) and header.sectionSize(c) < table.sizeHintForColumn(c)]

    window = open_today()
    table = window.findChild(QTableView, "topicMastery")
    widths = [table.horizontalHeader().sectionSize(c) for c in range(1, 4)]
    assert table.model().rowCount() > 10 and cut_columns(table) == []
    try:
        apply_appearance(Appearance(font_size=20))
        qtbot.waitUntil(lambda: table.font().pointSize() == 20)
        assert cut_columns(table) == []
        assert all(table.horizontalHeader().sectionSize(c) > w for c, w in zip(range(1, 4), widths, strict=True))
    finally:
        apply_appearance(Appearance())


def test_the_last_tab_is_restored_by_name(open_today):
    window = open_today()
    window.show_tab(window.notebook)
    window.close()
    window = open_today()
    assert window.tabs.currentWidget() is window.notebook
    window.close()
    window.context.settings.set("window.tab", 1)  # stored by an older version: an index (Interview)
    window = open_today()
    assert window.tabs.currentWidget() is window.interview


def test_the_daily_goal_is_kept_between_1_and_50(open_today):
    window = open_today()
    spin = window.findChild(QSpinBox, "todayGoal")
    spin.setValue(0)
    assert spin.value() == 1
    spin.setValue(12)
    assert label(window, "todayProgress") == "0 of 12 done · 0 due · 12 new"
    window.close()
    assert open_today().findChild(QSpinBox, "todayGoal").value() == 12


def test_goal_met_offers_a_mock_interview_on_the_weakest_topics(qtbot, open_today, study_clock):
    window = open_today()
    window.findChild(QSpinBox, "todayGoal").setValue(2)
    shown = study_by_keyboard(qtbot, window, study_clock, [3, 3, 3])
    mock = window.findChild(QPushButton, "todayMockInterview")
    assert mock.isVisible()
    qtbot.mouseClick(mock, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.interview
    studied = {window.context.questions.get(q).topic for q in shown}
    assert set(window.interview.setup.config().topics) == studied  # the topics begun, weakest first


def test_ctrl_1_keeps_its_meaning_in_an_interview_review_and_in_the_notebook(qtbot, open_today, db_path):
    window = open_today()
    from mlprep_desktop.core.interview_models import InterviewConfig

    window.tabs.setCurrentWidget(window.interview)
    assert window.interview.start(InterviewConfig(count=1))
    window.interview.runner.end()
    assert window.interview.pages.currentWidget() is window.interview.review
    qtbot.keyClick(window.interview.review, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.interview  # scored accuracy 1, did not leave
    assert rows(db_path, "SELECT accuracy FROM interview_items")[0]["accuracy"] == 1
    assert rows(db_path, "SELECT rating, context FROM reviews")[0]["context"] == "interview"
    window.show_tab(window.whiteboard)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.today


def _ink_in_middle(chart) -> int:
    """Pixels of the text colour in the middle band of the chart (where the bars never reach
    without reviews, and where the empty chart writes what it would show)."""
    from PySide6.QtGui import QPalette

    image = chart.grab().toImage()
    ink = chart.palette().color(QPalette.ColorRole.WindowText)
    band = range(image.height() // 3, 2 * image.height() // 3)
    return sum(1 for x in range(image.width()) for y in band
               if abs(image.pixelColor(x, y).lightness() - ink.lightness()) < 40)


def test_the_due_forecast_says_what_it_is_for_before_anything_is_due(qtbot, open_today, study_clock):
    """Seen on a first start: 'Reviews due, next 14 days' was an empty box that looked broken.
    With nothing due it says why, for the eye and for a screen reader; after a session it is bars."""
    window = open_today()
    forecast = window.findChild(QWidget, "dueForecast")
    assert forecast.values() == [0.0] * 14
    assert "No reviews due in the next 14 days" in forecast.accessibleDescription()
    assert _ink_in_middle(forecast) > 50
    study_by_keyboard(qtbot, window, study_clock, [3] * 8)
    qtbot.waitUntil(lambda: sum(forecast.values()) == 8)
    assert "No reviews due" not in forecast.accessibleDescription()
    assert "today: 0" in forecast.accessibleDescription()
