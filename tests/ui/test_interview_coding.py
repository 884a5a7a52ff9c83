"""Coding questions in a mock interview, as a candidate meets them: the same editor and Run as
Browse, the code kept as the answer (across a restart), Stop, no child left behind, and a
review with the code, its test results and the reference solution, scored from the tests."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListView, QPlainTextEdit, QPushButton

from mlprep_desktop.core.grading import accuracy_from_tests
from mlprep_desktop.core.interview_models import InterviewConfig, PlannedItem
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.ui.browser.question_view import QuestionView
from mlprep_desktop.ui.coding.code_editor import CodeEditor
from tests.ui.interview_helpers import FakeClock, find, rows

LEFT = Qt.MouseButton.LeftButton
EXERCISE = "stable-softmax-cross-entropy"
THEORY = "bias-variance-tradeoff"
WRONG = Path(__file__).resolve().parents[1] / "exercise_wrong_solutions" / EXERCISE / "no-max-shift.py"
LOOP = "def softmax(z):\n    while True:\n        pass\n\n\ndef cross_entropy(logits, labels):\n    pass\n"


@pytest.fixture
def interrupted(db_path):
    """An interview (the exercise, then a theory question) left running: the app offers it."""
    ctx = AppContext.open(db_path)
    try:
        record = ctx.interviews.create(InterviewConfig(count=2),
                                       [PlannedItem(EXERCISE, 900), PlannedItem(THEORY, 300)], 1200)
        solution = ctx.questions.get(EXERCISE).exercise.solution
        tests = ctx.questions.get(EXERCISE).exercise.test_names
    finally:
        ctx.close()
    return record.id, solution, tests


def resume(qtbot, open_window):
    window = open_window(clock=FakeClock())
    window.show_tab(window.interview)
    qtbot.mouseClick(find(window, QPushButton, "interviewResume"), LEFT)
    assert window.interview.pages.currentWidget() is window.interview.running
    return window


def answer_widgets(window):
    return (find(window, CodeEditor, "interviewCodeEditor"), find(window, QPushButton, "interviewRunTestsButton"),
            find(window, QPushButton, "interviewStopRunButton"), find(window, QLabel, "interviewTestSummary"),
            find(window, QListView, "interviewTestResults"))


def run_and_wait(qtbot, pane, button) -> None:
    """Click Run and wait for the run's result on screen (a stored result may show before)."""
    with qtbot.waitSignal(pane.run_finished, timeout=60_000):
        qtbot.mouseClick(button, LEFT)
        assert pane.running


def result_lines(view: QListView) -> list[str]:
    model = view.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_contract_names_are_unambiguous(qtbot, open_window, interrupted):
    window = resume(qtbot, open_window)
    for page in (window.browser, window.today, window.interview):
        window.show_tab(page)  # each tab is built when first shown
    assert window.browser.select_question(EXERCISE)  # Browse makes its code editor for a coding question
    assert window.today.session is not None  # Today's session page (its editor) is made for a session
    for name in ("codeEditor", "interviewCodeEditor", "interviewReviewCodeEditor", "todayCodeEditor"):
        assert len([w for w in window.findChildren(CodeEditor) if w.objectName() == name]) == 1, name
    for name in ("runTestsButton", "interviewRunTestsButton", "interviewReviewRunTestsButton", "todayRunTestsButton"):
        assert len([w for w in window.findChildren(QPushButton) if w.objectName() == name]) == 1, name
    editor = find(window, CodeEditor, "interviewCodeEditor")
    assert editor.accessibleName() and editor.isVisible()
    assert not find(window, QPlainTextEdit, "interviewAnswer").isVisible()  # the Markdown box is for prose


