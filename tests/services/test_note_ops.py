"""The notebook's use cases: a question's own note and the daily log created once, the Trash."""
from __future__ import annotations

from datetime import date

import pytest

from mlprep_desktop.services.changes import ChangeKind
from mlprep_desktop.services.errors import NoteConflictError, OperationError


def test_a_questions_note_is_created_once_and_links_the_question(ctx):
    first = ctx.note_ops.question_note("alpha-question")
    note = first.value
    assert note is not None and note.question_id == "alpha-question"
    assert first.change.kinds == {ChangeKind.NOTES, ChangeKind.NOTE_LINKS} and first.change.note_ids == {note.id}
    again = ctx.note_ops.question_note("alpha-question")
    assert again.value.id == note.id and not again.change


def test_no_note_for_a_question_not_in_the_bank(ctx):
    outcome = ctx.note_ops.question_note("no-such-question")
    assert outcome.value is None and not outcome.change
    assert ctx.notes.list() == []


def test_the_daily_log_is_one_per_day(ctx):
    day = date(2026, 12, 2)
    note, created = ctx.note_ops.daily_log(day).value
    assert created
    again, created_again = ctx.note_ops.daily_log(day).value
    assert again.id == note.id and not created_again


def test_a_save_over_another_windows_version_is_refused(ctx):
    note = ctx.note_ops.create_blank().value
    ctx.note_ops.save(note, "Mine", "first", ())
    with pytest.raises(NoteConflictError):
        ctx.note_ops.save(note, "Mine", "stale window's text", ())  # loaded before the first save
    assert ctx.notes.get(note.id).body == "first"


def test_the_trash_reports_notes_and_links(ctx):
    note = ctx.note_ops.question_note("alpha-question").value
    moved = ctx.note_ops.move_to_trash(note.id)
    assert moved.value.in_trash and moved.change.kinds == {ChangeKind.NOTES, ChangeKind.NOTE_LINKS}
    assert ctx.note_ops.restore(note.id).value.in_trash is False
    ctx.note_ops.move_to_trash(note.id)
    assert ctx.note_ops.empty_trash().change.kinds == {ChangeKind.NOTES}
    assert ctx.notes.get(note.id) is None
    with pytest.raises(OperationError):
        ctx.note_ops.restore_revision(note.id, 12345)
