"""The Interview tab as a candidate drives it: set-up, answering against the clock, review, summary."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTextBrowser,
)

from mlprep_desktop.core.interview import Phase
from tests.ui.interview_helpers import FakeClock, answer_next_message_box, find, item_rows, rows, session_row

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def open_window(open_window, clock):
    """Windows built in these tests time their interviews with ``clock`` (the composition
    root's clock, injected through ``create_main_window``)."""
    return lambda: open_window(clock=clock)


def open_interview_tab(qtbot, window):
    tab = window.interview
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(window.tabs.indexOf(tab)).center())
    assert window.tabs.currentWidget() is tab
    return tab


def set_up(qtbot, window, *, count: int, timing: str | None = None, fixed: int | None = None, mode: str | None = None):
    spin = find(window, QSpinBox, "interviewCount")
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(count))
    assert spin.value() == count
    if timing is not None:
        combo = find(window, QComboBox, "interviewTiming")
        combo.setCurrentIndex(combo.findData(timing))
    if fixed is not None:
        find(window, QSpinBox, "interviewFixedMinutes").setValue(fixed)
    if mode is not None:
        combo = find(window, QComboBox, "interviewMode")
        combo.setCurrentIndex(combo.findData(mode))


def start_by_mouse(qtbot, window):
    qtbot.mouseClick(find(window, QPushButton, "interviewStart"), LEFT)
    assert window.interview.pages.currentWidget() is window.interview.running


def wait_for_clock(qtbot, window, text_prefix: str) -> None:
    label = find(window, QLabel, "interviewQuestionClock")
    qtbot.waitUntil(lambda: label.text().startswith(text_prefix))


def test_contract_object_names_and_accessible_names(open_window):
    window = open_window()
    assert window.findChild(type(window.interview), "interviewTab") is window.interview
    window.show_tab(window.interview)  # the set-up is built when first shown
    setup = ("interviewStart", "interviewHistory", "interviewCount", "interviewMode", "interviewTiming",
             "interviewMix", "interviewDifficulty", "interviewTopics", "interviewResumeBanner", "interviewResume",
             "interviewAbandon")
    # the running and review pages when an interview starts (or a past one is opened)
    answering = ("interviewClock", "interviewAnswer", "interviewNext", "interviewEnd", "interviewPrevious",
                 "interviewSkip", "interviewPause", "interviewSummary", "interviewSketch", "interviewReveal",
                 "interviewFlagWeak", "interviewDone", "interviewReviewList")
    for name in setup:
        widget = window.findChild(object, name)
        assert widget is not None, name
        assert widget.accessibleName(), name
    assert not find(window, object, "interviewResumeBanner").isVisible()
    assert all(window.findChild(object, name) is None for name in answering)
    window.findChild(QPushButton, "interviewStart").click()
    assert window.interview.pages.currentWidget() is window.interview.running
    for name in answering:
        widget = window.findChild(object, name)
        assert widget is not None, name
        assert widget.accessibleName(), name