def test_wrong_then_right_code_then_the_review_scores_it_and_survives_a_restart(qtbot, open_window, db_path,
                                                                                interrupted):
    session_id, solution, tests = interrupted
    window = resume(qtbot, open_window)
    tab = window.interview
    editor, run, stop, summary, results = answer_widgets(window)
    assert "raise NotImplementedError" in editor.toPlainText()  # the starter
    assert summary.text().startswith(f"{len(tests)} tests")

    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    editor.insertPlainText(WRONG.read_text())  # a paste
    run_and_wait(qtbot, tab.coding, run)
    failing = [line for line in result_lines(results) if line.startswith(("✗", "⚠"))]
    assert failing and any("test_softmax_huge_logits_rows_at_their_own_scale" in line for line in failing)
    assert summary.text() == f"{len(tests) - len(failing)}/{len(tests)} tests passed"
    tab.flush_pending()
    item = rows(db_path, "SELECT * FROM interview_items WHERE session_id = ? AND position = 0", (session_id,))[0]
    assert item["answer"] == WRONG.read_text()  # the code is the answer
    assert json.loads(item["code_run"])["passed"] == len(tests) - len(failing)

    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    editor.insertPlainText(solution)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter runs, not Next
    assert tab.coding.running and tab.runner.session.current_index == 0
    qtbot.waitUntil(lambda: not tab.coding.running and tab.coding.last_result.all_passed, timeout=60_000)
    assert summary.text() == f"{len(tests)}/{len(tests)} tests passed — all passed"
    assert all(line.startswith("✓") for line in result_lines(results))

    qtbot.mouseClick(find(window, QPushButton, "interviewNext"), LEFT)  # to the theory question
    assert not editor.isVisible() and find(window, QPlainTextEdit, "interviewAnswer").isVisible()
    find(window, QPlainTextEdit, "interviewAnswer").setPlainText("Bias is error from wrong assumptions.")
    qtbot.mouseClick(find(window, QPushButton, "interviewNext"), LEFT)  # Finish
    assert tab.pages.currentWidget() is tab.review

    def check_review(accuracy: int) -> None:
        review = tab.review
        review.list.setCurrentRow(1)
        code = find(window, CodeEditor, "interviewReviewCodeEditor")
        assert code.isVisible() and code.isReadOnly() and code.toPlainText() == solution
        assert find(window, QLabel, "interviewReviewTestSummary").text().startswith(f"{len(tests)}/{len(tests)} tests passed")
        lines = result_lines(find(window, QListView, "interviewReviewTestResults"))
        assert len(lines) == len(tests) and all(line.startswith("✓") for line in lines)
        model = find(window, QuestionView, "interviewModelAnswer").toPlainText()
        assert "Reference solution" in model and "def cross_entropy" in model
        assert f"tests {len(tests)}/{len(tests)} passed → technical accuracy 4" in \
            find(window, QLabel, "interviewReviewFacts").text()
        assert find(window, QPushButton, f"interviewAccuracy{accuracy}").isChecked()

    check_review(4)  # all tests passed: accuracy 4, without the candidate scoring it
    stored = rows(db_path, "SELECT accuracy FROM interview_items WHERE session_id = ? AND position = 0", (session_id,))
    assert stored[0]["accuracy"] == 4
    review_rows = rows(db_path, "SELECT rating FROM reviews WHERE question_id = ? AND context = 'interview'",
                       (EXERCISE,))
    assert [r["rating"] for r in review_rows] == [4]  # it is the question's review too
    qtbot.mouseClick(find(window, QPushButton, "interviewAccuracy3"), LEFT)  # the candidate adjusts it
    assert rows(db_path, "SELECT accuracy FROM interview_items WHERE session_id = ? AND position = 0",
                (session_id,))[0]["accuracy"] == 3
    runs = rows(db_path, "SELECT passed, total, context FROM exercise_runs WHERE question_id = ? ORDER BY id", (EXERCISE,))
    assert [(r["passed"] == r["total"], r["context"]) for r in runs] == [(False, "interview"), (True, "interview")]
    window.close()

    window = open_window()
    tab = window.interview
    window.show_tab(tab)
    tab.open_history(session_id)
    check_review(3)


