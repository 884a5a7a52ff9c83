"""Board names and the 'last edited' label."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from mlprep_desktop.core.board_records import edited_label, unique_name


def test_unique_name_adds_the_next_free_number_ignoring_case():
    assert unique_name("Sketch", set()) == "Sketch"
    assert unique_name("Sketch", {"sketch"}) == "Sketch (2)"
    assert unique_name("Sketch", {"Sketch", "Sketch (2)", "SKETCH (3)"}) == "Sketch (4)"
    assert unique_name("  two   words ", set()) == "two words"
    assert unique_name("   ", set()) == "Untitled board"


def test_edited_label_speaks_in_the_users_time():
    tz = timezone(timedelta(hours=2))
    now = datetime(2026, 11, 21, 14, 0, 0, tzinfo=tz)  # 12:00 UTC
    assert edited_label("2026-11-21T11:59:40Z", now) == "Edited just now"
    assert edited_label("2026-11-21T11:35:00Z", now) == "Edited 25 min ago"
    assert edited_label("2026-11-21T07:00:00Z", now) == "Edited 5 h ago"
    assert edited_label("2026-11-20T20:00:00Z", now) == "Edited yesterday"
    assert edited_label("2026-11-02T08:00:00Z", now) == "Edited 2 Nov 2026"
    # 23:30 UTC on the 20th is already the 21st at UTC+2: today, not yesterday
    assert edited_label("2026-11-20T23:30:00Z", now) == "Edited 12 h ago"
    assert edited_label("garbage", now) == "Edited"
