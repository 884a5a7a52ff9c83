"""Issue 18 item 7, on screen: the review ticks a key point written in other words and symbols
("Chain rule, cache forward values"; a plain-text δ recursion), and each key point says why it
was (not) ticked: a tooltip listing the words found and the words missing."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton

from mlprep_desktop.core.interview_models import InterviewConfig, PlannedItem
from mlprep_desktop.ui.interview.interview_tab import InterviewTab
from mlprep_desktop.ui.operation_runner import OperationRunner
from tests.ui.interview_helpers import FakeClock


@pytest.fixture
def review_backprop(qtbot, context):
    """Answer the bank's backpropagation question with ``text`` and open its review."""

    def _review(text: str):
        question = context.questions.get("backpropagation")
        assert question is not None and "chain rule" in question.key_points[0]
        context.interviews.create(InterviewConfig(count=1), [PlannedItem(question.id, 300)], 300)
        tab = InterviewTab(context, OperationRunner(), clock=FakeClock())
        qtbot.addWidget(tab)
        tab.show()
        qtbot.waitExposed(tab)
        tab.findChild(QPushButton, "interviewResume").click()
        tab.running.answer.setPlainText(text)
        tab.runner.end()
        return tab.review.item_review, question

    return _review


def shown(review, cls, name):
    found = [w for w in review.findChildren(cls, name) if w.isVisible()]
    assert len(found) == 1, name
    return found[0]


def test_chain_rule_and_a_plain_text_delta_recursion_are_ticked_and_say_why(review_backprop):
    review, question = review_backprop("Chain rule, cache forward values.\n\nδ_l = (W_{l+1}^T δ_{l+1}) ⊙ σ'(z_l)")
    delta_index = next(n for n, k in enumerate(question.key_points) if "\\delta" in k)
    assert shown(review, QCheckBox, "interviewKeyPoint0").isChecked()
    assert shown(review, QCheckBox, f"interviewKeyPoint{delta_index}").isChecked()

    why = shown(review, QLabel, "interviewKeyPointMatch0").toolTip()
    assert "Found 5 of its 11 words: chain, rule, cached, forward, values" in why
    assert "Missing: backpropagation" in why and "chain rule" in why
    assert why.splitlines()[-1].startswith("Ticked automatically")
    delta_why = shown(review, QLabel, f"interviewKeyPointMatch{delta_index}").toolTip()
    assert "delta" in delta_why.splitlines()[0] and "odot" in delta_why.splitlines()[0]
    assert "outer" in delta_why and "Missing:" in delta_why


def test_an_unticked_point_says_which_words_are_missing(review_backprop):
    review, question = review_backprop("We use the chain rule.")
    box = shown(review, QCheckBox, "interviewKeyPoint0")
    assert not box.isChecked()
    why = shown(review, QLabel, "interviewKeyPointMatch0").toolTip()
    assert why.startswith("Found 2 of its 11 words: chain, rule")
    assert "Missing: backpropagation, applied, layer, loss, backwards, reusing, cached, forward, values" in why
    assert why.splitlines()[-1].startswith("Not ticked automatically")
    assert box.parentWidget().toolTip() == why  # hovering anywhere on the row shows it
