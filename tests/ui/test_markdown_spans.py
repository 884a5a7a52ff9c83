"""The highlighter's span finders: the same spans as the regular expressions they replace, on
any line, in time linear in its length (the patterns took the square of it)."""
from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlprep_desktop.ui.notebook.markdown_spans import (
    EM,
    LINK,
    STRONG,
    code_spans,
    em_spans,
    link_spans,
    strong_spans,
)

# Lines made of the characters that matter (markers, spaces, word and non-word characters).
LINES = st.text(alphabet="*_ \ta1é.!()[]`\u2028", max_size=60)


def spans(pattern, text):
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=3000, deadline=None)
@given(LINES)
def test_the_same_spans_as_the_patterns(text):
    assert strong_spans(text) == spans(STRONG, text)
    assert em_spans(text) == spans(EM, text)
    assert link_spans(text) == spans(LINK, text)


@pytest.mark.parametrize("text, expected", [
    ("a `code` b", [(2, 8)]),
    ("``a`b`` c", [(0, 7)]),  # a longer run holds single backticks
    ("`a``b`", [(0, 6)]),  # a run closes only a run of its own length
    ("``` x", []),  # unclosed: literal
    ("`a` and `b`", [(0, 3), (8, 11)]),
])
def test_code_spans_follow_commonmark(text, expected):
    assert code_spans(text) == expected


@pytest.mark.parametrize("line", [
    ("*a **a " * 50_000)[:350_000],
    "[" * 350_000,
    "`" * 350_000,
    "a " + "`" * 1_000 + " b `" * 80_000,
    "_a __a " * 50_000,
    "[a](" * 80_000,
])
def test_a_hostile_350_kb_line_takes_a_fraction_of_a_second(line):
    start = time.perf_counter()
    for find in (strong_spans, em_spans, link_spans, code_spans):
        find(line)
    assert time.perf_counter() - start < 5.0  # generous; the patterns took minutes on such lines
