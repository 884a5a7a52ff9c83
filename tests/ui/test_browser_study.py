"""Browse and the study loop, as a user meets them: the status filters Due, Learning, Mastered
and Mistakes show the questions rated that way, the Status column gives the next review's
date, and both hold after a restart."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTableView

from mlprep_desktop.app import create_main_window
from mlprep_desktop.core.clock import FixedClock
from mlprep_desktop.ui.browser.question_table_model import ID_ROLE
from tests.ui.interview_helpers import FakeClock, find, rows

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# Four clustering questions, each rated its own way
AGAIN, GOOD, EASY, HARD = ("dbscan-explained", "kmeans-limitations", "choosing-number-of-clusters",
                           "hierarchical-clustering-linkage")
STATUS_COLUMN = 4


@pytest.fixture
def study_clock():
    return FixedClock(T0)


@pytest.fixture
def open_browse(qtbot, db_path, study_clock):
    """open_browse() opens the window on the Browse tab, showing the clustering questions."""

    def _open():
        window = create_main_window(db_path, clock=FakeClock(), study_clock=study_clock)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.show_tab(window.browser)
        choose(window, "topicFilter", "clustering")
        return window

    return _open


def choose(window, combo_name: str, value: str | None) -> None:
    combo = find(window, QComboBox, combo_name)
    combo.setCurrentIndex(combo.findData(value))


def shown(window) -> set[str]:
    model = find(window, QTableView, "questionTable").model()
    return {model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())}


def status_of(window, question_id: str) -> str:
    model = find(window, QTableView, "questionTable").model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(ID_ROLE) == question_id)
    return model.index(row, STATUS_COLUMN).data()


def rate(qtbot, window, question_id: str, key: int) -> None:
    """Click the question's row, Space shows the answer, a digit rates it."""
    table = find(window, QTableView, "questionTable")
    model = table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(ID_ROLE) == question_id)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(model.index(row, 0)).center())
    assert window.browser.current_question.id == question_id
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert window.browser.revealed
    qtbot.keyClick(table, Qt.Key.Key_0 + key)


def with_status(window, status: str) -> set[str]:
    choose(window, "statusFilter", status)
    found = shown(window)
    choose(window, "statusFilter", None)
    return found


def due_text(db_path, question_id: str) -> str:
    """The next review's local date as the Status column should give it, read from the file."""
    due = rows(db_path, "SELECT due FROM card_state WHERE question_id = ?", (question_id,))[0]["due"]
    day = datetime.fromisoformat(due.replace("Z", "+00:00")).astimezone()
    return f"due {day.day} {day:%b}"


def test_status_filters_and_the_next_due_date_in_browse_survive_a_restart(qtbot, open_browse, db_path,
                                                                          study_clock):
    window = open_browse()
    assert with_status(window, "due") == set() and with_status(window, "mastered") == set()
    rate(qtbot, window, EASY, 4)  # known well on day one
    assert status_of(window, EASY) == f"Easy · {due_text(db_path, EASY)}" != "Easy · due today"
    window.close()

    study_clock.advance(days=20)  # three weeks later: the first question's review has come due
    window = open_browse()
    assert with_status(window, "due") == {EASY}
    assert status_of(window, EASY) == "Easy · due today"
    rate(qtbot, window, EASY, 4)  # still known: mastered
    rate(qtbot, window, AGAIN, 1)
    rate(qtbot, window, GOOD, 3)
    rate(qtbot, window, HARD, 2)

    def check() -> None:
        assert with_status(window, "due") == {AGAIN, HARD}  # back within minutes (learning steps)
        assert with_status(window, "learning") == {AGAIN, HARD}
        assert with_status(window, "mastered") == {EASY}
        assert with_status(window, "mistakes") == {AGAIN, HARD}  # rated Again/Hard, nothing better since
        assert status_of(window, AGAIN) == "Again · due today"
        assert status_of(window, HARD) == "Hard · due today"
        assert status_of(window, GOOD) == f"Good · {due_text(db_path, GOOD)}" != "Good · due today"
        assert status_of(window, EASY) == f"Easy · {due_text(db_path, EASY)}"
        assert status_of(window, "kmeans-convergence") == "New"

    check()
    window.close()
    window = open_browse()  # restart: the same, read from the file
    check()
    stability = rows(db_path, "SELECT stability FROM card_state WHERE question_id = ?", (EASY,))[0]["stability"]
    assert stability >= 21  # mastered: remembered three weeks or more
    assert datetime.fromisoformat(rows(db_path, "SELECT due FROM card_state WHERE question_id = ?", (EASY,))[0][
        "due"].replace("Z", "+00:00")) > study_clock.now() + timedelta(days=21)

    study_clock.advance(days=1)  # the next day (the window still open)
    rate(qtbot, window, AGAIN, 3)  # Good since its Again: no longer a mistake, out of learning
    rate(qtbot, window, GOOD, 2)  # a review that was hard: a mistake, though it stays a review
    assert with_status(window, "mistakes") == {HARD, GOOD}
    assert with_status(window, "learning") == {HARD}
