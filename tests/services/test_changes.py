"""Typed changes: what a tab asks of them."""
from __future__ import annotations

from mlprep_desktop.services.changes import NO_CHANGE, Change, ChangeKind


def test_concerns_only_the_kinds_it_names():
    change = Change.of(ChangeKind.NOTES, note_ids=[3])
    assert change.concerns(ChangeKind.NOTES)
    assert change.concerns(ChangeKind.BOARDS, ChangeKind.NOTES)
    assert not change.concerns(ChangeKind.BOARDS)
    assert change.note_ids == {3}


def test_a_whole_database_change_concerns_every_kind():
    change = Change.of(ChangeKind.DATABASE)
    assert all(change.concerns(kind) for kind in ChangeKind)


def test_changes_combine_and_no_change_is_false():
    combined = Change.of(ChangeKind.NOTES, note_ids=[1]) | Change.of(ChangeKind.STUDY_STATE, question_ids=["q"])
    assert combined.kinds == {ChangeKind.NOTES, ChangeKind.STUDY_STATE}
    assert combined.question_ids == {"q"} and combined.note_ids == {1}
    assert not NO_CHANGE and combined
