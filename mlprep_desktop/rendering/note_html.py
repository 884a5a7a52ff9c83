"""Notes as HTML: the live preview (whole, or a window of a long note with a per-piece
cache), the "Notes that link here" section under a question, and the export document.

Wiki links are resolved first (``core.note_links.wiki_to_markdown``); everything else goes
through ``MarkdownRenderer`` and keeps its safety contract. The export document is
self-contained: math SVG and board pictures are embedded as ``data:`` URIs, and in-app links
(``question:``, ``note:``, ``board:``) become plain text, since a browser cannot follow them.
"""
from __future__ import annotations

import base64
import html as html_lib
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from mlprep_desktop.core.note_chunks import split_chunks, window_around
from mlprep_desktop.core.note_links import link_text, wiki_to_markdown
from mlprep_desktop.core.note_models import Backlink
from mlprep_desktop.rendering.markdown_html import MarkdownRenderer, RenderedHtml
from mlprep_desktop.rendering.math_svg import MathImage

LARGE_NOTE_CHARS = 120_000  # above this the preview shows a window around the editor's position
WINDOW_CHARS = 12_000  # about three screens of text
PREVIOUS_PART = "previous-part"  # in-page anchors of a window's navigation links
NEXT_PART = "next-part"
_CACHE_SIZE = 400


@dataclass
class NotePreviewHtml:
    html: str
    images: dict[str, MathImage] = field(default_factory=dict)
    partial: bool = False  # only lines first_line..last_line are shown
    first_line: int = 0
    last_line: int = 0
    total_lines: int = 0
    pending_math: tuple[tuple[str, bool, str], ...] = ()  # see RenderedHtml.pending_math


class NoteRenderer:
    """Renders note text for the preview. Not thread-safe (it owns a ``MarkdownRenderer``)."""

    def __init__(
        self,
        renderer: MarkdownRenderer,
        titles: Mapping[str, str] | None = None,
        board_exists: Callable[[str], bool] | None = None,
    ) -> None:
        self._renderer = renderer
        self._titles: Mapping[str, str] = titles or {}
        self._board_exists = board_exists
        self._cache: OrderedDict[str, RenderedHtml] = OrderedDict()

    def set_titles(self, titles: Mapping[str, str]) -> None:
        self._titles = titles
        self._cache.clear()

    def set_renderer(self, renderer: MarkdownRenderer) -> None:
        self._renderer = renderer
        self._cache.clear()

    def clear_cache(self) -> None:
        """Forget rendered pieces (call when boards or question titles changed)."""
        self._cache.clear()

    def markdown(self, text: str) -> str:
        return wiki_to_markdown(text, self._titles, self._board_exists)

    def render_full(self, text: str, math_budget: float | None = None) -> RenderedHtml:
        return self._renderer.render(self.markdown(text), math_budget=math_budget)

    def render(self, text: str, around_line: int = 0, math_budget: float | None = None) -> NotePreviewHtml:
        """The whole note, or for a long note the pieces around ``around_line`` (0-based).
        ``math_budget``: as for ``MarkdownRenderer.render`` (formulas left pending are listed);
        for a long note it is shared by the pieces (each had a budget of its own: three pieces
        of 10,000 formulas took ~3 x 45 ms drawing in one render)."""
        steps = self.render_steps(text, around_line, math_budget)
        while True:
            try:
                next(steps)
            except StopIteration as done:
                return done.value

    def render_steps(self, text: str, around_line: int = 0,
                     math_budget: float | None = None) -> Generator[None, None, NotePreviewHtml]:
        """``render`` a step at a time: for a long note the generator yields after cutting it
        into pieces and after each piece of the window, so a caller can spread the work over
        turns of the event loop; its return value is what ``render`` returns. The math budget
        counts only the time spent in the steps."""
        total = text.count("\n") + 1
        if len(text) <= LARGE_NOTE_CHARS:
            full = self.render_full(text, math_budget)
            return NotePreviewHtml(full.html, full.images, False, 0, total - 1, total, full.pending_math)
        spent = 0.0
        started = time.perf_counter()
        chunks = split_chunks(text)
        first, last = window_around(chunks, around_line, WINDOW_CHARS)
        parts: list[str] = []
        images: dict[str, MathImage] = {}
        pending: dict[tuple[str, bool, str], None] = {}
        for chunk in chunks[first:last + 1]:
            spent += time.perf_counter() - started
            yield
            started = time.perf_counter()
            budget = None if math_budget is None else max(0.0, math_budget - spent)
            rendered = self._cached(chunk.text, budget)
            parts.append(f'<a name="line-{chunk.first_line}"></a>{rendered.html}')
            images.update(rendered.images)
            pending.update(dict.fromkeys(rendered.pending_math))
        first_line, last_line = chunks[first].first_line, chunks[last].last_line
        if first > 0:
            parts.insert(0, f'<p align="center"><a href="#{PREVIOUS_PART}">▲ Earlier part (lines 1–{first_line})</a></p>')
        if last < len(chunks) - 1:
            parts.append(f'<p align="center"><a href="#{NEXT_PART}">▼ Later part (lines {last_line + 2}–{total})</a></p>')
        return NotePreviewHtml("\n".join(parts), images, True, first_line, last_line, total, tuple(pending))

    def _cached(self, text: str, math_budget: float | None = None) -> RenderedHtml:
        hit = self._cache.get(text)
        if hit is not None:
            self._cache.move_to_end(text)
            return hit
        rendered = self.render_full(text, math_budget)
        if rendered.pending_math:
            return rendered  # not final: rendered again once its formulas are drawn
        self._cache[text] = rendered
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return rendered


