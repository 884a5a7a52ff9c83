"""FSRS cards on disk: every rating updates its card, interview scores are reviews, state survives
a restart, and Browse's status filters read it."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mlprep_desktop.core.clock import FixedClock
from mlprep_desktop.core.models import QuestionFilter, Rating, Status
from mlprep_desktop.storage.database import open_database
from mlprep_desktop.storage.interviews import InterviewRepository
from mlprep_desktop.storage.progress import ProgressRepository
from mlprep_desktop.storage.questions import QuestionRepository
from mlprep_desktop.storage.study import StudyRepository
from mlprep_desktop.storage.study_cards import GOAL_KEY, CardRepository, read_settings
from tests.storage.test_interviews import CONFIG, PLANNED

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_a_rating_writes_its_card_and_the_card_survives_a_restart(db, tmp_path, bundle):
    clock = FixedClock(T0)
    study = StudyRepository(db, clock)
    study.rate("alpha-question", Rating.GOOD)
    card = CardRepository(db).card("alpha-question")
    assert card is not None and not card.learning and card.due - T0 >= timedelta(days=1)
    assert db.query("SELECT day, context FROM reviews")[0][:] == ("2026-03-02", "browse")
    db.close()
    again = open_database(tmp_path / "user" / "questions.sqlite", bundle)
    try:
        assert CardRepository(again).card("alpha-question") == card
    finally:
        again.close()


def test_again_puts_the_card_in_learning_and_browse_filters_follow(db):
    clock = FixedClock(T0)
    study, questions = StudyRepository(db, clock), QuestionRepository(db, clock)
    study.rate("alpha-question", Rating.AGAIN)
    study.rate("beta-question", Rating.EASY)
    ids = lambda status: [r.id for r in questions.search(QuestionFilter(status=status))]  # noqa: E731
    assert ids(Status.LEARNING) == ["alpha-question"]
    assert ids(Status.DUE) == ["alpha-question"]  # back in ten minutes, so due today
    assert ids(Status.MISTAKES) == ["alpha-question"]
    assert ids(Status.MASTERED) == []
    state = study.state("alpha-question")
    assert state.learning and state.due_now and state.mistake and state.due
    clock.advance(days=20)
    for _ in range(4):  # a well-known question ends up mastered
        study.rate("beta-question", Rating.EASY)
        clock.set(CardRepository(db).card("beta-question").due)
    assert "beta-question" in ids(Status.MASTERED)
    counts = questions.facet_counts(QuestionFilter())["status"]
    assert counts["mastered"] == 1 and counts["rated"] == 2


def test_an_interview_accuracy_score_is_one_review_that_rescoring_updates(db):
    clock = FixedClock(T0)
    interviews, study = InterviewRepository(db), StudyRepository(db, clock)
    record = interviews.create(CONFIG, PLANNED, 360)
    item = record.items[0]
    study.record_interview_score(item.id, item.question_id, 1)
    rows = db.query("SELECT rating, context FROM reviews WHERE question_id = ?", (item.question_id,))
    assert [tuple(r) for r in rows] == [(1, "interview")]
    assert CardRepository(db).card(item.question_id).learning
    study.record_interview_score(item.id, item.question_id, 4)  # re-scored: the same review
    rows = db.query("SELECT rating FROM reviews WHERE question_id = ?", (item.question_id,))
    assert [r[0] for r in rows] == [4]
    assert not CardRepository(db).card(item.question_id).learning
    assert study.state(item.question_id).last_rating == 4
    study.record_interview_score(item.id, item.question_id, None)
    assert db.query("SELECT COUNT(*) FROM reviews")[0][0] == 0
    assert CardRepository(db).card(item.question_id) is None


def test_an_interview_answer_is_the_latest_attempt_in_browse(db):
    study, interviews = StudyRepository(db), InterviewRepository(db)
    study.save_answer("alpha-question", "old draft")
    db.conn.execute("UPDATE answers SET updated_at = '2026-01-01T00:00:00Z'")
    record = interviews.create(CONFIG, PLANNED, 360)
    interviews.save_answer(record.items[0].id, "What I said in the interview")
    assert study.answer("alpha-question") == "What I said in the interview"
    assert study.latest_attempt("alpha-question")[1] == "interview"
    study.save_answer("alpha-question", "newer draft")
    assert study.answer("alpha-question") == "newer draft"


def test_settings_fall_back_to_defaults_when_unreadable(db):
    assert read_settings(db.conn).goal == 8 and read_settings(db.conn).retention == 0.9
    with db.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES (?, '99')", (GOAL_KEY,))
    assert read_settings(db.conn).goal == 8


def test_mistakes_age_out_and_clear_with_a_good_rating(db):
    clock = FixedClock(T0)
    study, progress = StudyRepository(db, clock), ProgressRepository(db)
    study.rate("alpha-question", Rating.HARD)
    study.rate("beta-question", Rating.AGAIN)
    assert set(progress.mistakes(clock.now())) == {"alpha-question", "beta-question"}
    study.rate("beta-question", Rating.GOOD)
    assert progress.mistakes(clock.now()) == ["alpha-question"]
    assert progress.mistakes(clock.now() + timedelta(days=15)) == []
    assert progress.reviews_per_day(T0.date()) == {T0.date(): 3}
