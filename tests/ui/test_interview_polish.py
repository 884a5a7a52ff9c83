"""What QA saw driving the interview tab: key points with raw LaTeX, Done skipping the summary,
greyed type boxes that disagree with Balanced, "1 questions fit", a count that includes the
questions it then leaves out, and a clock box that moves when paused."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QPushButton, QTextBrowser

from mlprep_desktop.core.interview_models import InterviewConfig, PlannedItem, SessionStatus
from mlprep_desktop.core.interview_plan import eligible
from mlprep_desktop.ui.interview.interview_tab import InterviewTab
from mlprep_desktop.ui.operation_runner import OperationRunner
from tests.ui.interview_helpers import FakeClock, rows

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_tab(qtbot, context, clock):
    def _make() -> InterviewTab:
        tab = InterviewTab(context, OperationRunner(), clock=clock)
        qtbot.addWidget(tab)
        tab.resize(1280, 800)
        tab.show()
        qtbot.waitExposed(tab)
        return tab

    return _make


def settle() -> None:
    """Let pending layout requests run (no waiting on time)."""
    QApplication.sendPostedEvents()
    QApplication.processEvents()


def visible(parent, cls, name: str):
    """The shown widget of that name (a replaced row waits hidden for its deletion)."""
    found = [w for w in parent.findChildren(cls, name) if w.isVisible()]
    assert len(found) == 1, name
    return found[0]


# ----- 1. key points draw their math
def test_key_points_draw_math_as_math_and_keep_the_matched_line(qtbot, make_tab, context):
    with_math = next(q for c in context.interviews.candidates()
                     if (q := context.questions.get(c.id)) and any("$" in k for k in q.key_points))
    index = next(n for n, k in enumerate(with_math.key_points) if "$" in k)
    context.interviews.create(InterviewConfig(count=1), [PlannedItem(with_math.id, 300)], 300)
    tab = make_tab()
    tab.findChild(QPushButton, "interviewResume").click()  # the session above waits as interrupted
    assert tab.runner.record.items[0].question_id == with_math.id
    tab.running.answer.setPlainText("Not much of an answer.")
    tab.runner.end()
    review = tab.review.item_review
    text = visible(review, QTextBrowser, f"interviewKeyPointText{index}")
    # drawn within the review's math budget, or a slice at a time after it (as the answers are)
    qtbot.waitUntil(lambda: 'src="mlmath:' in text.toHtml(), timeout=30_000)
    shown = text.toPlainText()
    assert "$" not in shown and "\\" not in shown, shown
    assert shown.split()[0] == with_math.key_points[index].split()[0]  # the words are still there
    keys = re.findall(r'src="mlmath:([0-9a-f]+)"', text.toHtml())
    assert keys
    settle()
    text.grab()  # drawn: the images are loaded
    for key in keys:
        image = text.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(f"mlmath:{key}"))
        assert isinstance(image, QImage) and not image.isNull() and image.width() > 4
    assert text.height() >= text.document().size().height() - 1  # not clipped
    matched = visible(review, QLabel, f"interviewKeyPointMatch{index}")
    assert matched.text().startswith("matched: ")
    # a click on the drawn text still ticks the box, as a click on the label did
    box = visible(review, QCheckBox, f"interviewKeyPoint{index}")
    before = box.isChecked()
    window = tab.window().windowHandle()
    qtbot.mouseClick(window, LEFT, pos=text.mapTo(tab.window(), QPoint(10, text.height() // 2)))
    assert box.isChecked() is not before


# ----- 2. Done leads to the summary
def test_done_shows_the_summary_which_leads_back_to_the_set_up(qtbot, make_tab, db_path):
    tab = make_tab()
    assert tab.start(InterviewConfig(count=2))
    tab.running.answer.setPlainText("first")
    tab.runner.next()
    tab.running.answer.setPlainText("second")
    tab.runner.end()
    assert tab.pages.currentWidget() is tab.review
    assert tab.review.stack.currentWidget() is tab.review.item_review  # the review starts on question 1
    done = tab.findChild(QPushButton, "interviewDone")
    assert done.text() == "Done"
    qtbot.mouseClick(done, LEFT)
    assert tab.pages.currentWidget() is tab.review
    summary = tab.findChild(object, "interviewSummary")
    assert tab.review.stack.currentWidget() is summary and summary.isVisible()
    assert tab.review.list.currentRow() == 0
    assert tab.findChild(QLabel, "interviewScore").text().endswith("%")
    assert rows(db_path, "SELECT status FROM interview_sessions")[0][0] == SessionStatus.COMPLETED.value
    assert tab.review.read_only  # finished: the summary shows what was saved
    assert done.text() == "Back to set-up" and done.accessibleName() == "Back to set-up"
    qtbot.mouseClick(done, LEFT)
    assert tab.pages.currentWidget() is tab.setup
    history = tab.setup.history_model
    assert history.rowCount() == 1 and history.index(0, 4).data() == "Completed"


# ----- 3. the set-up says what it will do
def test_balanced_shows_every_type_ticked_and_chosen_types_come_back(qtbot, make_tab):
    tab = make_tab()
    setup = tab.setup
    boxes = {k: tab.findChild(QCheckBox, f"interviewType{k}") for k in ("Theory", "Math", "Applied", "Coding")}
    setup.mix.setCurrentIndex(setup.mix.findData("chosen"))
    for kind in ("Theory", "Math", "Applied"):
        qtbot.mouseClick(boxes[kind], LEFT, pos=QPoint(8, boxes[kind].height() // 2))
    assert [b.isChecked() for b in boxes.values()] == [False, False, False, True]
    assert setup.config().types == ("coding",)
    setup.mix.setCurrentIndex(setup.mix.findData("balanced"))
    assert all(b.isChecked() and not b.isEnabled() for b in boxes.values())  # what Balanced uses
    assert setup.config().balanced
    setup.mix.setCurrentIndex(setup.mix.findData("chosen"))
    assert [b.isChecked() for b in boxes.values()] == [False, False, False, True]
    assert all(b.isEnabled() for b in boxes.values())
    assert setup.config().types == ("coding",)


def test_the_count_is_singular_for_one_and_leaves_out_recent_questions(qtbot, make_tab, context):
    candidates = context.interviews.candidates()
    combos: dict[tuple, list] = {}
    for c in candidates:
        combos.setdefault((c.type, c.topic, c.difficulty), []).append(c)
    (kind, topic, level), only = next((k, v) for k, v in combos.items() if len(v) == 1)
    one = InterviewConfig(count=2, types=(kind,), topics=(topic,), difficulty=level)
    tab = make_tab()
    info = tab.findChild(QLabel, "interviewSetupInfo")
    tab.setup.set_config(one)
    assert info.text().startswith("1 question fits;"), info.text()
    assert "1 questions" not in info.text()

    # answer two questions of the default (Balanced, every topic and level) mix
    tab.setup.set_config(InterviewConfig(count=2))
    assert info.text().startswith(f"{len(candidates)} questions fit;")
    assert tab.start(InterviewConfig(count=2))
    asked = [i.question_id for i in tab.runner.record.items]
    tab.running.answer.setPlainText("an answer")
    tab.runner.next()
    tab.running.answer.setPlainText("another")
    tab.runner.end()
    tab.review.done.click()
    tab.review.done.click()
    assert tab.pages.currentWidget() is tab.setup
    tab.setup.set_config(InterviewConfig(count=2))
    assert info.text().startswith(f"{len(candidates) - 2} questions fit;"), info.text()
    assert "2 you answered in your last 3 interviews" in info.text()

    # when too few new ones are left, it says how many repeats the interview will have
    pool = eligible(candidates, InterviewConfig(types=(context.questions.get(asked[0]).type,),
                                                topics=(context.questions.get(asked[0]).topic,),
                                                difficulty=context.questions.get(asked[0]).difficulty))
    narrow = InterviewConfig(count=len(pool), types=(pool[0].type,), topics=(pool[0].topic,),
                             difficulty=pool[0].difficulty)
    tab.setup.set_config(narrow)
    repeats = len([c for c in pool if c.id in asked])
    assert repeats >= 1
    assert f"this interview will have {len(pool)}" in info.text()
    assert ("1 of them a repeat" if repeats == 1 else f"{repeats} of them repeats") in info.text(), info.text()


# ----- 4. pausing moves nothing
def test_the_clock_and_pause_button_keep_their_place_when_paused(qtbot, make_tab, clock):
    tab = make_tab()
    assert tab.start(InterviewConfig(count=2))
    settle()
    clock_box, pause = tab.running.clock, tab.running.pause
    before = (clock_box.geometry(), pause.geometry())
    tab.runner.toggle_pause()
    assert tab.running.paused and "paused" in tab.running.clock.question_caption.text()
    settle()
    assert (clock_box.geometry(), pause.geometry()) == before
    tab.runner.toggle_pause()
    clock.advance(2 * 3600)  # far over both budgets: "overtime" in both captions, then paused too
    tab.runner.ticked.emit()
    tab.runner.toggle_pause()
    assert "overtime, paused" in tab.running.clock.total_caption.text()
    settle()
    assert (clock_box.geometry(), pause.geometry()) == before
