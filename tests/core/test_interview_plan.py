"""Choosing an interview's questions and budgets; scoring its review."""
from __future__ import annotations

import random
from collections import Counter

import pytest

from mlprep_desktop.core.interview_models import (
    Candidate,
    CandidateGroup,
    InterviewConfig,
    InterviewItem,
    InterviewRecord,
    ItemStatus,
    KeyPointCheck,
    SessionStatus,
    Timing,
)
from mlprep_desktop.core.interview_plan import budgets, choose_questions, eligible, plan, pool_sizes
from mlprep_desktop.core.interview_summary import item_score, summarize


def bank() -> list[Candidate]:
    out = []
    for kind, n in (("theory", 6), ("math", 6), ("applied", 6), ("coding", 2)):
        for i in range(n):
            topic = ("fundamentals", "evaluation", "optimization")[i % 3]
            level = ("beginner", "intermediate", "advanced")[i % 3]
            out.append(Candidate(f"{kind}-{i}", kind, topic, level, minutes=4 + i % 3))
    return out


def test_balanced_takes_every_type_in_turn_including_coding():
    chosen = choose_questions(bank(), InterviewConfig(count=5), rng=random.Random(1))
    assert len(chosen) == 5 and len({c.id for c in chosen}) == 5
    assert Counter(c.type for c in chosen) == {"theory": 2, "math": 1, "applied": 1, "coding": 1}
    without_coding = [c for c in bank() if c.type != "coding"]
    chosen = choose_questions(without_coding, InterviewConfig(count=6), rng=random.Random(1))
    assert Counter(c.type for c in chosen) == {"theory": 2, "math": 2, "applied": 2}


def test_chosen_types_topics_and_difficulty_filter_the_pool():
    config = InterviewConfig(count=10, types=("math",), topics=("evaluation",), difficulty="intermediate")
    chosen = choose_questions(bank(), config, rng=random.Random(2))
    assert chosen and all(c.type == "math" and c.topic == "evaluation" and c.difficulty == "intermediate"
                          for c in chosen)
    assert len(chosen) == len(eligible(bank(), config)) == 2  # fewer than asked: all that fit


def test_pool_sizes_count_per_group_what_eligible_lists():
    recent = {"theory-0", "theory-3", "math-1", "coding-1"}
    groups: dict[tuple[str, str, str], list[int]] = {}
    for c in bank():
        counts = groups.setdefault((c.type, c.topic, c.difficulty), [0, 0])
        counts[0] += 1
        counts[1] += c.id in recent
    summary = [CandidateGroup(*key, count, answered) for key, (count, answered) in groups.items()]
    configs = [InterviewConfig(), InterviewConfig(types=("theory", "coding")), InterviewConfig(topics=("evaluation",)),
               InterviewConfig(difficulty="beginner"), InterviewConfig(types=("math",), topics=("optimization",),
                                                                       difficulty="advanced"),
               InterviewConfig(types=("coding",), difficulty="advanced")]
    for config in configs:
        pool = eligible(bank(), config)
        assert pool_sizes(summary, config) == (len(pool), len([c for c in pool if c.id not in recent])), config
    assert pool_sizes([], InterviewConfig()) == (0, 0)


def test_questions_prefer_unused_topics_and_come_easiest_first():
    chosen = choose_questions(bank(), InterviewConfig(count=3), rng=random.Random(3))
    assert len({c.topic for c in chosen}) == 3
    levels = ["beginner", "intermediate", "advanced"]
    assert [levels.index(c.difficulty) for c in chosen] == sorted(levels.index(c.difficulty) for c in chosen)


