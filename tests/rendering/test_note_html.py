"""Notes rendered: wiki links, long notes a window at a time, backlinks, the export document."""
from __future__ import annotations

import base64

from mlprep_desktop.core.note_models import Backlink
from mlprep_desktop.rendering.markdown_html import MarkdownRenderer, RenderedHtml
from mlprep_desktop.rendering.note_html import (
    LARGE_NOTE_CHARS,
    NEXT_PART,
    PREVIOUS_PART,
    ExportSection,
    NoteRenderer,
    backlinks_markdown,
    export_html,
)

TITLES = {"q1": "What is $x$?"}


def renderer(**kwargs) -> NoteRenderer:
    return NoteRenderer(MarkdownRenderer(), TITLES, **kwargs)


def test_a_short_note_renders_whole_with_links_code_math_and_tables():
    out = renderer().render("See [[q1]].\n\n```python\ndef f(): pass\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert not out.partial and out.total_lines == 10
    assert '<a href="question:q1">What is <img' in out.html and len(out.images) == 1
    assert '">def</span>' in out.html and "<table" in out.html


def test_raw_html_in_a_note_stays_text():
    out = renderer().render("<script>alert(1)</script> [[q1|<b>x</b>]]")
    assert "<script>" not in out.html and "<b>" not in out.html


def long_note(sections: int) -> str:
    return "\n\n".join(f"## Section {i}\n\n" + "Words about section %d. " % i * 40 for i in range(sections))


def test_a_long_note_is_rendered_a_window_at_a_time():
    text = long_note(400)
    assert len(text) > LARGE_NOTE_CHARS
    r = renderer()
    top = r.render(text, around_line=0)
    assert top.partial and top.first_line == 0 and "Section 0" in top.html
    assert "Section 399" not in top.html and f'href="#{NEXT_PART}"' in top.html
    assert f'href="#{PREVIOUS_PART}"' not in top.html
    line = text.split("\n").index("## Section 300")
    middle = r.render(text, around_line=line)
    assert middle.first_line <= line <= middle.last_line and "Section 300" in middle.html
    assert f'href="#{PREVIOUS_PART}"' in middle.html
    assert len(middle.html) < len(text) / 4


def test_window_pieces_are_cached_and_the_cache_follows_edits():
    text = long_note(400)
    r = renderer()
    calls = []
    original = r.render_full
    r.render_full = lambda t, budget=None: calls.append(t) or original(t, budget)
    r.render(text, 0)
    first = len(calls)
    r.render(text, 0)
    assert len(calls) == first  # nothing rendered again
    r.render(text.replace("Words about section 1.", "Edited words.", 1), 0)
    assert len(calls) == first + 1  # only the edited piece


def test_the_pieces_of_a_long_note_share_one_math_budget(monkeypatch):
    """The window's pieces share the render's math budget: each piece had the whole budget,
    so a window of three pieces of formulas drew for three budgets in one render (~150 ms)."""
    from mlprep_desktop.rendering import note_html

    clock = [100.0]
    monkeypatch.setattr(note_html.time, "perf_counter", lambda: clock[0])
    text = "\n\n".join(f"Step {i}: $z_{{{i}}} + {i}$" for i in range(10_000))
    assert len(text) > LARGE_NOTE_CHARS
    r = renderer()
    budgets: list[float | None] = []

    def render_full(piece: str, budget: float | None = None):
        budgets.append(budget)
        clock[0] += 0.03  # each piece spends 30 ms drawing
        return RenderedHtml(f"<p>{len(piece)}</p>", {}, ())

    r.render_full = render_full
    out = r.render(text, 0, math_budget=0.04)
    assert out.partial and len(budgets) >= 3
    assert abs(budgets[0] - 0.04) < 1e-9 and abs(budgets[1] - 0.01) < 1e-9 and budgets[2:] == [0.0] * (len(budgets) - 2)
    budgets.clear()
    r.clear_cache()
    r.render(text, 0)
    assert budgets and set(budgets) == {None}  # no budget: every formula drawn


def test_backlinks_section():
    assert backlinks_markdown([]) == ""
    md = backlinks_markdown([Backlink(3, "Own [note]", True), Backlink(4, "Log", False)])
    assert "### Notes that link here" in md
    assert "- [Own (note)](note:3) *(this question's own note)*" in md and "- [Log](note:4)" in md
    html = MarkdownRenderer().render(md).html
    assert 'href="note:3"' in html  # note: links survive the sanitizer


def test_export_document_embeds_images_and_unlinks_app_links():
    r = renderer(board_exists=lambda name: name == "B")
    rendered = r.render_full("[[q1]] ![[board:B]] ![[board:C]] $y$")
    html = export_html("Notes", [ExportSection("T <1>", "#tag", rendered)], lambda name: b"PNGDATA")
    assert "<title>Notes</title>" in html and "<h1>T &lt;1&gt;</h1>" in html
    assert "question:" not in html and "board:" not in html and "mlmath:" not in html
    assert f'src="data:image/png;base64,{base64.b64encode(b"PNGDATA").decode()}"' in html
    assert "[board C not found]" in html and "data:image/svg+xml;base64," in html
