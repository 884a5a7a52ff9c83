"""Questions the user writes: ids, the vocabulary checks, and the CSV / Markdown layouts.

Own questions follow the bank's vocabulary (type, topic, difficulty from ``core.models``) but
not its length rules: a title and an answer are enough. Pure functions; no I/O.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from mlprep_desktop.core.models import DIFFICULTIES, QUESTION_TYPES, TOPICS, FollowUp, Question

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_PREFIX = "my-"
MAX_MINUTES = 120
# The CSV layout for importing questions: a header row naming these columns, any order.
CSV_REQUIRED = ("title", "type", "topic", "difficulty", "answer")
CSV_COLUMNS = ("id", "title", "type", "topic", "difficulty", "minutes", "prompt", "answer",
               "key_points", "pitfalls", "follow_ups", "tags")
_FOLLOW_UP = re.compile(r"^\*\*(.+?)\*\*\s*(.*)$", re.DOTALL)


def slug(text: str, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = "-".join(words)[:limit].strip("-")
    return out or "question"


def new_id(title: str, taken: Iterable[str]) -> str:
    """A readable id for a new own question: ``my-`` and the title's slug, made unique."""
    taken = set(taken)
    base = ID_PREFIX + slug(title)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def check_question(q: Question) -> list[str]:
    """What is wrong with ``q`` as an own question (empty: fine)."""
    problems = []
    if q.id and not ID_PATTERN.match(q.id):
        problems.append(f"the id {q.id!r} must be lowercase words joined by '-'")
    if not q.title.strip():
        problems.append("the title is empty")
    if q.type not in QUESTION_TYPES:
        problems.append(f"type {q.type!r} is not one of {', '.join(QUESTION_TYPES)}")
    if q.topic not in TOPICS:
        problems.append(f"topic {q.topic!r} is not a known topic slug (e.g. fundamentals, evaluation)")
    if q.difficulty not in DIFFICULTIES:
        problems.append(f"difficulty {q.difficulty!r} is not one of {', '.join(DIFFICULTIES)}")
    if not 1 <= q.minutes <= MAX_MINUTES:
        problems.append(f"minutes must be between 1 and {MAX_MINUTES}")
    if not q.answer.strip():
        problems.append("the answer is empty")
    for tag in q.tags:
        if not ID_PATTERN.match(tag):
            problems.append(f"tag {tag!r} must be lowercase words joined by '-'")
    return problems


def lines(cell: str) -> tuple[str, ...]:
    """A list written one item per line ("- " bullets allowed)."""
    out = []
    for line in cell.splitlines():
        line = re.sub(r"^\s*[-*+]\s+", "", line).strip()
        if line:
            out.append(line)
    return tuple(out)


def follow_ups(cell: str) -> tuple[FollowUp, ...]:
    """Follow-ups one per line, as in the bank: ``**Question?** answer``."""
    out = []
    for item in lines(cell):
        m = _FOLLOW_UP.match(item)
        if not m or not m.group(2).strip():
            raise ValueError(f"follow-up must be '**Question?** answer': {item[:60]!r}")
        out.append(FollowUp(m.group(1).strip(), m.group(2).strip()))
    return tuple(out)


def tags(cell: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[\s,;]+", cell.strip().lower()) if t)


def from_fields(fields: dict[str, str]) -> Question:
    """A question from the text fields of a form or a CSV row (raises ValueError)."""
    minutes_text = (fields.get("minutes") or "").strip()
    try:
        minutes = int(minutes_text) if minutes_text else 5
    except ValueError:
        raise ValueError(f"minutes {minutes_text!r} is not a whole number") from None
    return Question(
        id=(fields.get("id") or "").strip(),
        type=(fields.get("type") or "").strip().lower(),
        topic=(fields.get("topic") or "").strip().lower(),
        difficulty=(fields.get("difficulty") or "").strip().lower(),
        minutes=minutes,
        title=(fields.get("title") or "").strip(),
        prompt=(fields.get("prompt") or "").strip(),
        answer=(fields.get("answer") or "").strip(),
        key_points=lines(fields.get("key_points") or ""),
        pitfalls=lines(fields.get("pitfalls") or ""),
        follow_ups=follow_ups(fields.get("follow_ups") or ""),
        tags=tags(fields.get("tags") or ""),
        source="user",
    )


def to_markdown(q: Question, *, my_answer: str = "", my_note: str = "") -> str:
    """``q`` as a bank source file (TOML front matter + sections); ``my_answer`` and
    ``my_note`` follow as extra sections when given."""

    def toml_list(items: Iterable[str]) -> str:
        return "[" + ", ".join(_toml_str(i) for i in items) + "]"

    parts = [
        "+++",
        f"id = {_toml_str(q.id)}",
        f"type = {_toml_str(q.type)}",
        f"topic = {_toml_str(q.topic)}",
        f"difficulty = {_toml_str(q.difficulty)}",
        f"minutes = {int(q.minutes)}",
        f"tags = {toml_list(q.tags)}",
        f"related = {toml_list(q.related)}",
    ]
    if q.source == "user":
        parts.append('source = "user"')
    parts += ["+++", f"# {q.title}", ""]
    if q.prompt:
        parts += [q.prompt, ""]
    parts += ["## Answer", q.answer, "", "## Key points", *(f"- {k}" for k in q.key_points), "",
              "## Pitfalls", *(f"- {p}" for p in q.pitfalls), "",
              "## Follow-ups", *(f"- **{f.question}** {f.answer}" for f in q.follow_ups), ""]
    if my_answer.strip():
        parts += ["## My answer", my_answer.strip(), ""]
    if my_note.strip():
        parts += ["## My note", my_note.strip(), ""]
    return "\n".join(parts)


# Sections a Markdown export adds after the bank's; an import of such a file ignores them.
MINE_SECTIONS = ("My answer", "My note")


def _toml_str(s: str) -> str:
    escaped = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'
