"""Starting texts for notes: the daily study log and a question's own note."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from mlprep_desktop.core.models import Rating
from mlprep_desktop.core.note_models import StudiedQuestion
from mlprep_desktop.core.note_policy import format_utc

DAILY_LOG_TAG = "study-log"


@dataclass(frozen=True)
class NoteDraft:
    title: str
    body: str
    tags: tuple[str, ...] = ()


def local_day_bounds(day: date, tz: tzinfo | None = None) -> tuple[str, str]:
    """The UTC ISO-8601 start (inclusive) and end (exclusive) of a local calendar day.

    Without ``tz`` the system's local time zone (with its daylight-saving rules) is used."""
    start = datetime(day.year, day.month, day.day)
    end = start + timedelta(days=1)
    if tz is None:
        return format_utc(start.astimezone()), format_utc(end.astimezone())
    return format_utc(start.replace(tzinfo=tz)), format_utc(end.replace(tzinfo=tz))


def daily_log_title(day: date) -> str:
    return f"Study log {day.isoformat()}"


def _describe(question: StudiedQuestion) -> str:
    parts = []
    if question.last_rating:
        parts.append(f"rated {Rating(question.last_rating).label}")
    if question.flagged:
        parts.append("flagged")
    suffix = f" — {', '.join(parts)}" if parts else ""
    return f"- [[{question.question_id}]]{suffix}"


def daily_log(
    day: date,
    done: Sequence[StudiedQuestion] = (),
    revisit: Sequence[StudiedQuestion] = (),
) -> NoteDraft:
    """The "Daily study log": date, questions done, what I learned, what to revisit.

    ``done`` and ``revisit`` come from the day's study data; the lists link each question."""
    done_lines = "\n".join(_describe(q) for q in done) or "- "
    revisit_lines = "\n".join(_describe(q) for q in revisit) or "- "
    body = (
        f"# Study log — {day.strftime('%A')} {day.day} {day.strftime('%B %Y')}\n\n"
        f"**Date:** {day.isoformat()}\n\n"
        "## Questions done\n\n"
        f"{done_lines}\n\n"
        "## What I learned\n\n"
        "- \n\n"
        "## What to revisit\n\n"
        f"{revisit_lines}\n"
    )
    return NoteDraft(daily_log_title(day), body, (DAILY_LOG_TAG,))


def question_note(question_id: str, question_title: str) -> NoteDraft:
    """A question's own note: it links the question, then leaves room for the answer."""
    title = " ".join(question_title.split()) or question_id
    body = (
        f"Question: [[{question_id}]]\n\n"
        "## My answer\n\n\n\n"
        "## What to revisit\n\n- \n"
    )
    return NoteDraft(f"Notes: {title}", body)
