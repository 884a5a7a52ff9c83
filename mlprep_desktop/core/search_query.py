"""Turning whatever a user types into a safe, ranked, prefix-matching FTS5 query.

Any string is accepted. Words are the runs of letters and digits (Unicode-aware); each
becomes a quoted FTS5 string with a prefix star, so operators (AND, OR, NOT, NEAR), column
filters (``a:b``), quotes, parentheses and stars typed by the user are matched as plain
words, never parsed as syntax. All words must match (implicit AND). A one-letter word is
matched as a whole token, not as a prefix.
"""
from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)
_MAX_TERMS = 16
_MAX_TERM_LEN = 64


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
    terms = search_terms(text)
    if not terms:
        return None
    # One-letter words match whole tokens only: as prefixes they would match most of the bank.
    return " ".join(f'"{term}"*' if len(term) > 1 else f'"{term}"' for term in terms)
