"""Studying a question: reveal before rating, time spent from the injected clock, one change each."""
from __future__ import annotations

import pytest

from mlprep_desktop.core.models import Rating
from mlprep_desktop.services.changes import ChangeKind
from mlprep_desktop.services.errors import NotYet

QID = "alpha-question"


def seconds_spent(ctx, question_id: str) -> list[float | None]:
    rows = ctx.database.query("SELECT seconds_spent FROM reviews WHERE question_id = ? ORDER BY id", (question_id,))
    return [r[0] for r in rows]


def test_a_rating_needs_the_answer_revealed_first(ctx):
    card = ctx.study_ops.show(QID)
    with pytest.raises(NotYet, match="Show the answer first"):
        ctx.study_ops.rate_card(card, Rating.GOOD)
    assert seconds_spent(ctx, QID) == []


def test_a_rating_records_the_time_since_the_question_was_shown(ctx, clock):
    card = ctx.study_ops.show(QID)
    clock.advance(42.5)
    revealed = ctx.study_ops.toggle_reveal(card)
    assert revealed.change.kinds == {ChangeKind.STUDY_STATE} and revealed.change.question_ids == {QID}
    assert ctx.study.state(QID).seen_at is not None
    clock.advance(7.5)
    outcome = ctx.study_ops.rate_card(revealed.value, Rating.GOOD)
    assert seconds_spent(ctx, QID) == [50.0]
    assert outcome.value.last_rating == int(Rating.GOOD) and outcome.value.review_count == 1
    assert outcome.change.kinds == {ChangeKind.STUDY_STATE} and outcome.change.question_ids == {QID}


def test_hiding_the_answer_again_writes_nothing_and_blocks_rating(ctx):
    shown = ctx.study_ops.toggle_reveal(ctx.study_ops.show(QID)).value
    hidden = ctx.study_ops.toggle_reveal(shown)
    assert not hidden.value.revealed and not hidden.change
    with pytest.raises(NotYet):
        ctx.study_ops.rate_card(hidden.value, Rating.EASY)


def test_flag_all_flags_only_the_unflagged_in_one_change(ctx):
    ctx.study_ops.set_flag("beta-question", True)
    outcome = ctx.study_ops.flag_all(["alpha-question", "beta-question", "gamma-question"])
    assert outcome.value == ["alpha-question", "gamma-question"]
    assert outcome.change.kinds == {ChangeKind.STUDY_STATE}
    assert outcome.change.question_ids == {"alpha-question", "gamma-question"}
    assert all(ctx.study.state(q).flagged for q in ("alpha-question", "beta-question", "gamma-question"))
    again = ctx.study_ops.flag_all(["alpha-question"])
    assert again.value == [] and not again.change


def test_saving_a_draft_reports_answers(ctx):
    outcome = ctx.study_ops.save_answer(QID, "my words")
    assert ctx.study.answer(QID) == "my words"
    assert outcome.change.kinds == {ChangeKind.ANSWERS} and outcome.change.question_ids == {QID}
