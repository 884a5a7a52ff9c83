"""The study plan: the seed's four weeks over every topic, editable, squeezed before a date."""
from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest

from mlprep_desktop.core.models import TOPICS
from mlprep_desktop.core.study_plan import StudyPlan
from mlprep_desktop.core.study_progress import due_forecast, streaks

START = date(2026, 3, 2)


def test_default_plan_is_four_weeks_covering_every_topic_once():
    plan = StudyPlan.default(START)
    assert len(plan.weeks) == 4
    flat = [t for w in plan.weeks for t in w]
    assert sorted(flat) == sorted(TOPICS) and len(flat) == len(set(flat))
    assert "regression" in plan.weeks[0] and "classification" in plan.weeks[1]
    assert "clustering" in plan.weeks[2] and "neural-networks" in plan.weeks[3]
    assert "llm-training" in flat and "behavioral" in flat  # Bank 3 topics are planned too


def test_edits_keep_every_topic_covered():
    plan = StudyPlan.default(START)
    six = plan.with_weeks(6)
    assert len(six.weeks) == 6 and sorted(t for w in six.weeks for t in w) == sorted(TOPICS)
    assert six.weeks[0][0] == "fundamentals"  # plan order kept
    moved = plan.with_topic_in_week("behavioral", 0)
    assert "behavioral" in moved.weeks[0] and "behavioral" not in moved.weeks[3]
    broken = StudyPlan(START, (("regression", "regression", "nonsense"),)).normalized()
    assert broken.weeks[0].count("regression") == 1 and "nonsense" not in broken.weeks[0]
    assert sorted(broken.weeks[0]) == sorted(TOPICS)
    with pytest.raises(ValueError):
        plan.with_weeks(0)
    again = StudyPlan.from_json(moved.to_json(), START)
    assert again == moved
    assert StudyPlan.from_json("{not json", START) == StudyPlan.default(START)


def test_weeks_follow_the_calendar_and_an_interview_date_squeezes_them():
    plan = StudyPlan.default(START)
    assert plan.week_index(START) == 0 and plan.week_index(START + timedelta(days=8)) == 1
    assert plan.week_index(START + timedelta(days=100)) == 3
    assert plan.topic_tiers(START - timedelta(days=3))[0] == plan.weeks[0]
    current, earlier, later = plan.topic_tiers(START + timedelta(days=15))
    assert current == plan.weeks[2] and set(earlier) == set(plan.weeks[0] + plan.weeks[1])
    assert set(later) == set(plan.weeks[3])
    # 14 days to the last new day: the four weeks run at double speed
    until = START + timedelta(days=14)
    assert plan.week_index(START + timedelta(days=4), until) == 1
    assert plan.week_index(START + timedelta(days=11), until) == 3
    assert plan.topic_tiers(until, until)[0] == tuple(t for w in plan.weeks for t in w)


def test_streaks_and_forecast():
    today = date(2026, 3, 10)
    days = [today - timedelta(days=n) for n in (1, 2, 3, 6, 7, 8, 9, 10)]
    assert streaks(days, today) == streaks(days, today)
    s = streaks(days, today)
    assert (s.current, s.best) == (3, 5)  # today not studied yet: yesterday's run still counts
    assert streaks(days + [today], today).current == 4
    assert streaks([today - timedelta(days=2)], today).current == 0
    from datetime import datetime

    at = datetime(2026, 3, 10, 9, tzinfo=UTC)
    dues = [at - timedelta(days=3), at, at + timedelta(days=1), at + timedelta(days=20)]
    forecast = due_forecast(dues, today)
    assert len(forecast) == 14 and forecast[0] == 2 and forecast[1] == 1 and sum(forecast) == 3
