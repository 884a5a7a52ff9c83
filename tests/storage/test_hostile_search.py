"""Search text a user can paste, through the repositories (issue #17): 32,000 distinct words and
two 1 MB strings are cut before any super-linear step, so a search answers at once and never
raises, also on a damaged index. Bounds are generous: they catch the old 5 s and > 60 s, not ms."""
from __future__ import annotations

import time

import pytest

from mlprep_desktop.core.models import QuestionFilter
from mlprep_desktop.core.note_models import NoteFilter
from mlprep_desktop.storage.notes import NoteRepository
from mlprep_desktop.storage.questions import QuestionRepository
from tests.storage.test_damaged_records import damage_index

WORDS_32K = " ".join(f"w{i}" for i in range(32_000))
TWO_MB_STRINGS = "a" * 1_000_000 + " " + "alpha" * 200_000


@pytest.mark.parametrize("text", [WORDS_32K, TWO_MB_STRINGS, "alpha " + "x" * 1_000_000],
                         ids=["32k-words", "two-1mb-strings", "word-then-1mb"])
def test_a_pasted_search_answers_at_once_from_questions_and_notes(db, text):
    questions = QuestionRepository(db)
    notes = NoteRepository(db)
    notes.create("Alpha notes", "alpha regularization")
    start = time.perf_counter()
    rows = questions.search(QuestionFilter(text=text))
    found = notes.list(NoteFilter(text=text))
    assert time.perf_counter() - start < 5.0, "a pasted search took seconds (it took > 60 s before)"
    assert rows == [] and found == []  # no question or note holds all those words


def test_a_pasted_search_on_a_damaged_index_answers_at_once(db):
    questions = QuestionRepository(db)
    notes = NoteRepository(db)
    damage_index(db)
    start = time.perf_counter()
    for text in (WORDS_32K, TWO_MB_STRINGS):
        assert questions.search(QuestionFilter(text=text)) == []
        assert questions.index_damaged
        notes.list(NoteFilter(text=text))
    assert time.perf_counter() - start < 10.0, "the fallback search took seconds on pasted text"


def test_the_first_words_of_a_pasted_search_still_find(db):
    """Cutting keeps the start: a paste that begins with real words still finds by them."""
    questions = QuestionRepository(db)
    rows = questions.search(QuestionFilter(text="alpha " + "x" * 1_000_000))
    assert rows == []  # 'x…' is a word no question has (cut to 64 letters, still no match)
    rows = questions.search(QuestionFilter(text="alpha " + " ".join(["regularization"] * 20_000)))
    assert [r.id for r in rows] == ["alpha-question"]