def backlinks_markdown(backlinks: Sequence[Backlink], heading: str = "Notes that link here") -> str:
    """A Markdown section listing notes with ``note:ID`` links ('' when there are none)."""
    if not backlinks:
        return ""
    lines = []
    for link in backlinks:
        mark = " *(this question's own note)*" if link.own else ""
        lines.append(f"- [{link_text(link.title)}](note:{link.note_id}){mark}")
    return f"\n\n### {heading}\n\n" + "\n".join(lines) + "\n"


@dataclass(frozen=True)
class ExportSection:
    title: str
    meta: str  # e.g. tags and dates, shown small under the title
    rendered: RenderedHtml


_APP_LINK = re.compile(r'<a href="(?:question|note|board):([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)
_MATH_SRC = re.compile(r'src="mlmath:([0-9a-f]+)"')
_BOARD_IMG = re.compile(r'<img([^>]*?)src="board:([^"]*)"([^>]*)>')
_ALT = re.compile(r'alt="([^"]*)"')

_EXPORT_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 52em; margin: 2em auto;
       padding: 0 1em; line-height: 1.5; color: #1a1a1a; }
h1 { border-bottom: 1px solid #ddd; padding-bottom: .2em; }
.meta { color: #666; font-size: .9em; margin-top: -.6em; }
pre { background: #f6f6f6; padding: .6em; overflow-x: auto; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .25em .5em; }
img.math-display { display: block; margin: .5em auto; } img.math { vertical-align: middle; }
.app-link { border-bottom: 1px dotted #888; }
article + article { margin-top: 3em; }
"""


def export_html(
    heading: str,
    sections: Iterable[ExportSection],
    board_png: Callable[[str], bytes | None] | None = None,
) -> str:
    """One self-contained HTML document with every section rendered."""
    sections = list(sections)
    body: list[str] = []
    if len(sections) > 1:
        items = "".join(f'<li><a href="#note-{i}">{html_lib.escape(s.title)}</a></li>' for i, s in enumerate(sections))
        body.append(f"<nav><h2>Contents</h2><ol>{items}</ol></nav>")
    for i, section in enumerate(sections):
        content = _embed(section.rendered, board_png)
        meta = f'<p class="meta">{html_lib.escape(section.meta)}</p>' if section.meta else ""
        body.append(f'<article id="note-{i}"><h1>{html_lib.escape(section.title)}</h1>{meta}\n{content}</article>')
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html_lib.escape(heading)}</title>\n<style>{_EXPORT_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _embed(rendered: RenderedHtml, board_png: Callable[[str], bytes | None] | None) -> str:
    def math(match: re.Match) -> str:
        image = rendered.images.get(match.group(1))
        if image is None:
            return match.group(0)
        data = base64.b64encode(image.svg.encode("utf-8")).decode("ascii")
        return f'src="data:image/svg+xml;base64,{data}"'

    def board(match: re.Match) -> str:
        from urllib.parse import unquote

        name = unquote(html_lib.unescape(match.group(2)))
        png = board_png(name) if board_png is not None else None
        if png is None:
            return f"<em>[board {html_lib.escape(name)} not found]</em>"
        data = base64.b64encode(png).decode("ascii")
        attrs = _ALT.sub("", match.group(1) + match.group(3)).strip(" /")
        return f'<img alt="{html_lib.escape(name)}" src="data:image/png;base64,{data}" {attrs} style="max-width: 100%">'

    html = _MATH_SRC.sub(math, rendered.html)
    html = _BOARD_IMG.sub(board, html)
    return _APP_LINK.sub(lambda m: f'<span class="app-link" title="{m.group(1)}">{m.group(2)}</span>', html)
