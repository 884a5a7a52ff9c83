"""When a note was saved or deleted, as the notebook shows it: a short local date (``when``)
or one with the time (``when_exact``). No Qt: the list, the header and the conflict prompt
share them, and the prompt is imported at start, so the note models are imported when a date
is first shown (issue 16)."""
from __future__ import annotations

from datetime import datetime


def when(iso: str, now: datetime | None = None) -> str:
    """A short local date: '14:03' today, '3 Mar' this year, '3 Mar 2025' before."""
    from mlprep_desktop.core.note_policy import parse_utc

    if not iso:
        return ""
    moment = parse_utc(iso).astimezone()
    now = now or datetime.now().astimezone()
    if moment.date() == now.date():
        return moment.strftime("%H:%M")
    day = f"{moment.day} {moment.strftime('%b')}"
    return day if moment.year == now.year else f"{day} {moment.year}"


def when_exact(iso: str, now: datetime | None = None) -> str:
    """A local date with the time: 'today 14:03', '3 Mar 14:03', '3 Mar 2025 14:03'."""
    from mlprep_desktop.core.note_policy import parse_utc

    if not iso:
        return ""
    moment = parse_utc(iso).astimezone()
    now = now or datetime.now().astimezone()
    if moment.date() == now.date():
        return f"today {moment.strftime('%H:%M')}"
    return f"{when(iso, now)} {moment.strftime('%H:%M')}"
