"""30 days of study with an injected clock: FSRS intervals, the daily queue, the plan and an
interview date, all in pure core code."""
from __future__ import annotations

from datetime import timedelta

import pytest

from mlprep_desktop.core.models import TOPICS, Rating
from mlprep_desktop.core.scheduling import StudyScheduler
from tests.core.study_sim import START, Simulation, bank


def test_intervals_grow_with_good_and_easy_and_shrink_with_again():
    scheduler = StudyScheduler()
    at = START
    card = scheduler.review(None, "q", Rating.GOOD, at)
    intervals = []
    for rating in (Rating.GOOD, Rating.GOOD, Rating.EASY):
        at = card.due
        card = scheduler.review(card, "q", rating, at)
        intervals.append(card.due - at)
    assert intervals[0] < intervals[1] < intervals[2]
    assert intervals[0] >= timedelta(days=1)
    at = card.due
    lapsed = scheduler.review(card, "q", Rating.AGAIN, at)
    assert lapsed.due - at == timedelta(minutes=10)  # back in the same session
    assert lapsed.learning and lapsed.lapses == 1
    relearned = scheduler.review(lapsed, "q", Rating.GOOD, lapsed.due)
    assert relearned.due - lapsed.due < intervals[-1]  # the next interval shrank


def test_a_new_card_rated_again_comes_back_the_same_day_and_good_graduates():
    scheduler = StudyScheduler()
    again = scheduler.review(None, "q", Rating.AGAIN, START)
    assert again.learning and again.due == START + timedelta(minutes=10)
    good = scheduler.review(again, "q", Rating.GOOD, again.due)
    assert not good.learning and good.due - again.due >= timedelta(days=1)


def test_higher_retention_means_shorter_intervals():
    from mlprep_desktop.core.scheduling import SchedulePolicy

    loose = StudyScheduler(SchedulePolicy(retention=0.80)).review(None, "q", Rating.GOOD, START)
    tight = StudyScheduler(SchedulePolicy(retention=0.95)).review(None, "q", Rating.GOOD, START)
    assert tight.due < loose.due
    with pytest.raises(ValueError):
        SchedulePolicy(retention=0.5)


def test_replay_gives_the_same_card_as_reviewing_one_by_one():
    scheduler = StudyScheduler()
    card = None
    history = []
    at = START
    for rating in (1, 3, 3, 2, 4):
        card = scheduler.review(card, "q", rating, at)
        history.append((rating, at))
        at = card.due
    assert scheduler.replay("q", reversed(history)) == card


def test_thirty_days_queue_respects_the_goal_and_puts_due_reviews_first():
    sim = Simulation(goal=8)
    sim.run(30)
    for queue in sim.queues:
        assert queue.done + queue.remaining <= queue.target == 8
        if queue.new:  # new questions only once every due review has its place
            assert len(queue.reviews) == queue.due_left
    assert all(queue.done == 0 for queue in sim.queues)  # each day starts fresh
    per_day: dict = {}
    for question_id, _rating, at in sim.reviews:
        per_day.setdefault(at.date(), set()).add(question_id)
    assert len(per_day) == 30 and all(len(ids) <= 8 for ids in per_day.values())
    assert sum(1 for q in sim.queues if q.reviews) > 10  # reviews came due and were offered
    # due dates follow the ratings: the latest Again was followed by a same-day return
    for question_id, rating, at in sim.reviews:
        if rating == Rating.AGAIN:
            later = [a for q, _, a in sim.reviews if q == question_id and a > at]
            assert later and later[0].date() == at.date()


def test_new_questions_follow_the_plan_easier_first_and_mixed():
    sim = Simulation(goal=8)
    sim.run(1)
    first_day = [q for q, _, _ in sim.reviews]
    topics = {sim.topic_of[q] for q in first_day}
    week_one = set(sim.plan.weeks[0])
    assert topics <= week_one and len(topics) >= 6  # this week's topics, taking turns
    kinds = {next(c.type for c in sim.candidates if c.id == q) for q in first_day}
    assert len(kinds) >= 3  # a mix of types
    for q in first_day:
        level = next(c.difficulty for c in sim.candidates if c.id == q)
        assert level == "beginner"  # easier before harder within each topic


def test_with_an_interview_date_every_studied_question_is_reviewed_in_the_last_days():
    interview = (START + timedelta(days=30)).date()
    sim = Simulation(goal=8, interview=interview)
    sim.run(30)
    studied = {q for q, _, at in sim.reviews}
    final_pass = sim.policy().final_pass_start()
    assert final_pass is not None and final_pass.date() < interview
    reviewed_late = {q for q, _, at in sim.reviews if final_pass <= at < sim.policy().interview_start()}
    assert studied and studied <= reviewed_late
    # the plan reached every topic that has questions before the date
    with_questions = {c.topic for c in bank()}
    reached = {sim.topic_of[q] for q in studied}
    assert reached == with_questions
    assert {"behavioral", "causal-inference"} - reached == {"behavioral", "causal-inference"}
    assert len(with_questions) == len(TOPICS) - 2


def test_without_a_date_intervals_may_run_long():
    sim = Simulation(goal=8)
    sim.run(30)
    assert max(card.due for card in sim.cards.values()) > START + timedelta(days=34)
