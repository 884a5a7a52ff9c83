"""Markdown rendering: highlighted code, math as images, no raw HTML, inert unsafe links."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlprep_desktop.core.models import FollowUp, Question
from mlprep_desktop.rendering.markdown_html import MarkdownRenderer
from mlprep_desktop.rendering.question_html import render_question


def render(text: str, **kwargs):
    return MarkdownRenderer().render(text, **kwargs)


def test_python_code_is_highlighted_with_inline_styles():
    html = render("```python\ndef area(r):\n    return 3.14 * r ** 2\n```\n").html
    assert "<pre" in html
    assert re.search(r'<span style="[^"]*color[^"]*">def</span>', html), html


def test_math_becomes_an_image_with_its_svg():
    out = render("Inline $x^2$ and display:\n\n$$\\frac{a}{b}$$\n")
    keys = re.findall(r'src="mlmath:([0-9a-f]+)"', out.html)
    assert len(keys) == 2 and set(keys) == set(out.images)
    assert all(image.svg.startswith("<svg") for image in out.images.values())
    assert 'align="center"' in out.html  # display math stands on its own line


def test_dollars_in_code_and_prices_are_not_math():
    out = render("It costs 5 $ or 6 $ and `echo $HOME$` stays code.")
    assert out.images == {}


def test_raw_html_is_escaped():
    html = render("Hello <script>alert('x')</script> <b onclick=x>bold</b>").html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b " not in html


def test_unsafe_links_lose_their_href_and_app_links_keep_it():
    html = render("[a](javascript:alert(1)) [b](file:///etc/passwd) [c](question:bias-variance-tradeoff) [d](https://example.org)").html
    assert "javascript:" not in html and "file:" not in html
    assert 'href="question:bias-variance-tradeoff"' in html and 'href="https://example.org"' in html


def test_images_from_files_are_not_loaded():
    html = render("![secret](file:///etc/passwd)").html
    assert "<img" not in html and "[image: secret]" in html


def test_search_terms_are_highlighted_outside_code():
    html = render("Regularization helps.\n\n```python\nregularize = 1\n```\n", highlight=["regulariz"]).html
    assert re.search(r'<span class="hit"[^>]*>Regularization</span>', html)
    assert html.count('class="hit"') == 1


def question(**overrides) -> Question:
    base = dict(
        id="q", type="theory", topic="fundamentals", difficulty="beginner", minutes=3, title="What is $x$?",
        prompt="", answer="The answer body.", key_points=("point one", "point two", "point three"),
        pitfalls=("a pitfall",), follow_ups=(FollowUp("Why?", "Because."),), related=("other",),
    )
    base.update(overrides)
    return Question(**base)


def test_question_hides_the_answer_until_revealed():
    renderer = MarkdownRenderer()
    hidden = render_question(renderer, question(), reveal=False).html
    assert "The answer body" not in hidden and "point one" not in hidden
    shown = render_question(renderer, question(), reveal=True, titles={"other": "Other question?"}).html
    for part in ("The answer body", "Key points", "point one", "Pitfalls", "Follow-ups", "Because.", 'href="question:other"'):
        assert part in shown


def test_lists_right_after_a_paragraph_and_two_space_nesting_render_as_lists():
    html = render("Trade-offs:\n- first\n- second\n  - nested\n\nAfter.").html
    assert "<p>Trade-offs:</p>" in html
    assert html.count("<ul>") == 2 and "<li>first</li>" in html


def test_broken_link_urls_and_absurd_nesting_never_raise():
    html = render("[x](http://[::1) and <http://[fe80::1>").html
    assert "http://[::1" not in re.findall(r'href="([^"]*)"', html)
    deep = render("> " * 2000 + "deep").html
    assert "deep" in deep


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("[]()<>:/!*_`$#-|\\ \nahttpsfilejavascript1[::")), max_size=120))
def test_any_markdown_renders_without_raising(text):
    out = MarkdownRenderer().render(text)
    assert isinstance(out.html, str)
    assert "javascript:" not in "".join(re.findall(r'href="([^"]*)"', out.html)).lower()


def test_code_blocks_do_not_end_in_an_empty_line():
    html = render("```python\nx = 1\n```\n").html
    assert "\n</code></pre>" not in html and "</code></pre>" in html


# ----- bounded work for hostile text (each used to take from seconds to minutes)
def test_a_paragraph_too_long_to_format_is_shown_as_written_and_escaped():
    from mlprep_desktop.rendering.markdown_html import MAX_BLOCK_CHARS

    renderer = MarkdownRenderer()
    text = "Intro with **bold**.\n\n" + "<script>" + "[" * (MAX_BLOCK_CHARS + 10) + "\n\nOutro"
    html = renderer.render(text).html
    assert "<strong>bold</strong>" in html and "Outro" in html
    assert "too long to format" in html and "&lt;script&gt;" in html and "<script>" not in html


def test_of_a_huge_paragraph_the_preview_shows_the_start_and_says_the_rest_is_in_the_editor():
    from mlprep_desktop.rendering.markdown_html import MAX_SHOWN_CHARS

    pasted = "".join(f"w{i:06d} " for i in range(50_000))  # 400 KB on one line
    html = MarkdownRenderer().render("Before.\n\n" + pasted + "\n\nAfter.").html
    assert "Before." in html and "After." in html
    assert "w000000" in html and f"w{MAX_SHOWN_CHARS // 8 - 1:06d}" in html
    assert "w049999" not in html and len(html) < 2 * MAX_SHOWN_CHARS
    assert f"first {MAX_SHOWN_CHARS:,} are shown" in html and "editor holds all of it" in html


def test_thousands_of_unclosed_brackets_render_literally_and_links_still_work():
    renderer = MarkdownRenderer()
    html = renderer.render("[x](https://a.b) " + "[" * 4_000).html
    assert html.count("[") >= 4_000
    plain = renderer.render("See [x](https://a.b) and [[link]].").html
    assert '<a href="https://a.b">x</a>' in plain


def test_a_math_budget_leaves_formulas_pending_and_prerendering_draws_them():
    from mlprep_desktop.rendering.markdown_html import prerender_math

    renderer = MarkdownRenderer()
    text = "\n\n".join(f"$q_{{{i}}} + r$" for i in range(600))
    first = renderer.render(text, math_budget=0.0)
    assert first.pending_math and len(first.images) < 600
    todo = list(first.pending_math)
    while todo:
        todo = prerender_math(todo, 0.05)
    again = renderer.render(text, math_budget=0.0)
    assert not again.pending_math and len(again.images) == 600


def test_an_oversized_formula_is_never_drawn_nor_left_pending():
    from mlprep_desktop.rendering.math_svg import MAX_FORMULA_CHARS, MathTooLargeError, render_math

    huge = "x+" * MAX_FORMULA_CHARS
    with pytest.raises(MathTooLargeError):
        render_math(huge)
    result = MarkdownRenderer().render(f"$${huge}$$", math_budget=0.0)
    assert not result.pending_math and not result.images and "not drawn" in result.html


def test_fences_follow_commonmark_indented_longer_closing_and_unclosed():
    renderer = MarkdownRenderer()
    # an indented opening fence, its code dedented by the fence's indent, a longer closing fence
    html = renderer.render("  ```python\n  def f(x):\n      return x\n  ````\n\n| a | b |\n|---|---|\n| 1 | 2 |").html
    code = html.split("<pre", 1)[1].split("</pre>", 1)[0]
    assert "return" in code and "\n    <span" in code and "```" not in html
    assert "<td>1</td>" in html and "<td>" not in code
    # an unclosed fence runs to the end of the text, blank lines and all
    html = renderer.render("Intro\n\n```\nline one\n\nline two\n").html
    assert html.startswith("<p>Intro</p>") and "<p><div" not in html
    assert "line one\n\nline two</code></pre>" in html
    # inline code with triple backticks stays inline
    assert "<code>inline</code>" in renderer.render("a ```inline``` b").html


def test_a_render_with_a_budget_leaves_loading_the_math_font_to_whoever_draws(monkeypatch):
    """Issue 16: the first formula in a process loads ziamath and its font (~0.3 s). A render
    with a math budget (a search's, a preview's) does not: every new formula waits, and
    prerender_math loads it and draws them; a render without a budget draws at once."""
    from mlprep_desktop.rendering import markdown_html, math_svg

    monkeypatch.setattr(math_svg, "_ziamath", None)  # as in a process that drew nothing yet
    monkeypatch.setattr(math_svg, "_cache", math_svg._MathCache(math_svg.CACHE_SIZE))
    first = MarkdownRenderer().render("Loss $a^2$ and $$b_1 + c$$", math_budget=10.0)  # time enough
    assert not first.images and len(first.pending_math) == 2 and not math_svg.drawing_ready()
    assert markdown_html.prerender_math(first.pending_math, 10.0) == []
    assert math_svg.drawing_ready()
    assert len(MarkdownRenderer().render("Loss $a^2$ and $$b_1 + c$$", math_budget=10.0).images) == 2
    monkeypatch.setattr(math_svg, "_ziamath", None)
    assert len(MarkdownRenderer().render("$d^3$").images) == 1  # no budget: drawn now
