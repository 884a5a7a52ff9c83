"""The study plan as a user edits it: Today's "Edit plan…" dialog (number of weeks, the week of a
topic, the start date) is saved, shapes today's queue, and is still there after a restart."""
from __future__ import annotations

import json

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QDialogButtonBox, QPushButton, QSpinBox

from mlprep_desktop.ui.today.plan_dialog import PlanDialog
from tests.ui.interview_helpers import find, rows
from tests.ui.test_today import label, open_today, study_clock  # noqa: F401 (fixtures)

# 26 weeks spread the plan's 30 topics one or two a week, in plan order: week 5 is Probability
WEEK_5 = {"probability", "behavioral"}  # ... and Behavioral, moved there from the last week
WEEKS_1_TO_4 = {"fundamentals", "data-preparation", "imbalanced-data", "regression"}


def when_dialog_opens(action) -> list[PlanDialog]:
    """Run ``action(dialog)`` once the plan dialog is up (it is modal: ``exec`` blocks)."""
    seen: list[PlanDialog] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PlanDialog) and dialog.isVisible():
            seen.append(dialog)
            try:
                action(dialog)
            finally:  # a failed check must not leave exec() waiting for ever
                if dialog.isVisible():
                    dialog.reject()
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return seen


def queue_topics(window) -> list[str]:
    """The topics of today's queue, in order (due reviews, then new questions)."""
    state = window.today.state
    return [window.context.questions.get(q).topic for q in (*state.queue.reviews, *state.queue.new)]


def follows_the_plan(topics: list[str]) -> bool:
    """This week's topics first, then catching up on earlier weeks; nothing from later weeks."""
    return set(topics[:2]) == WEEK_5 and set(topics) <= WEEK_5 | WEEKS_1_TO_4


def test_the_edited_plan_is_saved_and_todays_queue_follows_it_after_a_restart(qtbot, open_today,  # noqa: F811
                                                                             db_path):
    window = open_today()
    assert label(window, "todayPlanLabel").startswith("Plan week 1 of 4: Fundamentals, Data preparation")
    assert "behavioral" not in queue_topics(window)  # the default week 1: no behavioural questions yet

    def edit(dialog: PlanDialog) -> None:
        weeks = find(dialog, QSpinBox, "planWeeks")
        weeks.setFocus()
        weeks.selectAll()
        qtbot.keyClicks(weeks, "26")
        behavioral = find(dialog, QComboBox, "planWeek_behavioral")
        assert behavioral.currentText() == "Week 26"  # the last topic in the last week
        behavioral.setFocus()
        qtbot.keyClick(behavioral, Qt.Key.Key_Home)  # Week 1 ...
        for _ in range(4):
            qtbot.keyClick(behavioral, Qt.Key.Key_Down)  # ... Week 5
        start = find(dialog, QDateEdit, "planStart")
        assert start.date() == QDate(2026, 3, 2)  # the Monday of the first day studied (today)
        start.setFocus()
        start.setCurrentSection(QDateEdit.Section.MonthSection)
        qtbot.keyClick(start, Qt.Key.Key_Down)  # a month earlier, 2 Feb: today is in the plan's fifth week
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    opened = when_dialog_opens(edit)
    qtbot.mouseClick(find(window, QPushButton, "todayEditPlan"), Qt.MouseButton.LeftButton)
    assert opened, "the plan dialog did not open"

    expected_line = "Plan week 5 of 26: Probability, Behavioural & projects."
    assert label(window, "todayPlanLabel") == expected_line
    assert follows_the_plan(queue_topics(window)), queue_topics(window)
    assert label(window, "todayProgress") == "0 of 8 done · 0 due · 8 new"
    stored = json.loads(json.loads(rows(db_path, "SELECT value FROM settings WHERE key = 'study.plan'")[0]["value"]))
    assert stored["start"] == "2026-02-02" and len(stored["weeks"]) == 26
    assert stored["weeks"][4] == ["probability", "behavioral"] and "behavioral" not in stored["weeks"][25]
    window.close()

    window = open_today()  # restart: the same plan, and Start shows a question of this week's topics
    assert label(window, "todayPlanLabel") == expected_line
    assert follows_the_plan(queue_topics(window)), queue_topics(window)
    qtbot.keyClick(find(window, QPushButton, "todayStart"), Qt.Key.Key_Return)
    assert window.today.in_session and window.today.current_question.topic in WEEK_5
    info = label(window, "todaySessionInfo")  # what the user reads: "… · this one: new · Probability"
    assert "this one: new" in info and info.endswith(("Probability", "Behavioural & projects")), info

    def look(dialog: PlanDialog) -> None:  # the dialog opens on the saved plan; Cancel keeps it
        assert find(dialog, QSpinBox, "planWeeks").value() == 26
        assert find(dialog, QComboBox, "planWeek_behavioral").currentText() == "Week 5"
        assert find(dialog, QDateEdit, "planStart").date() == QDate(2026, 2, 2)
        dialog.reject()

    window.today.leave_session()
    opened = when_dialog_opens(look)
    qtbot.mouseClick(find(window, QPushButton, "todayEditPlan"), Qt.MouseButton.LeftButton)
    assert opened
    assert label(window, "todayPlanLabel") == expected_line
