"""Cutting a long note into pieces that render on their own, so a 1 MB note can be previewed
a window at a time (and each piece's HTML cached while the user types elsewhere).

A piece starts where Markdown carries nothing over from the text before: outside fenced code
and ``$$`` math, at a non-indented line after a blank line, or at an ATX heading. A long fenced
block (or ``$$`` block) is cut too, so no piece is much longer than ``target_chars`` however
the note is written (one 1 MB fence would otherwise be one piece, re-highlighted whole after
every pause in typing): the piece before the cut closes the fence and the piece after re-opens
it with the same opening line (so the same language). Text with no safe cut for
``HARD_LIMIT_FACTOR`` times the target (a huge paragraph or list) is cut at any line.
Lines are counted as the editor counts blocks: split on ``\\n``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

TARGET_CHARS = 4096
HARD_LIMIT_FACTOR = 8
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^#{1,6}(\s|$)")
_MATH_FENCE = "$$"


@dataclass(frozen=True)
class Chunk:
    """Lines ``first_line`` … ``last_line`` of the note. ``text`` is what to render: those lines,
    after ``reopened`` (a fence or ``$$`` line repeated when the piece starts inside a block cut
    in two) and before ``closed`` (the line that ends such a block early)."""

    first_line: int  # 0-based
    line_count: int
    text: str
    reopened: str = ""
    closed: str = ""

    @property
    def last_line(self) -> int:
        return self.first_line + self.line_count - 1

    @property
    def source(self) -> str:
        """The note's own lines in this piece (``text`` without the added fence lines)."""
        start = len(self.reopened) + 1 if self.reopened else 0
        end = len(self.text) - len(self.closed) - 1 if self.closed else len(self.text)
        return self.text[start:end]


def split_chunks(text: str, target_chars: int = TARGET_CHARS) -> list[Chunk]:
    """Consecutive pieces covering every line of ``text``, each about ``target_chars`` long
    (at most ``HARD_LIMIT_FACTOR`` times that, plus a line or two)."""
    lines = text.split("\n")
    hard_limit = max(target_chars, 1) * HARD_LIMIT_FACTOR
    chunks: list[Chunk] = []
    start = 0
    size = 0
    reopened = ""
    fence: tuple[str, int, str] | None = None  # marker character, its length, the opening line
    fence_line = -1  # where it opened
    math_open: str | None = None  # the line that opened a $$ block
    previous_blank = True

    def cut(end: int, closed: str) -> None:
        own = "\n".join(lines[start:end])
        parts = ([reopened] if reopened else []) + [own] + ([closed] if closed else [])
        chunks.append(Chunk(start, end - start, "\n".join(parts), reopened, closed))

    for i, line in enumerate(lines):
        match = _FENCE.match(line) if line[:1] in ("`", "~", " ") else None
        closes_fence = (
            fence is not None and match is not None and match.group(1)[0] == fence[0]
            and len(match.group(1)) >= fence[1] and not line[match.end():].strip()
        )
        if size >= target_chars and i > start:
            if fence is not None:
                if not closes_fence and i - 1 > fence_line:  # cut the code block (not before its first line)
                    cut(i, fence[0] * fence[1])
                    start, size, reopened = i, 0, fence[2]
            elif math_open is not None:
                if size >= hard_limit and line.count(_MATH_FENCE) % 2 == 0:
                    cut(i, _MATH_FENCE)
                    start, size, reopened = i, 0, _MATH_FENCE
            elif (line and not line[0].isspace() and (previous_blank or _HEADING.match(line))) or size >= hard_limit:
                cut(i, "")
                start, size, reopened = i, 0, ""
        size += len(line) + 1
        if match is not None:
            marker = match.group(1)
            if fence is None:
                fence, fence_line = (marker[0], len(marker), line), i
            elif closes_fence:
                fence = None
        if fence is None and _MATH_FENCE in line and line.count(_MATH_FENCE) % 2:
            math_open = None if math_open is not None else line
        previous_blank = not line.strip()
    cut(len(lines), "")
    return chunks


def chunk_index_at(chunks: list[Chunk], line: int) -> int:
    """Index of the chunk holding ``line`` (clamped to the first/last chunk)."""
    starts = [c.first_line for c in chunks]
    return max(0, min(len(chunks) - 1, bisect.bisect_right(starts, line) - 1))


def window_around(chunks: list[Chunk], line: int, budget_chars: int, before: int = 1) -> tuple[int, int]:
    """Chunk indexes [first, last] to show around ``line``: ``before`` chunks before the one
    holding it, then following chunks until about ``budget_chars`` of text."""
    index = chunk_index_at(chunks, line)
    first = max(0, index - before)
    last = first
    size = len(chunks[first].text)
    while last + 1 < len(chunks) and (size < budget_chars or last <= index):
        last += 1
        size += len(chunks[last].text)
    return first, last
