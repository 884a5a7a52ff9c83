"""Searching and filtering the bank: ranked, prefix-matching and safe for any text."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlprep_desktop.core.models import QuestionFilter, Rating, Status
from mlprep_desktop.storage.questions import QuestionRepository
from mlprep_desktop.storage.study import StudyRepository


def ids(rows) -> list[str]:
    return [r.id for r in rows]


def test_prefix_search_finds_the_word(db):
    repo = QuestionRepository(db)
    assert ids(repo.search(QuestionFilter(text="regulariz"))) == ["alpha-question"]


def test_title_match_ranks_above_body_match(db):
    with db.transaction() as conn:
        conn.execute("UPDATE questions SET answer = answer || ' gamma' WHERE id = 'beta-question'")
    repo = QuestionRepository(db)
    assert ids(repo.search(QuestionFilter(text="gamma"))) == ["gamma-question", "beta-question"]


def test_filters_combine_with_search_and_counts_follow(db):
    repo = QuestionRepository(db)
    assert ids(repo.search(QuestionFilter(topic="fundamentals", type="math"))) == ["beta-question"]
    counts = repo.facet_counts(QuestionFilter(topic="fundamentals"))
    assert counts["type"] == {"theory": 1, "math": 1}
    assert counts["topic"] == {"fundamentals": 2, "evaluation": 1}  # the topic facet ignores its own filter
    assert counts["status"]["new"] == 2


def test_status_filters(db):
    repo, study = QuestionRepository(db), StudyRepository(db)
    study.mark_seen("alpha-question")
    study.rate("beta-question", Rating.EASY)
    study.set_flag("gamma-question", True)
    assert ids(repo.search(QuestionFilter(status=Status.SEEN))) == ["alpha-question"]
    assert ids(repo.search(QuestionFilter(status=Status.RATED))) == ["beta-question"]
    assert ids(repo.search(QuestionFilter(status=Status.FLAGGED))) == ["gamma-question"]
    assert ids(repo.search(QuestionFilter(status=Status.NEW))) == ["gamma-question"]
    assert repo.facet_counts(QuestionFilter())["status"] == {
        "new": 1, "seen": 1, "rated": 1, "flagged": 1, "due": 0, "learning": 0, "mastered": 0, "mistakes": 0,
        "solved": 0, "attempted": 0}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=80))
def test_any_search_text_is_safe(db, text):
    repo = QuestionRepository(db)
    rows = repo.search(QuestionFilter(text=text))
    counts = repo.facet_counts(QuestionFilter(text=text))
    assert sum(counts["type"].values()) == len(rows)  # the counts agree with the rows shown
    # whatever punctuation, operators or symbols surround it, a title word still finds its question
    noise = re.sub(r"\w", " ", text)
    assert ids(repo.search(QuestionFilter(text=f"{noise} alpha {noise}"))) == ["alpha-question"]



def test_operator_like_strings_do_not_raise(db):
    repo = QuestionRepository(db)
    for text in ['"', "'", "-", ":", "*", "(", "NOT", "AND", "OR", "NEAR(", "alpha:", '"unterminated', "🤖", "", "a*b"]:
        repo.search(QuestionFilter(text=text))
    assert ids(repo.search(QuestionFilter(text="NOT alpha"))) == []  # both words must match


def test_titles_are_one_read_only_mapping_until_a_title_changes(db):
    repo = QuestionRepository(db)
    first = repo.titles()
    assert first["alpha-question"] and repo.titles() is first  # the tabs that keep it share it
    with db.transaction() as conn:
        conn.execute("UPDATE questions SET answer = answer || ' more' WHERE id = 'alpha-question'")
    assert repo.titles() is first  # other columns changed: the same titles
    with db.transaction() as conn:
        conn.execute("UPDATE questions SET title = 'Renamed' WHERE id = 'alpha-question'")
    renamed = repo.titles()
    assert renamed is not first and renamed["alpha-question"] == "Renamed"
    try:
        renamed["alpha-question"] = "Changed by a caller"  # type: ignore[index]
    except TypeError:
        pass
    assert repo.titles()["alpha-question"] == "Renamed"
    with db.transaction() as conn:
        conn.execute("UPDATE questions SET retired = 1 WHERE id = 'beta-question'")
    assert "beta-question" not in repo.titles() and "alpha-question" in repo.titles()  # one fewer
