"""The review after answering: your own answer is drawn like the model answer (math included),
"Flag weak questions" is all or nothing, dialogs show text as text, and every interrupted
interview is offered in turn (Start is never blocked without the banner saying why)."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton

from mlprep_desktop.core.interview_models import InterviewConfig, PlannedItem, SessionStatus
from mlprep_desktop.ui.browser.question_view import QuestionView
from mlprep_desktop.ui.interview.interview_tab import InterviewTab
from mlprep_desktop.ui.operation_runner import OperationRunner
from tests.ui.interview_helpers import FakeClock, rows

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def make_tab(qtbot, context):
    def _make() -> InterviewTab:
        tab = InterviewTab(context, OperationRunner(), clock=FakeClock())
        qtbot.addWidget(tab)
        tab.show()
        qtbot.waitExposed(tab)
        return tab

    return _make


def answer_and_finish(tab: InterviewTab, *answers: str) -> None:
    for n, text in enumerate(answers):
        tab.running.answer.setPlainText(text)
        if n < len(answers) - 1:
            tab.runner.next()
    tab.runner.end()
    assert tab.pages.currentWidget() is tab.review


def test_math_in_your_own_answer_is_drawn_in_the_review(qtbot, make_tab):
    tab = make_tab()
    assert tab.start(InterviewConfig(count=1))
    answer_and_finish(tab, "The gradient is $\\nabla_w L = X^\\top (Xw - y)$, so **solve** for $w$.")
    review = tab.review.item_review
    view = review.findChild(QuestionView, "interviewReviewAnswer")
    assert view is not None and view is review.your_answer
    qtbot.waitUntil(lambda: len(re.findall(r'src="mlmath:', view.toHtml())) == 2)  # drawn a slice at a time
    html = view.toHtml()
    keys = re.findall(r'src="mlmath:([0-9a-f]+)"', html)
    assert len(keys) == 2
    for key in keys:
        image = view.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(f"mlmath:{key}"))
        assert isinstance(image, QImage) and not image.isNull() and image.width() > 4
    assert "solve" in view.toPlainText()
    # anything else the answer might point at is refused (no files, no network)
    assert view.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("file:///etc/hostname")) is None


def test_no_answer_says_so_in_the_review(make_tab):
    tab = make_tab()
    assert tab.start(InterviewConfig(count=1))
    answer_and_finish(tab, "   ")
    assert tab.review.item_review.your_answer.toPlainText() == "No answer was written."


def test_flag_weak_questions_is_all_or_nothing(make_tab, context, db_path):
    tab = make_tab()
    assert tab.start(InterviewConfig(count=3))
    answer_and_finish(tab, "", "", "")  # nothing answered: every question is weak
    weak = tab.review.summary.weak_question_ids()
    assert len(weak) == 3
    # the disk refuses the write for the second weak question only
    conn = context.database.conn

    def refuse(question_id):
        if question_id == weak[1]:
            raise RuntimeError("disk full")
        return 0

    conn.create_function("mlprep_test_refuse", 1, refuse)
    conn.execute("CREATE TEMP TRIGGER refuse_flag BEFORE UPDATE OF flagged ON question_state "
                 "BEGIN SELECT mlprep_test_refuse(NEW.question_id); END")
    errors: list[str] = []
    tab.operations.error_occurred.connect(errors.append)  # the runner reports refused writes
    flag = tab.review.summary.findChild(QPushButton, "interviewFlagWeak")
    tab.review.show_summary()
    qtbot_click(flag)
    assert len(errors) == 1
    assert rows(db_path, "SELECT question_id FROM question_state WHERE flagged = 1") == []  # none half-flagged
    assert flag.isEnabled()  # still offered, nothing reported as flagged

    conn.execute("DROP TRIGGER refuse_flag")
    qtbot_click(flag)
    flagged = {r[0] for r in rows(db_path, "SELECT question_id FROM question_state WHERE flagged = 1")}
    assert flagged == set(weak) and not flag.isEnabled()


def qtbot_click(button: QPushButton) -> None:
    assert button.isEnabled()
    button.click()


def test_the_end_interview_question_is_shown_as_plain_text(qtbot, make_tab, monkeypatch):
    tab = make_tab()
    assert tab.start(InterviewConfig(count=2))
    seen: list[tuple[str, Qt.TextFormat]] = []

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.objectName(), box.textFormat()))
            box.button(QMessageBox.StandardButton.No).click()
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    tab.end_early()
    assert seen == [("interviewConfirm", Qt.TextFormat.PlainText)]
    assert tab.runner.active  # "No" keeps answering


def two_interrupted(context) -> list[int]:
    """Two sessions left running, as two app windows on one file (or an old crash) can leave them."""
    first, second = (c.id for c in context.interviews.candidates()[:2])
    older = context.interviews.create(InterviewConfig(count=1), [PlannedItem(first, 300)], 300)
    newer = context.interviews.create(InterviewConfig(count=1), [PlannedItem(second, 300)], 300)
    return [older.id, newer.id]


def test_each_interrupted_interview_is_offered_in_turn_when_abandoning(make_tab, context, db_path):
    older, newer = two_interrupted(context)
    tab = make_tab()
    banner = tab.findChild(object, "interviewResumeBanner")
    start = tab.findChild(QPushButton, "interviewStart")
    assert banner.isVisible() and not start.isEnabled()
    assert "1 more interrupted interview" in tab.findChild(QLabel, "interviewResumeText").text()
    tab.findChild(QPushButton, "interviewAbandon").click()
    assert rows(db_path, "SELECT status FROM interview_sessions WHERE id = ?", (newer,))[0][0] == "abandoned"
    # the older one is offered next: Start stays blocked, and the banner says why
    assert banner.isVisible() and not start.isEnabled()
    assert "more interrupted" not in tab.findChild(QLabel, "interviewResumeText").text()
    assert not tab.start()
    tab.findChild(QPushButton, "interviewAbandon").click()
    assert rows(db_path, "SELECT status FROM interview_sessions WHERE id = ?", (older,))[0][0] == "abandoned"
    assert not banner.isVisible() and start.isEnabled()
    assert tab.start(InterviewConfig(count=1))


def test_after_resuming_one_the_next_interrupted_interview_is_offered(make_tab, context, db_path):
    older, newer = two_interrupted(context)
    tab = make_tab()
    banner = tab.findChild(object, "interviewResumeBanner")
    tab.findChild(QPushButton, "interviewResume").click()
    assert tab.runner.active and tab.runner.record.id == newer and not banner.isVisible()
    tab.runner.end()
    tab.review.done.click()  # Done: the summary
    assert tab.pages.currentWidget() is tab.review and tab.review.stack.currentWidget() is tab.review.summary
    tab.review.done.click()  # back to the set-up
    assert tab.pages.currentWidget() is tab.setup
    assert banner.isVisible() and not tab.findChild(QPushButton, "interviewStart").isEnabled()
    tab.findChild(QPushButton, "interviewResume").click()
    assert tab.runner.active and tab.runner.record.id == older
    assert context.interviews.load(newer).status is SessionStatus.COMPLETED


def test_a_huge_answer_is_reviewed_a_first_part_at_a_time_without_freezing(qtbot, make_tab):
    from tests.ui.stall_meter import StallMeter

    tab = make_tab()
    assert tab.start(InterviewConfig(count=1))
    huge = "\n\n".join(f"Point {i}: the loss term $w_{{{i}}}^2$ shrinks weight {i}." for i in range(6_000))
    with StallMeter() as meter:
        answer_and_finish(tab, huge)
        shown = tab.review.item_review.your_answer
        assert "Point 0:" in shown.toPlainText() and "Point 5999" not in shown.toPlainText()
        assert "This answer is long" in shown.toPlainText()
        assert "$w_{0}^2$" in shown.toPlainText() or 'src="mlmath:' in shown.toHtml()  # as written, or drawn
        qtbot.waitUntil(lambda: "$w_{" not in shown.toPlainText(), timeout=60_000)  # then every one drawn
    assert 'src="mlmath:' in shown.toHtml()
    assert meter.longest < 5.0, f"stalled {meter.longest:.1f} s"  # generous: the first part's math took ~2 s


def test_ending_an_interview_shows_the_review_item_once(make_tab, monkeypatch):
    """show_record set the list's row (whose signal showed the item) and then showed it again:
    a 300 KB answer was rendered twice in the turn that ends the interview (~45 ms each)."""
    from mlprep_desktop.ui.interview.review_page import ReviewPage

    shown: list[int] = []
    real = ReviewPage._render_item
    monkeypatch.setattr(ReviewPage, "_render_item", lambda self, item, q: shown.append(item.id) or real(self, item, q))
    tab = make_tab()
    assert tab.start(InterviewConfig(count=1))
    answer_and_finish(tab, "A short answer with $x^2$.")
    assert len(shown) == 1 and tab.review.list.currentRow() == 1
    assert "A short answer" in tab.review.item_review.your_answer.toPlainText()
    tab.review.step(1)  # the list still moves through the summary and the questions
    assert tab.review.stack.currentWidget() is tab.review.summary
    tab.review.step(1)
    assert tab.review.stack.currentWidget() is tab.review.item_review and len(shown) == 2


def test_the_first_formula_of_the_process_is_not_loaded_on_the_gui_thread(qtbot, monkeypatch):
    """Loading ziamath and its font (~0.2-0.3 s) was done by the first formula drawn, in one
    turn of the event loop; the prerenderer now has it loaded on a background thread, waits,
    then draws on the GUI thread as before."""
    import threading

    from mlprep_desktop.rendering import math_svg
    from mlprep_desktop.rendering.markdown_html import MarkdownRenderer
    from mlprep_desktop.ui.widgets.math_prerenderer import MathPrerenderer

    monkeypatch.setattr(math_svg, "_ziamath", None)  # as in a process that drew nothing yet
    monkeypatch.setattr(math_svg, "_cache", math_svg._MathCache(math_svg.CACHE_SIZE))
    loaded_on: list[str] = []
    real = math_svg._ziamath_module
    monkeypatch.setattr(math_svg, "_ziamath_module",
                        lambda: loaded_on.append(threading.current_thread().name) or real())
    pending = MarkdownRenderer().render("Loss $a^2$ and $$b_1 + c$$", math_budget=10.0).pending_math
    assert len(pending) == 2 and not math_svg.drawing_ready()
    prerenderer = MathPrerenderer()
    with qtbot.waitSignal(prerenderer.finished, timeout=30_000):
        prerenderer.start(pending)
    assert loaded_on and loaded_on[0] != threading.main_thread().name  # loaded off the GUI thread
    assert math_svg.drawing_ready() and all(math_svg.is_cached(latex, display, color)
                                            for latex, display, color in pending)


def test_key_points_share_the_review_math_budget_and_are_drawn_after_it(qtbot, make_tab, context, monkeypatch):
    """The key points were drawn without a math budget: the process's first formula loaded
    ziamath (~0.3 s) in the turn that ends the interview. They now leave what the budget does
    not cover to the prerenderer and are drawn again when it is done."""
    from PySide6.QtWidgets import QTextBrowser

    from mlprep_desktop.rendering import math_svg

    with_math = next(q for c in context.interviews.candidates()
                     if (q := context.questions.get(c.id)) and any("$" in k for k in q.key_points))
    index = next(n for n, k in enumerate(with_math.key_points) if "$" in k)
    context.interviews.create(InterviewConfig(count=1), [PlannedItem(with_math.id, 300)], 300)
    tab = make_tab()
    tab.findChild(QPushButton, "interviewResume").click()
    monkeypatch.setattr(math_svg, "_ziamath", None)  # as in a process that drew nothing yet
    monkeypatch.setattr(math_svg, "_cache", math_svg._MathCache(math_svg.CACHE_SIZE))
    tab.running.answer.setPlainText("Not much of an answer.")
    tab.runner.end()
    review = tab.review.item_review
    assert review.pending_math and not math_svg.drawing_ready()  # left to the prerenderer
    text = [w for w in review.findChildren(QTextBrowser, f"interviewKeyPointText{index}") if w.isVisible()]
    assert len(text) == 1
    qtbot.waitUntil(lambda: 'src="mlmath:' in text[0].toHtml(), timeout=30_000)
    assert "$" not in text[0].toPlainText()


def test_a_finish_the_disk_refuses_puts_the_interview_back_paused_and_loses_nothing(make_tab, context, db_path):
    tab = make_tab()
    assert tab.start(InterviewConfig(count=2))
    errors: list[str] = []
    tab.operations.error_occurred.connect(errors.append)
    context.database.conn.execute(
        "CREATE TEMP TRIGGER refuse_finish BEFORE UPDATE OF status ON interview_sessions "
        "WHEN NEW.status = 'reviewing' BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    tab.running.answer.setPlainText("an answer worth keeping")
    tab.runner.end()
    assert len(errors) == 1 and "disk full" in errors[0]
    assert tab.pages.currentWidget() is tab.running and tab.runner.active
    assert tab.runner.session.status is SessionStatus.PAUSED
    assert tab.running.answer.toPlainText() == "an answer worth keeping"
    assert rows(db_path, "SELECT status FROM interview_sessions")[0][0] == "running"

    context.database.conn.execute("DROP TRIGGER refuse_finish")
    tab.runner.end()
    assert tab.pages.currentWidget() is tab.review
    assert rows(db_path, "SELECT status FROM interview_sessions")[0][0] == "reviewing"
    assert rows(db_path, "SELECT answer FROM interview_items ORDER BY position")[0][0] == "an answer worth keeping"


def test_a_long_answer_is_graded_ahead_once_typing_pauses(qtbot, make_tab, monkeypatch):
    """The stems of a long answer are worked out on a background thread when typing pauses, so
    the turn that ends the interview does not (~40 ms for 300 KB); the ticks are the same."""
    import threading

    from mlprep_desktop.core import grading

    calls: list[bool] = []  # for each answer worked out: on the GUI thread?
    real = grading._stems_of
    monkeypatch.setattr(grading, "_stems_of",
                        lambda text: calls.append(threading.current_thread() is threading.main_thread())
                        or real(text))
    tab = make_tab()
    assert tab.start(InterviewConfig(count=1))
    long_answer = "\n\n".join(f"Point {i}: the loss term $w_{{{i}}}^2$ shrinks weight {i}." for i in range(1_000))
    assert len(long_answer) >= tab.runner.PRIME_STEMS_CHARS
    tab.running.answer.setPlainText(long_answer)
    qtbot.waitUntil(lambda: calls == [False] and not tab.runner._priming.is_alive(), timeout=30_000)
    tab.runner.end()
    assert tab.pages.currentWidget() is tab.review
    assert calls == [False], calls  # ending graded and showed it without working it out again
    question = tab.runner.record.items[0].question_id
    points = tab._ctx.questions.get(question).key_points
    expected = [m.is_match for m in grading.grade_answer(long_answer, points)]
    rows = tab.review.item_review._rows
    assert len(rows) == len(points) > 0 and [row.box.isChecked() for row in rows] == expected
