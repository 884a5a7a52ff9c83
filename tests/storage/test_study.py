"""Ratings, flags and 'my answer' drafts are stored with their time."""
from __future__ import annotations

import pytest

from mlprep_desktop.core.models import Rating, Status
from mlprep_desktop.storage.database import WriteError
from mlprep_desktop.storage.settings import SettingsRepository
from mlprep_desktop.storage.study import StudyRepository


def test_every_rating_is_kept_with_a_timestamp(db):
    study = StudyRepository(db)
    study.rate("alpha-question", Rating.AGAIN, seconds_spent=12.5)
    state = study.rate("alpha-question", Rating.GOOD)
    assert state.status is Status.RATED and state.last_rating == 3 and state.review_count == 2
    rows = db.query("SELECT rating, reviewed_at, seconds_spent FROM reviews ORDER BY id")
    assert [r["rating"] for r in rows] == [1, 3]
    assert rows[0]["seconds_spent"] == 12.5
    assert rows[0]["reviewed_at"].endswith("Z")


def test_flag_and_answer_round_trip(db):
    study = StudyRepository(db)
    assert study.set_flag("gamma-question", True).flagged
    assert db.query("SELECT flagged_at FROM question_state WHERE question_id = 'gamma-question'")[0][0]
    assert not study.set_flag("gamma-question", False).flagged
    study.save_answer("gamma-question", "first draft")
    study.save_answer("gamma-question", "second draft")
    assert study.answer("gamma-question") == "second draft"
    study.save_answer("gamma-question", "")
    assert study.answer("gamma-question") == ""


def test_settings_store_json_values(db):
    settings = SettingsRepository(db)
    assert settings.get("missing", 7) == 7
    settings.set("window.tab", 2)
    settings.set("list", [1, "a"])
    assert settings.get("window.tab") == 2 and settings.get("list") == [1, "a"]


def test_set_flags_flags_several_questions_in_one_transaction(db):
    study = StudyRepository(db)
    states = study.set_flags(["alpha-question", "gamma-question", "alpha-question"])
    assert [s.question_id for s in states] == ["alpha-question", "gamma-question"]
    assert all(s.flagged for s in states)
    flagged_at = {r[0]: r[1] for r in db.query("SELECT question_id, flagged_at FROM question_state WHERE flagged = 1")}
    assert set(flagged_at) == {"alpha-question", "gamma-question"} and len(set(flagged_at.values())) == 1
    assert not any(s.flagged for s in study.set_flags(["alpha-question"], flagged=False))
    assert study.state("gamma-question").flagged and not study.state("alpha-question").flagged
    assert study.set_flags([]) == []


def test_set_flags_is_all_or_nothing_when_the_disk_refuses_part_of_it(db):
    study = StudyRepository(db)

    def refuse(question_id):
        if question_id == "gamma-question":
            raise RuntimeError("disk full")
        return 0

    db.conn.create_function("refuse_for_test", 1, refuse)
    db.conn.execute("CREATE TEMP TRIGGER refuse BEFORE UPDATE OF flagged ON question_state "
                    "BEGIN SELECT refuse_for_test(NEW.question_id); END")
    with pytest.raises(WriteError):
        study.set_flags(["alpha-question", "gamma-question", "beta-question"])
    assert db.query("SELECT COUNT(*) FROM question_state WHERE flagged = 1")[0][0] == 0
    assert not study.state("alpha-question").flagged
