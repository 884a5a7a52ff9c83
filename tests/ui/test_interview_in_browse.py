"""An interview answer is the question's latest attempt: after a mock interview, Browse's
"My answer" shows what was said in the interview (not the older draft), also when Browse was
already showing that question, and after a restart."""
from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QPlainTextEdit, QPushButton, QSpinBox

from mlprep_desktop.services.app_context import AppContext
from tests.ui.interview_helpers import FakeClock, find, rows

LEFT = Qt.MouseButton.LeftButton
DRAFT = "Last week's draft: a story about a project"
SAID = "Situation, task, action, result: I led the churn model rebuild and cut false alarms by half."


def open_tab(qtbot, window, tab) -> None:
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(window.tabs.indexOf(tab)).center())
    assert window.tabs.currentWidget() is tab


def test_the_interview_answer_is_my_answer_in_browse_after_the_interview(qtbot, open_window, db_path):
    # Last week: a draft answer to every behavioural question, written in Browse
    ctx = AppContext.open(db_path)
    behavioural = [q for q in ctx.questions.titles() if ctx.questions.get(q).topic == "behavioral"]
    for question_id in behavioural:
        ctx.study_ops.save_answer(question_id, DRAFT)
    ctx.close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE answers SET updated_at = '2026-01-05T10:00:00Z'")
    conn.close()

    clock = FakeClock()
    window = open_window(clock=clock)
    open_tab(qtbot, window, window.interview)
    qtbot.mouseClick(find(window, QCheckBox, "interviewTopic_behavioral"), LEFT)  # no coding questions
    count = find(window, QSpinBox, "interviewCount")
    count.setFocus()
    count.selectAll()
    qtbot.keyClicks(count, "1")
    qtbot.mouseClick(find(window, QPushButton, "interviewStart"), LEFT)
    question_id = window.interview.runner.current_item.question_id
    assert window.context.questions.get(question_id).topic == "behavioral"

    # Meanwhile Browse shows that question with last week's draft in "My answer"
    open_tab(qtbot, window, window.browser)
    window.browser.select_question(question_id)  # as a question link does
    my_answer = find(window, QPlainTextEdit, "myAnswer")
    assert my_answer.toPlainText() == DRAFT
    open_tab(qtbot, window, window.interview)

    answer = find(window, QPlainTextEdit, "interviewAnswer")
    qtbot.keyClicks(answer, SAID)
    clock.advance(120)
    qtbot.mouseClick(find(window, QPushButton, "interviewNext"), LEFT)  # Finish
    assert window.interview.pages.currentWidget() is window.interview.review
    qtbot.mouseClick(find(window, QPushButton, "interviewAccuracy3"), LEFT)

    open_tab(qtbot, window, window.browser)  # Browse, still on that question: the interview answer
    assert window.browser.current_question.id == question_id
    assert my_answer.toPlainText() == SAID
    window.close()

    window = open_window(clock=clock)  # restart: the same, read from the file
    open_tab(qtbot, window, window.browser)
    window.browser.select_question(question_id)
    assert find(window, QPlainTextEdit, "myAnswer").toPlainText() == SAID
    assert rows(db_path, "SELECT body FROM answers WHERE question_id = ?", (question_id,))[0]["body"] == DRAFT
    assert rows(db_path, "SELECT answer FROM interview_items WHERE question_id = ?", (question_id,))[0][
        "answer"] == SAID
