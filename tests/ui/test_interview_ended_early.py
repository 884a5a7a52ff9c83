"""Issue 18 item 5: ending an interview early. The session is marked ended early in the database
and the history, only what was answered is scored (questions never reached are "not scored",
not 0 %), and "Flag weak questions" never offers a question the candidate did not see."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QTableView

from mlprep_desktop.core.interview_models import InterviewConfig, SessionStatus
from mlprep_desktop.ui.interview.interview_tab import InterviewTab
from mlprep_desktop.ui.operation_runner import OperationRunner
from tests.ui.interview_helpers import FakeClock, rows, session_row


@pytest.fixture
def tab(qtbot, context):
    tab = InterviewTab(context, OperationRunner(), clock=FakeClock())
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def test_an_interview_ended_early_scores_only_what_was_answered(tab, context, db_path):
    assert tab.start(InterviewConfig(count=3))
    first = tab.runner.record.items[0]
    question = context.questions.get(first.question_id)
    tab.running.answer.setPlainText(question.answer)  # the model answer: a strong first answer
    tab.runner.end()  # ended on question 1 of 3
    assert tab.pages.currentWidget() is tab.review

    session = session_row(db_path)
    assert session["ended_early"] == 1 and session["status"] == "reviewing"
    statuses = [r["status"] for r in rows(db_path, "SELECT status FROM interview_items ORDER BY position")]
    assert statuses == ["answered", "pending", "pending"]

    review = tab.review
    item = review.item_review
    for kind in ("accuracy", "communication"):
        item.set_score(kind, 4)
    tab.findChild(QPushButton, "interviewDone").click()
    summary = review.summary
    score = summary.findChild(QLabel, "interviewScore").text()
    assert score != "0%" and int(score.rstrip("%")) >= 60  # the unreached two do not drag it down
    assert "Ended early: 1 of 3 questions scored" in summary.findChild(QLabel, "interviewSummaryDetails").text()
    table = summary.findChild(QTableView, "interviewSummaryTable")
    assert [table.model().index(r, 6).data() for r in (1, 2)] == ["not scored", "not scored"]
    # never offers to flag a question that was not seen
    assert summary.weak_question_ids() == []
    assert not summary.findChild(QPushButton, "interviewFlagWeak").isEnabled()
    assert "not scored" in review.list.item(2).text()

    # the history says so after a restart of the tab's data
    record = context.interviews.history()[0]
    assert record.ended_early and record.status is SessionStatus.COMPLETED
    tab.findChild(QPushButton, "interviewDone").click()  # back to the set-up and the history
    history = tab.findChild(QTableView, "interviewHistory").model()
    assert history.index(0, 4).data() == "Completed · ended early"
    assert history.index(0, 2).data() == score


def test_an_interview_ended_early_with_nothing_answered_has_no_score_and_flags_nothing(tab, db_path):
    assert tab.start(InterviewConfig(count=3))
    tab.runner.end()
    assert session_row(db_path)["ended_early"] == 1
    summary = tab.review.summary
    tab.review.show_summary()
    assert summary.findChild(QLabel, "interviewScore").text() == "–"
    assert summary.weak_question_ids() == []


def test_an_interview_answered_to_the_end_is_not_ended_early(tab, db_path):
    assert tab.start(InterviewConfig(count=2))
    tab.runner.next()
    tab.runner.next()  # Finish on the last question: everything was reached
    assert tab.pages.currentWidget() is tab.review
    assert session_row(db_path)["ended_early"] == 0
    tab.review.show_summary()
    assert len(tab.review.summary.weak_question_ids()) == 2  # seen and not answered: weak, as before
