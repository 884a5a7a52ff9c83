"""The daily study log and a question's own note."""
from __future__ import annotations

from datetime import date, timedelta, timezone

from mlprep_desktop.core.note_links import linked_question_ids
from mlprep_desktop.core.note_models import StudiedQuestion
from mlprep_desktop.core.note_templates import daily_log, local_day_bounds, question_note


def test_daily_log_has_the_four_parts_and_links_the_questions():
    done = [StudiedQuestion("a", "A?", 3, False), StudiedQuestion("b", "B?", 1, True)]
    draft = daily_log(date(2026, 3, 2), done, [done[1]])
    assert draft.title == "Study log 2026-03-02" and draft.tags == ("study-log",)
    body = draft.body
    parts = ["**Date:** 2026-03-02", "## Questions done", "## What I learned", "## What to revisit"]
    assert [body.index(p) for p in parts] == sorted(body.index(p) for p in parts)
    assert "Monday 2 March 2026" in body
    assert "- [[a]] — rated Good" in body and "- [[b]] — rated Again, flagged" in body
    assert linked_question_ids(body) == ["a", "b"]


def test_an_empty_day_still_gives_a_usable_log():
    body = daily_log(date(2026, 3, 2)).body
    assert body.count("\n- \n") == 3


def test_local_day_bounds_in_utc():
    plus2 = timezone(timedelta(hours=2))
    assert local_day_bounds(date(2026, 3, 2), plus2) == ("2026-03-01T22:00:00Z", "2026-03-02T22:00:00Z")


def test_question_note_links_its_question():
    draft = question_note("bias-variance", "Explain the\nbias–variance trade-off.")
    assert draft.title == "Notes: Explain the bias–variance trade-off."
    assert linked_question_ids(draft.body) == ["bias-variance"]
