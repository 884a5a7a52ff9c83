"""The "My project" template: its sections, its links to the behavioural questions, and that
it never links a question the bank does not hold."""
from __future__ import annotations

import re
from pathlib import Path

from mlprep_desktop.core.note_links import linked_question_ids
from mlprep_desktop.core.project_template import PROJECT_TAG, linked_ids, project_note

BEHAVIORAL = Path(__file__).resolve().parents[2] / "resources" / "questions" / "behavioral"
HEADINGS = ["Problem", "Data", "Model", "Metrics", "Trade-offs", "Failures", "Impact"]


def test_every_section_a_project_deep_dive_asks_about_is_there_in_order():
    body = project_note("Churn").body
    found = re.findall(r"^## (.+)$", body, flags=re.MULTILINE)
    assert found[: len(HEADINGS)] == HEADINGS
    assert "STAR outline (2 minutes out loud)" in found[len(HEADINGS)]
    for seed in ("Customer churn", "Movie recommendations", "Tweet sentiment"):
        assert f"**{seed}:**" in body


def test_the_title_names_the_project_and_the_note_is_tagged():
    assert project_note("  Movie   recs ").title == "My project: Movie recs"
    draft = project_note()
    assert draft.title == "My project" and draft.tags == (PROJECT_TAG,)


def test_each_linked_question_is_a_behavioural_question_of_the_bank():
    ids = linked_ids()
    assert len(ids) >= 12 and len(set(ids)) == len(ids)
    missing = [q for q in ids if not (BEHAVIORAL / f"{q}.md").is_file()]
    assert missing == []
    assert linked_question_ids(project_note().body) == list(ids)


def test_questions_the_bank_does_not_hold_are_left_out_not_linked_dead():
    known = {"tell-me-about-a-project-star", "most-impactful-ml-project"}
    body = project_note("x", known_ids=known).body
    assert linked_question_ids(body) == ["tell-me-about-a-project-star", "most-impactful-ml-project"]
    assert "Prepares you for" in body.split("## Data")[0]
    assert "Prepares you for" not in body.split("## Data")[1].split("## Impact")[0]
    assert linked_question_ids(project_note(known_ids=set()).body) == []
