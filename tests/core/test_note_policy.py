"""Revision and Trash policies, as pure functions of time."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mlprep_desktop.core.note_policy import RevisionPolicy, days_left, purge_date, trash_cutoff

POLICY = RevisionPolicy()
OLD = ("Title", "old text")
NEW = ("Title", "new text")


def test_keeps_at_most_every_ten_minutes():
    assert POLICY.should_keep(None, "2026-01-01T10:00:00Z", OLD, NEW)
    assert not POLICY.should_keep("2026-01-01T10:00:00Z", "2026-01-01T10:09:59Z", OLD, NEW)
    assert POLICY.should_keep("2026-01-01T10:00:00Z", "2026-01-01T10:10:00Z", OLD, NEW)


def test_nothing_is_kept_without_a_change_or_for_an_empty_note():
    assert not POLICY.should_keep(None, "2026-01-01T10:00:00Z", OLD, OLD)
    assert not POLICY.should_keep(None, "2026-01-01T10:00:00Z", ("T", "  \n"), NEW)


def test_a_title_change_alone_counts_as_a_change():
    assert POLICY.should_keep(None, "2026-01-01T10:00:00Z", OLD, ("Other", "old text"))


def test_trash_dates():
    assert trash_cutoff("2026-03-31T12:00:00Z") == "2026-03-01T12:00:00Z"
    assert purge_date("2026-03-01T12:00:00Z") == "2026-03-31T12:00:00Z"
    assert days_left("2026-03-01T12:00:00Z", "2026-03-01T12:00:01Z") == 30
    assert days_left("2026-03-01T12:00:00Z", "2026-03-30T12:00:01Z") == 1
    assert days_left("2026-03-01T12:00:00Z", "2026-04-30T00:00:00Z") == 0


def test_an_edit_removing_a_large_share_is_kept_at_once():
    from mlprep_desktop.core.note_policy import removes_large_share
    body = "Ridge adds an L2 penalty; lasso an L1 penalty that zeroes weights."
    recent = ("2026-01-01T10:00:00Z", "2026-01-01T10:01:00Z")
    assert POLICY.should_keep(*recent, ("T", body), ("T", ""))  # wiped
    assert POLICY.should_keep(*recent, ("T", body), ("T", "Something else entirely"))  # replaced
    assert POLICY.should_keep(*recent, ("T", body), ("T", body[:20]))  # most of it cut
    assert not POLICY.should_keep(*recent, ("T", body), ("T", body + " More."))  # typing on
    assert not POLICY.should_keep(*recent, ("T", body), ("T", body[:-10]))  # a few words removed
    assert not removes_large_share("short", "")  # a few characters are not worth a revision


@given(st.text(alphabet="ab ", max_size=50), st.text(alphabet="ab ", max_size=50), st.sampled_from([1, 3, 4096]),
       st.sampled_from([0.1, 0.5, 0.9]))
def test_the_share_removed_is_the_span_between_the_common_start_and_end(old, new, piece, share):
    from mlprep_desktop.core import note_policy

    start = 0  # the definition, one character at a time
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    expected = len(old.strip()) >= note_policy.DESTRUCTIVE_MIN_CHARS and len(old) - start - end >= share * len(old)
    original = note_policy._PIECE
    note_policy._PIECE = piece  # small pieces exercise the step inside a piece that differs
    try:
        assert note_policy.removes_large_share(old, new, share) == expected
    finally:
        note_policy._PIECE = original
