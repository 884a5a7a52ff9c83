"""The dates the notebook shows for a note: short in the list, with the time in the header."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mlprep_desktop.ui.notebook.note_times import when, when_exact


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_today_this_year_and_earlier_years_read_as_people_say_them():
    now = datetime(2026, 12, 3, 15, 40).astimezone()
    today, this_year, last_year = now - timedelta(hours=1), now - timedelta(days=200), now - timedelta(days=400)
    assert when(_utc(today), now) == today.strftime("%H:%M")
    assert when_exact(_utc(today), now) == f"today {today.strftime('%H:%M')}"
    assert when(_utc(this_year), now) == f"{this_year.day} {this_year.strftime('%b')}"
    assert when_exact(_utc(this_year), now) == f"{this_year.day} {this_year.strftime('%b %H:%M')}"
    assert when(_utc(last_year), now) == f"{last_year.day} {last_year.strftime('%b')} {last_year.year}"
    assert when_exact(_utc(last_year), now).endswith(f"{last_year.year} {last_year.strftime('%H:%M')}")
    assert when("", now) == "" and when_exact("", now) == ""
