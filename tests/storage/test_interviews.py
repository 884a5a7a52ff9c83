"""Interview sessions on disk: create, checkpoint the clock, answers, ticks, scores, history."""
from __future__ import annotations

import pytest

from mlprep_desktop.core.interview import InterviewSession, ItemClock
from mlprep_desktop.core.interview_models import (
    InterviewConfig,
    InterviewMode,
    ItemStatus,
    KeyPointCheck,
    PlannedItem,
    SessionStatus,
    Timing,
)
from mlprep_desktop.storage.database import open_database
from mlprep_desktop.storage.interviews import InterviewRepository
from mlprep_desktop.storage.schema import SCHEMA_VERSION

CONFIG = InterviewConfig(count=3, mode=InterviewMode.PRACTICE, timing=Timing.FIXED, fixed_minutes=2)
PLANNED = [PlannedItem("alpha-question", 120), PlannedItem("beta-question", 120), PlannedItem("gamma-question", 120)]


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def start(repo: InterviewRepository, clock: FakeClock):
    record = repo.create(CONFIG, PLANNED, 360)
    items = [ItemClock(i.id, i.budget_seconds) for i in record.items]
    return record, InterviewSession(items, record.total_budget_seconds, clock=clock)


def test_create_and_load_round_trip(db):
    repo = InterviewRepository(db)
    record = repo.create(CONFIG, PLANNED, 360)
    loaded = repo.load(record.id)
    assert loaded == record
    assert loaded.status is SessionStatus.RUNNING and loaded.config == CONFIG
    assert loaded.started_at.endswith("Z")
    assert [i.question_id for i in loaded.items] == ["alpha-question", "beta-question", "gamma-question"]
    assert [i.position for i in loaded.items] == [0, 1, 2]
    assert loaded.items[0].title == "What is alpha regularization?" and loaded.items[2].topic == "evaluation"
    assert repo.unfinished() == loaded
    assert repo.load(9999) is None
    with pytest.raises(ValueError):
        repo.create(CONFIG, [], 0)


def test_checkpoint_stores_the_clock_and_a_reopened_file_resumes_from_it(db, tmp_path, bundle):
    repo = InterviewRepository(db)
    clock = FakeClock()
    record, session = start(repo, clock)
    clock.now += 50
    session.next()
    clock.now += 20
    assert repo.checkpoint(record.id, session.snapshot())
    reopened = open_database(db.path, bundle)
    try:
        stored = InterviewRepository(reopened).unfinished()
    finally:
        reopened.close()
    assert stored.current_index == 1 and stored.elapsed_seconds == 70
    assert [i.elapsed_seconds for i in stored.items] == [50, 20, 0]
    assert [i.status for i in stored.items] == [ItemStatus.SEEN, ItemStatus.SEEN, ItemStatus.PENDING]
    restored = InterviewSession.restore(stored, clock=FakeClock())
    assert restored.question_countdown().remaining == 100


def test_answers_ticks_and_scores_land_at_once(db):
    repo = InterviewRepository(db)
    clock = FakeClock()
    record, session = start(repo, clock)
    first = record.items[0].id
    repo.save_answer(first, "Alpha shrinks weights.")
    assert repo.item(first).answer == "Alpha shrinks weights." and repo.item(first).status is ItemStatus.ANSWERED
    repo.save_answer(first, "")
    assert repo.item(first).status is ItemStatus.SEEN
    repo.save_answer(first, "Alpha shrinks weights.")
    repo.set_revealed(first)
    session.end()
    checks = {first: [KeyPointCheck("key point 0", ("key",), auto=True, checked=True), KeyPointCheck("other")]}
    repo.finish_answering(record.id, session.snapshot(), checks)
    loaded = repo.load(record.id)
    assert loaded.status is SessionStatus.REVIEWING and loaded.ended_at
    assert loaded.items[0].revealed and loaded.items[0].key_points == tuple(checks[first])
    item = repo.set_key_point(first, 1, True)
    assert [k.checked for k in item.key_points] == [True, True]
    item = repo.set_score(first, "accuracy", 3)
    item = repo.set_score(first, "communication", 4)
    assert (item.accuracy, item.communication) == (3, 4)
    assert repo.set_score(first, "accuracy", None).accuracy is None
    with pytest.raises(ValueError):
        repo.set_score(first, "accuracy", 5)
    with pytest.raises(ValueError):
        repo.set_score(first, "elegance", 2)
    with pytest.raises(IndexError):
        repo.set_key_point(first, 7, True)
    repo.complete(record.id)
    assert repo.load(record.id).status is SessionStatus.COMPLETED
    assert repo.unfinished() is None


