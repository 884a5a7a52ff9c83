"""The one helper that runs a write from the UI: a change is passed on, a refusal is told."""
from __future__ import annotations

from mlprep_desktop.services.changes import NO_CHANGE, Change, ChangeKind, Outcome
from mlprep_desktop.services.errors import NotYet, OperationError, WriteError
from mlprep_desktop.ui.operation_runner import OperationRunner


def test_a_change_is_emitted_with_its_source(qtbot):
    runner = OperationRunner()
    change = Change.of(ChangeKind.STUDY_STATE, question_ids=["q"])
    with qtbot.waitSignal(runner.changed) as blocker:
        outcome = runner.run(lambda: Outcome(42, change), source=runner)
    assert outcome is not None and outcome.value == 42
    assert blocker.args == [change, runner]


def test_no_change_emits_nothing(qtbot):
    runner = OperationRunner()
    with qtbot.assertNotEmitted(runner.changed):
        assert runner.run(lambda: Outcome("x", NO_CHANGE)).value == "x"


def test_a_refused_write_is_told_and_the_widget_put_back(qtbot):
    runner = OperationRunner()
    undone: list[str] = []

    def fails() -> Outcome[None]:
        raise WriteError("The disk is full; your text is kept on screen.")

    with qtbot.waitSignal(runner.error_occurred) as blocker, qtbot.assertNotEmitted(runner.changed):
        assert runner.run(fails, on_error=undone.append) is None
    assert blocker.args == ["The disk is full; your text is kept on screen."]
    assert undone == ["The disk is full; your text is kept on screen."]


def test_a_rule_refusal_is_told_too(qtbot):
    runner = OperationRunner()

    def refuses() -> Outcome[None]:
        raise OperationError("Show the answer first.")

    with qtbot.waitSignal(runner.error_occurred) as blocker:
        assert runner.run(refuses) is None
    assert blocker.args == ["Show the answer first."]


def test_a_step_to_take_first_is_a_notice_not_an_error(qtbot):
    runner = OperationRunner()

    def not_yet() -> Outcome[None]:
        raise NotYet("Show the answer first, then rate how well you knew it.")

    with qtbot.waitSignal(runner.notice) as blocker, qtbot.assertNotEmitted(runner.error_occurred):
        assert runner.run(not_yet) is None
    assert blocker.args == ["Show the answer first, then rate how well you knew it."]


def test_publish_passes_on_a_change_made_elsewhere_and_ignores_no_change(qtbot):
    runner = OperationRunner()
    change = Change.of(ChangeKind.ANSWERS, question_ids=["q"])
    with qtbot.waitSignal(runner.changed) as blocker:
        runner.publish(change, runner)
    assert blocker.args == [change, runner]
    with qtbot.assertNotEmitted(runner.changed):
        runner.publish(NO_CHANGE)
