"""Cutting long notes into independently renderable pieces."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mlprep_desktop.core.note_chunks import chunk_index_at, split_chunks, window_around


def test_pieces_cover_the_text_and_count_lines():
    text = "\n\n".join(f"## Part {i}\n\nParagraph {i} " + "word " * 50 for i in range(40))
    chunks = split_chunks(text, target_chars=500)
    assert len(chunks) > 5
    assert "\n".join(c.text for c in chunks) == text
    assert chunks[0].first_line == 0
    for a, b in zip(chunks, chunks[1:]):
        assert b.first_line == a.first_line + a.line_count
    assert chunks[-1].last_line == text.count("\n")


def test_no_cut_inside_fenced_code_or_display_math():
    code = "```python\n" + "\n\nx = 1\n" * 200 + "```"
    math = "$$\n" + "\n\na + b\n" * 200 + "$$"
    text = "intro\n\n" + code + "\n\nmiddle\n\n" + math + "\n\nend"
    chunks = split_chunks(text, target_chars=100)
    for chunk in chunks:
        assert chunk.text.count("```") % 2 == 0
        assert chunk.text.count("$$") % 2 == 0


def test_window_around_a_line():
    text = "\n\n".join(f"# H{i}\n\ntext" for i in range(100))
    chunks = split_chunks(text, target_chars=10)
    index = chunk_index_at(chunks, 200)
    assert chunks[index].first_line <= 200 <= chunks[index].last_line
    first, last = window_around(chunks, 200, budget_chars=60)
    assert first == index - 1 and last > index
    assert sum(len(c.text) for c in chunks[first:last]) < 60 + len(chunks[last].text) * 2
    assert window_around(chunks, 10**6, budget_chars=60)[1] == len(chunks) - 1


@given(st.text(alphabet="ab #`$\n~ ", max_size=300), st.integers(min_value=1, max_value=50))
def test_any_text_round_trips(text, target):
    chunks = split_chunks(text, target_chars=target)
    assert "\n".join(c.text for c in chunks) == text