def test_a_stale_checkpoint_cannot_revive_an_ended_session(db):
    repo = InterviewRepository(db)
    clock = FakeClock()
    record, session = start(repo, clock)
    repo.abandon(record.id)
    clock.now += 30
    assert repo.checkpoint(record.id, session.snapshot()) is False
    loaded = repo.load(record.id)
    assert loaded.status is SessionStatus.ABANDONED and loaded.elapsed_seconds == 0


def test_abandon_with_a_snapshot_keeps_the_time_and_history_lists_newest_first(db):
    repo = InterviewRepository(db)
    clock = FakeClock()
    first, session = start(repo, clock)
    clock.now += 12
    session.abandon()
    repo.abandon(first.id, session.snapshot())
    second = repo.create(CONFIG, PLANNED[:1], 120)
    history = repo.history()
    assert [r.id for r in history] == [second.id, first.id]
    assert history[1].status is SessionStatus.ABANDONED and history[1].elapsed_seconds == 12
    assert len(history[1].items) == 3 and len(history[0].items) == 1


def test_recent_answered_ids_look_at_the_last_three_sessions_only(db):
    repo = InterviewRepository(db)
    ids = []
    for question in ("alpha-question", "beta-question", "gamma-question", "alpha-question"):
        record = repo.create(CONFIG, [PlannedItem(question, 60)], 60)
        ids.append(record.items[0].id)
    repo.save_answer(ids[0], "old answer")  # session 1: not among the last three
    repo.save_answer(ids[1], "an answer")
    repo.save_answer(ids[2], "   ")  # blank: not answered
    assert repo.recent_answered_ids() == {"beta-question"}
    assert repo.recent_answered_ids(sessions=4) == {"alpha-question", "beta-question"}


def test_candidate_groups_count_active_questions_and_recent_answers(db):
    repo = InterviewRepository(db)
    with db.transaction() as conn:  # a retired question is not counted, nor its recent answer
        conn.execute("UPDATE questions SET retired = 1 WHERE id = 'gamma-question'")
    for question in ("alpha-question", "beta-question", "gamma-question", "alpha-question"):
        record = repo.create(CONFIG, [PlannedItem(question, 60)], 60)
        repo.save_answer(record.items[0].id, "an answer")
    groups = repo.candidate_groups()
    recent = repo.recent_answered_ids()
    expected: dict[tuple[str, str, str], list[int]] = {}
    for c in repo.candidates():
        counts = expected.setdefault((c.type, c.topic, c.difficulty), [0, 0])
        counts[0] += 1
        counts[1] += c.id in recent
    assert {(g.type, g.topic, g.difficulty): [g.count, g.recent] for g in groups} == expected
    assert sum(g.count for g in groups) == 2 and sum(g.recent for g in groups) == 2  # alpha and beta
    assert sum(g.recent for g in repo.candidate_groups(sessions=1)) == 1  # the last: alpha


def test_candidates_list_active_questions(db):
    candidates = InterviewRepository(db).candidates()
    assert {c.id for c in candidates} == {"alpha-question", "beta-question", "gamma-question"}
    beta = next(c for c in candidates if c.id == "beta-question")
    assert (beta.type, beta.topic, beta.minutes) == ("math", "fundamentals", 5)


def test_schema_version_includes_interviews(db):
    assert db.query("PRAGMA user_version")[0][0] == SCHEMA_VERSION >= 3  # migration 3: interviews
    applied = {r[0] for r in db.query("SELECT name FROM _sqlite_migrations")}
    assert "0003_interviews" in applied
    columns = {r["name"] for r in db.query("PRAGMA table_info(interview_items)")}
    assert {"session_id", "position", "question_id", "answer", "key_points", "elapsed_seconds"} <= columns


def test_unfinished_offers_the_newest_of_several_and_counts_them(db):
    repo = InterviewRepository(db)
    assert repo.unfinished() is None and repo.unfinished_count() == 0
    older = repo.create(CONFIG, PLANNED[:1], 120)
    newer = repo.create(CONFIG, PLANNED[1:2], 120)
    assert repo.unfinished().id == newer.id and repo.unfinished_count() == 2
    repo.abandon(newer.id)
    assert repo.unfinished().id == older.id and repo.unfinished_count() == 1
    repo.abandon(older.id)
    assert repo.unfinished() is None and repo.unfinished_count() == 0


def test_candidates_share_one_string_per_topic_type_and_difficulty(db):
    candidates = InterviewRepository(db).candidates()
    assert len(candidates) >= 2
    by_topic: dict[str, str] = {}
    for candidate in candidates:
        assert by_topic.setdefault(candidate.topic, candidate.topic) is candidate.topic
    assert not hasattr(candidates[0], "__dict__")  # slots: the set-up page keeps one per question
