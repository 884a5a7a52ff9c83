"""Markdown to the HTML subset Qt's rich text shows: fenced code highlighted by Pygments with
inline styles, tables, LaTeX math as image references, search terms highlighted.

Safety contract (the text may come from the user):
- raw HTML is never passed through: ``<script>`` arrives as the text "<script>";
- links keep their href only for ``http``, ``https``, ``mailto`` and the app's ``question:``,
  ``board:`` and ``note:`` schemes (and in-page ``#`` anchors); any other href is dropped;
- images keep their src only for the app's own ``mlmath:`` and ``board:`` schemes.
Math is returned as ``RenderedHtml.images`` (key -> SVG); the HTML refers to ``mlmath:KEY``.
"""
from __future__ import annotations

import html as _html
import re
import time
import xml.etree.ElementTree as etree  # noqa: N813 (the usual name)
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mlprep_desktop.rendering.math_svg import (
    MAX_FORMULA_CHARS,
    MathError,
    MathImage,
    MathTooLargeError,
    baseline_aligned,
    drawing_ready,
    is_cached,
    render_math,
)
from mlprep_desktop.rendering.render_theme import RenderTheme

if TYPE_CHECKING:
    import markdown

LINK_SCHEMES = frozenset({"http", "https", "mailto", "question", "board", "note"})
IMAGE_SCHEMES = frozenset({"mlmath", "board"})
_SKIP_HIGHLIGHT = frozenset({"pre", "code", "img"})


@dataclass
class RenderedHtml:
    html: str
    images: dict[str, MathImage] = field(default_factory=dict)
    # Formulas left as source because the render's math budget ran out: (latex, display, color).
    # Draw them (``prerender_math``) a few at a time, then render again.
    pending_math: tuple[tuple[str, bool, str], ...] = ()


class MarkdownRenderer:
    """Renders Markdown with one theme. Not thread-safe: one renderer per thread."""

    def __init__(self, theme: RenderTheme | None = None) -> None:
        self.theme = theme or RenderTheme()
        self._images: dict[str, MathImage] = {}
        self._terms: list[str] = []
        self._math_deadline: float | None = None
        self._pending: dict[tuple[str, bool, str], None] = {}
        self._parser: markdown.Markdown | None = None  # made on the first render (~50 ms: extensions, Pygments)

    @property
    def _md(self) -> markdown.Markdown:
        if self._parser is None:
            self._parser = self._new_parser()
        return self._parser

    def _new_parser(self) -> markdown.Markdown:
        # Python-Markdown and the app's extension are imported here, not at start-up. The
        # extensions are passed as objects: named by string, Markdown looks them up among the
        # entry points of every installed distribution first (importlib.metadata reads each
        # one's metadata: ~30 ms and the email package on the first render).
        import markdown
        from markdown.extensions.codehilite import CodeHiliteExtension
        from markdown.extensions.fenced_code import FencedCodeExtension
        from markdown.extensions.sane_lists import SaneListExtension
        from markdown.extensions.tables import TableExtension

        from mlprep_desktop.rendering.markdown_extensions import AppExtension

        return markdown.Markdown(
            extensions=[
                FencedCodeExtension(),
                TableExtension(),
                SaneListExtension(),
                CodeHiliteExtension(noclasses=True, pygments_style=self.theme.pygments_style,
                                    guess_lang=False, use_pygments=True),
                AppExtension(self),
            ],
            output_format="html",
        )

    def render(self, text: str, highlight: Iterable[str] = (), math_budget: float | None = None) -> RenderedHtml:
        """HTML for ``text``; words starting with any of ``highlight`` are marked.

        ``math_budget`` (seconds): once drawing new formulas has taken that long, the rest are
        shown as their source and listed in ``pending_math`` (the GUI draws them in slices and
        renders again), so a note with thousands of formulas never blocks for long. None: draw
        every formula now.

        Never raises for any text: what the Markdown parser cannot handle (absurd nesting
        depth, say) is shown as escaped plain text with a note."""
        self._math_deadline = None if math_budget is None else time.perf_counter() + math_budget
        self._pending = {}
        self._images = {}
        self._terms = [t for t in highlight if t]
        self._md.reset()
        try:
            html = self._md.convert(text or "")
        except (RecursionError, ValueError, IndexError) as exc:
            self._md.reset()
            self._images = {}
            return RenderedHtml(
                "<p><i>This text could not be formatted (%s); it is shown as written.</i></p><pre>%s</pre>"
                % (_html.escape(type(exc).__name__), _html.escape(text or ""))
            )
        # Pygments ends a block with a newline that Qt draws as an empty, shaded last line.
        html = _CODE_END.sub("</code></pre>", html)
        html = _CODE_BLOCK.sub(_boxed_code, html)
        return RenderedHtml(html, dict(self._images), tuple(self._pending))

    # used by the extension's processors
    def _math_element(self, latex: str, display: bool) -> etree.Element:
        color = self.theme.text_color
        if len(latex) > MAX_FORMULA_CHARS:  # never drawn: no need to wait for it
            return self._math_source(latex, display, f"This formula of {len(latex):,} characters is not drawn "
                                                     f"(the limit is {MAX_FORMULA_CHARS}); it is shown as written")
        # With a budget, a formula not drawn yet waits when the budget is spent, or when
        # drawing has not started in this process: loading ziamath and its font (~0.3 s) is
        # then done by whoever draws the pending formulas, not by this render.
        if (self._math_deadline is not None and not is_cached(latex, display, color)
                and (time.perf_counter() > self._math_deadline or not drawing_ready())):
            self._pending[(latex, display, color)] = None
            return self._math_source(latex, display, "This formula is being drawn")
        try:
            image = render_math(latex, display=display, color=color)
        except MathTooLargeError as exc:
            return self._math_source(latex, display, f"This {exc}")
        except MathError:
            return self._math_source(latex, display, "This formula could not be rendered")
        if not display:
            image = baseline_aligned(image, self.theme.x_height)
        self._images[image.key] = image
        img = etree.Element("img")
        img.set("src", f"mlmath:{image.key}")
        img.set("width", f"{image.width:.2f}")
        img.set("height", f"{image.height:.2f}")
        img.set("alt", latex)
        img.set("class", "math-display" if display else "math")
        img.set("style", "vertical-align: middle")
        return img


    @staticmethod
    def _math_source(latex: str, display: bool, why: str) -> etree.Element:
        from markdown.util import AtomicString

        code = etree.Element("code")
        code.text = AtomicString(("$$%s$$" if display else "$%s$") % latex)
        code.set("title", why)
        return code


