"""What the app knows about a stored whiteboard board (the scene itself is ``board_model``)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

DRAFT_ID = 0  # the id of a board not stored yet (a draft); stored boards start at 1


@dataclass(frozen=True)
class BoardSummary:
    """A board as the board list shows it: no scene text (that can be megabytes)."""

    id: int
    name: str
    question_id: str | None
    interview_item_id: int | None
    updated_at: str  # UTC ISO-8601
    thumbnail: bytes | None  # PNG, or None until the board is first saved from the UI


@dataclass(frozen=True)
class Board(BoardSummary):
    """A board with its scene as versioned JSON (see ``core.board_model``)."""

    scene_json: str = ""
    created_at: str = ""
    # The scene in packed form (``core.board_packed``) when stored with this very JSON, else None.
    scene_packed: bytes | None = None


def unique_name(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted (2)``, ``wanted (3)`` … whichever is free (case-insensitive)."""
    base = " ".join(wanted.split()) or "Untitled board"
    lowered = {t.casefold() for t in taken}
    if base.casefold() not in lowered:
        return base
    n = 2
    while f"{base} ({n})".casefold() in lowered:
        n += 1
    return f"{base} ({n})"


def edited_label(updated_at: str, now: datetime) -> str:
    """'Edited just now', '… 5 min ago', '… 3 h ago', '… yesterday', or '… 12 Nov 2026'.

    ``now`` is timezone-aware; days are counted in its timezone (the user's local time)."""
    try:
        when = datetime.strptime(updated_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return "Edited"
    when = when.astimezone(now.tzinfo)
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return "Edited just now"
    if seconds < 3600:
        return f"Edited {int(seconds // 60)} min ago"
    if seconds < 86400 and now.date() == when.date():
        return f"Edited {int(seconds // 3600)} h ago"
    if (now.date() - when.date()).days == 1:
        return "Edited yesterday"
    return f"Edited {when.day} {when.strftime('%b %Y')}"
