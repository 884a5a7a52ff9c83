"""When a note was saved or deleted, as the notebook shows it: a short local date (``when``)
or one with the time (``when_exact``). No Qt: the list, the header and the conflict prompt
share them, and the prompt is imported at start, so the note models are imported when a date
is first shown (issue 16)."""
from __future__ import annotations

from datetime import datetime


def when(iso: str, now: datetime | None = None) -> str:
    """A short local date: '14:03' today, '3 Mar' this year, '3 Mar 2025' before."""
    if not iso:
        return ""
    moment, now = _local(iso, now)
    return moment.strftime("%H:%M") if moment.date() == now.date() else _day(moment, now)


def when_exact(iso: str, now: datetime | None = None) -> str:
    """A local date with the time: 'today 14:03', '3 Mar 14:03', '3 Mar 2025 14:03'."""
    if not iso:
        return ""
    moment, now = _local(iso, now)
    day = "today" if moment.date() == now.date() else _day(moment, now)
    return f"{day} {moment.strftime('%H:%M')}"


def _local(iso: str, now: datetime | None) -> tuple[datetime, datetime]:
    from mlprep_desktop.core.note_policy import parse_utc

    return parse_utc(iso).astimezone(), now or datetime.now().astimezone()


def _day(moment: datetime, now: datetime) -> str:
    day = f"{moment.day} {moment.strftime('%b')}"
    return day if moment.year == now.year else f"{day} {moment.year}"