def test_a_three_question_interview_from_start_to_summary(qtbot, open_window, db_path, clock):
    window = open_window()
    tab = open_interview_tab(qtbot, window)
    set_up(qtbot, window, count=3)
    start_by_mouse(qtbot, window)
    progress = find(window, QLabel, "interviewProgress")
    answer = find(window, QPlainTextEdit, "interviewAnswer")
    assert progress.text() == "Question 1 of 3"
    qtbot.waitUntil(answer.hasFocus)
    first = tab.runner.current_item
    question = window.context.questions.get(first.question_id)
    view_text = find(window, QTextBrowser, "interviewQuestion").toPlainText()
    assert question.title in view_text
    assert question.difficulty.capitalize() not in view_text.split("\n")[1]  # exam mode hides it
    assert "Key points" not in view_text
    # QTest types ASCII only (any other character aborts Qt's test library), and some key points hold ≈ or ×
    typed = question.key_points[0].encode("ascii", "ignore").decode("ascii")
    qtbot.keyClicks(answer, typed)
    clock.advance(90)
    qtbot.keyClick(answer, Qt.Key.Key_Return, CTRL)  # keyboard: next
    assert progress.text() == "Question 2 of 3"
    saved = rows(db_path, "SELECT answer, status FROM interview_items WHERE id = ?", (first.id,))[0]
    assert (saved["answer"], saved["status"]) == (typed, "answered")
    clock.advance(30)
    qtbot.mouseClick(find(window, QPushButton, "interviewSkip"), LEFT)  # mouse: skip
    assert progress.text() == "Question 3 of 3"
    next_button = find(window, QPushButton, "interviewNext")
    assert next_button.text().startswith("Finish")
    qtbot.keyClicks(answer, "A short third answer.")
    clock.advance(45)
    qtbot.mouseClick(next_button, LEFT)  # mouse: finish

    # review: the first question's checklist is pre-ticked where the answer matched
    assert tab.pages.currentWidget() is tab.review
    box0 = find(window, QCheckBox, "interviewKeyPoint0")
    assert box0.isChecked() and box0.isEnabled()
    matched = find(window, QLabel, "interviewKeyPointMatch0").text()
    assert matched.startswith("matched: ") and "ticked automatically" in matched
    assert any(word in question.key_points[0].lower() for word in matched[9:].split(" — ")[0].split(", "))
    box1 = find(window, QCheckBox, "interviewKeyPoint1")
    before = box1.isChecked()
    qtbot.mouseClick(box1, LEFT)
    assert box1.isChecked() is not before
    qtbot.mouseClick(find(window, QPushButton, "interviewAccuracy3"), LEFT)
    qtbot.keyClick(find(window, QListWidget, "interviewReviewList"), Qt.Key.Key_2, ALT)  # communication 2
    assert find(window, QPushButton, "interviewCommunication2").isChecked()
    session_id = session_row(db_path)["id"]
    item0 = item_rows(db_path, session_id)[0]
    assert (item0["accuracy"], item0["communication"]) == (3, 2)
    assert item0["key_points"][0]["checked"] and item0["key_points"][0]["auto"]
    assert item0["key_points"][1]["checked"] is (not before)
    # the accuracy score is the question's review (3 = Good), and FSRS scheduled it
    review = rows(db_path, "SELECT rating, context FROM reviews WHERE question_id = ?", (first.question_id,))
    assert [(r["rating"], r["context"]) for r in review] == [(3, "interview")]
    assert rows(db_path, "SELECT phase FROM card_state WHERE question_id = ?", (first.question_id,))[0]["phase"] == 2
    # and the interview answer is the question's latest attempt in Browse
    window.browser.select_question(first.question_id)
    assert window.browser.answer_edit.toPlainText() == typed  # what was typed (ASCII only, see above)

    # summary: by keyboard through the list (Alt+Down past the last question wraps to it)
    review_list = find(window, QListWidget, "interviewReviewList")
    for _ in range(3):
        qtbot.keyClick(review_list, Qt.Key.Key_Down, ALT)
    summary = find(window, object, "interviewSummary")
    assert summary.isVisible()
    score = find(window, QLabel, "interviewScore").text()
    assert score.endswith("%") and int(score[:-1]) > 0
    table = find(window, QTableView, "interviewSummaryTable")
    assert table.model().rowCount() == 3
    assert [table.model().index(r, 3).data() for r in range(3)] == ["01:30", "00:30", "00:45"]
    assert "skipped" in table.model().index(1, 1).data()
    assert find(window, QLabel, "interviewWeakTopics").text()
    flag = find(window, QPushButton, "interviewFlagWeak")
    weak = tab.review.summary.weak_question_ids()
    assert weak and flag.isEnabled()
    qtbot.mouseClick(flag, LEFT)
    flagged = {r[0] for r in rows(db_path, "SELECT question_id FROM question_state WHERE flagged = 1")}
    assert flagged == set(weak)
    assert not flag.isEnabled()
    qtbot.mouseClick(find(window, QPushButton, "interviewDone"), LEFT)  # Done: the saved summary
    assert tab.pages.currentWidget() is tab.review and summary.isVisible() and tab.review.read_only
    assert find(window, QLabel, "interviewScore").text() == score
    qtbot.mouseClick(find(window, QPushButton, "interviewDone"), LEFT)  # "Back to set-up"
    assert tab.pages.currentWidget() is tab.setup

    # on disk: the session and its items
    session = session_row(db_path)
    assert session["status"] == "completed" and session["ended_at"] and session["elapsed_seconds"] == 165
    items = item_rows(db_path, session_id)
    assert [i["elapsed_seconds"] for i in items] == [90, 30, 45]
    assert [i["status"] for i in items] == ["answered", "skipped", "answered"]
    assert items[2]["answer"] == "A short third answer."
    assert all(len(i["key_points"]) >= 3 for i in items)

    # after a restart the history lists it, and opening it shows the review read-only
    window.close()
    window = open_window()
    tab = open_interview_tab(qtbot, window)
    assert find(window, QSpinBox, "interviewCount").value() == 3  # the set-up is remembered
    history = find(window, QTableView, "interviewHistory")
    model = history.model()
    assert model.rowCount() == 1
    assert model.index(0, 1).data().startswith("3: ") and model.index(0, 2).data() == score
    assert model.index(0, 3).data() == "02:45" and model.index(0, 4).data() == "Completed"
    history.setFocus()
    history.selectRow(0)
    qtbot.keyClick(history, Qt.Key.Key_Return)
    assert tab.pages.currentWidget() is tab.review and tab.review.read_only
    assert find(window, QLabel, "interviewScore").text() == score
    find(window, QListWidget, "interviewReviewList").setCurrentRow(1)
    assert find(window, QCheckBox, "interviewKeyPoint0").isChecked()
    assert not find(window, QCheckBox, "interviewKeyPoint0").isEnabled()
    assert not find(window, QPushButton, "interviewAccuracy3").isEnabled()
    assert find(window, QPushButton, "interviewAccuracy3").isChecked()