def prerender_math(pending: Iterable[tuple[str, bool, str]], budget: float) -> list[tuple[str, bool, str]]:
    """Draw pending formulas into the cache for at most about ``budget`` seconds (one formula
    is bounded by ``MAX_FORMULA_CHARS``); returns those still to draw."""
    todo = list(pending)
    deadline = time.perf_counter() + budget
    done = 0
    while done < len(todo) and time.perf_counter() < deadline:
        latex, display, color = todo[done]
        done += 1
        try:
            render_math(latex, display=display, color=color)
        except MathError:
            pass  # shown as source when rendered again
    return todo[done:]


_CODE_END = re.compile(r"\n+</code></pre>")
_CODE_BLOCK = re.compile(r'<div class="codehilite" style="background: ([^";]*)"><pre style="[^"]*">(.*?)</pre></div>',
                         re.DOTALL)


def _boxed_code(m: re.Match) -> str:
    """A highlighted code block as a one-cell table. Qt paints a <pre>'s background line by
    line (pale stripes at blank lines, no padding) and cannot scroll one block sideways, so a
    long line widened the whole page; a table cell is one padded box whose lines wrap in it."""
    background = m.group(1)
    return (f'<table class="codehilite" width="100%" cellspacing="0" cellpadding="8" bgcolor="{background}" '
            f'style="background-color: {background}; margin-top: 6px; margin-bottom: 6px;"><tr><td>'
            f'<pre style="white-space: pre-wrap; margin: 0px; padding: 0px; background-color: {background};">'
            f'{m.group(2)}</pre></td></tr></table>')


# Inline Markdown (emphasis, links, escapes, math) costs time quadratic in a paragraph's length
# in Python-Markdown; a paragraph longer than this (a pasted wall of text) is shown as written.
MAX_BLOCK_CHARS = 5_000
# Of such a paragraph, this much is shown: Qt lays out one paragraph as a whole, ~0.5 ms per KB,
# so all of a pasted 350 KB line would stall the preview for a quarter of a second at each refresh.
MAX_SHOWN_CHARS = 20_000
