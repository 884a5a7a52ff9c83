"""A coding question in Today's session, as a user meets it: the code editor with the starter
instead of the attempt box, Run, the test results, then reveal and rate, and the next card
(not a coding one) is back to the attempt box. The run and the review are on disk."""
from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListView, QPlainTextEdit, QPushButton, QWidget

from mlprep_desktop.core.clock import FixedClock
from mlprep_desktop.core.models import Rating
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.ui.coding.code_editor import CodeEditor
from tests.ui.interview_helpers import rows
from tests.ui.test_today import T0, label, open_today, study_clock  # noqa: F401 (fixtures)

EXERCISE = "kmeans-from-scratch"


def test_a_coding_card_is_answered_in_the_code_editor_then_rated(qtbot, open_today, db_path,  # noqa: F811
                                                                  study_clock):  # noqa: F811
    # Yesterday the exercise was rated Again in Browse: today it is the first review due.
    ctx = AppContext.open(db_path, study_clock=FixedClock(T0 - timedelta(days=1)))
    ctx.study_ops.rate(EXERCISE, Rating.AGAIN)
    ctx.close()

    window = open_today()
    today = window.today
    assert label(window, "todayProgress").startswith("0 of 8 done · 1 due")
    qtbot.keyClick(window.findChild(QPushButton, "todayStart"), Qt.Key.Key_Return)
    assert today.in_session and today.current_question.id == EXERCISE
    editor = today.findChild(CodeEditor, "todayCodeEditor")
    run = today.findChild(QPushButton, "todayRunTestsButton")
    summary = today.findChild(QLabel, "todayTestSummary")
    results = today.findChild(QListView, "todayTestResults")
    attempt = today.findChild(QPlainTextEdit, "todayAttempt")
    qtbot.waitUntil(editor.isVisible)
    assert not attempt.isVisible()
    assert "def kmeans(" in editor.toPlainText() and "raise NotImplementedError" in editor.toPlainText()
    assert summary.text().startswith("9 tests")

    editor.setPlainText(today.current_question.exercise.solution)
    qtbot.mouseClick(run, Qt.MouseButton.LeftButton)
    pane = today.coding
    assert pane.running
    qtbot.waitUntil(lambda: not pane.running and pane.last_result is not None, timeout=60_000)
    assert summary.text() == "9/9 tests passed — all passed"
    assert results.model().rowCount() == 9
    runs = rows(db_path, "SELECT question_id, passed, total, context FROM exercise_runs")
    assert [tuple(r) for r in runs] == [(EXERCISE, 9, 9, "today")]

    view = today.findChild(QWidget, "todayQuestion")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert today.revealed
    study_clock.advance(minutes=5)
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert today.in_session and today.current_question.id != EXERCISE  # the next card
    assert today.current_question.exercise is None
    assert attempt.isVisible() and not editor.isVisible()
    reviews = rows(db_path, "SELECT rating, context FROM reviews WHERE question_id = ? ORDER BY id", (EXERCISE,))
    assert [tuple(r) for r in reviews] == [(1, "browse"), (3, "today")]
    assert label(window, "todaySessionInfo").startswith("1 of 8 done")
