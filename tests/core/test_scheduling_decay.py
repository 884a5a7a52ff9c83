"""Issue 16: a StudyScheduler imports fsrs when a card is first reviewed or read; the forgetting
curve of Today's progress (drawn at start-up) uses FSRS_DECAY, fsrs' default decay, until then."""
from __future__ import annotations

from datetime import UTC, datetime

import fsrs

from mlprep_desktop.core.models import Rating
from mlprep_desktop.core.scheduling import FSRS_DECAY, StudyScheduler, forgetting_curve, forgetting_curve_terms


def test_the_decay_used_before_fsrs_is_fsrs_default():
    assert fsrs.Scheduler().parameters[20] == FSRS_DECAY
    fresh = StudyScheduler()
    before = forgetting_curve_terms(fresh)
    assert "_fsrs" not in fresh.__dict__  # the curve did not need fsrs
    fresh.review(None, "q", Rating(3), datetime(2026, 1, 1, tzinfo=UTC))
    assert "_fsrs" in fresh.__dict__
    assert forgetting_curve_terms(fresh) == before


def test_the_curve_equals_the_schedulers_retrievability_before_and_after_fsrs_is_loaded():
    at = datetime(2026, 1, 1, tzinfo=UTC)
    card = StudyScheduler().review(None, "q", Rating(3), at)
    later = datetime(2026, 1, 11, tzinfo=UTC)
    curve = forgetting_curve(StudyScheduler())  # made before this scheduler loaded fsrs
    assert abs(curve(card.stability, 10) - StudyScheduler().retrievability(card, later)) < 1e-9
