"""Turning whatever a user types into a safe, ranked, prefix-matching FTS5 query.

Any string is accepted. Words are the runs of letters and digits (Unicode-aware); each
becomes a quoted FTS5 string with a prefix star, so operators (AND, OR, NOT, NEAR), column
filters (``a:b``), quotes, parentheses and stars typed by the user are matched as plain
words, never parsed as syntax. All words must match (implicit AND). A one-letter word is
matched as a whole token, not as a prefix.

Hyphenated terms (``k-means``, ``t-SNE``, ``leave-one-out``) are matched as a phrase: their
parts next to each other, in order (the index splits "k-means" and "k means" alike), or written
as one word ("kmeans"); not as separate words anywhere in the text, which matched every answer
with a "k" and a "means". Other words are unchanged, and so is the order of their results.
"""
from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)
_TERM = re.compile(r"\w+(?:-\w+)+|\w+", re.UNICODE)  # a word, or words joined by hyphens
_MAX_TERMS = 16
_MAX_TERM_LEN = 64
# What a search box keeps of a paste (its max length): a search reads at most 16 words anyway,
# and Qt's line edit lays out all it holds (two pasted 1 MB strings stalled it for ~1-2 s).
MAX_SEARCH_CHARS = 1_000


def search_terms(text: str) -> list[str]:
    """The words of a search, lower-cased, de-duplicated, in order; underscores split words.

    At most ``_MAX_TERMS`` words: scanning stops as soon as that many are found, so the cost is
    linear in the text read and bounded for any input (a pasted megabyte included)."""
    terms: dict[str, None] = {}  # ordered set: O(1) membership
    for match in _WORD.finditer(text or ""):
        for part in match.group().split("_"):
            word = part.lower()[:_MAX_TERM_LEN]
            if word and word not in terms:
                terms[word] = None
                if len(terms) == _MAX_TERMS:
                    return list(terms)
    return list(terms)


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression for ``text``, or None when it holds no searchable word."""
    parts: list[str] = []
    seen: set[str] = set()
    for group in _groups(text):
        if len(group) == 1:
            term = _word(group[0])
        else:  # a hyphenated term: the phrase, or the parts written as one word
            phrase = " ".join(group)
            term = f"({_word(phrase)} OR {_word(''.join(group))})"
        if term not in seen:
            seen.add(term)
            parts.append(term)
    if not parts:
        return None
    # FTS5's implicit AND joins strings only; a group (a hyphenated term) needs an explicit one.
    return (" AND " if any(p.startswith("(") for p in parts) else " ").join(parts)


def _word(text: str) -> str:
    """A quoted FTS5 string; prefix-matching unless its last word has one letter (a one-letter
    prefix would match most of the bank)."""
    last = text.rsplit(" ", 1)[-1]
    return f'"{text}"*' if len(last) > 1 else f'"{text}"'


def _groups(text: str) -> list[list[str]]:
    """The search's terms as lists of words (one word, or a hyphenated term's parts), with the
    same bounds as ``search_terms``."""
    groups: list[list[str]] = []
    count = 0
    for match in _TERM.finditer(text or ""):
        words = [part.lower()[:_MAX_TERM_LEN] for word in _WORD.findall(match.group())
                 for part in word.split("_") if part]
        if not words:
            continue
        words = words[: _MAX_TERMS - count]
        if match.group().count("-") and len(words) > 1:
            groups.append(words)
        else:
            groups.extend([w] for w in words)
        count += len(words)
        if count >= _MAX_TERMS:
            break
    return groups
