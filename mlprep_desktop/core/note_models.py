"""The notebook's plain data: notes, their list rows, revisions and backlinks, and tag rules."""
from __future__ import annotations

import re
from dataclasses import dataclass

UNTITLED = "Untitled note"
_TAG_SPLIT = re.compile(r"[,\s]+")
_TAG_BAD = re.compile(r"[^\w/-]+", re.UNICODE)
MAX_TAG_LEN = 40
MAX_TITLE_CHARS = 300  # a longer title is cut (the title field takes no more)


DRAFT_NOTE_ID = 0  # the id of a note not stored yet (a draft); stored notes start at 1


@dataclass(frozen=True)
class Note:
    """A note with its full text. ``deleted_at`` is set while the note is in the Trash."""

    id: int
    title: str
    body: str
    tags: tuple[str, ...] = ()
    question_id: str | None = None
    created_at: str = ""
    updated_at: str = ""
    deleted_at: str | None = None

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None


@dataclass(frozen=True)
class NoteSummary:
    """One line of the note list: no full body, only a snippet (matches marked with
    ``MATCH_START``/``MATCH_END`` when it comes from a search)."""

    id: int
    title: str
    snippet: str
    tags: tuple[str, ...]
    question_id: str | None
    updated_at: str
    deleted_at: str | None
    size: int  # characters in the body


MATCH_START = "\x02"
MATCH_END = "\x03"


@dataclass(frozen=True)
class NoteFilter:
    """What the note list asks for. ``trash`` lists the Trash instead of the notes."""

    text: str = ""
    tag: str | None = None
    trash: bool = False


@dataclass(frozen=True)
class NoteRevision:
    """An earlier version of a note. ``body`` is only loaded for one revision at a time."""

    id: int
    note_id: int
    title: str
    written_at: str  # when this text was current (the note's updated_at back then)
    kept_at: str  # when the revision was taken
    size: int
    body: str | None = None


@dataclass(frozen=True)
class Backlink:
    """A note that is about a question: it links to it with [[id]] or is its own note."""

    note_id: int
    title: str
    own: bool  # the question's own note (created from the browser's Notes button)


@dataclass(frozen=True)
class SaveResult:
    note: Note
    changed: bool  # something was written
    links_changed: bool  # the questions it links to (or its title, shown in backlinks) changed
    revision_kept: bool


@dataclass(frozen=True)
class StudiedQuestion:
    """A question the user worked on in a period (for the daily study log)."""

    question_id: str
    title: str
    last_rating: int | None
    flagged: bool


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags typed by the user ('ML, #stats  prob') as clean, lower-case, unique slugs."""
    tags: list[str] = []
    for raw in _TAG_SPLIT.split(text or ""):
        tag = _TAG_BAD.sub("", raw.lstrip("#").lower())[:MAX_TAG_LEN].strip("-/")
        if tag and tag not in tags:
            tags.append(tag)
    return tuple(tags)


def format_tags(tags: tuple[str, ...] | list[str]) -> str:
    """How tags are shown in the editable tag field."""
    return ", ".join(tags)


def clean_title(title: str) -> str:
    """One line, no surrounding spaces; an empty title becomes 'Untitled note'."""
    text = " ".join((title or "").split())
    return text[:MAX_TITLE_CHARS] if text else UNTITLED
