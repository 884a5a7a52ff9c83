"""Cutting a long note into pieces that render on their own, so a 1 MB note can be previewed
a window at a time (and each piece's HTML cached while the user types elsewhere).

A piece starts only where Markdown cannot carry anything over from the text before: outside
fenced code and ``$$`` math, at a non-indented line after a blank line, or at an ATX heading.
Lines are counted as the editor counts blocks: split on ``\\n``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

TARGET_CHARS = 4096
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^#{1,6}(\s|$)")


@dataclass(frozen=True)
class Chunk:
    first_line: int  # 0-based
    line_count: int
    text: str

    @property
    def last_line(self) -> int:
        return self.first_line + self.line_count - 1


def split_chunks(text: str, target_chars: int = TARGET_CHARS) -> list[Chunk]:
    """Consecutive pieces covering every line of ``text``, each about ``target_chars`` long
    (longer when no safe cut comes sooner)."""
    lines = text.split("\n")
    chunks: list[Chunk] = []
    start = 0
    size = 0
    fence: tuple[str, int] | None = None
    in_math = False
    previous_blank = True
    for i, line in enumerate(lines):
        if (
            size >= target_chars
            and fence is None
            and not in_math
            and line
            and not line[0].isspace()
            and (previous_blank or _HEADING.match(line))
        ):
            chunks.append(Chunk(start, i - start, "\n".join(lines[start:i])))
            start, size = i, 0
        size += len(line) + 1
        if line[:1] in ("`", "~", " "):
            match = _FENCE.match(line)
            if match:
                marker = match.group(1)
                if fence is None:
                    fence = (marker[0], len(marker))
                elif marker[0] == fence[0] and len(marker) >= fence[1] and not line[match.end():].strip():
                    fence = None
        if fence is None and "$$" in line:
            if line.count("$$") % 2:
                in_math = not in_math
        previous_blank = not line.strip()
    chunks.append(Chunk(start, len(lines) - start, "\n".join(lines[start:])))
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