def test_stop_and_leaving_the_question_leave_no_child(qtbot, open_window, interrupted):
    window = resume(qtbot, open_window)
    tab = window.interview
    editor, run, stop, summary, results = answer_widgets(window)
    pids: list[int] = []
    ops = window.context.exercise_ops
    make = ops.process

    def process(*args, **kwargs):
        made = make(*args, **kwargs)
        real_run = made.run

        def run_and_note():
            result = None
            try:
                result = real_run()
            finally:
                pids.append(made.pid)
            return result

        made.run = run_and_note
        return made

    ops.process = process
    editor.setPlainText(LOOP)
    qtbot.mouseClick(run, LEFT)
    qtbot.waitUntil(lambda: summary.text().startswith("Running test_"), timeout=30_000)
    assert stop.isEnabled()
    qtbot.mouseClick(stop, LEFT)
    qtbot.waitUntil(lambda: not tab.coding.running and tab.coding.last_result is not None, timeout=10_000)
    assert summary.text().startswith("Stopped · 0/")
    assert editor.toPlainText() == LOOP and run.isEnabled()

    qtbot.mouseClick(run, LEFT)
    qtbot.waitUntil(lambda: summary.text().startswith("Running test_"), timeout=30_000)
    qtbot.mouseClick(find(window, QPushButton, "interviewNext"), LEFT)  # move on while it runs
    assert not tab.coding.running
    qtbot.mouseClick(find(window, QPushButton, "interviewPrevious"), LEFT)
    assert editor.toPlainText() == LOOP  # the code is still the answer

    qtbot.mouseClick(run, LEFT)
    qtbot.waitUntil(lambda: summary.text().startswith("Running test_"), timeout=30_000)
    tab.confirm = lambda *_: True
    qtbot.mouseClick(find(window, QPushButton, "interviewEnd"), LEFT)  # end the interview while it runs
    assert tab.pages.currentWidget() is tab.review and not tab.coding.running
    assert len(pids) == 3
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.killpg(pid, 0)


def test_the_code_survives_closing_and_resuming(qtbot, open_window, db_path, interrupted):
    session_id, solution, tests = interrupted
    window = resume(qtbot, open_window)
    editor = answer_widgets(window)[0]
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor, "import numpy as np")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "def softmax(z):")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "return z")
    window.close()  # the debounced answer is flushed on close
    expected = "import numpy as np\ndef softmax(z):\n    return z"
    assert rows(db_path, "SELECT answer FROM interview_items WHERE session_id = ? AND position = 0",
                (session_id,))[0]["answer"] == expected
    window = resume(qtbot, open_window)
    assert answer_widgets(window)[0].toPlainText() == expected


def test_the_final_code_is_scored_in_the_review_when_it_was_not_run(qtbot, open_window, db_path, interrupted):
    session_id, solution, tests = interrupted
    window = resume(qtbot, open_window)
    tab = window.interview
    editor, run, stop, summary, results = answer_widgets(window)
    editor.setPlainText(WRONG.read_text())
    run_and_wait(qtbot, tab.coding, run)
    editor.setPlainText(solution)  # fixed, but not run again
    tab.runner.end()
    tab.review.list.setCurrentRow(1)
    review_summary = find(window, QLabel, "interviewReviewTestSummary")
    assert "before your last edit" in review_summary.text()
    assert not any(find(window, QPushButton, f"interviewAccuracy{v}").isChecked() for v in (1, 2, 3, 4))
    review_run = find(window, QPushButton, "interviewReviewRunTestsButton")
    run_and_wait(qtbot, tab.review_coding, review_run)
    assert review_summary.text() == f"{len(tests)}/{len(tests)} tests passed — all passed"
    assert find(window, QPushButton, "interviewAccuracy4").isChecked()
    assert rows(db_path, "SELECT accuracy FROM interview_items WHERE session_id = ? AND position = 0",
                (session_id,))[0]["accuracy"] == 4


def test_accuracy_from_tests_is_proportional():
    assert [accuracy_from_tests(p, 5, p == 5) for p in range(6)] == [1, 2, 2, 3, 3, 4]
    assert accuracy_from_tests(5, 5, False) == 3  # every test passed but the run was stopped
    assert accuracy_from_tests(0, 0, False) == 1  # nothing ran (a syntax error)