def test_the_clock_turns_amber_then_red_and_never_locks_the_candidate_out(qtbot, open_window, db_path, clock):
    window = open_window()
    open_interview_tab(qtbot, window)
    set_up(qtbot, window, count=2, timing="fixed", fixed=2)
    start_by_mouse(qtbot, window)
    clock_widget = window.interview.running.clock
    label = find(window, QLabel, "interviewQuestionClock")
    wait_for_clock(qtbot, window, "02:00")
    assert clock_widget.question_phase is Phase.NORMAL and label.property("phase") == "normal"
    clock.advance(61)
    wait_for_clock(qtbot, window, "00:59")
    assert clock_widget.question_phase is Phase.WARNING and "color" in label.styleSheet()
    clock.advance(59 + 83)
    wait_for_clock(qtbot, window, "+01:23")
    assert clock_widget.question_phase is Phase.OVER and label.property("phase") == "over"
    assert find(window, QLabel, "interviewTotalClock").text() == "00:37"  # 4:00 total, 3:23 spent
    answer = find(window, QPlainTextEdit, "interviewAnswer")
    assert answer.isEnabled() and not answer.isReadOnly()
    qtbot.keyClicks(answer, "still typing")
    qtbot.waitUntil(lambda: rows(db_path, "SELECT time_up FROM interview_items ORDER BY id LIMIT 1")[0][0] == 1)
    qtbot.keyClick(answer, Qt.Key.Key_Return, CTRL)
    assert find(window, QLabel, "interviewProgress").text() == "Question 2 of 2"
    wait_for_clock(qtbot, window, "02:00")
    first = item_rows(db_path, session_row(db_path)["id"])[0]
    assert first["answer"] == "still typing" and first["elapsed_seconds"] == 203 and first["time_up"] == 1


