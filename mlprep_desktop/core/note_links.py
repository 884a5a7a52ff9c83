"""Wiki links in notes: ``[[question-id]]``, ``[[question-id|label]]`` and ``![[board:NAME]]``.

- ``linked_question_ids`` lists the questions a note links to (for backlinks);
- ``wiki_to_markdown`` rewrites the links into Markdown the app's renderer understands
  (``question:`` links, ``board:`` images), so preview and export show them;
- ``completion_prefix`` tells the editor when to offer question completion (after ``[[``).
Code is left alone: nothing inside fenced blocks or `code spans` is a link.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from urllib.parse import quote

WIKI_LINK = re.compile(r"(!?)\[\[([^\[\]\n]+?)\]\]")
_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_OPEN_LINK = re.compile(r"(!?)\[\[([^\[\]\n|]*)$")
BOARD_PREFIX = "board:"


def fenced_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges [start, end) of fenced code blocks, fence lines included.

    An unclosed fence runs to the end of the text (as Markdown renders it)."""
    ranges: list[tuple[int, int]] = []
    pos = 0
    opened: tuple[int, str, int] | None = None  # start, fence char, fence length
    for line in text.splitlines(keepends=True):
        stripped = line.lstrip(" ")
        if stripped[:1] in ("`", "~") and len(line) - len(stripped) <= 3:
            match = _FENCE_LINE.match(line)
            if match:
                fence = match.group(1)
                if opened is None:
                    if not (fence[0] == "`" and "`" in line[match.end():]):
                        opened = (pos, fence[0], len(fence))
                elif fence[0] == opened[1] and len(fence) >= opened[2] and not line[match.end():].strip():
                    ranges.append((opened[0], pos + len(line)))
                    opened = None
        pos += len(line)
    if opened is not None:
        ranges.append((opened[0], len(text)))
    return ranges


def prose_segments(text: str) -> Iterator[tuple[bool, str]]:
    """The text as consecutive (is_code, piece) parts: fenced blocks and code spans are code."""
    pos = 0
    for start, end in fenced_ranges(text):
        if start > pos:
            yield from _split_spans(text[pos:start])
        yield True, text[start:end]
        pos = end
    if pos < len(text):
        yield from _split_spans(text[pos:])


def _split_spans(text: str) -> Iterator[tuple[bool, str]]:
    pos = 0
    for match in _CODE_SPAN.finditer(text):
        if match.start() > pos:
            yield False, text[pos:match.start()]
        yield True, match.group(0)
        pos = match.end()
    if pos < len(text):
        yield False, text[pos:]


def parse_target(inner: str) -> tuple[str, str | None]:
    """'id|label' -> ('id', 'label'); 'id' -> ('id', None)."""
    target, bar, label = inner.partition("|")
    return target.strip(), (label.strip() or None) if bar else None


def board_name(target: str) -> str | None:
    """'board:My sketch' -> 'My sketch' (None when the target is not a board)."""
    if target[: len(BOARD_PREFIX)].lower() == BOARD_PREFIX:
        name = " ".join(target[len(BOARD_PREFIX):].split())
        return name or None
    return None


def linked_question_ids(text: str) -> list[str]:
    """The question ids a note links to with [[id]], in order of first appearance."""
    found: list[str] = []
    if "[[" not in (text or ""):
        return found
    for is_code, piece in prose_segments(text):
        if is_code or "[[" not in piece:
            continue
        for match in WIKI_LINK.finditer(piece):
            if match.group(1):
                continue  # an embed, not a link
            target, _ = parse_target(match.group(2))
            if target and board_name(target) is None and " " not in target and target not in found:
                found.append(target)
    return found


def link_text(text: str) -> str:
    """Text safe inside Markdown link brackets."""
    return text.replace("[", "(").replace("]", ")").replace("\n", " ")


def wiki_to_markdown(
    text: str,
    titles: Mapping[str, str],
    board_exists: Callable[[str], bool] | None = None,
) -> str:
    """``text`` with wiki links turned into Markdown links and images (code untouched).

    A known question becomes ``[its title](question:id)``; an unknown id stays visible as text;
    ``![[board:NAME]]`` becomes an image ``board:NAME`` when ``board_exists(NAME)``, otherwise
    the text "[board NAME not found]"."""
    if "[[" not in (text or ""):
        return text or ""

    def replace(match: re.Match) -> str:
        embed, (target, label) = match.group(1), parse_target(match.group(2))
        name = board_name(target)
        if name is not None:
            url = "board:" + quote(name, safe="")
            if embed:
                if board_exists is not None and board_exists(name):
                    return f"![{link_text(label or 'Board: ' + name)}]({url})"
                return f"*\\[board {link_text(name)} not found\\]*"
            return f"[{link_text(label or 'Board: ' + name)}]({url})"
        if embed or not target:
            return match.group(0).replace("[", "\\[").replace("]", "\\]")
        if target in titles:
            return f"[{link_text(label or titles[target])}](question:{quote(target, safe='-._~')})"
        shown = link_text(label or target)
        return f"\\[\\[{shown}\\]\\] *(no question with this id)*"

    return "".join(piece if is_code else WIKI_LINK.sub(replace, piece) for is_code, piece in prose_segments(text))


def completion_prefix(before_cursor: str) -> str | None:
    """What the user has typed after an open ``[[`` on this line (maybe ''), or None when the
    cursor is not inside a question link being typed. Only the text from the last ``[[`` is
    read (a link being typed holds no bracket), so each key costs the same on a 350 KB line."""
    opening = before_cursor.rfind("[[")
    if opening < 0:
        return None
    match = _OPEN_LINK.search(before_cursor, max(0, opening - 1))
    if match is None or match.group(1):
        return None
    prefix = match.group(2)
    if prefix.lower().startswith(BOARD_PREFIX):
        return None
    return prefix


def embedded_boards(text: str) -> list[str]:
    """Names of the boards a note shows with ``![[board:NAME]]`` (outside code), in order."""
    found: list[str] = []
    if "board:" not in (text or ""):
        return found
    for is_code, piece in prose_segments(text):
        if is_code:
            continue
        for match in WIKI_LINK.finditer(piece):
            name = board_name(parse_target(match.group(2))[0])
            if match.group(1) and name and name not in found:
                found.append(name)
    return found
