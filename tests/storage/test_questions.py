"""Searching and filtering the bank: ranked, prefix-matching and safe for any text."""
from __future__ import annotations

import re

import pytest
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


def test_titles_are_a_read_only_view_that_follows_renames_and_retirements(db):
    repo = QuestionRepository(db)

    def stored() -> dict[str, str]:
        return stored_titles(db)

    titles = repo.titles()
    assert dict(titles.items()) == stored() and list(titles) == list(stored()) and len(titles) == len(stored())
    assert list(titles.values()) == list(stored().values())
    assert titles["alpha-question"] and "alpha-question" in titles and "no-such-question" not in titles
    assert titles.get("no-such-question") is None and titles.get("no-such-question", "x") == "x"
    assert 42 not in titles and titles.get(42) is None  # type: ignore[call-overload]  # not an id
    with pytest.raises(KeyError):
        titles["no-such-question"]
    with db.transaction() as conn:
        conn.execute("UPDATE questions SET title = 'Renamed' WHERE id = 'alpha-question'")
    assert titles["alpha-question"] == "Renamed" and repo.titles()["alpha-question"] == "Renamed"
    assert dict(titles.items())["alpha-question"] == "Renamed"
    with pytest.raises(TypeError):
        titles["alpha-question"] = "Changed by a caller"  # type: ignore[index]
    assert repo.titles()["alpha-question"] == "Renamed"
    with db.transaction() as conn:
        conn.execute("UPDATE questions SET retired = 1 WHERE id = 'beta-question'")
    assert "beta-question" not in repo.titles() and "alpha-question" in repo.titles()  # one fewer
    assert dict(titles.items()) == stored() and len(titles) == len(stored())


def test_titles_read_from_the_search_copy_match_the_table(db):
    """After a search the scan reads the search's small copy; after a rename, the table again."""
    repo = QuestionRepository(db)
    repo.browse_rows(QuestionFilter())
    assert list(repo.titles().items()) == list(stored_titles(db).items())
    with db.transaction() as conn:
        conn.execute("UPDATE questions SET title = 'Renamed again' WHERE id = 'gamma-question'")
    assert list(repo.titles().items()) == list(stored_titles(db).items())
    repo.browse_rows(QuestionFilter(text="alpha"))
    assert dict(repo.titles().items())["gamma-question"] == "Renamed again"


def stored_titles(db) -> dict[str, str]:
    return {r[0]: r[1] for r in db.query("SELECT id, title FROM questions WHERE retired = 0 ORDER BY rowid")}
