"""The note repository: FTS search kept in sync, tags, links, revisions and the Trash."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlprep_desktop.core.models import Rating
from mlprep_desktop.core.note_models import MATCH_END, MATCH_START, NoteFilter
from mlprep_desktop.storage.notes import NoteMissingError, NoteRepository
from mlprep_desktop.storage.study import StudyRepository


class FakeClock:
    def __init__(self, start: str = "2026-03-01T09:00:00Z") -> None:
        from mlprep_desktop.core.note_policy import parse_utc

        self.now = parse_utc(start)

    def __call__(self) -> str:
        from mlprep_desktop.core.note_policy import format_utc

        return format_utc(self.now)

    def advance(self, **delta) -> None:
        from datetime import timedelta

        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def notes(db, clock) -> NoteRepository:
    return NoteRepository(db, clock=clock)


def titles(rows) -> list[str]:
    return [r.title for r in rows]


def test_create_get_and_list_newest_first(notes, clock):
    first = notes.create("First", "# First\n\nHello **world**")
    clock.advance(minutes=1)
    second = notes.create("Second", "body two")
    assert notes.get(first.id).body == "# First\n\nHello **world**"
    rows = notes.list()
    assert titles(rows) == ["Second", "First"]
    assert rows[1].snippet == "Hello world"  # heading equal to the title and markup left out
    clock.advance(minutes=1)
    notes.save(first.id, "First", "edited")
    assert titles(notes.list()) == ["First", "Second"]
    assert notes.get(second.id).created_at == "2026-03-01T09:01:00Z"


def test_search_covers_title_and_body_and_follows_edits(notes):
    a = notes.create("Ridge regression", "Shrinks weights with an L2 penalty.")
    notes.create("Trees", "Gini impurity and entropy.")
    assert titles(notes.list(NoteFilter(text="ridge"))) == ["Ridge regression"]
    assert titles(notes.list(NoteFilter(text="penal"))) == ["Ridge regression"]  # prefix, in the body
    hit = notes.list(NoteFilter(text="penalty"))[0]
    assert f"{MATCH_START}penalty{MATCH_END}" in hit.snippet
    notes.save(a.id, "Ridge regression", "Now about dropout only.")
    assert notes.list(NoteFilter(text="penalty")) == []  # the old text left the index
    assert titles(notes.list(NoteFilter(text="dropout"))) == ["Ridge regression"]


def test_title_hits_rank_above_body_hits(notes):
    notes.create("About something else", "kernel trick mentioned once")
    notes.create("Kernel methods", "nothing more")
    assert titles(notes.list(NoteFilter(text="kernel"))) == ["Kernel methods", "About something else"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=60))
def test_any_search_text_is_safe_and_finds_only_real_notes(notes, text):
    if not notes.all_ids():  # the fixture lives for all the examples: make the notes once
        notes.create("Kernel methods", "the kernel trick", tags=("ml",))
        notes.move_to_trash(notes.create("Old draft", "kernel draft").id)
    live = {s.id for s in notes.list(NoteFilter())}
    found = {s.id for s in notes.list(NoteFilter(text=text))}
    assert found <= live  # never a note in the Trash, never a made-up row
    if not text.strip():
        assert found == live  # no words: no narrowing
    assert notes.list(NoteFilter(text=text, trash=True, tag="x")) == []  # no note has tag x


def test_search_words_find_the_note_that_holds_them(notes):
    kept = notes.create("Kernel methods", "the kernel trick")
    notes.move_to_trash(notes.create("Old draft", "kernel draft").id)
    assert [s.id for s in notes.list(NoteFilter(text="kernel"))] == [kept.id]
    assert [s.id for s in notes.list(NoteFilter(text="trick"))] == [kept.id]
    assert notes.list(NoteFilter(text="nowhere")) == []


def test_tags_filter_and_counts(notes):
    a = notes.create("A", "x", tags=("ml", "stats"))
    notes.create("B", "y", tags=("ml",))
    assert notes.tag_counts() == {"ml": 2, "stats": 1}
    assert titles(notes.list(NoteFilter(tag="stats"))) == ["A"]
    result = notes.save(a.id, "A", "x", tags=("prob",))
    assert result.changed and result.note.tags == ("prob",)
    assert notes.tag_counts() == {"ml": 1, "prob": 1}
    notes.move_to_trash(a.id)
    assert notes.tag_counts() == {"ml": 1}


def test_save_without_change_writes_nothing(notes, clock):
    note = notes.create("Same", "text")
    clock.advance(minutes=5)
    result = notes.save(note.id, "Same", "text", tags=())
    assert not result.changed
    assert notes.get(note.id).updated_at == note.updated_at


def test_trash_restore_and_purge_after_30_days(notes, clock):
    keep = notes.create("Keep", "kept text")
    gone = notes.create("Gone", "old text")
    notes.move_to_trash(keep.id)
    assert titles(notes.list()) == ["Gone"]
    assert titles(notes.list(NoteFilter(trash=True))) == ["Keep"]
    assert notes.list(NoteFilter(text="kept")) == []
    assert titles(notes.list(NoteFilter(text="kept", trash=True))) == ["Keep"]
    restored = notes.restore(keep.id)
    assert not restored.in_trash and titles(notes.list(NoteFilter(text="kept"))) == ["Keep"]

    notes.move_to_trash(gone.id)
    clock.advance(days=29, hours=23)
    assert notes.purge_expired() == 0
    clock.advance(hours=1)
    assert notes.purge_expired() == 1
    assert notes.get(gone.id) is None
    assert notes.list(NoteFilter(text="old")) == [] and notes.list(NoteFilter(text="old", trash=True)) == []


def test_delete_forever_only_from_the_trash(notes):
    note = notes.create("N", "b", tags=("t",))
    notes.delete_forever(note.id)
    assert notes.get(note.id) is not None  # not in the Trash: untouched
    notes.move_to_trash(note.id)
    notes.delete_forever(note.id)
    assert notes.get(note.id) is None and notes.tag_counts() == {}
    with pytest.raises(NoteMissingError):
        notes.save(note.id, "N", "again")


def test_links_and_backlinks_follow_the_body(notes):
    own = notes.create("Notes: alpha", "Question: [[alpha-question]]", question_id="alpha-question")
    other = notes.create("Study log", "Did [[alpha-question]] and [[beta-question|beta]].\n\n```\n[[gamma-question]]\n```")
    assert [(b.title, b.own) for b in notes.backlinks("alpha-question")] == [("Notes: alpha", True), ("Study log", False)]
    assert [b.note_id for b in notes.backlinks("beta-question")] == [other.id]
    assert notes.backlinks("gamma-question") == []  # links in code do not count
    result = notes.save(other.id, "Study log", "Only [[gamma-question]] now")
    assert result.links_changed
    assert [b.note_id for b in notes.backlinks("alpha-question")] == [own.id]
    assert not notes.save(other.id, "Study log", "Only [[gamma-question]] now, more text").links_changed
    assert notes.save(other.id, "Renamed log", "Only [[gamma-question]] now, more text").links_changed
    notes.move_to_trash(other.id)
    assert notes.backlinks("gamma-question") == []
    assert notes.for_question("alpha-question").id == own.id


def test_a_revision_is_kept_at_most_every_ten_minutes(notes, clock):
    note = notes.create("R", "")
    for minute in range(25):  # the user edits once a minute for 25 minutes
        clock.advance(minutes=1)
        notes.save(note.id, "R", f"version {minute}")
    revisions = notes.revisions(note.id)
    kept = [notes.revision(r.id).body for r in reversed(revisions)]
    # the first 10-minute stretch starts at creation: nothing kept before minute 10
    assert kept == ["version 8", "version 18"]
    times = [r.kept_at for r in reversed(revisions)]
    assert times == ["2026-03-01T09:10:00Z", "2026-03-01T09:20:00Z"]
    assert revisions[0].size == len("version 18")


def test_editing_an_old_note_keeps_its_previous_state_first(notes, clock):
    note = notes.create("Old", "written long ago")
    clock.advance(days=3)
    result = notes.save(note.id, "Old", "new words")
    assert result.revision_kept
    [revision] = notes.revisions(note.id)
    full = notes.revision(revision.id)
    assert (full.title, full.body, full.written_at) == ("Old", "written long ago", note.updated_at)


def test_restoring_a_revision_keeps_the_current_text(notes, clock):
    note = notes.create("Doc", "one")
    clock.advance(hours=1)
    notes.save(note.id, "Doc", "two")
    [first] = notes.revisions(note.id)
    clock.advance(minutes=1)
    result = notes.restore_revision(note.id, first.id)
    assert result.note.body == "one" and notes.get(note.id).body == "one"
    bodies = [notes.revision(r.id).body for r in notes.revisions(note.id)]
    assert bodies == ["two", "one"]


def test_the_days_study_for_the_log(db, notes):
    study = StudyRepository(db)
    study.rate("alpha-question", Rating.GOOD)
    study.rate("beta-question", Rating.AGAIN)
    study.set_flag("gamma-question", True)
    done, revisit = notes.studied_between("2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z")
    assert [(q.question_id, q.last_rating) for q in done] == [("alpha-question", 3), ("beta-question", 1)]
    assert [q.question_id for q in revisit] == ["beta-question", "gamma-question"]
    assert notes.studied_between("2000-01-01T00:00:00Z", "2000-01-02T00:00:00Z") == ([], [])


def test_question_rows_know_which_questions_have_a_note(db, notes):
    from mlprep_desktop.core.models import QuestionFilter
    from mlprep_desktop.storage.questions import QuestionRepository

    questions = QuestionRepository(db)
    note = notes.create("Notes: beta", "", question_id="beta-question")
    notes.create("Linking", "[[gamma-question]]")  # a link is a backlink, not the question's note
    flags = {r.id: r.has_note for r in questions.search(QuestionFilter())}
    assert flags == {"alpha-question": False, "beta-question": True, "gamma-question": False}
    notes.move_to_trash(note.id)
    assert not any(r.has_note for r in questions.search(QuestionFilter()))


def test_search_in_a_very_long_note_marks_the_word_found(notes):
    body = ("filler words here. " * 8000) + "The dropout rate matters. " + ("more filler. " * 100)
    notes.create("Long", body)
    [hit] = notes.list(NoteFilter(text="dropout"))
    assert f"{MATCH_START}dropout{MATCH_END}" in hit.snippet and hit.snippet.startswith("…")
    assert hit.size == len(body)


def test_two_windows_on_one_file_the_later_save_is_refused_not_silently_winning(db, tmp_path, clock):
    from mlprep_desktop.storage.database import WriteError, open_database
    from mlprep_desktop.storage.notes import NoteConflictError

    mine = NoteRepository(db, clock=clock)
    other_db = open_database(db.path)  # a second app instance on the same file
    try:
        theirs = NoteRepository(other_db, clock=clock)
        note = mine.create("Plan", "original", tags=["ml"])
        seen_by_me = mine.get(note.id)
        seen_by_them = theirs.get(note.id)
        clock.advance(minutes=1)
        saved = theirs.save(note.id, "Plan", "their edit", ["ml"], loaded=seen_by_them).note
        clock.advance(minutes=1)
        with pytest.raises(NoteConflictError) as caught:
            mine.save(note.id, "Plan", "my edit", ["ml"], loaded=seen_by_me)
        assert isinstance(caught.value, WriteError)  # callers that report write errors report it
        assert "another MLPrep window" in str(caught.value) and "still on screen" in str(caught.value)
        assert caught.value.current.body == "their edit"
        assert mine.get(note.id).body == "their edit" and mine.revisions(note.id) == []  # nothing written
        # the window that saved last knows the stored note: its next save goes through
        clock.advance(minutes=1)
        assert theirs.save(note.id, "Plan", "their second edit", ["ml"], loaded=saved).changed
    finally:
        other_db.close()


def test_the_check_also_catches_a_save_in_the_same_second(notes, clock):
    from mlprep_desktop.storage.notes import NoteConflictError

    note = notes.create("Same second", "a")
    first = notes.save(note.id, "Same second", "b", loaded=note).note  # same clock time as the create
    assert first.updated_at == note.updated_at
    with pytest.raises(NoteConflictError):
        notes.save(note.id, "Same second", "c", loaded=note)  # loaded before "b": refused
    with pytest.raises(NoteConflictError):
        notes.save(note.id, "Renamed", "b", ["new-tag"], loaded=note)
    assert notes.save(note.id, "Same second", "b", loaded=note).changed is False  # nothing to write, no conflict
    assert notes.save(note.id, "Same second", "c", loaded=first).note.body == "c"


def test_keep_mine_and_keep_theirs_lose_nothing(notes, clock):
    note = notes.create("Both", "stored version")
    clock.advance(minutes=1)
    result = notes.save(note.id, "Both", "overwriting version", keep_replaced=True)
    assert result.revision_kept
    assert [notes.revision(r.id).body for r in notes.revisions(note.id)] == ["stored version"]
    clock.advance(minutes=1)
    notes.keep_revision(note.id, "Both", "a losing window's text")
    assert notes.get(note.id).body == "overwriting version"
    assert notes.revision(notes.revisions(note.id)[0].id).body == "a losing window's text"
    with pytest.raises(NoteMissingError):
        notes.keep_revision(10_000, "Gone", "text")