def test_recent_questions_are_avoided_unless_nothing_else_fits():
    pool = bank()
    recent = {"coding-0", "coding-1", "math-0", "math-1", "math-2"}
    for seed in range(20):
        chosen = choose_questions(pool, InterviewConfig(count=3, types=("coding", "math")), recent,
                                  rng=random.Random(seed))
        assert not {c.id for c in chosen} & recent  # fresh math beats a repeated coding question
        chosen = choose_questions(pool, InterviewConfig(count=4, types=("coding", "math")), recent,
                                  rng=random.Random(seed))
        assert len({c.id for c in chosen} & recent) == 1  # three fresh ones, then one repeat
    only_recent = InterviewConfig(count=3, types=("coding",))
    chosen = choose_questions(pool, only_recent, {"coding-0"}, rng=random.Random(0))
    assert sorted(c.id for c in chosen) == ["coding-0", "coding-1"]  # the repeat: nothing else fits


def test_budgets_for_each_timing():
    qs = [Candidate("a", "theory", "t", "beginner", 5), Candidate("b", "math", "t", "beginner", 10)]
    assert budgets(qs, InterviewConfig(timing=Timing.QUESTION_MINUTES)) == [300, 600]
    assert budgets(qs, InterviewConfig(timing=Timing.FIXED, fixed_minutes=7)) == [420, 420]
    shared = budgets(qs, InterviewConfig(timing=Timing.TOTAL, total_minutes=45))
    assert shared == pytest.approx([900, 1800]) and sum(shared) == pytest.approx(2700)
    items, total = plan(bank(), InterviewConfig(count=3, timing=Timing.TOTAL, total_minutes=30), rng=random.Random(0))
    assert len(items) == 3 and total == 1800 and sum(i.budget_seconds for i in items) == pytest.approx(1800)
    items, total = plan(bank(), InterviewConfig(count=2, timing=Timing.FIXED, fixed_minutes=3), rng=random.Random(0))
    assert total == 360


def test_config_defaults_clamp_and_json_round_trip():
    default = InterviewConfig()
    assert (default.count, default.balanced, default.timing, default.total_minutes) == (5, True, Timing.TOTAL, 45)
    assert InterviewConfig(count=99).count == 10 and InterviewConfig(count=0).count == 1
    config = InterviewConfig(count=3, types=("coding", "theory"), topics=("evaluation", "nope"), difficulty="advanced")
    assert config.types == ("theory", "coding") and config.topics == ("evaluation",)
    assert InterviewConfig.from_json(config.to_json()) == config
    assert InterviewConfig.from_json("not json") == InterviewConfig()
    assert InterviewConfig.from_json('{"count": "x"}') == InterviewConfig()


def _item(n, topic, ticked, total, acc=None, comm=None, elapsed=60.0, status=ItemStatus.ANSWERED):
    points = tuple(KeyPointCheck(f"p{i}", checked=i < ticked) for i in range(total))
    return InterviewItem(id=n, session_id=1, position=n, question_id=f"q{n}", budget_seconds=100,
                         elapsed_seconds=elapsed, status=status, key_points=points, accuracy=acc,
                         communication=comm, topic=topic)


def test_scores_weak_topics_and_weak_questions():
    strong = _item(1, "evaluation", 4, 4, acc=4, comm=4)
    middling = _item(2, "optimization", 2, 4, acc=3, comm=2, elapsed=130)
    skipped = _item(3, "probability", 0, 4, status=ItemStatus.SKIPPED, elapsed=5)
    assert item_score(strong) == 1.0
    assert item_score(middling) == pytest.approx((0.5 + 0.75 + 0.5) / 3)
    assert item_score(skipped) == 0.0
    record = InterviewRecord(id=1, started_at="", updated_at="", status=SessionStatus.REVIEWING,
                             config=InterviewConfig(), total_budget_seconds=300, items=(strong, middling, skipped))
    summary = summarize(record)
    assert summary.score == pytest.approx(100 * (1 + 1.75 / 3) / 3)
    assert (summary.key_points_ticked, summary.key_points_total) == (6, 12)
    assert summary.accuracy_mean == 3.5 and summary.communication_mean == 3.0
    assert (summary.answered, summary.skipped, summary.over_budget, summary.graded) == (2, 1, 1, 2)
    assert summary.elapsed_seconds == 195
    assert [t.topic for t in summary.weakest_topics] == ["probability", "optimization"]
    assert [i.id for i in summary.weak_items] == [2, 3]
