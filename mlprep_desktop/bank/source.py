"""Reading one question source file: TOML front matter between ``+++`` lines, then Markdown
with a ``# Title``, an optional prompt and the sections Answer, Key points, Pitfalls, Follow-ups;
a coding question then has Starter, Solution and Tests, each one fenced ```python block.

``parse_source`` never raises for a malformed file: it returns what it could read and a list
of ``Problem`` (file, line, message). Content rules beyond the shape live in ``rules.py``.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from mlprep_desktop.core.exercise import DEFAULT_MEMORY_MB, DEFAULT_REQUIRES, DEFAULT_TIME_LIMIT, Exercise
from mlprep_desktop.core.models import FollowUp, Question

SECTIONS = ("Answer", "Key points", "Pitfalls", "Follow-ups")
EXERCISE_SECTIONS = ("Starter", "Solution", "Tests")  # optional, after Follow-ups, in this order
ALL_SECTIONS = SECTIONS + EXERCISE_SECTIONS
_CODE_BLOCK = re.compile(r"\A(```|~~~)[ \t]*(python|py|python3)[ \t]*\n(.*?)^\1[ \t]*\Z", re.DOTALL | re.MULTILINE)
_FENCE_OPEN = re.compile(r"^(```|~~~)")
_BULLET = re.compile(r"^[-*+] +(.*)$")
_FOLLOW_UP = re.compile(r"^\*\*(.+?)\*\*\s*(.*)$", re.DOTALL)


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class SourceQuestion:
    """A parsed source file, with the line numbers that problems point at."""

    path: Path
    meta: dict
    title: str = ""
    prompt: str = ""
    sections: dict[str, str] = field(default_factory=dict)
    section_lines: dict[str, int] = field(default_factory=dict)
    title_line: int = 0
    key_points: list[str] = field(default_factory=list)
    pitfalls: list[str] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    meta_line: int = 1
    code: dict[str, str] = field(default_factory=dict)  # Starter/Solution/Tests -> Python source

    def exercise(self) -> Exercise | None:
        """The runnable exercise, when the file has all three code sections."""
        if not all(name in self.code for name in EXERCISE_SECTIONS):
            return None
        m = self.meta
        requires = m.get("requires", list(DEFAULT_REQUIRES))
        return Exercise(
            starter=self.code["Starter"],
            solution=self.code["Solution"],
            tests=self.code["Tests"],
            requires=tuple(str(r) for r in requires) if isinstance(requires, list) else DEFAULT_REQUIRES,
            time_limit=_int(m.get("time_limit"), DEFAULT_TIME_LIMIT),
            memory_mb=_int(m.get("memory_mb"), DEFAULT_MEMORY_MB),
        )

    def to_question(self) -> Question:
        m = self.meta
        return Question(
            id=str(m.get("id", "")),
            type=str(m.get("type", "")),
            topic=str(m.get("topic", "")),
            difficulty=str(m.get("difficulty", "")),
            minutes=int(m.get("minutes", 0) or 0),
            title=self.title,
            prompt=self.prompt,
            answer=self.sections.get("Answer", ""),
            key_points=tuple(self.key_points),
            pitfalls=tuple(self.pitfalls),
            follow_ups=tuple(self.follow_ups),
            tags=tuple(str(t) for t in m.get("tags", []) or []),
            related=tuple(str(r) for r in m.get("related", []) or []),
            exercise=self.exercise(),
        )


def _int(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def parse_source(path: Path) -> tuple[SourceQuestion | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(path, 1, f"cannot read the file: {exc}")]
    return parse_text(path, text)


def parse_text(path: Path, text: str) -> tuple[SourceQuestion | None, list[Problem]]:
    """``parse_source`` for text already read (``path`` names it in problems)."""
    problems: list[Problem] = []
    lines = text.splitlines()
    if not lines or lines[0].strip() != "+++":
        return None, [Problem(path, 1, "must start with a '+++' line opening the TOML front matter")]
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration:
        return None, [Problem(path, 1, "the front matter is not closed by a second '+++' line")]
    try:
        meta = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as exc:
        line = 2
        found = re.search(r"line (\d+)", str(exc))
        if found:
            line = int(found.group(1)) + 1
        return None, [Problem(path, line, f"invalid TOML front matter: {exc}")]
    source = SourceQuestion(path=path, meta=meta, meta_line=2)
    _parse_body(source, lines, end + 1, problems)
    return source, problems


def _parse_body(source: SourceQuestion, lines: list[str], start: int, problems: list[Problem]) -> None:
    path = source.path
    current: str | None = None  # None: before the title; "" prompt; else a section name
    buffers: dict[str, list[str]] = {"": []}
    in_fence = False
    for index in range(start, len(lines)):
        line = lines[index]
        number = index + 1
        if _FENCE_OPEN.match(line.strip()):
            in_fence = not in_fence
        if not in_fence and current is None and line.strip():
            if line.startswith("# "):
                source.title = line[2:].strip()
                source.title_line = number
                current = ""
                continue
            problems.append(Problem(path, number, "expected the '# Title' line after the front matter"))
            current = ""
        if not in_fence and line.startswith("## "):
            name = line[3:].strip()
            if name not in ALL_SECTIONS:
                problems.append(Problem(path, number, f"unknown section '## {name}' (expected one of {', '.join(ALL_SECTIONS)})"))
            elif name in buffers:
                problems.append(Problem(path, number, f"section '## {name}' appears twice"))
            else:
                expected = [s for s in ALL_SECTIONS if s not in buffers]
                if expected and expected[0] != name:
                    problems.append(Problem(path, number, f"section '## {name}' is out of order: '## {expected[0]}' comes first"))
                buffers[name] = []
                source.section_lines[name] = number
                current = name
                continue
        if current is not None:
            buffers.setdefault(current, []).append(line)
    if in_fence:
        problems.append(Problem(path, len(lines), "a fenced code block is never closed"))
    if not source.title:
        problems.append(Problem(path, start + 1, "missing the '# Title' line"))
    source.prompt = "\n".join(buffers.get("", [])).strip()
    for name in SECTIONS:
        if name not in buffers:
            problems.append(Problem(path, len(lines), f"missing section '## {name}'"))
            continue
        body = "\n".join(buffers[name]).strip()
        source.sections[name] = body
        if not body:
            problems.append(Problem(path, source.section_lines[name], f"section '## {name}' is empty"))
    for name in EXERCISE_SECTIONS:
        if name not in buffers:
            continue
        body = "\n".join(buffers[name]).strip()
        source.sections[name] = body
        m = _CODE_BLOCK.match(body)
        if m is None or re.search(r"^(```|~~~)", m.group(3), re.MULTILINE):
            problems.append(Problem(path, source.section_lines[name],
                                    f"section '## {name}' must hold exactly one ```python block and nothing else"))
        else:
            source.code[name] = m.group(3)
    source.key_points = _bullets(source.sections.get("Key points", ""))
    source.pitfalls = _bullets(source.sections.get("Pitfalls", ""))
    for item in _bullets(source.sections.get("Follow-ups", "")):
        m = _FOLLOW_UP.match(item)
        if m and m.group(2).strip():
            source.follow_ups.append(FollowUp(m.group(1).strip(), m.group(2).strip()))
        else:
            problems.append(
                Problem(path, source.section_lines.get("Follow-ups", 1),
                        f"follow-up must be '- **Question?** answer': {item[:60]!r}")
            )


def _bullets(body: str) -> list[str]:
    """Top-level list items of a section; indented lines continue the item before."""
    items: list[str] = []
    for line in body.splitlines():
        m = _BULLET.match(line)
        if m:
            items.append(m.group(1).strip())
        elif items and line.strip():
            items[-1] += " " + line.strip()
    return items
