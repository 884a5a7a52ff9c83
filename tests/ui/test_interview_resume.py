"""Nothing lost: autosave, kill-and-resume (time while closed counts as paused), abandon, write
errors; and practice mode's reveal and the Sketch link."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QTableView, QTextBrowser

from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.storage.database import WriteError
from mlprep_desktop.ui.interview.interview_tab import InterviewTab
from mlprep_desktop.ui.operation_runner import OperationRunner
from tests.ui.interview_helpers import FakeClock, find, item_rows, session_row
from tests.ui.test_interview import LEFT, open_interview_tab, set_up, start_by_mouse, wait_for_clock
from tests.ui.test_whiteboard import drag, key


def test_answers_autosave_while_typing(qtbot, open_window, db_path, monkeypatch):
    window = open_window(clock=FakeClock())
    open_interview_tab(qtbot, window)
    set_up(qtbot, window, count=1)
    start_by_mouse(qtbot, window)
    qtbot.keyClicks(find(window, QPlainTextEdit, "interviewAnswer"), "Saved without leaving the question.")
    session_id = session_row(db_path)["id"]
    qtbot.waitUntil(lambda: item_rows(db_path, session_id)[0]["answer"] == "Saved without leaving the question.")


def test_kill_mid_interview_then_resume_with_the_remaining_time(qtbot, open_window, db_path, monkeypatch):
    before_kill = FakeClock(start=50_000.0)
    window = open_window(clock=before_kill)
    open_interview_tab(qtbot, window)
    set_up(qtbot, window, count=3, timing="fixed", fixed=5)
    start_by_mouse(qtbot, window)
    answer = find(window, QPlainTextEdit, "interviewAnswer")
    qtbot.keyClicks(answer, "one")
    before_kill.advance(40)
    qtbot.keyClick(answer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(answer, "half of the second answer")
    before_kill.advance(50)
    session_id = session_row(db_path)["id"]
    # the periodic checkpoint (every few seconds of clock time) and the debounced answer reach the disk
    qtbot.waitUntil(lambda: item_rows(db_path, session_id)[1]["elapsed_seconds"] == 50)
    qtbot.waitUntil(lambda: item_rows(db_path, session_id)[1]["answer"] == "half of the second answer")
    # killed: this process's clock stops for good, nothing else runs in it (no close, no flush)

    after_restart = FakeClock(start=7.0)  # a new process: its monotonic clock has another origin
    window2 = open_window(clock=after_restart)
    tab = open_interview_tab(qtbot, window2)
    banner = find(window2, object, "interviewResumeBanner")
    assert banner.isVisible()
    text = find(window2, QLabel, "interviewResumeText").text()
    assert "question 2 of 3" in text and "13:30 left" in text  # 15:00 minus 1:30 answered
    assert not find(window2, QPushButton, "interviewStart").isEnabled()
    after_restart.advance(3600)  # the banner waits; time while closed or undecided never counts
    qtbot.mouseClick(find(window2, QPushButton, "interviewResume"), LEFT)
    assert not banner.isVisible() and tab.pages.currentWidget() is tab.running
    assert find(window2, QLabel, "interviewProgress").text() == "Question 2 of 3"
    assert find(window2, QPlainTextEdit, "interviewAnswer").toPlainText() == "half of the second answer"
    wait_for_clock(qtbot, window2, "04:10")
    assert find(window2, QLabel, "interviewTotalClock").text() == "13:30"
    after_restart.advance(5)
    wait_for_clock(qtbot, window2, "04:05")
    qtbot.mouseClick(find(window2, QPushButton, "interviewPrevious"), LEFT)
    assert find(window2, QPlainTextEdit, "interviewAnswer").toPlainText() == "one"
    wait_for_clock(qtbot, window2, "04:20")
    tab.flush_pending()
    assert [i["elapsed_seconds"] for i in item_rows(db_path, session_id)] == [40, 55, 0]
    assert session_row(db_path)["status"] == "running"


def test_abandon_an_interrupted_interview_keeps_it_in_the_history(qtbot, open_window, db_path, monkeypatch):
    window = open_window(clock=FakeClock())
    open_interview_tab(qtbot, window)
    set_up(qtbot, window, count=2)
    start_by_mouse(qtbot, window)
    qtbot.keyClicks(find(window, QPlainTextEdit, "interviewAnswer"), "an answer worth keeping")
    window.close()  # a normal close while answering also leaves it to resume
    window = open_window(clock=FakeClock())
    tab = open_interview_tab(qtbot, window)
    assert find(window, object, "interviewResumeBanner").isVisible()
    qtbot.mouseClick(find(window, QPushButton, "interviewAbandon"), LEFT)
    assert not find(window, object, "interviewResumeBanner").isVisible()
    assert find(window, QPushButton, "interviewStart").isEnabled()
    session = session_row(db_path)
    assert session["status"] == "abandoned" and session["ended_at"]
    assert item_rows(db_path, session["id"])[0]["answer"] == "an answer worth keeping"
    history = find(window, QTableView, "interviewHistory")
    assert history.model().index(0, 4).data() == "Abandoned"
    tab.open_history(session["id"])
    assert tab.review.read_only
    window.close()
    window = open_window(clock=FakeClock())
    assert not find(window, object, "interviewResumeBanner").isVisible()


def test_practice_mode_reveals_the_model_answer_and_records_it(qtbot, open_window, db_path, monkeypatch):
    window = open_window(clock=FakeClock())
    open_interview_tab(qtbot, window)
    set_up(qtbot, window, count=1, mode="practice")
    start_by_mouse(qtbot, window)
    view = find(window, QTextBrowser, "interviewQuestion")
    question = window.context.questions.get(window.interview.runner.current_item.question_id)
    assert question.difficulty.capitalize() in view.toPlainText()  # practice shows the difficulty
    assert "Key points" not in view.toPlainText()
    reveal = find(window, QPushButton, "interviewReveal")
    assert reveal.isVisible()
    qtbot.keyClick(find(window, QPlainTextEdit, "interviewAnswer"), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "Key points" in view.toPlainText() and reveal.text().startswith("Hide")
    assert item_rows(db_path, session_row(db_path)["id"])[0]["revealed"] == 1
    qtbot.mouseClick(reveal, LEFT)
    assert "Key points" not in view.toPlainText()


def test_exam_mode_has_no_reveal(qtbot, open_window, monkeypatch):
    window = open_window(clock=FakeClock())
    open_interview_tab(qtbot, window)
    set_up(qtbot, window, count=1, mode="exam")
    start_by_mouse(qtbot, window)
    assert not find(window, QPushButton, "interviewReveal").isVisible()
    window.interview.toggle_reveal()
    assert "Key points" not in find(window, QTextBrowser, "interviewQuestion").toPlainText()


def test_sketch_stays_hidden_until_enabled_and_names_the_item(qtbot, db_path):
    context = AppContext.open(db_path)
    tab = InterviewTab(context, OperationRunner(), clock=FakeClock())
    qtbot.addWidget(tab)
    tab.show()
    assert tab.start()
    sketch = tab.findChild(QPushButton, "interviewSketch")
    assert not sketch.isVisible()
    tab.enable_sketch(True)
    assert sketch.isVisible()
    item = tab.runner.current_item
    with qtbot.waitSignal(tab.sketch_requested) as signal:
        qtbot.mouseClick(sketch, LEFT)
    assert signal.args == [item.id, item.title]
    tab.deleteLater()
    context.close()


def test_the_main_window_links_sketch_to_the_whiteboard(qtbot, open_window, monkeypatch):
    window = open_window(clock=FakeClock())
    open_interview_tab(qtbot, window)
    set_up(qtbot, window, count=1)
    start_by_mouse(qtbot, window)
    item = window.interview.runner.current_item
    sketch = find(window, QPushButton, "interviewSketch")
    assert sketch.isVisible()
    changes = []
    window.data_changed.connect(changes.append)
    qtbot.mouseClick(sketch, LEFT)
    assert window.tabs.currentWidget() is window.whiteboard
    assert window.context.boards.by_interview_item(item.id) is None  # a draft until drawn on (issue 18)
    window.whiteboard.view.setFocus()
    key(window.whiteboard, Qt.Key.Key_P)
    drag(window.whiteboard, [(-60, -30), (60, 30)], steps=2)
    assert window.whiteboard.flush_pending()
    board = window.context.boards.by_interview_item(item.id)
    assert board is not None and window.whiteboard.current_board_id == board.id
    assert any(c.board_ids == {board.id} for c in changes)  # the new board is reported to every tab
    assert window.interview.runner.active  # the clock keeps running while sketching
    open_interview_tab(qtbot, window)
    qtbot.mouseClick(sketch, LEFT)  # the same answer's board again, not a second one
    assert window.whiteboard.current_board_id == board.id
    assert len(window.context.boards.list()) == 1


def test_a_failed_save_is_reported_once_and_the_text_stays(qtbot, open_window, db_path, monkeypatch):
    window = open_window(clock=FakeClock())
    tab = open_interview_tab(qtbot, window)
    set_up(qtbot, window, count=2)
    start_by_mouse(qtbot, window)
    repo = window.context.interviews
    real_save = repo.save_answer

    def disk_full(*_args):
        raise WriteError("Could not save: disk full")

    monkeypatch.setattr(repo, "save_answer", disk_full)
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    tab.error_occurred.disconnect()
    tab.error_occurred.connect(errors.append)
    answer = find(window, QPlainTextEdit, "interviewAnswer")
    qtbot.keyClicks(answer, "precious words")
    qtbot.mouseClick(find(window, QPushButton, "interviewNext"), LEFT)
    assert errors == ["Could not save: disk full"]
    assert find(window, QLabel, "interviewProgress").text() == "Question 1 of 2"  # did not move on
    assert answer.toPlainText() == "precious words"
    tab.flush_pending()
    assert len(errors) == 1  # reported once until a write succeeds
    monkeypatch.setattr(repo, "save_answer", real_save)
    qtbot.mouseClick(find(window, QPushButton, "interviewNext"), LEFT)
    assert find(window, QLabel, "interviewProgress").text() == "Question 2 of 2"
    assert item_rows(db_path, session_row(db_path)["id"])[0]["answer"] == "precious words"
