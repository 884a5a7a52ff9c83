"""``has_long_run`` (whether a note or a paste wraps anywhere) gives what measuring every run
gave, without splitting the text at every break."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mlprep_desktop.ui.notebook.note_editor import LONG_RUN_CHARS, has_long_run


def longest_run(text: str) -> int:
    """The old measure: the longest piece between spaces, tabs and line breaks."""
    return max(map(len, text.replace("\t", " ").replace("\n", " ").split(" ")))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab \t\n", max_size=200), st.integers(min_value=1, max_value=25))
def test_the_same_answer_as_measuring_every_run(text, limit):
    assert has_long_run(text, limit) == (longest_run(text) > limit)


def test_runs_at_the_limit_and_just_past_it_at_the_editors_size():
    for run in (LONG_RUN_CHARS - 1, LONG_RUN_CHARS, LONG_RUN_CHARS + 1, 2 * LONG_RUN_CHARS):
        for text in ("x" * run, "a b\n" + "x" * run + "\tc", ("x" * run + " ") * 30, " " * 7_777 + "x" * run):
            assert has_long_run(text) == (longest_run(text) > LONG_RUN_CHARS), (run, len(text))
    assert not has_long_run(("*a **a " * 50_000)[:350_000]) and has_long_run("x+" * 175_000)