def test_pause_hides_the_question_and_stops_the_clock(qtbot, open_window, db_path, clock):
    window = open_window()
    open_interview_tab(qtbot, window)
    set_up(qtbot, window, count=1, timing="fixed", fixed=5)
    start_by_mouse(qtbot, window)
    answer = find(window, QPlainTextEdit, "interviewAnswer")
    clock.advance(20)
    qtbot.keyClick(answer, Qt.Key.Key_P, CTRL)
    pause = find(window, QPushButton, "interviewPause")
    assert pause.isChecked() and pause.text().startswith("Resume")
    assert find(window, QLabel, "interviewPausedNotice").isVisible() and not answer.isVisible()
    assert not find(window, QPushButton, "interviewNext").isEnabled()
    assert session_row(db_path)["status"] == "paused"
    clock.advance(300)
    wait_for_clock(qtbot, window, "04:40")
    qtbot.mouseClick(pause, LEFT)
    assert answer.isVisible() and not pause.isChecked()
    clock.advance(10)
    wait_for_clock(qtbot, window, "04:30")
    assert session_row(db_path)["status"] == "running"


def test_end_early_asks_first(qtbot, open_window, db_path, clock):
    window = open_window()
    open_interview_tab(qtbot, window)
    set_up(qtbot, window, count=3)
    start_by_mouse(qtbot, window)
    end = find(window, QPushButton, "interviewEnd")
    seen: list[str] = []
    answer_next_message_box(QMessageBox.StandardButton.No, seen)
    qtbot.mouseClick(end, LEFT)
    assert seen and "2 questions after this one" in seen[0]
    assert window.interview.pages.currentWidget() is window.interview.running
    assert session_row(db_path)["status"] == "running"
    window.activateWindow()  # the closed dialog gave the focus back (offscreen needs a nudge)
    qtbot.waitUntil(window.isActiveWindow)
    answer_next_message_box(QMessageBox.StandardButton.Yes, seen)
    qtbot.keyClick(find(window, QPlainTextEdit, "interviewAnswer"), Qt.Key.Key_E,
                   CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert len(seen) == 2
    assert window.interview.pages.currentWidget() is window.interview.review
    session = session_row(db_path)
    assert session["status"] == "reviewing"
    assert [i["status"] for i in item_rows(db_path, session["id"])] == ["seen", "pending", "pending"]
    assert "not reached" in find(window, QListWidget, "interviewReviewList").item(3).text()
    # closed before grading: the history offers the review again, still editable
    window.close()
    window = open_window()
    history = find(window, QTableView, "interviewHistory")
    assert history.model().index(0, 4).data() == "Review pending · ended early"  # issue 18.5
    assert not find(window, object, "interviewResumeBanner").isVisible()
    open_interview_tab(qtbot, window)
    history.selectRow(0)
    qtbot.mouseClick(find(window, QPushButton, "interviewOpenHistory"), LEFT)
    assert window.interview.pages.currentWidget() is window.interview.review
    assert not window.interview.review.read_only
    assert find(window, QPushButton, "interviewAccuracy1").isEnabled()


def test_previous_keeps_each_answer_and_its_own_time(qtbot, open_window, db_path, clock):
    window = open_window()
    open_interview_tab(qtbot, window)
    set_up(qtbot, window, count=2)
    start_by_mouse(qtbot, window)
    answer = find(window, QPlainTextEdit, "interviewAnswer")
    qtbot.keyClicks(answer, "first")
    clock.advance(10)
    qtbot.keyClick(answer, Qt.Key.Key_Right, ALT)
    assert answer.toPlainText() == ""
    qtbot.keyClicks(answer, "second")
    clock.advance(5)
    qtbot.mouseClick(find(window, QPushButton, "interviewPrevious"), LEFT)
    assert answer.toPlainText() == "first"
    qtbot.keyClicks(answer, " and more")
    clock.advance(7)
    qtbot.keyClick(answer, Qt.Key.Key_Right, ALT)
    assert answer.toPlainText() == "second"
    window.interview.flush_pending()
    items = item_rows(db_path, session_row(db_path)["id"])
    assert [i["answer"] for i in items] == ["first and more", "second"]
    assert [i["elapsed_seconds"] for i in items] == [17, 5]


def test_set_up_choices_limit_the_questions(qtbot, open_window, clock):
    window = open_window()
    tab = open_interview_tab(qtbot, window)
    info = find(window, QLabel, "interviewSetupInfo")
    start = find(window, QPushButton, "interviewStart")
    mix = find(window, QComboBox, "interviewMix")
    mix.setCurrentIndex(mix.findData("chosen"))
    for kind in ("Theory", "Applied", "Coding"):
        qtbot.mouseClick(find(window, QCheckBox, f"interviewType{kind}"), LEFT)
    qtbot.mouseClick(find(window, QCheckBox, "interviewType" + "Math"), LEFT)
    assert not start.isEnabled() and "at least one question type" in info.text()
    qtbot.mouseClick(find(window, QCheckBox, "interviewTypeMath"), LEFT)
    topic = find(window, QCheckBox, "interviewTopic_probability")
    qtbot.mouseClick(topic, LEFT, pos=QPoint(8, topic.height() // 2))  # on the box, not past the text
    assert topic.isChecked()
    pool = [c for c in window.context.interviews.candidates() if c.type == "math" and c.topic == "probability"]
    assert len(pool) >= 2 and info.text().startswith(f"{len(pool)} questions fit")
    set_up(qtbot, window, count=2)
    assert start.isEnabled()
    qtbot.keyClick(find(window, QSpinBox, "interviewCount"), Qt.Key.Key_Return, CTRL)  # keyboard: start
    assert tab.pages.currentWidget() is tab.running
    chosen = [window.context.questions.get(i.question_id) for i in tab.runner.record.items]
    assert len(chosen) == 2 and all(q.type == "math" and q.topic == "probability" for q in chosen)


def test_questions_answered_in_the_last_three_interviews_are_avoided(qtbot, open_window, clock):
    from mlprep_desktop.core.interview_models import InterviewConfig

    window = open_window()
    tab = window.interview
    coding = sorted(c.id for c in window.context.interviews.candidates() if c.type == "coding")
    assert len(coding) >= 2
    config = InterviewConfig(count=1, types=("coding",))
    asked = []
    for _ in range(min(len(coding), 5) + 1):  # the bank holds many coding questions: a few rounds suffice
        assert tab.start(config)
        asked.append(tab.runner.current_item.question_id)
        tab.running.answer.setPlainText("an answer")
        tab.runner.end()
        tab._on_review_done_clicked()  # completes it; the summary shows
        tab._on_review_done_clicked()  # back to the set-up
    for i, qid in enumerate(asked):  # no repeat of the last three while a fresh one fits
        assert qid not in asked[max(0, i - 3):i], f"interview {i} repeats {qid}"
    assert set(asked) <= set(coding)


def test_ctrl_1_is_the_reviews_score_key_only_while_the_review_is_shown(qtbot, open_window):
    """Ctrl+1 goes to Today, except in an interview's review (where it scores accuracy); the
    running and review pages are built when the interview starts."""
    window = open_window()
    tab = open_interview_tab(qtbot, window)
    today = window.findChild(QAction, "todayAction")
    assert today.isEnabled() and tab.pages.count() == 1  # the set-up only
    set_up(qtbot, window, count=1)
    start_by_mouse(qtbot, window)
    assert today.isEnabled()
    tab.runner.end()
    assert tab.pages.currentWidget() is tab.review and not today.isEnabled()
    qtbot.mouseClick(find(window, QPushButton, "interviewDone"), LEFT)  # to the summary
    qtbot.mouseClick(find(window, QPushButton, "interviewDone"), LEFT)  # back to the set-up
    assert tab.pages.currentWidget() is tab.setup and today.isEnabled()
