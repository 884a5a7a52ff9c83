"""Wiki links in notes: found, rewritten for rendering, completed — never inside code."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mlprep_desktop.core.note_links import (
    completion_prefix,
    fenced_ranges,
    linked_question_ids,
    prose_segments,
    wiki_to_markdown,
)

TITLES = {"bias-variance-tradeoff": "Explain the bias–variance trade-off.", "l1": "What does [L1] do?"}


def test_links_are_found_in_order_without_duplicates_boards_or_code():
    text = (
        "See [[l1]] and [[bias-variance-tradeoff|the trade-off]], again [[l1]].\n"
        "![[board:Sketch 1]] [[board:Other]] `[[in-code]]`\n\n"
        "```python\nx = '[[in-fence]]'\n```\n"
        "~~~\n[[in-tilde-fence]]\n~~~\n"
        "[[after-fences]] [[has space]]"
    )
    assert linked_question_ids(text) == ["l1", "bias-variance-tradeoff", "after-fences"]


def test_an_unclosed_fence_runs_to_the_end():
    text = "[[a]]\n```\n[[b]]\n"
    assert linked_question_ids(text) == ["a"]
    assert fenced_ranges(text) == [(6, len(text))]


def test_inline_triple_backticks_do_not_open_a_fence():
    assert linked_question_ids("``` not a fence ``` [[a]]") == ["a"]


def test_segments_cover_the_text_exactly():
    text = "a `b` c\n```\nd\n```\ne"
    assert "".join(piece for _, piece in prose_segments(text)) == text
    assert [code for code, _ in prose_segments(text)] == [False, True, False, True, False]


def test_known_links_become_question_links_with_the_title():
    md = wiki_to_markdown("See [[bias-variance-tradeoff]] or [[l1|lasso]] or [[l1]].", TITLES)
    assert md == (
        "See [Explain the bias–variance trade-off.](question:bias-variance-tradeoff) or "
        "[lasso](question:l1) or [What does (L1) do?](question:l1)."
    )


def test_unknown_links_stay_visible_and_code_is_untouched():
    md = wiki_to_markdown("[[nope]] `[[l1]]`\n```\n[[l1]]\n```", TITLES)
    assert md.startswith("\\[\\[nope\\]\\] *(no question with this id)*")
    assert "`[[l1]]`" in md and "\n[[l1]]\n" in md


def test_board_embeds_become_images_or_a_not_found_text():
    exists = {"Sketch 1"}.__contains__
    md = wiki_to_markdown("![[board:Sketch 1]] ![[board:Missing]] [[board:Sketch 1]]", {}, exists)
    assert md == (
        "![Board: Sketch 1](board:Sketch%201) *\\[board Missing not found\\]* [Board: Sketch 1](board:Sketch%201)"
    )
    assert "not found" in wiki_to_markdown("![[board:Sketch 1]]", {})  # no boards available at all


def test_completion_prefix_after_an_open_link():
    assert completion_prefix("text [[") == ""
    assert completion_prefix("text [[bias var") == "bias var"
    assert completion_prefix("[[done]] more") is None
    assert completion_prefix("![[board:") is None
    assert completion_prefix("[[board:x") is None
    assert completion_prefix("[[a|label") is None
    assert completion_prefix("plain") is None
    assert completion_prefix("[[[abc") == "abc"
    assert completion_prefix("x ![[abc") is None
    assert completion_prefix("[[a [[b") == "b"


@given(st.text(alphabet="[]!|ab \n:", max_size=40))
def test_completion_prefix_reads_from_the_last_open_link_as_the_whole_line_would(text):
    import re

    match = re.search(r"(!?)\[\[([^\[\]\n|]*)$", text)  # the rule: the whole line searched
    expected = None if match is None or match.group(1) or match.group(2).lower().startswith("board:") \
        else match.group(2)
    assert completion_prefix(text) == expected


@given(st.text(alphabet="[]!`~|ab \n:", max_size=60))
def test_rewriting_never_fails_and_plain_text_is_kept(text):
    out = wiki_to_markdown(text, TITLES, lambda name: True)
    if "[[" not in text:
        assert out == text
    linked_question_ids(text)
