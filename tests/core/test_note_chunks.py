"""Cutting long notes into independently renderable pieces."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mlprep_desktop.core.note_chunks import HARD_LIMIT_FACTOR, chunk_index_at, split_chunks, window_around


def test_pieces_cover_the_text_and_count_lines():
    text = "\n\n".join(f"## Part {i}\n\nParagraph {i} " + "word " * 50 for i in range(40))
    chunks = split_chunks(text, target_chars=500)
    assert len(chunks) > 5
    assert "\n".join(c.source for c in chunks) == text
    assert all(c.text == c.source for c in chunks)  # nothing re-opened between paragraphs
    assert chunks[0].first_line == 0
    for a, b in zip(chunks, chunks[1:]):
        assert b.first_line == a.first_line + a.line_count
    assert chunks[-1].last_line == text.count("\n")


def test_every_piece_renders_on_its_own_fences_and_display_math_balanced():
    code = "```python\n" + "\n\nx = 1\n" * 200 + "```"
    math = "$$\n" + "\n\na + b\n" * 200 + "$$"
    text = "intro\n\n" + code + "\n\nmiddle\n\n" + math + "\n\nend"
    chunks = split_chunks(text, target_chars=400)
    assert "\n".join(c.source for c in chunks) == text
    assert sum(1 for c in chunks if c.reopened == "```python") >= 2  # the code block is cut
    for chunk in chunks:
        assert chunk.text.count("```") % 2 == 0
        assert chunk.text.count("$$") % 2 == 0
    # display math under the hard limit is never cut (a cut could break a LaTeX environment)
    assert any(math in c.source for c in chunks)
    assert not any(c.reopened == "$$" for c in chunks)


def test_one_huge_fenced_block_is_cut_into_small_pieces_that_reopen_its_language():
    body = "".join(f"    value_{i} = compute({i})  # step {i}\n" for i in range(30_000))
    text = "# Pasted script\n\n~~~~python title=run.py\ndef run():\n" + body + "~~~~\n\nAfter the code."
    assert len(text) > 1_000_000
    chunks = split_chunks(text)
    assert "\n".join(c.source for c in chunks) == text
    assert len(chunks) > 200
    assert max(len(c.text) for c in chunks) < 4096 + 200
    inside = chunks[1:-1]
    for chunk in inside:
        assert chunk.reopened == "~~~~python title=run.py" and chunk.text.startswith(chunk.reopened + "\n")
        assert chunk.closed == "~~~~" and chunk.text.endswith("\n~~~~")
    assert chunks[0].reopened == "" and chunks[0].closed == "~~~~"
    assert chunks[-1].text.endswith("~~~~\n\nAfter the code.") and chunks[-1].closed == ""


def test_no_piece_holds_an_empty_code_block():
    text = "```\n" + "a\n" * 3 + "```\nb"
    for target in range(1, 12):
        chunks = split_chunks(text, target_chars=target)
        assert "\n".join(c.source for c in chunks) == text
        for chunk in chunks:  # neither cut right after the opening line nor at the closing one
            assert "```\n```" not in chunk.text


def test_text_without_any_safe_cut_is_still_cut_at_the_hard_limit():
    log = "\n".join(f"log line {i} without a blank line between" for i in range(20_000))
    chunks = split_chunks(log, target_chars=1000)
    assert "\n".join(c.source for c in chunks) == log
    assert len(chunks) > 20 and max(len(c.text) for c in chunks) <= HARD_LIMIT_FACTOR * 1000 + 100


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
def test_any_text_round_trips_and_no_piece_is_much_longer_than_the_hard_limit(text, target):
    chunks = split_chunks(text, target_chars=target)
    assert "\n".join(c.source for c in chunks) == text
    longest_line = max(len(line) for line in text.split("\n"))
    for chunk in chunks:
        parts = ([chunk.reopened] if chunk.reopened else []) + [chunk.source] + ([chunk.closed] if chunk.closed else [])
        assert chunk.text == "\n".join(parts)
        assert len(chunk.source) <= HARD_LIMIT_FACTOR * target + 2 * (longest_line + 1)
