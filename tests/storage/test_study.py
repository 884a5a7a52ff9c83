"""Ratings, flags and 'my answer' drafts are stored with their time."""
from __future__ import annotations

from mlprep_desktop.core.models import Rating, Status
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
