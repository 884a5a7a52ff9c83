"""Coding practice in Browse, as a user does it: the editor, Run, Stop, results, solved status."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListView, QMessageBox, QPlainTextEdit, QPushButton

from mlprep_desktop.core.models import Status
from mlprep_desktop.ui.coding.code_editor import CodeEditor
from mlprep_desktop.ui.coding.test_results_model import LINE_ROLE

EXERCISE = "kmeans-from-scratch"
WRONG = Path(__file__).resolve().parents[1] / "exercise_wrong_solutions" / EXERCISE / "no-validation.py"


def coding_widgets(window):
    find = window.findChild
    return (find(CodeEditor, "codeEditor"), find(QPushButton, "runTestsButton"), find(QPushButton, "stopRunButton"),
            find(QLabel, "testSummary"), find(QListView, "testResults"))


def open_exercise(qtbot, open_window):
    window = open_window()
    window.show_tab(window.browser)
    assert window.browser.select_question(EXERCISE)
    editor, run, stop, summary, results = coding_widgets(window)
    qtbot.waitUntil(editor.isVisible)
    return window, editor, run, stop, summary, results


def run_and_wait(qtbot, window, button) -> None:
    pane = window.browser.coding
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert pane.running
    qtbot.waitUntil(lambda: not pane.running and pane.last_result is not None, timeout=60_000)


def test_contract_names_and_the_starter(qtbot, open_window):
    window, editor, run, stop, summary, results = open_exercise(qtbot, open_window)
    for widget in (editor, run, stop, summary, results):
        assert widget.accessibleName()
    assert "def kmeans(" in editor.toPlainText() and "raise NotImplementedError" in editor.toPlainText()
    assert not window.findChild(QPlainTextEdit, "myAnswer").isVisible()
    assert summary.text().startswith("9 tests")
    assert run.isEnabled() and not stop.isEnabled()
    assert window.browser.select_question("bias-variance-tradeoff")
    assert not editor.isVisible() and window.findChild(QPlainTextEdit, "myAnswer").isVisible()


def test_wrong_code_shows_the_failing_test_and_jumps_to_its_line(qtbot, open_window):
    window, editor, run, stop, summary, results = open_exercise(qtbot, open_window)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    editor.insertPlainText(WRONG.read_text())  # a paste
    run_and_wait(qtbot, window, run)
    assert summary.text() == "8/9 tests passed"
    model = results.model()
    rows = [model.index(r, 0) for r in range(model.rowCount())]
    failing = [i for i in rows if "test_invalid_arguments_raise" in i.data()]
    assert len(failing) == 1 and "IndexError" in failing[0].data()
    line = failing[0].data(LINE_ROLE)
    assert line and "centers[0] = X[rng.integers(n)]" in WRONG.read_text().splitlines()[line - 1]
    results.scrollTo(failing[0])
    rect = results.visualRect(failing[0])
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.textCursor().blockNumber() + 1 == line
    assert window.browser.coding.code() == WRONG.read_text()


def test_reference_passes_and_the_question_is_solved_after_a_restart(qtbot, open_window):
    window, editor, run, stop, summary, results = open_exercise(qtbot, open_window)
    solution = window.browser.current_question.exercise.solution
    editor.setPlainText(solution)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter runs
    pane = window.browser.coding
    assert pane.running
    qtbot.waitUntil(lambda: not pane.running and pane.last_result is not None, timeout=60_000)
    assert summary.text() == "9/9 tests passed — all passed"
    window.close()
    window = open_window()
    window.show_tab(window.browser)
    browser = window.browser
    browser.filters.set_value("status", Status.SOLVED.value)
    browser.refresh()
    assert browser.model.rowCount() == 1 and browser.current_question.id == EXERCISE
    assert browser.coding.code() == solution  # the draft survived the restart
    assert browser._ctx.exercise_ops.solved(EXERCISE) is True


def test_stop_ends_an_infinite_loop_and_keeps_the_code(qtbot, open_window):
    window, editor, run, stop, summary, results = open_exercise(qtbot, open_window)
    loop = "def kmeans(X, k, n_init=10, max_iter=300, tol=1e-8, seed=0):\n    while True:\n        pass\n"
    editor.setPlainText(loop)
    pane = window.browser.coding
    qtbot.mouseClick(run, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: summary.text().startswith("Running test_"), timeout=30_000)
    assert stop.isEnabled()
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not pane.running and pane.last_result is not None, timeout=10_000)
    assert summary.text().startswith("Stopped · 0/9 tests passed")
    assert editor.toPlainText() == loop and run.isEnabled() and not stop.isEnabled()


def test_switching_question_stops_the_run(qtbot, open_window):
    window, editor, run, stop, summary, results = open_exercise(qtbot, open_window)
    editor.setPlainText("def kmeans(*args, **kwargs):\n    while True:\n        pass\n")
    pane = window.browser.coding
    qtbot.mouseClick(run, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: summary.text().startswith("Running test_"), timeout=30_000)
    window.browser.select_question("sklearn-preprocessing-pipeline")
    assert not pane.running and pane.question_id == "sklearn-preprocessing-pipeline"
    assert window.browser._ctx.exercise_ops.runs(EXERCISE) == []  # the dropped run is not recorded


def test_reset_to_starter_asks_first(qtbot, open_window, monkeypatch):
    window, editor, run, stop, summary, results = open_exercise(qtbot, open_window)
    editor.setPlainText("mine = 1\n")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Reset]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    reset = window.findChild(QPushButton, "resetStarterButton")
    qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    assert editor.toPlainText() == "mine = 1\n"
    qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    assert "raise NotImplementedError" in editor.toPlainText()


def test_editor_keys(qtbot):
    editor = CodeEditor()
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor, "def f(x):")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "return x")
    assert editor.toPlainText() == "def f(x):\n    return x"
    qtbot.keyClick(editor, Qt.Key.Key_Backtab)
    assert editor.toPlainText() == "def f(x):\nreturn x"
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "def f(x):\n    return x"
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "# def f(x):\n#     return x"
    qtbot.keyClick(editor, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "def f(x):\n    return x"
    with qtbot.waitSignal(editor.run_requested, timeout=1000):
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    editor.go_to_line(2)
    assert editor.textCursor().blockNumber() == 1


def test_browse_shows_the_code_editor_for_coding_questions_and_my_answer_for_others(qtbot, open_window):
    """The code editor is made when the first coding question is shown (issue 16)."""
    window = open_window()
    window.show_tab(window.browser)
    assert window.browser.select_question("bias-variance-tradeoff")
    answer = window.findChild(QPlainTextEdit, "myAnswer")
    assert answer.isVisible() and window.findChild(CodeEditor, "codeEditor") is None
    assert window.browser.select_question(EXERCISE)
    editor = window.findChild(CodeEditor, "codeEditor")
    qtbot.waitUntil(editor.isVisible)
    assert not answer.isVisible() and "def " in editor.toPlainText()  # the starter
    assert window.browser.select_question("bias-variance-tradeoff")
    assert answer.isVisible() and not editor.isVisible()
