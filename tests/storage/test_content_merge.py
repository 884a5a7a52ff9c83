"""A newer bundle updates bank questions, retires vanished ones and keeps all user data."""
from __future__ import annotations

from mlprep_desktop.bank.build import build
from mlprep_desktop.core.models import Rating
from mlprep_desktop.storage.database import open_database
from mlprep_desktop.storage.questions import QuestionRepository
from mlprep_desktop.storage.study import StudyRepository
from tests.bank_sources import write_question


def test_newer_bundle_merges_without_touching_user_data(tmp_path, sources, bundle):
    user_file = tmp_path / "user.sqlite"
    database = open_database(user_file, bundle)
    study = StudyRepository(database)
    study.rate("beta-question", Rating.GOOD)
    study.set_flag("beta-question", True)
    study.save_answer("beta-question", "my derivation")
    study.rate("alpha-question", Rating.HARD)
    with database.transaction() as conn:
        conn.execute(
            "INSERT INTO questions (id, type, topic, difficulty, minutes, title, source) "
            "VALUES ('my-own', 'theory', 'fundamentals', 'beginner', 3, 'My own question?', 'user')"
        )
    database.close()

    # Next release: alpha reworded, beta removed, delta added.
    write_question(sources, "alpha-question", title="What is alpha regularization, really?")
    (sources / "fundamentals" / "beta-question.md").unlink()
    write_question(sources, "delta-question", topic="evaluation", title="What is delta?")
    info = build(sources, bundle, coverage=False)
    assert info.content_version == 2

    database = open_database(user_file, bundle)
    try:
        questions = QuestionRepository(database)
        study = StudyRepository(database)
        assert questions.get("alpha-question").title == "What is alpha regularization, really?"
        beta = questions.get("beta-question")
        assert beta is not None and beta.retired
        assert questions.get("delta-question") is not None
        assert questions.get("my-own").title == "My own question?"
        assert study.state("beta-question").flagged
        assert study.answer("beta-question") == "my derivation"
        assert [r for r, _ in study.reviews("beta-question")] == [3]
        assert study.state("alpha-question").last_rating == 2
        shown = {row.id for row in questions.search(questions_filter())}
        assert "beta-question" not in shown and {"alpha-question", "delta-question", "my-own"} <= shown
        # the FTS index follows the update
        assert [r.id for r in questions.search(questions_filter("really"))] == ["alpha-question"]
    finally:
        database.close()

    # Opening again with the same bundle changes nothing.
    def snapshot():
        database = open_database(user_file, bundle)
        try:
            return [tuple(r) for r in database.query("SELECT * FROM questions ORDER BY id")] + [
                tuple(r) for r in database.query("SELECT * FROM bank_meta ORDER BY key")]
        finally:
            database.close()

    before = snapshot()
    assert len([row for row in before if row[0] in ("alpha-question", "my-own")]) == 2
    assert snapshot() == before


def questions_filter(text: str = ""):
    from mlprep_desktop.core.models import QuestionFilter

    return QuestionFilter(text=text)


def test_a_bank_id_taken_by_a_user_question_leaves_the_user_question_alone(tmp_path, sources, bundle):
    user_file = tmp_path / "user.sqlite"
    database = open_database(user_file, bundle)
    with database.transaction() as conn:
        conn.execute(
            "INSERT INTO questions (id, type, topic, difficulty, minutes, title, source) "
            "VALUES ('delta-question', 'theory', 'fundamentals', 'beginner', 3, 'Mine, not the bank''s?', 'user')"
        )
    database.close()
    write_question(sources, "delta-question", topic="evaluation", title="The bank's delta?")
    build(sources, bundle, coverage=False)
    database = open_database(user_file, bundle)
    try:
        assert QuestionRepository(database).get("delta-question").title == "Mine, not the bank's?"
    finally:
        database.close()
