"""Where bold, italic, links and code spans are in one line of Markdown, in linear time (no Qt).

The editor's highlighter used regular expressions such as ``(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1``:
where an opener has no closer, ``.+?`` scans to the end of the line from every opener, so a line
of thousands of ``*a **a`` (or ``[``, or backticks) costs the square of its length (175 ms for
2,000 backticks, on every keystroke). Here each kind of marker is found once, closers are kept
in sorted lists, and an opener finds its closer by bisection: O(n log n) for any line.

``strong_spans``, ``em_spans`` and ``link_spans`` give exactly the spans ``re.finditer`` gives
for the old patterns (``STRONG``, ``EM``, ``LINK``; the tests compare them on random text).
``code_spans`` follows CommonMark instead: a run of n backticks is closed by the next run of
exactly n backticks, else it is literal. Each function takes one line (no ``\\n``) and
returns ``(start, end)`` pairs in order.
"""
from __future__ import annotations

import re
from bisect import bisect_left

# The patterns these functions stand for (kept for the equivalence tests and as documentation).
STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
EM = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])|(?<![_\w])_(?=\S)(.+?)(?<=\S)_(?![_\w])")
LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)")

_DOUBLE = re.compile(r"(?=(\*\*|__))")
_SINGLE = re.compile(r"[*_]")
_OPEN_BRACKET = re.compile(r"\[")
_TICKS = re.compile(r"`+")


def _word(ch: str) -> bool:
    """``re``'s ``\\w`` for one character."""
    return ch.isalnum() or ch == "_"


def _first_after(closers: list[int], position: int) -> int | None:
    i = bisect_left(closers, position)
    return closers[i] if i < len(closers) else None


def strong_spans(text: str) -> list[tuple[int, int]]:
    """``**bold**`` and ``__bold__``: the spans of ``STRONG.finditer(text)``."""
    n = len(text)
    openers: list[tuple[int, str]] = []
    closers: dict[str, list[int]] = {"**": [], "__": []}
    for match in _DOUBLE.finditer(text):
        p, delim = match.start(), match.group(1)
        if p + 2 < n and not text[p + 2].isspace():
            openers.append((p, delim))
        if p >= 1 and not text[p - 1].isspace():
            closers[delim].append(p)
    spans: list[tuple[int, int]] = []
    end = 0
    for start, delim in openers:
        if start < end:
            continue
        close = _first_after(closers[delim], start + 3)  # at least one character between
        if close is not None:
            spans.append((start, close + 2))
            end = close + 2
    return spans


def em_spans(text: str) -> list[tuple[int, int]]:
    """``*italic*`` and ``_italic_``: the spans of ``EM.finditer(text)``."""
    n = len(text)
    openers: list[int] = []
    closers: dict[str, list[int]] = {"*": [], "_": []}
    for match in _SINGLE.finditer(text):
        p = match.start()
        mark = text[p]
        before = text[p - 1] if p else ""
        after = text[p + 1] if p + 1 < n else ""
        if mark == "*":
            if after and not after.isspace() and after != "*" and before != "*" and not (before and _word(before)):
                openers.append(p)
            if before and not before.isspace() and before != "*" and after != "*" and not (after and _word(after)):
                closers["*"].append(p)
        else:
            if after and not after.isspace() and not (before and _word(before)):
                openers.append(p)
            if before and not before.isspace() and not (after and _word(after)):
                closers["_"].append(p)
    spans: list[tuple[int, int]] = []
    end = 0
    for start in openers:
        if start < end:
            continue
        close = _first_after(closers[text[start]], start + 2)
        if close is not None:
            spans.append((start, close + 1))
            end = close + 1
    return spans


def link_spans(text: str) -> list[tuple[int, int]]:
    """``[text](target)`` and ``![alt](src)``: the spans of ``LINK.finditer(text)``."""
    spans: list[tuple[int, int]] = []
    end = 0
    bracket = paren = -1  # the next ']' and ')' found so far (both only move forward)
    for match in _OPEN_BRACKET.finditer(text):
        s = match.start()
        if s < end:
            continue
        if bracket <= s:
            bracket = text.find("]", s + 1)
            if bracket < 0:
                break  # no ']' after here: no more links
        if not text.startswith("(", bracket + 1):
            continue
        if paren <= bracket:
            paren = text.find(")", bracket + 2)
            if paren < 0:
                break
        start = s - 1 if s - 1 >= end and text[s - 1] == "!" else s
        spans.append((start, paren + 1))
        end = paren + 1
    return spans


def code_spans(text: str) -> list[tuple[int, int]]:
    """`` `code` ``: a run of backticks closed by the next run of the same length (CommonMark)."""
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for index, (start, stop) in enumerate(runs):
        by_length.setdefault(stop - start, []).append(index)
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        start, stop = runs[index]
        same = by_length[stop - start]
        following = bisect_left(same, index + 1)
        if following < len(same):
            closing = same[following]
            spans.append((start, runs[closing][1]))
            index = closing + 1
        else:
            index += 1
    return spans
